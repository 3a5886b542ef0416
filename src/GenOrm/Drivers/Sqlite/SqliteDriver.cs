using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace GenOrm.Drivers.Sqlite;

/// <summary>
/// SQLite's <see cref="DatabaseDriver"/>: opens Microsoft.Data.Sqlite connections and pools them itself, with their
/// prepared statements (up to 64 idle ones; Microsoft.Data.Sqlite's own pool is off, because it would close what the
/// driver keeps and re-run the connection string's pragmas on every open). Every connection waits up to the busy
/// timeout for locks, enforces foreign keys, and reads double-quoted words as identifiers only.
/// </summary>
/// <remarks>
/// An in-memory database lives as long as the driver: one connection, held open, keeps it. A file database is checked
/// on the first open (its header is read, since SQLite opens files lazily) and switched to WAL unless the options say not.
/// </remarks>
internal sealed class SqliteDriver : DatabaseDriver
{
    /// <summary>The statement that switches a file to write-ahead logging (<see cref="EngineOptions.UseWal"/>).</summary>
    internal const string WalPragma = "PRAGMA journal_mode=WAL";
    private const int MaxIdleConnections = 64;
    private const int SqliteBusy = 5;
    private const int SqliteDbConfigEnableForeignKeys = 1002;
    private const int SqliteDbConfigDoubleQuotedStringsInDml = 1013;
    private const int SqliteDbConfigDoubleQuotedStringsInDdl = 1014;
    private readonly SqliteConnection? _keepAlive;
    private readonly string _connectionString;
    private readonly string _physicalConnectionString;
    private readonly Stack<SqliteDriverConnection> _idle = new();
    private readonly int _busyTimeoutMilliseconds;
    private readonly int _commandTimeoutSeconds;
    private readonly object _walLock = new();
    private readonly string? _filePath;
    private readonly bool _useWal;
    private volatile bool _firstOpenPending;
    private volatile bool _disposed;
    private int _usedConnections;

    public SqliteDriver(DatabaseUrl.Resolved resolved, EngineOptions options)
    {
        _connectionString = resolved.ConnectionString;
        _physicalConnectionString = new SqliteConnectionStringBuilder(resolved.ConnectionString) { Pooling = false }.ToString();
        IsReadOnly = resolved.ReadOnly;
        _filePath = resolved.FilePath;
        (BusyTimeout, _busyTimeoutMilliseconds, _commandTimeoutSeconds) = ResolveBusyTimeout(options.BusyTimeout, _connectionString);
        _useWal = options.UseWal && !resolved.InMemory && !IsReadOnly;
        _firstOpenPending = !resolved.InMemory;
        Namespace = _filePath ?? new SqliteConnectionStringBuilder(_connectionString).DataSource;
        if (resolved.InMemory)
        {
            // An in-memory database disappears when its last connection closes; this one holds it open.
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }
    }

    /// <summary>Gets how long a statement waits for a lock held by another connection or process.</summary>
    public TimeSpan BusyTimeout { get; }

    /// <summary>Gets whether the file is opened for reading only.</summary>
    public bool IsReadOnly { get; }

    /// <inheritdoc/>
    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    /// <inheritdoc/>
    public override string SystemName => "sqlite";

    /// <inheritdoc/>
    /// <remarks>A value already in storage form (an entity's column, from generated code) is kept as it is, without a new box.</remarks>
    public override object ParameterValue(object? value) => value switch
    {
        long or byte[] or DBNull => value,
        double d when !double.IsNaN(d) => value,
        _ => Internal.DbValue.FromObject(value),
    };

    /// <inheritdoc/>
    public override string Namespace { get; }

