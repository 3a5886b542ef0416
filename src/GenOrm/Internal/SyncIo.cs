using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace GenOrm.Internal;

/// <summary>
/// Unwraps the result of work written once for both forms (an <c>async</c> flag, as in Npgsql) and run in its
/// synchronous form: every await inside it completed at once, so the task has completed and nothing blocks.
/// </summary>
internal static class SyncIo
{
    /// <summary>Gets the result of a task that ran synchronously (<c>async: false</c>), or rethrows its exception.</summary>
    /// <exception cref="InvalidOperationException">The task has not completed: the work awaited real I/O though it was asked not to.</exception>
    public static T Result<T>(ValueTask<T> task)
    {
        ThrowIfPending(task.IsCompleted);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>The <see cref="ValueTask"/> form of <see cref="Result{T}(ValueTask{T})"/>.</summary>
    /// <exception cref="InvalidOperationException">The task has not completed.</exception>
    public static void Wait(ValueTask task)
    {
        ThrowIfPending(task.IsCompleted);
        task.GetAwaiter().GetResult();
    }

    [StackTraceHidden]
    private static void ThrowIfPending(bool completed)
    {
        if (!completed)
        {
            throw new InvalidOperationException(ErrorMessages.SynchronousWorkAwaited());
        }
    }
}
