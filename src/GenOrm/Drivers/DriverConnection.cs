using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;

namespace GenOrm.Drivers;

/// <summary>
/// One physical connection of a <see cref="DatabaseDriver"/>, as a <see cref="Connection"/> uses it: prepare,
/// transaction control, rows changed, the generated key, cancellation and error translation. It outlives each
/// <see cref="Connection"/> that borrows it, with its prepared statements (<see cref="Statements"/>).
/// </summary>
/// <remarks>
/// Errors come out as the driver's <see cref="DbException"/> (SQLite's <c>SqliteException</c>, Npgsql's
/// <c>PostgresException</c>); the engine hands each to <see cref="Translate"/> on its one error path, which gives the
/// <see cref="GenOrmException"/> that names the table, column and constraint.
/// </remarks>
internal abstract class DriverConnection
{
    /// <summary>Gets the prepared statements, by SQL text; the engine keeps, lends and evicts them.</summary>
    public Dictionary<string, Statement> Statements { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the ADO.NET connection, for interop.</summary>
    public abstract DbConnection DbConnection { get; }

    /// <summary>Gets whether the connection is still open and fit to be lent again.</summary>
    public abstract bool IsReusable { get; }

    /// <summary>Gets whether the database itself has a transaction open (it may have ended one after an error).</summary>
    public abstract bool InTransaction { get; }

    /// <summary>
    /// Prepares the first statement of <paramref name="text"/>, which is <paramref name="sql"/> or the tail of it
    /// that is left after the statements before; <see langword="null"/> when only empty statements are left.
    /// </summary>
    /// <param name="sql">The whole SQL text, which the statement reports as its own.</param>
    /// <param name="text">What is left to prepare.</param>
    /// <param name="persistent">Whether the statement will be cached (kept for many executions).</param>
    /// <param name="rememberValues">Whether bound values are remembered, for echo and traced parameter values.</param>
    /// <exception cref="DbException">The database could not prepare it.</exception>
    public abstract Statement? Prepare(string sql, string text, bool persistent, bool rememberValues);

    /// <summary>Begins a transaction: deferred for the implicit one, taking the write lock at once when <paramref name="immediate"/>.</summary>
    /// <exception cref="DbException">The database refused (for example, it stayed busy).</exception>
    public abstract void Begin(bool immediate);

    /// <summary>Commits the transaction.</summary>
    /// <exception cref="DbException">The database could not commit; the transaction stays open unless <see cref="InTransaction"/> says otherwise.</exception>
    public abstract void Commit();

    /// <summary>Rolls the transaction back.</summary>
    public abstract void Rollback();

    /// <summary>Opens a savepoint, so that a batch's failure undoes only the batch.</summary>
    public abstract void Savepoint(string name);

    /// <summary>Releases (keeps the work of) a savepoint.</summary>
    public abstract void ReleaseSavepoint(string name);

    /// <summary>Undoes the work since a savepoint, and releases it.</summary>
    public abstract void RollbackToSavepoint(string name);

    /// <summary>
    /// The asynchronous twin of <see cref="Begin"/>; a driver without network I/O completes it at once. The engine awaits
    /// every <c>...Async</c> member of the seam only in its own <c>...Async</c> operations, with the connection held by the
    /// operation (not the thread) across the await.
    /// </summary>
    public virtual ValueTask BeginAsync(bool immediate, CancellationToken cancellationToken)
    {
        Begin(immediate);
        return ValueTask.CompletedTask;
    }

    /// <summary>The asynchronous twin of <see cref="Commit"/>; a driver without network I/O completes it at once.</summary>
    public virtual ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        Commit();
        return ValueTask.CompletedTask;
    }

    /// <summary>The asynchronous twin of <see cref="Rollback"/>; a driver without network I/O completes it at once.</summary>
    public virtual ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        Rollback();
        return ValueTask.CompletedTask;
    }

    /// <summary>The asynchronous twin of <see cref="Savepoint"/>; a driver without network I/O completes it at once.</summary>
    public virtual ValueTask SavepointAsync(string name, CancellationToken cancellationToken)
    {
        Savepoint(name);
        return ValueTask.CompletedTask;
    }

    /// <summary>The asynchronous twin of <see cref="ReleaseSavepoint"/>; a driver without network I/O completes it at once.</summary>
    public virtual ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken)
    {
        ReleaseSavepoint(name);
        return ValueTask.CompletedTask;
    }

    /// <summary>The asynchronous twin of <see cref="RollbackToSavepoint"/>; a driver without network I/O completes it at once.</summary>
    public virtual ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken)
    {
        RollbackToSavepoint(name);
        return ValueTask.CompletedTask;
    }

    /// <summary>Gets the rows the last <c>INSERT</c>, <c>UPDATE</c> or <c>DELETE</c> changed.</summary>
    public abstract int Changes();

    /// <summary>Gets a counter of rows changed on this connection, which grows with every write (to tell a write from other statements).</summary>
    public abstract long ChangeCounter();

    /// <summary>Gets the key the database generated for the last row inserted (SQLite's rowid).</summary>
    public abstract long LastInsertId();

    /// <summary>Makes <paramref name="cancellationToken"/> stop the running statement (SQLite interrupts it; PostgreSQL cancels it on the server).</summary>
    public abstract CancellationTokenRegistration RegisterCancel(CancellationToken cancellationToken);

    /// <summary>Gets whether <paramref name="exception"/> is what a statement that was cancelled fails with.</summary>
    public abstract bool IsCancellation(DbException exception);

    /// <summary>
    /// Translates a database error into a <see cref="GenOrmException"/> (or a subclass: constraint, busy) that names
    /// the table, column and constraint, with <paramref name="exception"/> as its inner exception.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <param name="sql">The SQL text that failed.</param>
    /// <param name="tableName">The table, when the caller knows it (generated code does).</param>
    /// <param name="failing">The statement that failed, with its bindings (to ask the database more), or <see langword="null"/>.</param>
    public abstract GenOrmException Translate(DbException exception, string sql, string? tableName, Statement? failing);

    /// <summary>Finalizes every statement, then closes the connection.</summary>
    public abstract void Close();
}