    /// <inheritdoc/>
    /// <exception cref="DatabaseBusyException">The first connection of a file database could not switch it to WAL in time.</exception>
    /// <exception cref="GenOrmException">The database file cannot be opened; the message names it and says what to do.</exception>
    public override DriverConnection Open()
    {
        if (TakeIdle() is { } idle)
        {
            Interlocked.Increment(ref _usedConnections);
            return idle;
        }

        // DefaultTimeout bounds Microsoft.Data.Sqlite's own retry loop (for commands a user runs on DbConnection);
        // busy_timeout makes SQLite itself wait for locks.
        var connection = new SqliteConnection(_physicalConnectionString) { DefaultTimeout = _commandTimeoutSeconds };
        try
        {
            Open(connection);
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, _busyTimeoutMilliseconds);

            // "x" is always an identifier, never SQLite's fallback string literal: a misspelt "column" is an error,
            // not a constant in every row (the checked SQL of [Query] reads it the same way).
            SQLitePCL.raw.sqlite3_db_config(connection.Handle, SqliteDbConfigDoubleQuotedStringsInDml, 0, out int _);
            SQLitePCL.raw.sqlite3_db_config(connection.Handle, SqliteDbConfigDoubleQuotedStringsInDdl, 0, out int _);
            if (_firstOpenPending)
            {
                CheckFirstOpen(connection);
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        Interlocked.Increment(ref _usedConnections);
        return new SqliteDriverConnection(connection, BusyTimeout);
    }

    /// <inheritdoc/>
    public override (int Idle, int Used) ConnectionCounts()
    {
        lock (_idle)
        {
            return (_idle.Count, Volatile.Read(ref _usedConnections));
        }
    }

    /// <summary>Takes the most recently used idle connection from the pool, or <see langword="null"/> when there is none.</summary>
    private SqliteDriverConnection? TakeIdle()
    {
        lock (_idle)
        {
            if (!_idle.TryPop(out SqliteDriverConnection? idle))
            {
                return null;
            }

            // Whatever the last user did with PRAGMA foreign_keys, every connection enforces foreign keys.
            SQLitePCL.raw.sqlite3_db_config(idle.Connection.Handle, SqliteDbConfigEnableForeignKeys, 1, out int _);
            return idle;
        }
    }

    /// <summary>
    /// Takes back a connection whose <see cref="Connection"/> was disposed: kept for the next <see cref="Open()"/>
    /// if it is fit for it (open, no transaction left) and the engine is open, closed otherwise.
    /// </summary>
    public override void Return(DriverConnection connection, bool reusable)
    {
        var physical = (SqliteDriverConnection)connection;
        Interlocked.Decrement(ref _usedConnections);
        if (reusable && !_disposed)
        {
            lock (_idle)
            {
                if (!_disposed && _idle.Count < MaxIdleConnections)
                {
                    _idle.Push(physical);
                    return;
                }
            }
        }

        physical.Close();
    }

    private void Open(SqliteConnection connection)
    {
        try
        {
            connection.Open();
        }
        catch (SqliteException e) when (_filePath is not null)
        {
            throw OpenErrorTranslator.Translate(e, _filePath, IsReadOnly, null, BusyTimeout);
        }
    }

    /// <summary>
    /// Once per engine, on its first connection to a file: reads the file's header (SQLite opens files lazily, so a
    /// folder, a file that is not a database or a write-protected file shows only here) and switches it to
    /// write-ahead logging (<see cref="EngineOptions.UseWal"/>).
    /// </summary>
    private void CheckFirstOpen(SqliteConnection connection)
    {
        lock (_walLock)
        {
            if (!_firstOpenPending)
            {
                return;
            }

            string sql = _useWal ? WalPragma : "PRAGMA schema_version";
            try
            {
                if (!IsReadOnly && SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
                {
                    // SQLite opens a write-protected file read-only instead of failing; this engine means to write.
                    throw new GenOrmException(ErrorMessages.OpenReadOnlyFile(_filePath!), null, null, null, null);
                }

                if (_useWal)
                {
                    SwitchToWal(connection.Handle!);
                }
                else
                {
                    SqliteDriverConnection.RunOnce(connection.Handle!, sql);
                }
            }
            catch (SqliteException e)
            {
                throw OpenErrorTranslator.Translate(e, _filePath!, IsReadOnly, sql, BusyTimeout);
            }

            _firstOpenPending = false;
        }
    }

    /// <summary>
    /// Runs <see cref="WalPragma"/> on <paramref name="db"/>, waiting up to the busy timeout for a writer that holds
    /// the file, as every other statement does.
    /// </summary>
    /// <remarks>
    /// On a file still in rollback-journal mode (a new file, say), the pragma reads the header under a shared lock and
    /// then upgrades that lock to write the new format. SQLite never calls the busy handler for such an upgrade (the
    /// writer it would wait for may itself be waiting for this shared lock to go), so while another connection or
    /// process writes (another engine switching the same new file to WAL, most often) the pragma fails at once with
    /// <c>SQLITE_BUSY</c>, whatever the busy timeout. Then <c>BEGIN IMMEDIATE</c>, which starts from no lock and
    /// so does wait in SQLite's busy handler, waits for that writer (for what is left of the busy timeout), is rolled
    /// back at once, and the pragma runs again; by then the other process has usually switched the file already.
    /// </remarks>
    /// <exception cref="SqliteException">SQLite reported an error; <c>SQLITE_BUSY</c> once the busy timeout has passed.</exception>
    private void SwitchToWal(SQLitePCL.sqlite3 db)
    {
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                SqliteDriverConnection.RunOnce(db, WalPragma);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteBusy && RemainingMilliseconds(start) > 0)
            {
            }

            try
            {
                SQLitePCL.raw.sqlite3_busy_timeout(db, RemainingMilliseconds(start));
                SqliteDriverConnection.RunOnce(db, "BEGIN IMMEDIATE");
                SqliteDriverConnection.RunOnce(db, "ROLLBACK");
            }
            finally
            {
                SQLitePCL.raw.sqlite3_busy_timeout(db, _busyTimeoutMilliseconds);
            }
        }
    }

