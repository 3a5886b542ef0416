using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Drivers;
using GenOrm.Drivers.Sqlite;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>
/// The starting point of GenOrm, as SQLAlchemy's <c>create_engine</c>: it knows where the database is and opens
/// <see cref="Connection"/>s to it. An engine is safe to share between threads; create one per database and keep it
/// for the application's lifetime.
/// </summary>
/// <remarks>
/// An in-memory database (<c>sqlite://</c>, <c>sqlite:///:memory:</c>, <c>Data Source=:memory:</c>) lives as long as
/// its engine and is shared by every connection of that engine; two engines never see each other's in-memory data.
/// Its connections share one cache, whose table locks make a connection that has read a table (and not yet committed or
/// rolled back) block writers of that table; file databases in WAL mode have no such wait.
/// Connections enforce foreign keys (<c>PRAGMA foreign_keys = ON</c>).
/// <para>
/// The engine pools its connections: disposing a <see cref="Connection"/> rolls back what it did not commit and gives
/// its open SQLite connection, with its prepared statements, back to the engine for the next <see cref="Connect"/>, so
/// a connection per request costs no open and no prepare. <see cref="Dispose"/> closes them.
/// </para>
/// <para>
/// A file database is switched to write-ahead logging when the engine opens its first connection (see
/// <see cref="EngineOptions.UseWal"/>), and every connection waits up to <see cref="BusyTimeout"/> for a lock held by
/// another connection or process, so that concurrent writers queue up instead of failing.
/// </para>
/// </remarks>
public sealed class Engine : IDisposable
{
    private readonly DatabaseDriver _driver;
    private readonly EchoLog? _echo;
    private volatile bool _disposed;

    private Engine(string url, DatabaseUrl.Resolved resolved, EngineOptions options, DatabaseDriver driver)
    {
        Url = DatabaseUrl.MaskPassword(url);
        ConnectionString = resolved.ConnectionString;
        IsInMemory = resolved.InMemory;
        IsReadOnly = resolved.ReadOnly;
        if (options.Echo)
        {
            _echo = new EchoLog(options.Logger, options.EchoWriter);
        }

        TraceParameterValues = options.TraceParameterValues;
        _driver = driver;
        BusyTimeout = (driver as SqliteDriver)?.BusyTimeout ?? options.BusyTimeout ?? EngineOptions.DefaultBusyTimeout;
        Telemetry.Track(this);
    }

    /// <summary>
    /// Gets the URL or connection string the engine was created with, its password replaced by <c>***</c>
    /// (<c>postgresql://app:***@db/shop</c>), so that it is safe to log or show.
    /// </summary>
    public string Url { get; }

    /// <summary>
    /// Gets the connection string the engine opens connections with: Microsoft.Data.Sqlite's for SQLite, Npgsql's (as
    /// the URL resolved to, before the driver adds its own settings) for PostgreSQL. It holds the password, if the URL
    /// has one: do not log it (<see cref="Url"/> is the masked form).
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>Gets which database the engine talks to: <see cref="DatabaseKind.Sqlite"/> or <see cref="DatabaseKind.Postgres"/>.</summary>
    internal DatabaseKind Kind => _driver.Kind;

    /// <summary>Gets the database's product name, as messages and the echo name it: <c>SQLite</c> or <c>PostgreSQL</c>.</summary>
    internal string DatabaseName => _driver.Kind == DatabaseKind.Postgres ? "PostgreSQL" : "SQLite";

    /// <summary>Gets a value indicating whether the database lives in memory, for as long as this engine; always <see langword="false"/> on PostgreSQL.</summary>
    public bool IsInMemory { get; }

    /// <summary>
    /// Gets a value indicating whether the engine opens its database file for reading only: the URL has
    /// <c>?mode=ro</c> or <c>?immutable=1</c>, the connection string has <c>Mode=ReadOnly</c>, or
    /// <see cref="EngineOptions.ReadOnly"/> is set. Such an engine never changes the file's journal mode, and writes fail
    /// with a <see cref="GenOrmException"/> that names the file. On PostgreSQL, <see cref="EngineOptions.ReadOnly"/> makes
    /// every transaction read-only (<c>default_transaction_read_only</c>), so a write fails with the server's error.
    /// </summary>
    public bool IsReadOnly { get; }

