using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;
using Xunit.Abstractions;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// A child process commits in a loop and reports each commit on standard output; the test kills it (SIGKILL) at a
/// random point, reopens the file and checks it against the reports.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Seed = 20_240_501;
    private const int Kills = 12;

    private readonly TempDirectory _temp = new();
    private readonly ITestOutputHelper _output;

    public CrashTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void KilledInTheMiddleOfTransactions_KeepsEveryReportedCommit_AndNothingPartial()
    {
        string file = _temp.File("crash.db");
        var random = new Random(Seed);
        var reported = new SortedSet<long>();
        int unreportedButPresent = 0, killedInsideATransaction = 0;

        for (int round = 0; round < Kills; round++)
        {
            int itemsPerCommit = random.Next(5, 60);
            int killAfter = random.Next(3, 40);
            string context = $"seed {Seed}, round {round}, {itemsPerCommit} items per commit, kill after {killAfter} commits";
            using (ChildProcess child = ChildProcess.Start(["crash", file, itemsPerCommit.ToString()]))
            {
                Assert.StartsWith("ready ", child.ReadLine() ?? "(no output)", StringComparison.Ordinal);
                int seen = 0;
                while (true)
                {
                    string? line = child.ReadLine();
                    Assert.True(line is not null, $"{context}: the child stopped early");
                    if (line.StartsWith("commit ", StringComparison.Ordinal))
                    {
                        reported.Add(long.Parse(line["commit ".Length..]));
                        seen++;
                    }
                    else if (seen >= killAfter && line.StartsWith("open ", StringComparison.Ordinal))
                    {
                        // Half of the next transaction is written and not committed: kill the process now.
                        break;
                    }
                }

                child.Kill();
            }

            using var engine = Engine.Create("sqlite:///" + file);
            using Connection conn = engine.Connect();
            Assert.Equal("ok", conn.Execute(Sql.Text("PRAGMA integrity_check")).Scalar<string>());
            var commits = conn.Execute(Sql.Text(
                "select CommitId, count(*), max(ItemsInCommit), count(distinct Item) from crash_rows group by CommitId order by CommitId")).All();
            var present = new SortedSet<long>();
            foreach (Row row in commits)
            {
                long commitId = row.Get<long>(0);
                present.Add(commitId);
                Assert.True(
                    row.Get<long>(1) == row.Get<long>(2) && row.Get<long>(3) == row.Get<long>(2),
                    $"{context}: commit {commitId} has {row.Get<long>(1)} of its {row.Get<long>(2)} rows");
            }

            Assert.True(reported.IsSubsetOf(present), $"{context}: reported commits missing: {string.Join(", ", reported.Except(present))}");

            // At most the one commit that finished after its last report (killed before printing) may be there unreported.
            long[] extra = present.Except(reported).ToArray();
            Assert.True(extra.Length <= 1 && extra.All(id => id == reported.Max + 1), $"{context}: unexpected commits {string.Join(", ", extra)}");
            unreportedButPresent += extra.Length;
            killedInsideATransaction += extra.Length == 0 ? 1 : 0;
            reported.UnionWith(extra);
        }

        // The kill is meant to land inside an open transaction; if it never did, the test would prove little.
        Assert.True(killedInsideATransaction > Kills / 2, $"seed {Seed}: only {killedInsideATransaction} of {Kills} kills landed inside a transaction");
        _output.WriteLine($"{Kills} SIGKILLs survived (seed {Seed}): {reported.Count} commits kept, 0 lost, 0 partial, integrity_check ok after each; " +
            $"{killedInsideATransaction} kills landed inside a half-written transaction (rolled back), {unreportedButPresent} just after a commit");
    }
}
