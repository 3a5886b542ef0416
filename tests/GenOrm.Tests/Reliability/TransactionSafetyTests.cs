using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Reliability;

/// <summary>Work that is not committed is never kept, and the error that stopped it is the one the caller sees.</summary>
public sealed class TransactionSafetyTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;

    public TransactionSafetyTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("tx.db"));
        _engine.Begin(conn => ReliabilityRow.CreateTable(conn));
    }

    public void Dispose()
    {
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Dispose_WithOpenTransaction_RollsBack()
    {
        using (Connection conn = _engine.Connect())
        {
            ReliabilityRow.Insert(conn, NewRow(1));
            Assert.True(conn.InTransaction);
        }

        Assert.Equal(0L, _engine.Count("reliability_rows"));
    }

    [Fact]
    public void ExceptionInsideBegin_RollsBack_AndRethrowsTheSameException()
    {
        var thrown = new InvalidOperationException("the work failed");

        var caught = Assert.Throws<InvalidOperationException>(() => _engine.Begin(conn =>
        {
            ReliabilityRow.Insert(conn, NewRow(1));
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(0L, _engine.Count("reliability_rows"));
    }

    [Fact]
    public void ExceptionInsideBeginOfT_RollsBack_AndRethrowsTheSameException()
    {
        var thrown = new FormatException("bad input");

        var caught = Assert.Throws<FormatException>(() => _engine.Begin<int>(conn =>
        {
            ReliabilityRow.Insert(conn, NewRow(1));
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(0L, _engine.Count("reliability_rows"));
    }

    [Fact]
    public async Task ExceptionInsideBeginAsync_RollsBack_AndRethrowsTheSameException()
    {
        var thrown = new TimeoutException("slow");

        var caught = await Assert.ThrowsAsync<TimeoutException>(() => _engine.BeginAsync(async conn =>
        {
            ReliabilityRow.Insert(conn, NewRow(1));
            await Task.Yield();
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(0L, _engine.Count("reliability_rows"));
    }

    [Fact]
    public void DatabaseErrorInsideBegin_IsRethrownUnchanged_AndEarlierWritesRolledBack()
    {
        GenOrmException? inner = null;

        var caught = Assert.Throws<GenOrmException>(() => _engine.Begin(conn =>
        {
            ReliabilityRow.Insert(conn, NewRow(1));
            try
            {
                conn.Execute(Sql.Text("insert into no_such_table values (1)"));
            }
            catch (GenOrmException e)
            {
                inner = e;
                throw;
            }
        }));

        Assert.Same(inner, caught);
        Assert.Equal(
            "SQLite rejected a statement on table 'no_such_table': no such table: no_such_table. SQL: insert into no_such_table values (1)",
            caught.Message);
        Assert.Equal(0L, _engine.Count("reliability_rows"));
    }

    [Fact]
    public void ExceptionInsideBegin_WhileAnotherThreadStillUsesTheConnection_IsStillTheOneRethrown()
    {
        var thrown = new InvalidOperationException("the work failed");
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Thread? leaked = null;

        var caught = Assert.Throws<InvalidOperationException>(() => _engine.Begin(conn =>
        {
            // The work leaks its connection to a thread that is still inside it when the work throws.
            leaked = new Thread(() => conn.Execute(
                Sql.Text("insert into reliability_rows (Writer, Seq, Batch, BatchSize, Payload) values (:w, 0, 0, 1, 'p')"),
                Blocking(inside, release)));
            leaked.Start();
            inside.Wait();
            throw thrown;
        }));

        release.Set();
        leaked!.Join();
        Assert.Same(thrown, caught);
    }

    [Fact]
    public void CommittedWork_SurvivesALaterRollback()
    {
        using Connection conn = _engine.Connect();
        ReliabilityRow.Insert(conn, NewRow(1));
        conn.Commit();
        ReliabilityRow.Insert(conn, NewRow(2));
        conn.Rollback();

        Assert.Equal("[(1,)]", _engine.Rows("select Writer from reliability_rows"));
    }

    internal static ReliabilityRow NewRow(int writer) => new() { Writer = writer, Seq = 0, Batch = writer, BatchSize = 1, Payload = "p" };

    /// <summary>A batch that signals <paramref name="inside"/> once it is being enumerated, then waits for <paramref name="release"/>.</summary>
    internal static IEnumerable<Params> Blocking(ManualResetEventSlim inside, ManualResetEventSlim release)
    {
        yield return new Params { ["w"] = 100 };
        inside.Set();
        release.Wait();
    }
}