    /// <summary>
    /// Gets how long a statement waits for a lock held by another connection or process before it fails with
    /// <see cref="DatabaseBusyException"/>: <see cref="EngineOptions.BusyTimeout"/>, the connection string's
    /// <c>Default Timeout</c> (SQLite), or <see cref="EngineOptions.DefaultBusyTimeout"/> (5 s). On PostgreSQL it is the
    /// server's <c>lock_timeout</c> for every connection of the engine (a row or table lock waited for longer fails with
    /// SQLSTATE 55P03, a <see cref="DatabaseBusyException"/>), unless the connection string's <c>Options</c> set one.
    /// </summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>
    /// Creates an engine for a SQLite database, or for a PostgreSQL database with the GenOrm.Npgsql package
    /// (<c>postgresql://user:password@host:5432/dbname</c> or an Npgsql connection string; see docs/postgresql.md).
    /// </summary>
    /// <param name="url">
    /// A SQLAlchemy-style URL: <c>sqlite:///relative.db</c>, <c>sqlite:////absolute/path.db</c>, <c>sqlite://</c> or
    /// <c>sqlite:///:memory:</c> (in memory); a <c>+driver</c> part such as <c>sqlite+pysqlite://</c> is accepted and
    /// ignored. Or an ADO.NET connection string: <c>Data Source=app.db</c>, <c>Data Source=:memory:</c>.
    /// A file URL may end with <c>?mode=ro</c> to open the file read-only, or <c>?immutable=1</c> for read-only media: the
    /// file is read as it is, without locks and without its <c>-wal</c> file, and must not change while it is open.
    /// </param>
    /// <param name="echo"><see langword="true"/> to log every statement to standard output.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ArgumentException">The URL has another scheme or is malformed; the message quotes it, passwords masked.</exception>
    /// <exception cref="NotSupportedException">
    /// The URL names a PostgreSQL database and the GenOrm.Npgsql package's driver is not registered (see
    /// <c>GenOrm.Npgsql.NpgsqlDriver.Register()</c>).
    /// </exception>
    public static Engine Create(string url, bool echo = false) => Create(url, new EngineOptions { Echo = echo });

