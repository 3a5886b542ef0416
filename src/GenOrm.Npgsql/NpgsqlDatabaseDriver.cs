using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Drivers;
using global::Npgsql;

namespace GenOrm.Npgsql;

/// <summary>
/// PostgreSQL's <see cref="DatabaseDriver"/>: connections come from one <see cref="NpgsqlDataSource"/> (Npgsql's pool),
/// and go back to it when a <see cref="Connection"/> is disposed. Statements are prepared on the server by Npgsql's
/// automatic preparation, which keeps them per physical connection across pool leases.
/// </summary>
/// <remarks>
/// A <see cref="NpgsqlDriverConnection"/> given back is closed (its server connection goes back to Npgsql's pool, which
/// resets the session) but kept, with its <see cref="NpgsqlConnection"/> object and its statements (their batches,
/// commands and typed parameters), for the next <see cref="Open"/>, which opens it again: a request allocates no driver
/// objects of its own, only what Npgsql allocates per open.
/// </remarks>
/// <remarks>
/// The connection string gets, unless it sets them itself: <c>Max Auto Prepare=256</c> with <c>Auto Prepare Min
/// Usages=2</c> (a statement run twice on a connection is prepared on the server), and <c>Options</c> with
/// <c>-c lock_timeout=</c> the engine's <see cref="Engine.BusyTimeout"/> (and <c>-c default_transaction_read_only=on</c>
/// for a read-only engine).
/// </remarks>
internal sealed class NpgsqlDatabaseDriver : DatabaseDriver
{
    private const int MaxCachedTexts = 4096;
    private const int MaxClosedConnections = 64;
    private readonly NpgsqlDataSource _dataSource;
    private readonly ConcurrentDictionary<string, List<PostgresStatementText>> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Schema, string Table, string Constraint), string> _constraintColumns = new();
    private readonly ConcurrentDictionary<(string Sql, int Ordinal), (string?, string?)> _origins = new();
    private readonly string _url;
    private readonly bool _sessionsReset;
    private readonly Stack<NpgsqlDriverConnection> _closed = new();
    private bool _disposed;
    private int _used;

    // Whether the server starts this engine's transactions at READ COMMITTED: 0 not yet asked, 1 yes, -1 no.
    private int _readCommitted;

    public NpgsqlDatabaseDriver(DatabaseUrl.Resolved resolved, EngineOptions options)
    {
        _url = resolved.ConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(resolved.ConnectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 256;
            builder.AutoPrepareMinUsages = 2;
        }

        BusyTimeout = options.BusyTimeout ?? EngineOptions.DefaultBusyTimeout;
        string given = builder.Options ?? string.Empty;
        var settings = new List<string>();
        if (!given.Contains("lock_timeout", StringComparison.Ordinal))
        {
            long milliseconds = (long)Math.Ceiling(BusyTimeout.TotalMilliseconds);
            settings.Add("-c lock_timeout=" + milliseconds.ToString(CultureInfo.InvariantCulture));
        }

        if (resolved.ReadOnly && !given.Contains("default_transaction_read_only", StringComparison.Ordinal))
        {
            settings.Add("-c default_transaction_read_only=on");
        }

        if (settings.Count > 0)
        {
            builder.Options = (given + " " + string.Join(' ', settings)).Trim();
        }

        // A session keeps what a raw SET changed across pool leases only when Npgsql does not reset it (see ReadsGoAhead).
        _sessionsReset = !builder.NoResetOnClose && !builder.Multiplexing;
        Namespace = builder.Database ?? builder.Username ?? string.Empty;
        _dataSource = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
    }

    /// <summary>Gets how long a statement waits for a lock (the server's <c>lock_timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; }

    /// <inheritdoc/>
    public override DatabaseKind Kind => DatabaseKind.Postgres;

    /// <inheritdoc/>
    public override string SystemName => "postgresql";

    /// <inheritdoc/>
    public override string Namespace { get; }

    /// <inheritdoc/>
    public override bool ReturnsGeneratedKeys => true;

    /// <inheritdoc/>
    public override object ParameterValue(object? value) => NpgsqlStatement.CheckValue(value);

    /// <inheritdoc/>
    /// <exception cref="GenOrmException">The server cannot be reached or refused the connection; the message says why.</exception>
    public override DriverConnection Open()
    {
        if (TakeClosed() is { } closed)
        {
            try
            {
                closed.Connection.Open();
            }
            catch (NpgsqlException e)
            {
                closed.Close();
                throw new GenOrmException(ErrorMessages.PostgresOpenFailed(_url, e.Message), null, null, null, e);
            }

            return Lent(closed);
        }

        NpgsqlConnection connection;
        try
        {
            connection = _dataSource.OpenConnection();
        }
        catch (NpgsqlException e)
        {
            throw new GenOrmException(ErrorMessages.PostgresOpenFailed(_url, e.Message), null, null, null, e);
        }

        try
        {
            if (Volatile.Read(ref _readCommitted) == 0)
            {
                using NpgsqlCommand command = IsolationCommand(connection);
                LearnIsolation(command.ExecuteScalar());
            }
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw new GenOrmException(ErrorMessages.PostgresOpenFailed(_url, e.Message), null, null, null, e);
        }

        Interlocked.Increment(ref _used);
        return new NpgsqlDriverConnection(this, connection, ReadsGoAhead);
    }

    /// <inheritdoc/>
    /// <exception cref="GenOrmException">The server cannot be reached or refused the connection; the message says why.</exception>
    public override async ValueTask<DriverConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (TakeClosed() is { } closed)
        {
            try
            {
                await closed.Connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
            {
                closed.Close();
                if (e is NpgsqlException failed)
                {
                    throw new GenOrmException(ErrorMessages.PostgresOpenFailed(_url, failed.Message), null, null, null, e);
                }

                throw;
            }

            return Lent(closed);
        }

        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw new GenOrmException(ErrorMessages.PostgresOpenFailed(_url, e.Message), null, null, null, e);
        }

        try
        {
            if (Volatile.Read(ref _readCommitted) == 0)
            {
                await using NpgsqlCommand command = IsolationCommand(connection);
                LearnIsolation(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
            }
        }
        catch (NpgsqlException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new GenOrmException(ErrorMessages.PostgresOpenFailed(_url, e.Message), null, null, null, e);
        }
        catch (OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Interlocked.Increment(ref _used);
        return new NpgsqlDriverConnection(this, connection, ReadsGoAhead);
    }

    /// <summary>
    /// Gets whether GenOrm's own reads may run ahead of an implicit transaction's <c>BEGIN</c> on this engine's
    /// connections (see <see cref="NpgsqlDriverConnection"/>): when the server starts its sessions' transactions at
    /// <c>READ COMMITTED</c> (asked once, on the engine's first connection: <c>default_transaction_isolation</c>, which
    /// the server's, the database's and the role's settings and the connection string's <c>Options</c> decide) and
    /// Npgsql resets each session when it goes back to the pool (so that a raw <c>SET</c> on one lease cannot reach the
    /// next). At <c>REPEATABLE READ</c> or <c>SERIALIZABLE</c> a transaction's reads share one snapshot, so they stay in it.
    /// </summary>
    public bool ReadsGoAhead => _sessionsReset && Volatile.Read(ref _readCommitted) > 0;

    private static NpgsqlCommand IsolationCommand(NpgsqlConnection connection) => new("SHOW default_transaction_isolation", connection);

    private void LearnIsolation(object? isolation) =>
        Volatile.Write(ref _readCommitted, isolation is "read committed" or "read uncommitted" ? 1 : -1);

    /// <summary>
    /// Takes back a connection: closing it gives its server connection back to Npgsql's pool (which resets the session,
    /// and rolls back a transaction left open); the closed connection is kept for the next <see cref="Open"/> (see the
    /// remarks of the class). A broken connection (the server ended it) is disposed, and Npgsql drops it.
    /// </summary>
    public override void Return(DriverConnection connection, bool reusable)
    {
        Interlocked.Decrement(ref _used);
        var physical = (NpgsqlDriverConnection)connection;
        if (reusable && physical.CloseForReuse())
        {
            lock (_closed)
            {
                if (!_disposed && _closed.Count < MaxClosedConnections)
                {
                    _closed.Push(physical);
                    return;
                }
            }
        }

        connection.Close();
    }

    private NpgsqlDriverConnection? TakeClosed()
    {
        lock (_closed)
        {
            return _closed.Count > 0 ? _closed.Pop() : null;
        }
    }

    private NpgsqlDriverConnection Lent(NpgsqlDriverConnection connection)
    {
        connection.Reopened(ReadsGoAhead);
        Interlocked.Increment(ref _used);
        return connection;
    }

    /// <summary>Gets the connections in use; Npgsql does not expose its pool's idle count, so it is reported as 0.</summary>
    public override (int Idle, int Used) ConnectionCounts() => (0, Volatile.Read(ref _used));

    /// <summary>Gets the statements of <paramref name="sql"/>, split and rewritten to <c>$1..$n</c> once per text.</summary>
    public List<PostgresStatementText> Split(string sql)
    {
        if (_texts.TryGetValue(sql, out List<PostgresStatementText>? parts))
        {
            return parts;
        }

        parts = SqlParameterParser.SplitForPostgres(sql);
        if (_texts.Count < MaxCachedTexts)
        {
            _texts.TryAdd(sql, parts);
        }

        return parts;
    }

    /// <summary>Whether <paramref name="text"/> is a <c>CREATE</c>, <c>ALTER</c> or <c>DROP</c> statement, after which a constraint's name may stand for other columns.</summary>
    internal static bool ChangesSchema(string text)
    {
        int end = 0;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        ReadOnlySpan<char> word = text.AsSpan(0, end);
        return word.Equals("CREATE", StringComparison.OrdinalIgnoreCase)
            || word.Equals("ALTER", StringComparison.OrdinalIgnoreCase)
            || word.Equals("DROP", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Forgets the constraint columns read so far (<see cref="ConstraintColumns"/>): a statement changed the schema.</summary>
    internal void ForgetConstraintColumns() => _constraintColumns.Clear();

    /// <summary>
    /// Gets the columns of a constraint, joined with <c>", "</c>, from the catalog (on a connection of its own: the
    /// failed statement's transaction may be aborted), or <see langword="null"/> when they cannot be found.
    /// </summary>
    public string? ConstraintColumns(string? schema, string? table, string? constraint)
    {
        if (schema is null || table is null || constraint is null)
        {
            return null;
        }

        if (_constraintColumns.TryGetValue((schema, table, constraint), out string? known))
        {
            return known;
        }

        try
        {
            using NpgsqlConnection connection = _dataSource.OpenConnection();
            using var command = new NpgsqlCommand(
                "select coalesce(" +
                "(select string_agg(a.attname, ', ' order by k.ord) from pg_constraint c " +
                "join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace " +
                "cross join lateral unnest(c.conkey) with ordinality as k(attnum, ord) " +
                "join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum " +
                "where n.nspname = $1 and t.relname = $2 and c.conname = $3), " +
                "(select string_agg(a.attname, ', ' order by k.ord) from pg_class ic " +
                "join pg_namespace n on n.oid = ic.relnamespace join pg_index i on i.indexrelid = ic.oid " +
                "cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, ord) " +
                "join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum " +
                "where n.nspname = $1 and ic.relname = $3))",
                connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = constraint });
            if (command.ExecuteScalar() is string columns)
            {
                _constraintColumns.TryAdd((schema, table, constraint), columns);
                return columns;
            }
        }
        catch (NpgsqlException)
        {
            // The message then names the constraint instead of its columns.
        }

        return null;
    }

    /// <summary>
    /// Gets the table and column a result column of <paramref name="command"/> comes from (for the message of a value
    /// that cannot be read), described by the server on a connection of its own: the statement's own connection is busy
    /// with the result. Either is <see langword="null"/> when the column is computed or cannot be described.
    /// </summary>
    public (string? Table, string? Column) ColumnOrigin(NpgsqlBatchCommand command, int ordinal)
    {
        if (_origins.TryGetValue((command.CommandText, ordinal), out (string?, string?) known))
        {
            return known;
        }

        (string? Table, string? Column) origin = (null, null);
        try
        {
            using NpgsqlConnection connection = _dataSource.OpenConnection();
            using var describe = new NpgsqlCommand(command.CommandText, connection);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                describe.Parameters.Add(parameter.Clone());
            }

            using NpgsqlDataReader reader = describe.ExecuteReader(System.Data.CommandBehavior.SchemaOnly | System.Data.CommandBehavior.KeyInfo);
            global::Npgsql.Schema.NpgsqlDbColumn column = reader.GetColumnSchema()[ordinal];
            origin = (column.BaseTableName, column.BaseColumnName);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            // A table this connection cannot see (created in a transaction not yet committed): the message names the
            // result column only.
        }

        if (origin.Table is not null && _origins.Count < MaxCachedTexts)
        {
            _origins.TryAdd((command.CommandText, ordinal), origin);
        }

        return origin;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        lock (_closed)
        {
            _disposed = true;
            while (_closed.Count > 0)
            {
                _closed.Pop().Close();
            }
        }

        _dataSource.Dispose();
    }
}
