using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Postgres;
using Xunit.Abstractions;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// A child process makes a seeded number of commits, reporting each on standard output, then stops at a chosen point
/// and waits there; the test kills it (SIGKILL) only once it has said it is waiting, reopens the file and checks it
/// against the reports. Because the child cannot move on before the kill, the verdicts hold however the machine
/// schedules the two processes. On PostgreSQL the child is a client of the throwaway server, killed with its
/// transaction open: the server must keep every reported commit and drop the half-written transaction.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashTests : IDisposable
{
    private const int Seed = 20_240_501;
    private const int Kills = 12;

    private readonly TempDirectory _temp = new();
    private readonly ITestOutputHelper _output;

    private readonly PostgresFixture _postgres;

    public CrashTests(ITestOutputHelper output, PostgresFixture postgres)
    {
        _output = output;
        _postgres = postgres;
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(GeneratedCrudContractTests.Databases), MemberType = typeof(GeneratedCrudContractTests))]
    public void KilledInTheMiddleOfTransactions_KeepsEveryReportedCommit_AndNothingPartial(string database)
    {
        string file = Target(database, "crash.db");
        var random = new Random(Seed);
        var reported = new SortedSet<long>();

        for (int round = 0; round < Kills; round++)
        {
            int itemsPerCommit = random.Next(5, 60);
            int killAfter = random.Next(3, 40);
            string context = $"seed {Seed}, round {round}, {itemsPerCommit} items per commit, kill after {killAfter} commits";
            long first = NextCommitId(reported);
            using (ChildProcess child = ChildProcess.Start(["crash", file, itemsPerCommit.ToString(), killAfter.ToString(), "open"]))
            {
                Assert.Equal($"ready {first}", child.ReadLine() ?? "(no output)");
                for (long id = first; id < first + killAfter; id++)
                {
                    Assert.Equal($"commit {id}", child.ReadLine() ?? $"(no output: {context})");
                    reported.Add(id);
                }

                // The child has written half of the next transaction and waits, uncommitted, until it is killed.
                Assert.Equal($"waiting {first + killAfter}", child.ReadLine() ?? $"(no output: {context})");
                Assert.False(child.HasExited, $"{context}: the child exited instead of waiting");
                child.Kill();
            }

            SortedSet<long> present = CheckFile(file, context);
            Assert.True(
                present.SetEquals(reported),
                $"{context}: reported commits missing: {string.Join(", ", reported.Except(present))}; " +
                $"unreported commits present: {string.Join(", ", present.Except(reported))}");
        }

        _output.WriteLine($"{database}: {Kills} SIGKILLs survived (seed {Seed}): {reported.Count} reported commits kept, 0 lost, 0 partial, " +
            $"integrity_check ok after each (SQLite); all {Kills} half-written transactions rolled back");
    }

    [Theory]
    [MemberData(nameof(GeneratedCrudContractTests.Databases), MemberType = typeof(GeneratedCrudContractTests))]
    public void KilledWhileCommitting_KeepsEveryReportedCommit_AndTheInFlightOneWholeOrNotAtAll(string database)
    {
        string file = Target(database, "committing.db");
        var random = new Random(Seed + 1);
        var reported = new SortedSet<long>();
        int inFlightKept = 0, inFlightRolledBack = 0, inFlightReported = 0;

        for (int round = 0; round < Kills; round++)
        {
            int itemsPerCommit = random.Next(5, 60);
            int killAfter = random.Next(3, 40);
            string context = $"seed {Seed + 1}, round {round}, {itemsPerCommit} items per commit, kill at commit {killAfter + 1}";
            long first = NextCommitId(reported);
            long inFlight = first + killAfter;
            using (ChildProcess child = ChildProcess.Start(["crash", file, itemsPerCommit.ToString(), killAfter.ToString(), "commit"]))
            {
                Assert.Equal($"ready {first}", child.ReadLine() ?? "(no output)");
                for (long id = first; id < inFlight; id++)
                {
                    Assert.Equal($"commit {id}", child.ReadLine() ?? $"(no output: {context})");
                    reported.Add(id);
                }

                // The child announced its last COMMIT and calls it now: kill it without waiting, so the kill lands just
                // before, inside or just after that COMMIT. The child stops after it, so nothing else can be in flight.
                Assert.Equal($"committing {inFlight}", child.ReadLine() ?? $"(no output: {context})");
                child.Kill();

                // What the child printed before it died is still in the pipe.
                string? line = child.ReadLine();
                if (line is not null)
                {
                    Assert.Equal($"commit {inFlight}", line);
                    reported.Add(inFlight);
                    inFlightReported++;
                    line = child.ReadLine();
                    Assert.True(line is null || line == $"waiting {inFlight}", $"{context}: unexpected output '{line}'");
                    Assert.Null(child.ReadLine());
                }
            }

            SortedSet<long> present = CheckFile(file, context);
            Assert.True(reported.IsSubsetOf(present), $"{context}: reported commits missing: {string.Join(", ", reported.Except(present))}");
            long[] extra = present.Except(reported).ToArray();
            Assert.True(extra.Length == 0 || (extra.Length == 1 && extra[0] == inFlight), $"{context}: unexpected commits {string.Join(", ", extra)}");
            if (present.Contains(inFlight))
            {
                inFlightKept++;
                reported.Add(inFlight);
            }
            else
            {
                inFlightRolledBack++;
            }
        }

        _output.WriteLine($"{database}: {Kills} SIGKILLs during COMMIT survived (seed {Seed + 1}): {reported.Count} commits kept, 0 lost, 0 partial, " +
            $"integrity_check ok after each; the in-flight commit was kept {inFlightKept} times ({inFlightReported} of them reported " +
            $"before the kill) and rolled back {inFlightRolledBack} times");
    }

    /// <summary>The id the next child starts from: one past the highest commit in the file.</summary>
    private static long NextCommitId(SortedSet<long> kept) => kept.Count == 0 ? 1 : kept.Max + 1;

    /// <summary>What the child writes to: a new file on SQLite, a new database's URL on PostgreSQL.</summary>
    private string Target(string database, string fileName) =>
        database == "sqlite" ? _temp.File(fileName) : _postgres.CreateDatabase().Url;

    /// <summary>Checks the database's integrity (SQLite's file) and that every commit in it is whole; returns the commits it holds.</summary>
    private static SortedSet<long> CheckFile(string target, string context)
    {
        bool postgres = target.StartsWith("postgresql://", StringComparison.Ordinal);
        using var engine = Engine.Create(postgres ? target : "sqlite:///" + target);
        using Connection conn = engine.Connect();
        if (!postgres)
        {
            Assert.Equal("ok", conn.Execute(Sql.Text("PRAGMA integrity_check")).Scalar<string>());
        }

        var commits = conn.Execute(Sql.Text(
            "select \"CommitId\", count(*), max(\"ItemsInCommit\"), count(distinct \"Item\") from crash_rows group by \"CommitId\" order by \"CommitId\"")).All();
        var present = new SortedSet<long>();
        foreach (Row row in commits)
        {
            long commitId = row.Get<long>(0);
            present.Add(commitId);
            Assert.True(
                row.Get<long>(1) == row.Get<long>(2) && row.Get<long>(3) == row.Get<long>(2),
                $"{context}: commit {commitId} has {row.Get<long>(1)} of its {row.Get<long>(2)} rows");
        }

        return present;
    }
}