    /// <summary>How many milliseconds of the busy timeout are left since <paramref name="start"/> (a <see cref="Stopwatch"/> timestamp), at least 0.</summary>
    private int RemainingMilliseconds(long start) =>
        (int)Math.Max(0, _busyTimeoutMilliseconds - Math.Ceiling(Stopwatch.GetElapsedTime(start).TotalMilliseconds));

    private static (TimeSpan Timeout, int Milliseconds, int CommandSeconds) ResolveBusyTimeout(TimeSpan? configured, string connectionString)
    {
        TimeSpan timeout;
        if (configured is { } value)
        {
            timeout = value;
        }
        else if (ExplicitDefaultTimeout(connectionString) is { } seconds)
        {
            // Microsoft.Data.Sqlite reads 0 as "wait forever"; SQLite's busy timeout tops out at int.MaxValue ms.
            timeout = seconds <= 0 ? TimeSpan.FromMilliseconds(int.MaxValue) : TimeSpan.FromSeconds(seconds);
        }
        else
        {
            timeout = EngineOptions.DefaultBusyTimeout;
        }

        int milliseconds = (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));

        // Microsoft.Data.Sqlite retries a busy statement until DefaultTimeout whole seconds have passed (0 = forever).
        // SQLite has already waited the busy timeout inside the first attempt, so whole seconds rounded down stop the
        // loop right after it; under one second the loop still needs its minimum of 1.
        int commandSeconds = (int)Math.Clamp(Math.Floor(timeout.TotalSeconds), 1, int.MaxValue);
        return (timeout, milliseconds, commandSeconds);
    }

    /// <summary>The <c>Default Timeout</c> (alias <c>Command Timeout</c>) a connection string sets explicitly, if any.</summary>
    private static int? ExplicitDefaultTimeout(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in new[] { "Default Timeout", "Command Timeout", "DefaultTimeout" })
        {
            if (given.TryGetValue(key, out object? value))
            {
                return Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        SqliteDriverConnection[] idle;
        lock (_idle)
        {
            idle = _idle.ToArray();
            _idle.Clear();
        }

        foreach (SqliteDriverConnection physical in idle)
        {
            physical.Close();
        }

        _keepAlive?.Dispose();
        if (_keepAlive is null)
        {
            // Let the file be deleted or moved once the engine is gone.
            using var pooled = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }
}
