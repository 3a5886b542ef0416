namespace GenOrm.Tests.Postgres;

/// <summary>
/// A second session that holds a lock the code under test needs, so that its statement waits on the server for as
/// long as the test wants: the proof that an <c>...Async</c> call returns before its I/O has completed then depends on
/// no timing (the call's task cannot complete while the lock is held). The session is its own watchdog: the server ends
/// it, and so frees the lock, once it has been idle in its transaction for 60 s (<c>idle_in_transaction_session_timeout</c>),
/// so that a regression to synchronous I/O (the call blocking the test thread until the lock is free) fails the test's
/// assertion instead of hanging it.
/// </summary>
public sealed class LockHolder : IDisposable
{
    private const string WaitingSql =
        "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE wait_event_type = 'Lock' AND starts_with(query, :prefix)";

    private readonly Connection _holder;
    private readonly Connection _watcher;

    /// <summary>Opens a session on <paramref name="engine"/> and runs <paramref name="lockSql"/> in a transaction that stays open.</summary>
    public LockHolder(Engine engine, string lockSql)
    {
        _holder = engine.Connect();
        _holder.Execute(Sql.Text("SELECT set_config('idle_in_transaction_session_timeout', '60s', false)"));
        _holder.Commit();
        _holder.Begin();
        _holder.Execute(Sql.Text(lockSql));
        _watcher = engine.Connect();
    }

    /// <summary>
    /// Waits until a session waits for a lock while it runs a statement that starts with <paramref name="queryPrefix"/>
    /// (a condition on the server, not a duration); fails if <paramref name="task"/> ended first.
    /// </summary>
    public void WaitForWaiter(string queryPrefix, Task task)
    {
        while (true)
        {
            long waiting = _watcher.Execute(Sql.Text(WaitingSql), new Params { { "prefix", queryPrefix } }).Scalar<long>();
            _watcher.Rollback(); // pg_stat_activity is read once per transaction
            if (waiting > 0)
            {
                return;
            }

            Assert.False(task.IsCompleted, "The call ended before it waited for the lock: " + task.Exception?.InnerException);
            Thread.Sleep(20);
        }
    }

    /// <summary>Frees the lock: the holder's transaction rolls back.</summary>
    public void Release() => _holder.Rollback();

    public void Dispose()
    {
        _watcher.Dispose();
        _holder.Dispose();
    }
}
