using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Reliability;

/// <summary>A connection used from two threads at once, or after it was disposed, fails with a clear managed exception.</summary>
public sealed class ThreadSafetyTests : IDisposable
{
    private const string InUse =
        "The connection is being used by another thread. A Connection is not thread-safe: use it from one thread at a time, " +
        "and give each thread its own connection from Engine.Connect() (the Engine is safe to share between threads).";

    private const string InsertSql = "insert into reliability_rows (Writer, Seq, Batch, BatchSize, Payload) values (:w, 0, 0, 1, 'p')";

    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;

    public ThreadSafetyTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("threads.db"), new EngineOptions { BusyTimeout = ConcurrencyTests.NoGivingUp });
        _engine.Begin(conn => ReliabilityRow.CreateTable(conn));
    }

    public void Dispose()
    {
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void SecondThread_WhileTheFirstIsInsideACall_GetsInvalidOperationException()
    {
        using Connection conn = _engine.Connect();
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Exception? firstThreadError = null;
        var first = new Thread(() =>
        {
            try
            {
                conn.Execute(Sql.Text(InsertSql), TransactionSafetyTests.Blocking(inside, release));
            }
            catch (Exception e)
            {
                firstThreadError = e;
            }
        });
        first.Start();
        inside.Wait();

        var errors = new List<Exception>
        {
            Assert.Throws<InvalidOperationException>(() => conn.Execute(Sql.Text("select 1"))),
            Assert.Throws<InvalidOperationException>(() => conn.Execute(Sql.Text(InsertSql), new Params { ["w"] = 2 })),
            Assert.Throws<InvalidOperationException>(() => ReliabilityRow.GetAll(conn)),
            Assert.Throws<InvalidOperationException>(() => ReliabilityRow.Insert(conn, TransactionSafetyTests.NewRow(3))),
            Assert.Throws<InvalidOperationException>(() => conn.Query<ReliabilityRow>(Sql.Text("select * from reliability_rows"))),
            Assert.Throws<InvalidOperationException>(() => conn.Commit()),
            Assert.Throws<InvalidOperationException>(() => conn.Rollback()),
            Assert.Throws<InvalidOperationException>(() => conn.Dispose()),
        };

        release.Set();
        first.Join();
        Assert.Null(firstThreadError);
        Assert.All(errors, error => Assert.Equal(InUse, error.Message));

        // Once the first thread is done, the connection works from this one, and only the first thread's row was written.
        conn.Commit();
        Assert.Equal("[(100,)]", _engine.Rows("select Writer from reliability_rows"));
    }

    [Fact]
    public void TwoThreadsHammeringOneConnection_GetOnlyTheClearError_NeverACrash()
    {
        using Connection conn = _engine.Connect();
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        int succeeded = 0, refused = 0;
        Thread[] threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                try
                {
                    conn.Execute(Sql.Text(InsertSql), new Params { ["w"] = t });
                    Interlocked.Increment(ref succeeded);
                }
                catch (InvalidOperationException e) when (e.Message == InUse)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    unexpected.Enqueue(e);
                }
            }
        })).ToArray();
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        Assert.Empty(unexpected);
        conn.Commit();
        Assert.Equal((long)succeeded, _engine.Count("reliability_rows"));
        Assert.Equal(4_000, succeeded + refused);
    }

    [Fact]
    public void DisposedConnection_ThrowsObjectDisposedException_WithMessage()
    {
        Connection conn = _engine.Connect();
        conn.Dispose();
        conn.Dispose();   // a second Dispose does nothing

        var errors = new List<ObjectDisposedException>
        {
            Assert.Throws<ObjectDisposedException>(() => conn.Execute(Sql.Text("select 1"))),
            Assert.Throws<ObjectDisposedException>(() => ReliabilityRow.Insert(conn, TransactionSafetyTests.NewRow(1))),
            Assert.Throws<ObjectDisposedException>(() => ReliabilityRow.GetAll(conn)),
            Assert.Throws<ObjectDisposedException>(() => conn.Begin()),
            Assert.Throws<ObjectDisposedException>(() => conn.Commit()),
        };

        Assert.All(errors, error => Assert.StartsWith(
            "The connection has been disposed. Open a new one with Engine.Connect().", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void DisposedEngine_ThrowsObjectDisposedException_WithMessage()
    {
        var engine = Engine.Create(_temp.SqliteUrl("disposed.db"));
        engine.Dispose();

        var connect = Assert.Throws<ObjectDisposedException>(() => engine.Connect());
        var begin = Assert.Throws<ObjectDisposedException>(() => engine.Begin(_ => { }));

        Assert.All(new[] { connect, begin }, error => Assert.StartsWith(
            "The engine has been disposed. Create a new one with Engine.Create(...).", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void OneEngine_SharedByManyThreads_EachWithItsOwnConnection()
    {
        Thread[] threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                _engine.Begin(conn => conn.Execute(Sql.Text(InsertSql), new Params { ["w"] = t }));
            }
        })).ToArray();
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        Assert.Equal(400L, _engine.Count("reliability_rows"));
    }
}
