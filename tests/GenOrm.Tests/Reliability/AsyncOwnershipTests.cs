using GenOrm.Internal;
using GenOrm.Tests.Core;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// Asynchronous operations own the connection from their start to their end, across the threads their awaits resume
/// on: a second, concurrent operation gets the clear <see cref="InvalidOperationException"/>; sequential awaits from
/// different threads work; a lent statement goes back to the cache exactly once; a token stops the operation before
/// and while it runs, and the connection stays usable.
/// </summary>
public sealed class AsyncOwnershipTests : IDisposable
{
    private const string InUse =
        "The connection is being used by another thread. A Connection is not thread-safe: use it from one thread at a time, " +
        "and give each thread its own connection from Engine.Connect() (the Engine is safe to share between threads).";

    private const string SelectAllSql = "SELECT \"Id\", \"Code\", \"Amount\" FROM \"async_items\"";
    private const string InsertSql = "INSERT INTO \"async_items\" (\"Code\", \"Amount\") VALUES (@Code, @Amount)";
    private const string Endless = "with recursive c(x) as (select started() union all select x + 1 from c) select count(*) from c";

    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;
    private readonly Connection _conn;

    public AsyncOwnershipTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("ownership.db"));
        _conn = _engine.Connect();
        AsyncItem.CreateTable(_conn);
        AsyncItem.InsertMany(_conn, [new AsyncItem { Code = "a", Amount = 1 }, new AsyncItem { Code = "b", Amount = 2 }]);
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task SecondOperation_WhileAnAsyncOneRuns_GetsTheExactException_FromAnyThreadSyncOrAsync()
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        _conn.DbConnection.CreateFunction("block", () =>
        {
            inside.Set();
            release.Wait();
            return 7L;
        });

        Task<Result> first = Task.Run(() => _conn.ExecuteAsync(Sql.Text("select block()")));
        inside.Wait();

        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => _conn.ExecuteAsync(Sql.Text("select 1"))),
            await Assert.ThrowsAsync<InvalidOperationException>(() => AsyncItem.GetAllAsync(_conn)),
            await Assert.ThrowsAsync<InvalidOperationException>(() => AsyncItem.InsertAsync(_conn, new AsyncItem { Code = "c" })),
            await Assert.ThrowsAsync<InvalidOperationException>(() => AsyncItem.Query(_conn).CountAsync()),
            await Assert.ThrowsAsync<InvalidOperationException>(() => _conn.CommitAsync()),
            await Assert.ThrowsAsync<InvalidOperationException>(() => _conn.RollbackAsync()),
            await Assert.ThrowsAsync<InvalidOperationException>(() => _conn.BeginAsync()),
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await _conn.DisposeAsync()),
            await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() => _conn.Execute(Sql.Text("select 1")))),
            Assert.Throws<InvalidOperationException>(() => AsyncItem.GetAll(_conn)),
        };

        release.Set();
        Assert.Equal("[(7,)]", (await first).ToString());
        Assert.All(errors, error => Assert.Equal(InUse, error.Message));

        // The first operation gave the connection back: it works again, and nothing the refused calls tried happened.
        Assert.Equal("[('a', 1), ('b', 2)]", (await _conn.ExecuteAsync(Sql.Text("select Code, Amount from async_items order by Id"))).ToString());
    }

    [Fact]
    public async Task PendingDriverCall_KeepsTheConnectionForItsOperation_AcrossTheThreadItResumesOn()
    {
        // What a network driver (PostgreSQL) does inside an operation: a driver call that is still pending. The
        // operation holds the connection; while it waits, no other operation gets in; once it resumes, on another
        // thread, the calls nested in it run there.
        // The reply comes on a thread of its own, which runs the operation's continuation (as a socket callback does).
        var network = new TaskCompletionSource<int>();
        using var holding = new ManualResetEventSlim();
        Thread? started = null;
        Thread? resumed = null;
        string? nested = null;
        Task operation = Task.Run(async () =>
        {
            using (Connection.UseScope use = _conn.Enter())
            {
                started = Thread.CurrentThread;
                holding.Set();
                int value = await use.Held(network.Task);
                resumed = Thread.CurrentThread;
                nested = (await _conn.ExecuteAsync(Sql.Text("select :v"), new Params { ["v"] = value })).ToString()
                    + " " + AsyncItem.Query(_conn).Count();
            }
        });

        holding.Wait();
        var whileWaiting = new List<Exception>
        {
            Assert.Throws<InvalidOperationException>(() => _conn.Execute(Sql.Text("select 1"))),
            await Assert.ThrowsAsync<InvalidOperationException>(() => Task.Run(() => AsyncItem.GetAllAsync(_conn))),
        };

        var replier = new Thread(() => network.SetResult(42));
        replier.Start();
        await operation;

        Assert.All(whileWaiting, error => Assert.Equal(InUse, error.Message));
        Assert.Equal("[(42,)] 2", nested);
        Assert.NotSame(started, resumed);
        Assert.Same(replier, resumed);
        Assert.Equal(2L, await AsyncItem.Query(_conn).CountAsync());
    }

    [Fact]
    public async Task AwaitedWork_CompletingOnOneThread_WhileTheOperationResumesOnAnother_KeepsTheConnection()
    {
        // The race a real driver showed (PostgreSQL, intermittently): work nested in the operation completes on one
        // thread (here, a new one), and the operation goes on there or where it was, whichever the runtime picks. The
        // thread that owns the connection is the one the operation resumes on, taken at the operation's own await.
        string? nested = null;

        async ValueTask<int> DriverCall()
        {
            using Connection.UseScope use = _conn.Enter();
            int value = await use.Held(Task.FromResult(5));
            await new HopToNewThread();
            return value;
        }

        Task operation = Task.Run(async () =>
        {
            using (Connection.UseScope use = _conn.Enter())
            {
                int value = await use.Held(DriverCall());
                nested = (await _conn.ExecuteAsync(Sql.Text("select :v"), new Params { ["v"] = value })).ToString()
                    + " " + AsyncItem.Query(_conn).Count();
            }
        });

        await operation;

        Assert.Equal("[(5,)] 2", nested);
        Assert.Equal(2L, await Task.Run(() => AsyncItem.Query(_conn).CountAsync()));
    }

    [Fact]
    public void OuterAwaitSuspendingLate_AfterTheInnerContinuationResumedOnAnotherThread_LeavesTheOperationRunningThere()
    {
        // The race a real driver showed (PostgreSQL, an async SAVEPOINT that completed at once): the inner await's
        // continuation resumed the operation on thread B, and thread A, still unwinding, then suspended the outer await.
        // Here the steps are taken one at a time, in that order.
        using Connection.UseScope outer = _conn.Enter();
        var pendingOuterWork = new TaskCompletionSource();
        using var resumed = new ManualResetEventSlim();
        using var outerSuspended = new ManualResetEventSlim();
        Exception? nestedError = null;
        Connection.UseScope scope = outer;
        var b = new Thread(() =>
        {
            try
            {
                scope.Held(ValueTask.CompletedTask).GetResult();   // the inner continuation resumes on B
                resumed.Set();
                outerSuspended.Wait();
                using Connection.UseScope nested = _conn.Enter();   // the operation goes on, on B
            }
            catch (Exception e)
            {
                nestedError = e;
            }
        });
        b.Start();
        resumed.Wait();
        outer.Held(new ValueTask(pendingOuterWork.Task)).UnsafeOnCompleted(static () => { });   // A suspends the outer await
        outerSuspended.Set();
        b.Join();
        pendingOuterWork.SetResult();

        Assert.Null(nestedError);
    }

    [Fact]
    public void EveryAwait_InTheRuntimesOperations_IsAHeldAwait()
    {
        // The rule the check above depends on: inside an operation, each await is held on the operation's scope
        // ("await use.Held(...)"), which records the thread the operation resumes on. A plain await brings the
        // intermittent "used by another thread" back on PostgreSQL. The only plain ones are the loops of a stream,
        // marked "not held": between rows the connection is free. Engine.cs is outside: it holds no connection.
        string src = Path.Combine(SourceTree.Root, "src", "GenOrm");
        string[] files = Directory.GetFiles(Path.Combine(src, "Core"), "Connection*.cs")
            .Concat(Directory.GetFiles(Path.Combine(src, "Internal"), "*.cs"))
            .Concat(Directory.GetFiles(Path.Combine(src, "Query"), "*.cs"))
            .ToArray();
        var plainAwait = new System.Text.RegularExpressions.Regex(@"\bawait\s+(?!use\.Held\()");
        var offending = files
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (File: Path.GetFileName(file), Line: index + 1, Text: line.Trim())))
            .Where(line => !line.Text.StartsWith("//", StringComparison.Ordinal) && !line.Text.Contains("// not held: ", StringComparison.Ordinal) && plainAwait.IsMatch(line.Text))
            .Select(line => $"{line.File}:{line.Line}: {line.Text}")
            .ToList();

        Assert.True(files.Length > 10, "the runtime's source files were not found under " + src);
        Assert.Empty(offending);
    }

    [Fact]
    public async Task SequentialAwaits_ResumingOnNewThreads_EachOperationRunsAndTheConnectionFollows()
    {
        var context = new NewThreadPerContinuation();
        var threads = new List<Thread>();
        var log = new List<string>();
        await context.Run(async () =>
        {
            for (int i = 0; i < 5; i++)
            {
                threads.Add(Thread.CurrentThread);
                await AsyncItem.InsertAsync(_conn, new AsyncItem { Code = "t" + i, Amount = i });
                await Task.Yield();
                log.Add((await AsyncItem.GetByCodeAsync(_conn, "t" + i))!.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await Task.Yield();
            }

            // Between the rows of a stream the connection is free: a lookup nested in the loop, after a hop, runs.
            await foreach (AsyncItem item in AsyncItem.Query(_conn).Where(AsyncItem.Columns.Amount >= 3).OrderBy(AsyncItem.Columns.Id).StreamAsync())
            {
                await Task.Yield();
                log.Add(item.Code + "=" + AsyncItem.GetById(_conn, item.Id)!.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            await _conn.CommitAsync();
            threads.Add(Thread.CurrentThread);
        });

        Assert.Equal(["0", "1", "2", "3", "4", "t3=3", "t4=4"], log);
        Assert.Equal(threads.Count, threads.Distinct().Count());
        Assert.Equal(7L, _engine.Count("async_items"));
    }

    [Fact]
    public async Task AsyncTwin_GivesItsStatementBackToTheCache_ExactlyOnce_AlsoWhenBindingThrows()
    {
        Statement select = TableCommands.Prepare(_conn, SelectAllSql);
        int selectLease = select.Lease;
        select.Dispose();
        Statement insert = TableCommands.Prepare(_conn, InsertSql);
        int insertLease = insert.Lease;
        insert.Dispose();

        Assert.Equal(2, (await AsyncItem.GetAllAsync(_conn)).Count);
        await Assert.ThrowsAsync<ArgumentException>(() => AsyncItem.InsertAsync(_conn, new AsyncItem { Code = "bad\uD800" }));
        await AsyncItem.InsertAsync(_conn, new AsyncItem { Code = "c", Amount = 3 });

        // One lease per operation, each ended: the cached statements are free and are the ones handed out next.
        Assert.False(select.IsLent);
        Assert.Equal(selectLease + 1, select.Lease);
        Assert.False(insert.IsLent);
        Assert.Equal(insertLease + 2, insert.Lease);
        using (Statement again = TableCommands.Prepare(_conn, SelectAllSql))
        {
            Assert.Same(select, again);
        }

        // Every Enter was matched by one Exit: another thread can use the connection now.
        Assert.Equal("[(3,)]", (await Task.Run(() => _conn.Execute(Sql.Text("select count(*) from async_items")))).ToString());
    }

    [Fact]
    public async Task CancelledBefore_NothingRuns_AndTheConnectionStaysUsable()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncItem.GetAllAsync(_conn, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncItem.InsertAsync(_conn, new AsyncItem { Code = "x" }, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncItem.InsertManyAsync(_conn, [new AsyncItem { Code = "y" }], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _conn.ExecuteAsync(Sql.Text("delete from async_items"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncItem.Query(_conn).AllAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await AsyncItem.Query(_conn).StreamAsync(cancelled.Token).ToListAsync());

        Assert.Equal("[('a',), ('b',)]", (await _conn.ExecuteAsync(Sql.Text("select Code from async_items order by Id"))).ToString());
    }

    [Fact]
    public async Task CancelledWhileRunning_TheLongQueryIsInterrupted_WithTheMessage_AndTheConnectionStaysUsable()
    {
        using var started = new ManualResetEventSlim();
        _conn.DbConnection.CreateFunction("started", () =>
        {
            started.Set();
            return 1L;
        });
        using var cts = new CancellationTokenSource();

        Task<Result> running = Task.Run(() => _conn.ExecuteAsync(Sql.Text(Endless), cts.Token));
        started.Wait();
        cts.Cancel();

        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(() => running);
        Assert.Equal("The statement was cancelled; the connection is still usable. SQL: " + Endless, cancelled.Message);
        Assert.Equal(cts.Token, cancelled.CancellationToken);
        Assert.Equal(2, (await AsyncItem.GetAllAsync(_conn)).Count);
    }

    [Fact]
    public async Task CancelledBetweenRows_OfAnAsyncStream_TheNextReadThrows_AndTheStatementGoesBack()
    {
        using var cts = new CancellationTokenSource();
        var read = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (AsyncItem item in AsyncItem.Query(_conn).OrderBy(AsyncItem.Columns.Id).StreamAsync(cts.Token))
            {
                read.Add(item.Code);
                cts.Cancel();
            }
        });

        Assert.Equal(["a"], read);
        Assert.Equal(["a", "b"], (await AsyncItem.Query(_conn).OrderBy(AsyncItem.Columns.Id).Select(AsyncItem.Columns.Code).AllAsync()));
    }

    /// <summary>An awaitable that always suspends and resumes on a new thread: a scheduler hop, made certain.</summary>
    private readonly struct HopToNewThread : System.Runtime.CompilerServices.INotifyCompletion
    {
        public bool IsCompleted => false;

        public HopToNewThread GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => new Thread(() => continuation()).Start();
    }

    /// <summary>A synchronization context that runs every continuation posted to it on a thread of its own.</summary>
    private sealed class NewThreadPerContinuation : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
            var thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                d(state);
            });
            thread.Start();
        }

        /// <summary>Runs <paramref name="work"/> on this context and completes when it has.</summary>
        public Task Run(Func<Task> work)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(
                async _ =>
                {
                    try
                    {
                        await work();
                        done.SetResult();
                    }
                    catch (Exception e)
                    {
                        done.SetException(e);
                    }
                },
                null);
            return done.Task;
        }
    }
}
