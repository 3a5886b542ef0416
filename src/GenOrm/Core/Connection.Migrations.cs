using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm;

/// <summary>
/// What the migrator needs beyond the public statement path: hooks that may not end the migrator's transaction, and
/// the statement path in the form the schema work (<see cref="Migrations.Migrator"/>, <c>Schema.Verify</c>,
/// <c>CreateTable</c>'s check) is written in once for its synchronous and asynchronous entry points.
/// </summary>
/// <remarks>
/// Each <c>...Either</c> member below takes <c>async</c>, as Npgsql's own internals do: with <see langword="false"/> it runs the
/// synchronous member and returns a completed <see cref="ValueTask"/>; with <see langword="true"/> it awaits the
/// driver's asynchronous I/O (on PostgreSQL a pending round trip gives up the thread; on SQLite it completes at once).
/// A caller of the synchronous form unwraps the completed task with <see cref="Internal.SyncIo.Result{T}(ValueTask{T})"/>.
/// </remarks>
public sealed partial class Connection
{
    private int _migrationHookVersion;

    /// <summary>
    /// Marks the connection as running a <c>[Migration]</c> hook of the step to <paramref name="toVersion"/> until the
    /// scope is disposed: <see cref="Commit()"/> and <see cref="Rollback()"/> then throw, so a hook cannot commit half a step.
    /// </summary>
    internal MigrationHookScope EnterMigrationHook(int toVersion)
    {
        _migrationHookVersion = toVersion;
        return new MigrationHookScope(this);
    }

    /// <summary>Runs SQL text with named values (or none), as <see cref="Execute(Sql, Params)"/> and <see cref="ExecuteAsync(Sql, Params, CancellationToken)"/> do.</summary>
    internal ValueTask<Result> ExecuteEither(Sql sql, Params? parameters, bool async, CancellationToken cancellationToken) =>
        async
            ? ExecuteTextAsync(sql, ParamsValue, parameters, null, cancellationToken)
            : new ValueTask<Result>(ExecuteText(sql, ParamsValue, parameters, null, cancellationToken));

    /// <summary>Begins a transaction now, as <see cref="Begin()"/> and <see cref="BeginAsync"/> do.</summary>
    internal ValueTask BeginEither(bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            return new ValueTask(BeginAsync(cancellationToken));
        }

        Begin();
        return ValueTask.CompletedTask;
    }

    /// <summary>Commits, as <see cref="Commit()"/> and <see cref="CommitAsync"/> do.</summary>
    internal ValueTask CommitEither(bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            return new ValueTask(CommitAsync(cancellationToken));
        }

        Commit();
        return ValueTask.CompletedTask;
    }

    /// <summary>Rolls back, as <see cref="Rollback()"/> and <see cref="RollbackAsync"/> do; never cancelled, since it undoes work after a failure or a cancellation.</summary>
    internal ValueTask RollbackEither(bool async)
    {
        if (async)
        {
            return new ValueTask(RollbackCoreAsync(CancellationToken.None));
        }

        Rollback();
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs a <c>CreateTable</c> script (DDL, several statements), naming its table in errors and telemetry.</summary>
    internal ValueTask<Result> ExecuteScriptEither(string script, string tableName, bool async, CancellationToken cancellationToken) =>
        async
            ? ExecuteTextAsync(Sql.Text(script), NoValues, (object?)null, tableName, cancellationToken)
            : new ValueTask<Result>(ExecuteText(Sql.Text(script), NoValues, (object?)null, tableName, cancellationToken));

    /// <summary>Runs <paramref name="body"/> in a savepoint, as <see cref="InSavepoint{TResult}(Func{TResult})"/> and <see cref="InSavepointAsync{TResult}"/> do.</summary>
    /// <remarks>The body is given the same <c>async</c>; with <see langword="false"/> it must complete at once.</remarks>
    internal ValueTask<TResult> InSavepointEither<TResult>(Func<ValueTask<TResult>> body, bool async, CancellationToken cancellationToken) =>
        async
            ? InSavepointAsync(body, cancellationToken)
            : new ValueTask<TResult>(InSavepoint(() => Internal.SyncIo.Result(body())));

    private void ThrowIfInMigrationHook(string method)
    {
        if (_migrationHookVersion != 0)
        {
            throw new InvalidOperationException(ErrorMessages.HookEndsTransaction(method, _migrationHookVersion));
        }
    }

    /// <summary>The scope of one <see cref="EnterMigrationHook"/>.</summary>
    internal readonly struct MigrationHookScope(Connection connection) : IDisposable
    {
        public void Dispose() => connection._migrationHookVersion = 0;
    }
}
