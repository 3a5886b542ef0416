using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Drivers;

/// <summary>
/// The seam between GenOrm's engine and one kind of database: what an <see cref="Engine"/> needs from it. The driver
/// owns its pool of physical connections (SQLite: open <c>sqlite3</c> handles with their prepared statements;
/// PostgreSQL: Npgsql's data source), opens them and takes them back. Everything a <see cref="Connection"/> means
/// (commit-as-you-go, the implicit transaction, <see cref="PendingRollbackException"/>, savepoints for batches, the
/// thread check, echo and telemetry) stays in the engine, the same for every driver.
/// </summary>
/// <remarks>
/// Internal, with <c>InternalsVisibleTo("GenOrm.Npgsql")</c>: a driver ships with GenOrm, in step with it, so the seam
/// can change with the engine instead of being a public API kept for third parties; and a SQLite application loads
/// no Npgsql code.
/// </remarks>
internal abstract class DatabaseDriver : IDisposable
{
    /// <summary>
    /// Gets which database this driver talks to: generated code and the typed query builder pick the SQL text written
    /// for it where the dialects differ (DDL, the key back from an <c>INSERT</c>, null-safe comparison).
    /// </summary>
    public abstract DatabaseKind Kind { get; }

    /// <summary>Gets <c>db.system.name</c> for telemetry: <c>sqlite</c>, <c>postgresql</c>.</summary>
    public abstract string SystemName { get; }

    /// <summary>Gets <c>db.namespace</c> for telemetry: the database file, or the server's database name.</summary>
    public abstract string Namespace { get; }

    /// <summary>
    /// Gets whether an <c>INSERT</c> gives its generated key back through <c>RETURNING</c> (PostgreSQL: generated code
    /// runs the text with <c>RETURNING</c> and reads column 0) rather than through <see cref="DriverConnection.LastInsertId"/> (SQLite).
    /// </summary>
    public virtual bool ReturnsGeneratedKeys => false;

    /// <summary>
    /// Converts a value given to <c>Execute</c> (a <see cref="Params"/> value, or an entity's column) into what the
    /// driver's <see cref="Internal.Statement.BindNamed"/> takes, checking it before anything runs. SQLite: its storage form
    /// (<see cref="Internal.DbValue.FromObject"/>); PostgreSQL: the value itself, bound with its own type.
    /// </summary>
    /// <exception cref="ArgumentException">The value has a type the database cannot store, or is NaN, or holds a lone surrogate.</exception>
    public abstract object ParameterValue(object? value);

    /// <summary>Takes an idle physical connection from the pool, or opens a new one.</summary>
    /// <exception cref="GenOrmException">The database cannot be opened; the message says why and what to do.</exception>
    public abstract DriverConnection Open();

    /// <summary>The asynchronous twin of <see cref="Open"/>; a driver without network I/O completes it at once.</summary>
    /// <param name="cancellationToken">Stops waiting for the connection.</param>
    public virtual ValueTask<DriverConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<DriverConnection>(Open());
    }

    /// <summary>Takes back a physical connection: kept for the next <see cref="Open"/> when <paramref name="reusable"/>, else closed.</summary>
    public abstract void Return(DriverConnection connection, bool reusable);

    /// <summary>Gets the number of idle (pooled) connections and of connections in use, for <c>db.client.connection.count</c>.</summary>
    public abstract (int Idle, int Used) ConnectionCounts();

    /// <summary>Closes the pool.</summary>
    public abstract void Dispose();
}
