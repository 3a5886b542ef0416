using GenOrm.Tests.Helpers;
using Xunit.Abstractions;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// A database on a small tmpfs that fills up in the middle of a transaction (root only: mounting needs it). Whatever
/// SQLite does on <c>SQLITE_FULL</c> — undo the statement, or the whole transaction — GenOrm never reports a commit of
/// work that is gone.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ITestOutputHelper _output;
    private readonly string _mount;
    private bool _mounted;

    public FullDiskTests(ITestOutputHelper output)
    {
        _output = output;
        _mount = _temp.File("small-disk");
        Directory.CreateDirectory(_mount);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_mounted)
        {
            Run("umount", _mount);
        }

        _temp.Dispose();
    }

    [RootFact]
    [Trait("Category", "Reliability")]
    public void DiskFullInTheMiddleOfATransaction_NeverCommitsSilentlyWhatSQLiteRolledBack()
    {
        Run("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", _mount);
        _mounted = true;
        using var engine = Engine.Create("sqlite:///" + Path.Combine(_mount, "full.db"), new EngineOptions { UseWal = false });
        using (Connection setup = engine.Connect())
        {
            LedgerEntry.CreateTable(setup);
            LedgerEntry.Insert(setup, new LedgerEntry { Code = "committed", Note = "before" });
            setup.Commit();
        }

        using Connection conn = engine.Connect();
        string payload = new('x', 4_000);
        int inserted = 0;
        GenOrmException? full = null;
        while (full is null && inserted < 1_000)
        {
            try
            {
                LedgerEntry.Insert(conn, new LedgerEntry { Code = "row-" + inserted, Note = payload });
                inserted++;
            }
            catch (GenOrmException e)
            {
                full = e;
            }
        }

        Assert.NotNull(full);
        Assert.Equal(13, full.SqliteErrorCode);
        Assert.True(inserted > 0, "the disk filled up before the transaction did any work");
        bool rolledBackBySqlite = !conn.InTransaction;
        _output.WriteLine($"disk full after {inserted} inserts; SQLite rolled back the {(rolledBackBySqlite ? "whole transaction" : "statement only")}");

        if (rolledBackBySqlite)
        {
            var refused = Assert.Throws<PendingRollbackException>(() => conn.Commit());
            Assert.StartsWith("This connection's transaction was rolled back by SQLite after an error (SQLite Error 13: ", refused.Message, StringComparison.Ordinal);
            Assert.Throws<PendingRollbackException>(() => LedgerEntry.Insert(conn, new LedgerEntry { Code = "after" }));
            conn.Rollback();
            Assert.Equal(["committed"], LedgerEntry.GetAll(conn).Select(e => e.Code));
        }
        else
        {
            conn.Commit();
            Assert.Equal(inserted + 1, LedgerEntry.GetAll(conn).Count);
        }
    }

    private static void Run(string program, params string[] arguments) => ReadOnlyMount.Run(program, arguments);
}
