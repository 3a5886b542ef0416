using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm;

/// <summary>
/// Which operation owns the connection. One operation at a time: a second one that overlaps it (from another thread,
/// or started on the same thread while an asynchronous operation awaits) gets a clear
/// <see cref="InvalidOperationException"/> instead of racing it inside the database and the statement cache.
/// </summary>
/// <remarks>
/// The outermost <see cref="Enter"/> takes the connection (<c>_inUse</c>). The calls nested in the operation (a
/// relationship loaded inside it, the statements of a batch) are recognised by the thread that runs the operation right
/// now (<c>_runningThread</c>). An asynchronous operation changes threads at its awaits, so every <c>await</c> inside
/// an operation that holds the connection is an <c>await use.Held(...)</c> on the operation's <see cref="UseScope"/>: while suspended, the operation runs on no
/// thread (any call meanwhile is refused); when it resumes, the thread it resumes on is the running thread, recorded at
/// that very await. Recording it anywhere else (where the awaited work completed, say) races the continuation, which
/// the runtime may schedule on yet another thread.
/// </remarks>
public sealed partial class Connection
{
    private int _inUse;
    private int _runningThread;
    private int _ownerDepth;
    /// <summary>The connection lent to the code of this asynchronous flow (<see cref="LendToHook"/>): it flows with the hook's awaits, and no other code has it.</summary>
    private static readonly AsyncLocal<Connection?> LentToThisFlow = new();

    // Set only while an asynchronous [Migration] hook has the connection: an object of its own keeps every other
    // connection (one per request) a field smaller.
    private Loan? _loan;

    /// <summary>Marks the connection as used by the calling operation until the returned scope is disposed.</summary>
    /// <exception cref="InvalidOperationException">Another operation is using the connection.</exception>
    internal UseScope Enter()
    {
        int thread = Environment.CurrentManagedThreadId;
        if (Interlocked.CompareExchange(ref _inUse, 1, 0) == 0)
        {
            Volatile.Write(ref _runningThread, thread);
        }
        else if (Volatile.Read(ref _runningThread) != thread && !EnterLent(thread))
        {
            throw new InvalidOperationException(ErrorMessages.ConnectionInUse());
        }

        _ownerDepth++;
        return new UseScope(this);
    }

    /// <summary>
    /// A call of the code the operation lent the connection to (<see cref="LendToHook"/>) starts, on any thread of that
    /// code's asynchronous flow, when no other call of that code is running: the operation is suspended at
    /// the loan's depth, and the thread that takes the connection is the running thread until the call exits back
    /// to that depth. Code outside that flow (another thread using the connection meanwhile) is refused as ever.
    /// </summary>
    private bool EnterLent(int thread)
    {
        if (Volatile.Read(ref _loan) is not { } loan || LentToThisFlow.Value != this || Interlocked.CompareExchange(ref _runningThread, thread, 0) != 0)
        {
            return false;
        }

        if (_ownerDepth == loan.Depth)
        {
            return true;
        }

        // A call the lent code started is still running (suspended at an await): this one overlaps it.
        Interlocked.CompareExchange(ref _runningThread, 0, thread);
        return false;
    }

    /// <summary>Ends one <see cref="Enter"/>; the outermost frees the connection for other operations.</summary>
    internal void Exit()
    {
        if (--_ownerDepth == 0)
        {
            Volatile.Write(ref _runningThread, 0);
            Volatile.Write(ref _inUse, 0);
        }
        else if (_loan is { } loan && _ownerDepth == loan.Depth)
        {
            // A call of the lent code ends: the next one may start on whichever thread the code goes on.
            Volatile.Write(ref _runningThread, 0);
            Interlocked.Exchange(ref loan.CallEnded, null)?.TrySetResult();
        }
    }

    /// <summary>
    /// Lends the connection, inside the operation that holds it, to user code that makes its own awaited calls on it
    /// (an asynchronous <c>[Migration]</c> hook) until the scope is disposed. Such code goes on on whichever thread its
    /// awaits resume on, which the running-thread rule alone would refuse; while lent, each of its calls takes the
    /// connection as it starts, one call at a time, and the operation itself is suspended at a held await of that code.
    /// </summary>
    internal HookLoan LendToHook()
    {
        var loan = new Loan(_ownerDepth);
        Volatile.Write(ref _loan, loan);
        LentToThisFlow.Value = this;

        // From here the operation runs on no thread: the lent code's first call takes the connection like any other.
        Volatile.Write(ref _runningThread, 0);
        return new HookLoan(this, loan);
    }

    /// <summary>The scope of one <see cref="LendToHook"/>.</summary>
    internal readonly struct HookLoan(Connection connection, Loan loan) : IDisposable
    {
        /// <summary>Gets a value indicating whether a call of the lent code is still running (it was started and not awaited).</summary>
        public bool CallRunning => Volatile.Read(ref connection._ownerDepth) != loan.Depth;

        /// <summary>
        /// Completes when the running call of the lent code (<see cref="CallRunning"/>) has ended, so that the operation
        /// does not send its own commands (a rollback) into a connection that is still busy with it.
        /// </summary>
        public Task CallEnded()
        {
            var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Both sides fence: either the call's Exit sees this source, or this read sees the call's lower depth.
            Interlocked.Exchange(ref loan.CallEnded, ended);
            if (!CallRunning)
            {
                ended.TrySetResult();
            }

            return ended.Task;
        }

        /// <summary>Ends the loan; the operation runs on the calling thread.</summary>
        public void Dispose()
        {
            Volatile.Write(ref connection._loan, null);
            LentToThisFlow.Value = null;
            connection.Resume();
        }
    }

