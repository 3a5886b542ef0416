using GenOrm.Tests.Helpers;
using GenOrm.Tests.Reliability;

namespace GenOrm.Tests.Core;

/// <summary>
/// The engine keeps its open SQLite connections, with their prepared statements, from one <c>Connect()</c> to the
/// next: a request that connects, runs a lookup and disposes reuses both, and nothing of one user's connection state
/// (a transaction, a lent statement, foreign keys turned off) reaches the next.
/// </summary>
public sealed class ConnectionPoolTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;

    public ConnectionPoolTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("pool.db"));
        using Connection setup = _engine.Connect();
        LedgerEntry.CreateTable(setup);
        for (int i = 0; i < 5; i++)
        {
            LedgerEntry.Insert(setup, new LedgerEntry { Code = "code-" + i, Amount = i, Note = "note-" + i });
        }

        setup.Commit();
    }

    public void Dispose()
    {
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void ConnectAfterDispose_ReusesTheOpenConnection()
    {
        Microsoft.Data.Sqlite.SqliteConnection first;
        using (Connection conn = _engine.Connect())
        {
            first = conn.DbConnection;
            Assert.Equal(3, LedgerEntry.GetByCode(conn, "code-3")!.Amount);
        }

        using Connection again = _engine.Connect();
        Assert.Same(first, again.DbConnection);
        Assert.Equal(System.Data.ConnectionState.Open, again.DbConnection.State);
        Assert.Equal(4, LedgerEntry.GetByCode(again, "code-4")!.Amount);
    }

    [Fact]
    public void UncommittedWork_NeverReachesTheNextUserOfTheConnection()
    {
        using (Connection conn = _engine.Connect())
        {
            LedgerEntry.Insert(conn, new LedgerEntry { Code = "uncommitted" });
            Assert.True(conn.InTransaction);
        }

        using Connection next = _engine.Connect();
        Assert.False(next.InTransaction);
        Assert.Null(LedgerEntry.GetByCode(next, "uncommitted"));
        Assert.Equal(5L, _engine.Count("ledger"));
    }

    [Fact]
    public void ForeignKeysTurnedOffByOneUser_AreEnforcedForTheNext()
    {
        using (Connection conn = _engine.Connect())
        {
            conn.Execute(Sql.Text("create table parent (id integer primary key)"));
            conn.Execute(Sql.Text("create table child (id integer primary key, parent_id integer references parent (id))"));
            conn.Commit();
            conn.Execute(Sql.Text("PRAGMA foreign_keys = OFF"));
        }

        using Connection next = _engine.Connect();
        Assert.Equal(1L, next.Execute(Sql.Text("PRAGMA foreign_keys")).Scalar<long>());
        Assert.Throws<ConstraintViolationException>(() => next.Execute(Sql.Text("insert into child values (1, 42)")));
    }

    [Fact]
    public void AnotherConnectionsSchemaChange_IsSeenByTheCachedStatements()
    {
        Connection first = _engine.Connect();
        Assert.Equal(5, LedgerEntry.GetAll(first).Count);
        first.Dispose();

        using (Connection holder = _engine.Connect())
        using (Connection other = _engine.Connect())
        {
            // holder took the pooled connection; other is a new one, whose DDL changes the table under the cache.
            Assert.NotSame(holder.DbConnection, other.DbConnection);
            other.Execute(Sql.Text("drop table ledger"));
            other.Execute(Sql.Text("create table ledger (Note text not null, Amount integer not null, Code text not null unique, Id integer primary key autoincrement)"));
            other.Execute(Sql.Text("insert into ledger (Note, Amount, Code) values ('n', 7, 'fresh')"));
            other.Commit();

            LedgerEntry only = Assert.Single(LedgerEntry.GetAll(holder));
            Assert.Equal(("fresh", 7, "n"), (only.Code, only.Amount, only.Note));
            LedgerEntry.Insert(holder, new LedgerEntry { Code = "after", Amount = 8, Note = "m" });
            Assert.Equal(8, LedgerEntry.GetByCode(holder, "after")!.Amount);
        }
    }

    [Fact]
    public void StreamLeftOpenWhenItsConnectionIsDisposed_CannotReadOnAndDoesNotDisturbTheNextUser()
    {
        Connection conn = _engine.Connect();
        IEnumerator<LedgerEntry> stream = LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream().GetEnumerator();
        Assert.True(stream.MoveNext());
        Assert.Equal("code-0", stream.Current.Code);
        conn.Dispose();

        using Connection next = _engine.Connect();
        Assert.Same(conn.DbConnection, next.DbConnection);
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => "code-" + i),
            LedgerEntry.Query(next).OrderBy(LedgerEntry.Columns.Id).Stream().Select(e => e.Code).ToList());

        Assert.Throws<ObjectDisposedException>(() => stream.MoveNext());
        stream.Dispose();
        Assert.Equal(5, LedgerEntry.Query(next).OrderBy(LedgerEntry.Columns.Id).All().Count);
    }

    [Fact]
    public void PooledConnectionThatOnlyRead_DoesNotPinTheWal()
    {
        using (Connection reader = _engine.Connect())
        {
            Assert.Equal(5, LedgerEntry.GetAll(reader).Count);
        }

        using Connection writer = _engine.Connect();
        for (int i = 0; i < 200; i++)
        {
            LedgerEntry.Insert(writer, new LedgerEntry { Code = "w" + i, Note = new string('x', 1_000) });
        }

        writer.Commit();

        // (busy, log frames, checkpointed frames): busy 0 and every frame checkpointed, so no reader holds an old
        // snapshot — the idle pooled connection ended its read transaction when it was disposed.
        Row checkpoint = writer.Execute(Sql.Text("PRAGMA wal_checkpoint(TRUNCATE)")).One();
        Assert.Equal((0L, 0L, 0L), (checkpoint.Get<long>(0), checkpoint.Get<long>(1), checkpoint.Get<long>(2)));
    }

    [Fact]
    public void EngineDispose_ClosesItsIdleConnections()
    {
        var engine = Engine.Create(_temp.SqliteUrl("closing.db"));
        Microsoft.Data.Sqlite.SqliteConnection physical;
        using (Connection conn = engine.Connect())
        {
            physical = conn.DbConnection;
            conn.Execute(Sql.Text("create table t (x integer)"));
            conn.Commit();
        }

        Assert.Equal(System.Data.ConnectionState.Open, physical.State);
        engine.Dispose();
        Assert.Equal(System.Data.ConnectionState.Closed, physical.State);
    }

    [Fact]
    public void ConnectionWhoseDbConnectionTheUserClosed_IsNotReused()
    {
        Microsoft.Data.Sqlite.SqliteConnection closed;
        using (Connection conn = _engine.Connect())
        {
            closed = conn.DbConnection;
            closed.Close();
        }

        using Connection next = _engine.Connect();
        Assert.NotSame(closed, next.DbConnection);
        Assert.Equal(5, LedgerEntry.GetAll(next).Count);
    }
}
