using GenOrm.Migrations;
using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Reliability;

namespace GenOrm.Tests.Migrations;

/// <summary>
/// Migrations across processes, on a real file: a SIGKILL inside a table rebuild, and two processes migrating one file
/// at once. Each child says where it is on standard output and then waits on standard input, so the kill and the
/// overlap land where the test says, however the machine schedules the processes: no sleeps, no timing verdicts.
/// </summary>
public sealed class MigrationProcessTests : IDisposable
{
    private const int Rows = 2_000;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string CreateV1File()
    {
        string file = _temp.File("migrate.db");
        using var engine = Engine.Create("sqlite:///" + file);
        using Connection connection = engine.Connect();
        MigrationSchema.MigrateToV1(connection);
        connection.Execute(
            Sql.Text("INSERT INTO items (Label, Amount) VALUES (:label, :amount)"),
            Enumerable.Range(1, Rows).Select(i => new Params { { "label", "item " + i + " é" }, { "amount", (i * 7 - 5000).ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
        connection.Commit();
        return file;
    }

    private static List<(long Id, string Label, string Amount)> Items(Engine engine)
    {
        using Connection connection = engine.Connect();
        return connection.Execute(Sql.Text("SELECT Id, Label, CAST(Amount AS TEXT) FROM items ORDER BY Id"))
            .Select(r => (r.Get<long>(0), r.Get<string>(1), r.Get<string>(2))).ToList();
    }

    private static void AssertIntact(Engine engine)
    {
        Assert.Equal("[('ok',)]", engine.Rows("PRAGMA integrity_check"));
        Assert.Equal("[]", engine.Rows("PRAGMA foreign_key_check"));
    }

    [Fact]
    public void KilledInsideATableRebuild_LeavesThePreviousVersionIntact_AndTheNextMigrateFinishes()
    {
        string file = CreateV1File();
        List<(long, string, string)> before;
        using (var engine = Engine.Create("sqlite:///" + file))
        {
            before = Items(engine);
        }

        using (ChildProcess child = ChildProcess.Start(["migrate-crash", file]))
        {
            Assert.Equal("in-rebuild", child.ReadLine() ?? "(no output) " + child.WaitForExit(ChildProcess.HangGuard).Error);
            Assert.False(child.HasExited);
            child.Kill();
        }

        using (var engine = Engine.Create("sqlite:///" + file))
        {
            Assert.Equal("[(1,)]", engine.Rows("PRAGMA user_version"));
            using (Connection connection = engine.Connect())
            {
                SchemaReport report = SchemaVerifier.Verify(connection, MigrationSchema.V1);
                Assert.True(report.IsMatch, report.ToString());
            }

            Assert.Equal(before, Items(engine));
            Assert.Equal("[('text',)]", engine.Rows("SELECT DISTINCT typeof(Amount) FROM items"));
            AssertIntact(engine);

            int hooks = 0;
            using (Connection connection = engine.Connect())
            {
                MigrationSchema.MigrateToV2(connection, _ => hooks++);
                Assert.True(SchemaVerifier.Verify(connection, MigrationSchema.V2).IsMatch);
            }

            Assert.Equal(1, hooks);
            Assert.Equal("[(2,)]", engine.Rows("PRAGMA user_version"));
            Assert.Equal(before, Items(engine));
            Assert.Equal("[('integer',)]", engine.Rows("SELECT DISTINCT typeof(Amount) FROM items"));
            Assert.Equal("[]", engine.Rows("SELECT name FROM sqlite_master WHERE name = 'new_items'"));
            AssertIntact(engine);
        }
    }

    [Fact]
    public void TwoProcessesMigratingOneFile_ApplyEachStepOnce_TheOtherWaitsAndSeesTheNewVersion()
    {
        string file = CreateV1File();
        List<(long, string, string)> before;
        using (var engine = Engine.Create("sqlite:///" + file))
        {
            before = Items(engine);
        }

        using (ChildProcess first = ChildProcess.Start(["migrate-race", file, "first"]))
        using (ChildProcess second = ChildProcess.Start(["migrate-race", file, "second"]))
        {
            first.ExpectLine("ready");
            second.ExpectLine("ready");

            first.WriteLine("go");
            Assert.Equal("saw 1", first.ReadLine());

            // The first holds the write lock inside the step, uncommitted, until it reads "continue".
            Assert.Equal("in-hook", first.ReadLine());

            // The second starts while the first is inside its step: it still sees v1, then waits for the write lock.
            // "continue" is queued for it too, so that if its hook ever ran (it must not) it would not hang.
            second.WriteLine("go");
            second.WriteLine("continue");
            Assert.Equal("saw 1", second.ReadLine());

            first.WriteLine("continue");
            Assert.Equal("migrated 2 hooks 1", first.ReadLine());
            Assert.Equal("migrated 2 hooks 0", second.ReadLine());
            var (firstExit, _, firstError) = first.WaitForExit(ChildProcess.HangGuard);
            var (secondExit, _, secondError) = second.WaitForExit(ChildProcess.HangGuard);
            Assert.True(firstExit == 0, firstError);
            Assert.True(secondExit == 0, secondError);
        }

        using (var engine = Engine.Create("sqlite:///" + file))
        {
            Assert.Equal("[('first',)]", engine.Rows("SELECT Process FROM runs"));
            Assert.Equal("[(2,)]", engine.Rows("PRAGMA user_version"));
            Assert.Equal(before, Items(engine));
            AssertIntact(engine);
        }
    }
}