    /// <summary>A <see cref="LendToHook"/> in progress: the depth the operation lent the connection at, and who waits for the running call to end.</summary>
    internal sealed class Loan(int depth)
    {
        /// <summary>Gets the operation's depth when it lent the connection: a call of the lent code runs above it.</summary>
        public int Depth { get; } = depth;

        /// <summary>Completed by the running call's last <see cref="Exit"/>, when <see cref="HookLoan.CallEnded"/> waits for it.</summary>
        public TaskCompletionSource? CallEnded;
    }

    /// <summary>
    /// The operation suspends at a held await on the calling thread: it runs on no thread until it resumes. Only the
    /// thread that runs the operation can suspend it: when awaits are nested, the inner await's continuation may already
    /// have resumed the operation on another thread (the awaited work completed at once) before the outer await, still
    /// on the first thread, registers its own continuation; that late suspend must not take the connection from it.
    /// </summary>
    private void Suspend() =>
        Interlocked.CompareExchange(ref _runningThread, 0, Environment.CurrentManagedThreadId);

    /// <summary>The operation goes on after a held await, on the calling thread.</summary>
    private void Resume() => Volatile.Write(ref _runningThread, Environment.CurrentManagedThreadId);

    /// <summary>
    /// The scope of one <see cref="Enter"/>: the proof that the code holding it is the operation that owns the
    /// connection, and so the only way to await inside that operation (<see cref="UseScope.Held{T}(ValueTask{T})"/>).
    /// </summary>
    internal readonly struct UseScope(Connection connection) : IDisposable
    {
        /// <summary>
        /// Awaits work of the operation that holds this scope (a driver call, a nested step). Work that completed at
        /// once (SQLite) costs nothing; work that is pending gives up the running thread while the operation is
        /// suspended, and the operation takes the thread it resumes on.
        /// </summary>
        public HeldAwaitable<T> Held<T>(ValueTask<T> work) => new(connection, work.ConfigureAwait(false).GetAwaiter());

        /// <summary>The <see cref="ValueTask"/> form of <see cref="Held{T}(ValueTask{T})"/>.</summary>
        public HeldAwaitable Held(ValueTask work) => new(connection, work.ConfigureAwait(false).GetAwaiter());

        /// <summary>The <see cref="Task{TResult}"/> form of <see cref="Held{T}(ValueTask{T})"/>.</summary>
        public HeldAwaitable<T> Held<T>(Task<T> work) => Held(new ValueTask<T>(work));

        /// <summary>The <see cref="Task"/> form of <see cref="Held{T}(ValueTask{T})"/>.</summary>
        public HeldAwaitable Held(Task work) => Held(new ValueTask(work));

        /// <summary>Ends the scope.</summary>
        public void Dispose() => connection.Exit();
    }

    /// <summary>What <see cref="UseScope.Held{T}(ValueTask{T})"/> returns: an awaiter that moves the connection's running thread with the operation.</summary>
    internal readonly struct HeldAwaitable<T>(Connection connection, ConfiguredValueTaskAwaitable<T>.ConfiguredValueTaskAwaiter awaiter) : ICriticalNotifyCompletion
    {
        /// <summary>Gets a value indicating whether the work has completed.</summary>
        public bool IsCompleted => awaiter.IsCompleted;

        /// <summary>Gets this awaiter (the awaitable is its own awaiter).</summary>
        public HeldAwaitable<T> GetAwaiter() => this;

        /// <summary>Ends the await on the thread the operation resumes on, which then runs it.</summary>
        public T GetResult()
        {
            connection.Resume();
            return awaiter.GetResult();
        }

        /// <summary>Suspends the operation until the work completes.</summary>
        public void OnCompleted(Action continuation)
        {
            connection.Suspend();
            awaiter.OnCompleted(continuation);
        }

        /// <summary>Suspends the operation until the work completes, without flowing the execution context.</summary>
        public void UnsafeOnCompleted(Action continuation)
        {
            connection.Suspend();
            awaiter.UnsafeOnCompleted(continuation);
        }
    }

    /// <summary>The <see cref="ValueTask"/> form of <see cref="HeldAwaitable{T}"/>.</summary>
    internal readonly struct HeldAwaitable(Connection connection, ConfiguredValueTaskAwaitable.ConfiguredValueTaskAwaiter awaiter) : ICriticalNotifyCompletion
    {
        /// <summary>Gets a value indicating whether the work has completed.</summary>
        public bool IsCompleted => awaiter.IsCompleted;

        /// <summary>Gets this awaiter (the awaitable is its own awaiter).</summary>
        public HeldAwaitable GetAwaiter() => this;

        /// <summary>Ends the await on the thread the operation resumes on, which then runs it.</summary>
        public void GetResult()
        {
            connection.Resume();
            awaiter.GetResult();
        }

        /// <summary>Suspends the operation until the work completes.</summary>
        public void OnCompleted(Action continuation)
        {
            connection.Suspend();
            awaiter.OnCompleted(continuation);
        }

        /// <summary>Suspends the operation until the work completes, without flowing the execution context.</summary>
        public void UnsafeOnCompleted(Action continuation)
        {
            connection.Suspend();
            awaiter.UnsafeOnCompleted(continuation);
        }
    }
}