    /// <summary>Creates an engine for a SQLite (or, with GenOrm.Npgsql, a PostgreSQL) database, with options.</summary>
    /// <param name="url">A SQLAlchemy-style URL or an ADO.NET connection string; see <see cref="Create(string, bool)"/>.</param>
    /// <param name="options">The options, such as echo and where it writes.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ArgumentException">
    /// The URL has another scheme or is malformed, or <see cref="EngineOptions.ReadOnly"/> is set for an in-memory database;
    /// the message quotes it.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="EngineOptions.BusyTimeout"/> is below 1 ms or above <see cref="int.MaxValue"/> ms.</exception>
    /// <exception cref="NotSupportedException">
    /// The URL names a PostgreSQL database (<c>postgresql://...</c> or an Npgsql connection string such as
    /// <c>Host=...;Username=...</c>) and the GenOrm.Npgsql package's driver is not registered; the message names the
    /// package and <c>GenOrm.Npgsql.NpgsqlDriver.Register()</c>.
    /// </exception>
    public static Engine Create(string url, EngineOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BusyTimeout is { } timeout && (timeout < TimeSpan.FromMilliseconds(1) || timeout.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), timeout, ErrorMessages.BusyTimeoutOutOfRange(timeout.ToString("c", CultureInfo.InvariantCulture)));
        }

        DatabaseUrl.Resolved resolved = DatabaseUrl.Resolve(url.Trim(), options.ReadOnly);
        return new Engine(url, resolved, options, CreateDriver(url, resolved, options, DriverRegistry.Postgres));
    }

    /// <summary>
    /// Makes the driver for a resolved URL: SQLite's, or the PostgreSQL driver that <paramref name="postgres"/> makes
    /// (GenOrm.Npgsql registers it in <see cref="DriverRegistry"/>).
    /// </summary>
    /// <exception cref="NotSupportedException">The URL names PostgreSQL and no PostgreSQL driver is registered.</exception>
    internal static DatabaseDriver CreateDriver(
        string url, DatabaseUrl.Resolved resolved, EngineOptions options, Func<DatabaseUrl.Resolved, EngineOptions, DatabaseDriver>? postgres)
    {
        if (resolved.Kind == DatabaseKind.Postgres)
        {
            return postgres is null ? throw new NotSupportedException(ErrorMessages.PostgresDriverMissing(url)) : postgres(resolved, options);
        }

        return new SqliteDriver(resolved, options);
    }

    /// <summary>
    /// Opens a connection. Work on it is commit-as-you-go: the first statement begins a transaction,
    /// <see cref="Connection.Commit"/> makes it permanent, and disposing the connection rolls back what was not committed.
    /// </summary>
    /// <returns>The open connection; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    /// <exception cref="DatabaseBusyException">The first connection of a file database could not switch it to WAL in time.</exception>
    /// <exception cref="GenOrmException">
    /// The database file cannot be opened: its folder does not exist, it is a folder, this process may not open it, it
    /// is not a SQLite database, or it is write-protected and the engine is not read-only. The message names the file as
    /// the URL or connection string gave it, and says what to do.
    /// </exception>
    public Connection Connect()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(Engine), ErrorMessages.EngineDisposed());
        }

        return new Connection(this, _driver.Open(), _echo);
    }

    /// <summary>Gets the driver: the seam to the database, which owns the pool of physical connections.</summary>
    internal DatabaseDriver Driver => _driver;

    /// <summary>Gets <c>db.namespace</c> for telemetry: the database file as the URL gave it, or the in-memory database's name.</summary>
    internal string TelemetryNamespace => _driver.Namespace;

    /// <summary>Gets whether spans carry parameter values (<see cref="EngineOptions.TraceParameterValues"/>).</summary>
    internal bool TraceParameterValues { get; }

    /// <summary>Gets the number of pooled (idle) connections and of connections lent to a <see cref="Connection"/> (used).</summary>
    internal (int Idle, int Used) ConnectionCounts() => _driver.ConnectionCounts();

    /// <summary>Takes back the physical connection of a disposed <see cref="Connection"/>: pooled when reusable and the engine is open.</summary>
    internal void Release(DriverConnection physical, bool reusable) => _driver.Return(physical, reusable && !_disposed);

    /// <summary>Opens a connection; the asynchronous twin of <see cref="Connect"/>.</summary>
    /// <param name="cancellationToken">Stops waiting for the connection.</param>
    /// <returns>The open connection; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    /// <remarks>
    /// Awaits the driver: PostgreSQL opens (or takes from its pool) a connection over the network; opening a SQLite
    /// connection does no network I/O, so there this completes at once.
    /// </remarks>
    public async Task<Connection> ConnectAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(Engine), ErrorMessages.EngineDisposed());
        }

        return new Connection(this, await _driver.OpenAsync(cancellationToken).ConfigureAwait(false), _echo);
    }

    /// <summary>Opens a connection and begins a transaction on it at once; the asynchronous twin of <see cref="Begin()"/>.</summary>
    /// <param name="cancellationToken">Stops waiting for the connection and for the transaction to begin.</param>
    /// <returns>The open connection, in a transaction; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public async Task<Connection> BeginAsync(CancellationToken cancellationToken = default)
    {
        Connection connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await connection.BeginAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Opens a connection and begins a transaction on it at once. <see cref="Connection.Commit"/> commits it;
    /// disposing the connection without committing rolls it back.
    /// </summary>
    /// <returns>The open connection, in a transaction; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public Connection Begin()
    {
        Connection connection = Connect();
        connection.Begin();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that commits when it returns and rolls back when it throws, as
    /// SQLAlchemy's <c>with engine.begin() as conn:</c>. The exception is rethrown unchanged.
    /// </summary>
    /// <param name="work">The work to run on the connection.</param>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public void Begin(Action<Connection> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Connection connection = Begin();
        try
        {
            work(connection);
            connection.Commit();
        }
        catch
        {
            DisposeAfterFailure(connection);
            throw;
        }

        connection.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that commits when it returns and rolls back when it throws,
    /// and returns its result.
    /// </summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="work">The work to run on the connection.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public T Begin<T>(Func<Connection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Connection connection = Begin();
        T result;
        try
        {
            result = work(connection);
            connection.Commit();
        }
        catch
        {
            DisposeAfterFailure(connection);
            throw;
        }

        connection.Dispose();
        return result;
    }

    /// <summary>
    /// Runs asynchronous <paramref name="work"/> in a transaction that commits when it completes and rolls back when
    /// it throws.
    /// </summary>
    /// <param name="work">The work to run on the connection.</param>
    /// <returns>A task that completes when the transaction has been committed or rolled back.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public async Task BeginAsync(Func<Connection, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Connection connection = await BeginAsync().ConfigureAwait(false);
        try
        {
            await work(connection).ConfigureAwait(false);
            await connection.CommitAsync().ConfigureAwait(false);
        }
        catch
        {
            DisposeAfterFailure(connection);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Rolls back and closes a connection whose work failed, without letting a second error (for example, the work
    /// leaked the connection to a thread that still uses it) hide the one that is being rethrown.
    /// </summary>
    private static void DisposeAfterFailure(Connection connection)
    {
        try
        {
            connection.Dispose();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The original exception is the one the caller needs; the database rolls back when the connection closes.
        }
    }

    /// <summary>Closes the engine. An in-memory database is discarded.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Telemetry.Untrack(this);
        _driver.Dispose();
    }
}
