using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>
/// An open connection to the database, SQLAlchemy 2's <c>Connection</c>: commit-as-you-go. The first statement begins
/// a transaction; <see cref="Commit"/> makes the work permanent, <see cref="Rollback"/> undoes it, and disposing the
/// connection rolls back whatever was not committed.
/// </summary>
/// <remarks>
/// A connection is not thread-safe: use it from one thread at a time. Prepared statements are cached per connection,
/// so running the same SQL again skips parsing it.
/// </remarks>
public sealed partial class Connection : IDisposable, IAsyncDisposable
{
    private const int MaxCachedStatements = 256;
    private const int SqliteInterrupt = 9;

    private readonly Engine _engine;
    private readonly PhysicalConnection _physical;
    private readonly SqliteConnection _connection;
    private readonly EchoLog? _echo;
    private readonly TimeSpan _busyTimeout;
    private readonly Dictionary<string, SqliteCommand> _statements;
    private bool _inTransaction;
    private GenOrmException? _rolledBackBySqlite;
    private bool _transactionHasWork;
    private int _savepoints;
    private bool _disposed;
    private int _ownerThread;
    private int _ownerDepth;

    internal Connection(Engine engine, PhysicalConnection physical, EchoLog? echo, TimeSpan busyTimeout)
    {
        _engine = engine;
        _physical = physical;
        _connection = physical.Connection;
        _statements = physical.Commands;
        _rawStatements = physical.Statements;
        _echo = echo;
        _busyTimeout = busyTimeout;
    }

    /// <summary>
    /// Gets the underlying Microsoft.Data.Sqlite connection, for interop with ADO.NET code. A command run on it joins
    /// the transaction in progress by itself: GenOrm begins and ends transactions with SQLite's own <c>BEGIN</c> and
    /// <c>COMMIT</c>, so the command's <c>Transaction</c> stays <see langword="null"/>. Do not begin or end
    /// transactions on it directly.
    /// </summary>
    public SqliteConnection DbConnection => _connection;

    /// <summary>Always <see langword="null"/>: GenOrm runs its transactions with SQLite's own <c>BEGIN</c> and <c>COMMIT</c>, without a <see cref="SqliteTransaction"/>.</summary>
    [Obsolete("GenOrm no longer uses a SqliteTransaction: a command on DbConnection joins the transaction in progress without one. This property is always null.")]
    public SqliteTransaction? DbTransaction => null;

    /// <summary>Gets a value indicating whether a transaction is in progress (work not yet committed or rolled back).</summary>
    public bool InTransaction => _inTransaction;

    /// <summary>Runs a statement that takes no parameters.</summary>
    /// <param name="sql">The statement.</param>
    /// <returns>The rows it returned and the number of rows it changed.</returns>
    /// <exception cref="GenOrmException">The statement failed, or it uses a parameter (none is given).</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public Result Execute(Sql sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Run(sql, static (_, _) => (false, null), (object?)null);
    }

    /// <summary>Runs a statement with named parameter values.</summary>
    /// <param name="sql">The statement, with parameters written <c>:name</c>, <c>@name</c> or <c>$name</c>.</param>
    /// <param name="parameters">The values, by name.</param>
    /// <returns>The rows it returned and the number of rows it changed.</returns>
    /// <exception cref="GenOrmException">The statement failed, or a parameter it uses has no value (the message names it).</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public Result Execute(Sql sql, Params parameters)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        return Run(sql, static (p, name) => p.TryGetValue(name, out object? value) ? (true, value) : (false, null), parameters);
    }

    /// <summary>
    /// Runs a statement once per parameter set, SQLAlchemy's <c>executemany</c>: one prepared statement, bound once per
    /// set, all in the connection's transaction. If any set fails, none of the batch's changes remain (earlier,
    /// uncommitted work on the connection is kept).
    /// </summary>
    /// <param name="sql">The statement, with named parameters.</param>
    /// <param name="batch">The parameter sets.</param>
    /// <returns>A result whose <see cref="Result.RowsAffected"/> is the total over all sets.</returns>
    /// <exception cref="GenOrmException">A set failed or lacks a value; the batch was undone.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public Result Execute(Sql sql, IEnumerable<Params> batch)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(batch);
        return RunBatch(sql, batch, static (p, name) => p.TryGetValue(name, out object? value) ? (true, value) : (false, null));
    }

    /// <summary>
    /// Runs a statement whose parameters take their values from an entity's columns: <c>:email</c> binds the
    /// column (or property) named <c>email</c>, compared ignoring case. Binding uses generated code, not reflection.
    /// </summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The statement.</param>
    /// <param name="entity">The entity that supplies the values.</param>
    /// <returns>The rows it returned and the number of rows it changed.</returns>
    /// <exception cref="GenOrmException">The statement failed, or a parameter matches no column of <typeparamref name="T"/>.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public Result Execute<T>(Sql sql, T entity)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(entity);
        return Run(sql, static (e, name) => T.TryGetParameterValue(e, name, out object? value) ? (true, value) : (false, null), entity, T.TableName);
    }

    /// <summary>Runs a statement once per entity, binding each entity's columns by name; see <see cref="Execute(Sql, IEnumerable{Params})"/>.</summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The statement.</param>
    /// <param name="entities">The entities that supply the values.</param>
    /// <returns>A result whose <see cref="Result.RowsAffected"/> is the total over all entities.</returns>
    /// <exception cref="GenOrmException">A statement failed or a parameter matches no column; the batch was undone.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public Result Execute<T>(Sql sql, IEnumerable<T> entities)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(entities);
        return RunBatch(sql, entities, static (e, name) => T.TryGetParameterValue(e, name, out object? value) ? (true, value) : (false, null), T.TableName);
    }

    /// <summary>
    /// Runs a query and maps each row onto <typeparamref name="T"/> by column name (compared ignoring case), with
    /// generated code. The result must hold every mapped column; extra columns are ignored.
    /// </summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">The parameter values, or <see langword="null"/> when the query takes none.</param>
    /// <returns>One entity per row.</returns>
    /// <exception cref="GenOrmException">The query failed, a parameter has no value, or a mapped column is missing from the result.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public List<T> Query<T>(Sql sql, Params? parameters = null)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        using Statement statement = PrepareQuery(sql, parameters);
        int[] ordinals = MapOrdinals<T>(statement, sql.CommandText);
        return Run(statement, T.TableName, CancellationToken.None, s =>
        {
            var entities = new List<T>();
            bool first = true;
            while (Step(s, first))
            {
                first = false;
                entities.Add(T.ReadRow(s, ordinals));
            }

            return entities;
        });
    }

    /// <summary>
    /// Begins a transaction now, rather than at the first statement, and takes the database's write lock at once
    /// (<c>BEGIN IMMEDIATE</c>), so that a unit of work which reads and then writes never fails half-way because
    /// another connection wrote in between.
    /// </summary>
    /// <exception cref="InvalidOperationException">A transaction is already in progress.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public void Begin()
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        ThrowIfRolledBackBySqlite();
        if (_inTransaction)
        {
            throw new InvalidOperationException(
                "A transaction is already in progress on this connection. Commit() or Rollback() it before beginning another.");
        }

        // An explicit unit of work takes the write lock up front (BEGIN IMMEDIATE): it waits for other writers at its
        // start, never fails half-way on a snapshot that another connection changed after it read.
        _echo?.Line("BEGIN IMMEDIATE");
        try
        {
            RunControl(ControlStatement.BeginImmediate);
        }
        catch (SqliteException e)
        {
            throw SqliteErrorTranslator.Translate(e, "BEGIN IMMEDIATE", null, _busyTimeout);
        }

        _inTransaction = true;
        _transactionHasWork = false;
    }

    /// <summary>Commits the transaction in progress, making its work permanent. Does nothing when there is none.</summary>
    /// <exception cref="GenOrmException">SQLite could not commit (for example, the database is locked).</exception>
    /// <exception cref="PendingRollbackException">SQLite rolled the transaction back by itself after an error; call <see cref="Rollback"/> first.</exception>
    /// <exception cref="InvalidOperationException">Called inside a <c>[Migration]</c> hook, whose transaction the migrator owns.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public void Commit()
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        ThrowIfInMigrationHook(nameof(Commit));
        ThrowIfRolledBackBySqlite();
        if (!_inTransaction)
        {
            return;
        }

        _echo?.Line("COMMIT");
        try
        {
            RunControl(ControlStatement.Commit);
        }
        catch (SqliteException e)
        {
            // A COMMIT that fails (busy) leaves the transaction open, to be committed again or rolled back.
            GenOrmException translated = SqliteErrorTranslator.Translate(e, "COMMIT", null, _busyTimeout);
            NoteTransactionEndedBySqlite(translated);
            throw translated;
        }

        _inTransaction = false;
    }

    /// <summary>
    /// Rolls back the transaction in progress, undoing its work. Does nothing when there is none. After SQLite has
    /// rolled a transaction back by itself (see <see cref="PendingRollbackException"/>), this acknowledges it and
    /// makes the connection usable again.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called inside a <c>[Migration]</c> hook, whose transaction the migrator owns.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public void Rollback()
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        ThrowIfInMigrationHook(nameof(Rollback));
        if (_rolledBackBySqlite is not null)
        {
            _echo?.Line("ROLLBACK (acknowledged: SQLite had rolled the transaction back)");
            _rolledBackBySqlite = null;
        }

        if (!_inTransaction)
        {
            return;
        }

        _echo?.Line("ROLLBACK");
        _inTransaction = false;
        if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            RunControl(ControlStatement.Rollback);
        }
    }

    /// <summary>
    /// Rolls back uncommitted work and gives the connection back to its engine, which keeps the open SQLite connection
    /// and its prepared statements for the next <see cref="Engine.Connect"/>.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        using UseScope use = Enter();
        _rolledBackBySqlite = null;
        _migrationHookVersion = 0;

        try
        {
            Rollback();
        }
        catch (SqliteException)
        {
            // Closing the connection below rolls the transaction back in any case.
        }
        finally
        {
            _disposed = true;
            _rolledBackBySqlite = null;
            ReturnLentStatements();
            bool reusable = _physical.IsReusable && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) != 0;
            _engine.Release(_physical, reusable);
        }
    }

    /// <summary>Rolls back uncommitted work and gives the connection back to its engine; see <see cref="Dispose"/>.</summary>
    /// <returns>A task that completes when the connection has been given back.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Gets a cached prepared command for generated SQL, creating its parameters once.</summary>
    internal SqliteCommand GetStatement(string sql, string[] parameterNames)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        if (_statements.TryGetValue(sql, out SqliteCommand? command))
        {
            return command;
        }

        command = CreateCommand(sql);
        foreach (string name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    internal bool IsEchoing => _echo is not null;

    /// <summary>
    /// Runs <paramref name="run"/> on a prepared command inside the connection's transaction: echo, error
    /// translation, and cancellation (the token interrupts SQLite; the statement stops with
    /// <see cref="OperationCanceledException"/> and the connection stays usable).
    /// </summary>
    internal TOut Execute<TOut>(SqliteCommand command, string? tableName, CancellationToken cancellationToken, Func<SqliteCommand, TOut> run)
    {
        using UseScope use = Enter();
        cancellationToken.ThrowIfCancellationRequested();
        long start = BeginCommand(command);
        try
        {
            TOut result;
            using (RegisterInterrupt(cancellationToken))
            {
                result = run(command);
            }

            EndCommand(command, start, tableName: tableName);
            return result;
        }
        catch (SqliteException e)
        {
            throw FailOrCancel(e, command, start, tableName, cancellationToken);
        }
    }

    internal CancellationTokenRegistration RegisterInterrupt(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), _connection)
            : default;

    internal Exception FailOrCancel(SqliteException exception, SqliteCommand command, long start, string? tableName, CancellationToken cancellationToken)
    {
        GenOrmException translated = Fail(exception, command, start, tableName);
        return exception.SqliteErrorCode == SqliteInterrupt && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException(ErrorMessages.Cancelled(command.CommandText), translated, cancellationToken)
            : translated;
    }

    internal long BeginCommand(SqliteCommand command)
    {
        using UseScope use = Enter();
        ThrowIfRolledBackBySqlite();
        if (!_inTransaction)
        {
            BeginImplicitTransaction();
        }

        return Telemetry.Start(_echo is not null);
    }

    internal void EndCommand(SqliteCommand command, long start, string? batchDetail = null, string? tableName = null, long returnedRows = -1, long affectedRows = -1, int batchSize = 0)
    {
        using UseScope use = Enter();
        _transactionHasWork = true;
        _echo?.Statement(command.CommandText, Stopwatch.GetElapsedTime(start), batchDetail ?? EchoLog.FormatParameters(command.Parameters));
        Telemetry.Statement(_engine, command.CommandText, tableName, start, returnedRows, affectedRows, batchSize, null, parameters: batchSize > 0 ? null : command.Parameters);
    }

    internal GenOrmException Fail(SqliteException exception, SqliteCommand command, long start, string? tableName)
    {
        using UseScope use = Enter();
        _echo?.Statement(command.CommandText, Stopwatch.GetElapsedTime(start), EchoLog.FormatParameters(command.Parameters), failed: true);
        GenOrmException translated = ForeignKeyDiagnosis.Explain(exception, command, tableName)
            ?? SqliteErrorTranslator.Translate(exception, command.CommandText, tableName, _busyTimeout, _connection.DataSource);
        NoteTransactionEndedBySqlite(translated);
        Telemetry.Statement(_engine, command.CommandText, tableName, start, -1, -1, 0, translated, parameters: command.Parameters);
        return translated;
    }

    /// <summary>
    /// Some errors (<c>INSERT OR ROLLBACK</c>, <c>RAISE(ROLLBACK)</c>, a full disk, an I/O error) make SQLite roll back
    /// the whole transaction itself. If the transaction had done work before the failing statement, that work is
    /// lost: the connection then refuses every statement and <see cref="Commit"/> with a
    /// <see cref="PendingRollbackException"/> until <see cref="Rollback"/> acknowledges it, so that a later commit
    /// can never report success for work that is gone.
    /// </summary>
    private void NoteTransactionEndedBySqlite(GenOrmException cause)
    {
        if (!_inTransaction || SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            return;
        }

        _echo?.Line("ROLLBACK (ended by SQLite after the error)");
        _inTransaction = false;
        if (_transactionHasWork)
        {
            _rolledBackBySqlite = cause;
        }
    }

    /// <summary>Throws while a transaction that SQLite rolled back by itself has not been acknowledged with <see cref="Rollback"/>.</summary>
    private void ThrowIfRolledBackBySqlite()
    {
        if (_rolledBackBySqlite is { } cause)
        {
            throw new PendingRollbackException(ErrorMessages.PendingRollback((cause.InnerException as SqliteException)?.Message ?? cause.Message), cause);
        }
    }

    /// <summary>Runs <paramref name="body"/> inside a savepoint, so that a failure undoes only its work.</summary>
    internal TResult InSavepoint<TResult>(Func<TResult> body)
    {
        using UseScope use = Enter();
        ThrowIfRolledBackBySqlite();
        if (!_inTransaction)
        {
            // The batch begins the transaction, so nothing earlier can be lost: on failure the whole transaction rolls
            // back, and no savepoint is needed (a savepoint makes SQLite journal every page the batch touches).
            BeginImplicitTransaction();
            try
            {
                return body();
            }
            catch
            {
                if (_inTransaction)
                {
                    Rollback();
                }

                throw;
            }
        }

        string name = "genorm_batch_" + (++_savepoints).ToString(CultureInfo.InvariantCulture);
        RunControl("SAVEPOINT " + name);
        try
        {
            TResult result = body();
            RunControl("RELEASE " + name);
            return result;
        }
        catch
        {
            // The transaction is gone if SQLite ended it after the error; otherwise undo just this savepoint.
            if (_inTransaction)
            {
                RunControl("ROLLBACK TO " + name);
                RunControl("RELEASE " + name);
            }

            throw;
        }
        finally
        {
            _savepoints--;
        }
    }

    private Result Run<TSource>(Sql sql, Func<TSource, string, (bool Found, object? Value)> lookup, TSource source, string? tableName = null)
    {
        using UseScope use = Enter();
        SqliteCommand command = GetStatement(sql.CommandText, sql.Parameters);
        BindAll(command, sql, source, lookup, tableName);
        long start = BeginCommand(command);
        try
        {
            using SqliteDataReader reader = command.ExecuteReader();
            var columns = new string[reader.FieldCount];
            for (int i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.GetName(i);
            }

            var schema = new RowSchema(columns);
            var rows = new List<Row>();
            while (reader.Read())
            {
                var values = new object?[columns.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(new Row(schema, values));
            }

            // RecordsAffected is -1 for statements that change nothing (SELECT, DDL).
            int affected = Math.Max(reader.RecordsAffected, 0);
            reader.Close();
            EndCommand(command, start, tableName: tableName, returnedRows: rows.Count, affectedRows: affected);
            return new Result(columns, rows, affected, sql.CommandText);
        }
        catch (SqliteException e)
        {
            throw Fail(e, command, start, tableName);
        }
    }

    private Result RunBatch<TSource>(Sql sql, IEnumerable<TSource> batch, Func<TSource, string, (bool Found, object? Value)> lookup, string? tableName = null)
    {
        using UseScope use = Enter();
        SqliteCommand command = GetStatement(sql.CommandText, sql.Parameters);
        long start = Telemetry.Start(_echo is not null);
        var shown = _echo is null ? null : new List<string>();
        int count = 0;
        int total = InSavepoint(() =>
        {
            int affected = 0;
            foreach (TSource source in batch)
            {
                if (source is null)
                {
                    throw new ArgumentException(ErrorMessages.NullBatchItem(count), nameof(batch));
                }

                BindAll(command, sql, source, lookup, tableName);
                BeginCommand(command);
                try
                {
                    affected += Math.Max(command.ExecuteNonQuery(), 0);
                }
                catch (SqliteException e)
                {
                    throw Fail(e, command, start, tableName);
                }

                if (shown is not null && EchoLog.ShowsSet(count))
                {
                    shown.Add(EchoLog.FormatParameters(command.Parameters));
                }

                count++;
            }

            return affected;
        });

        if (shown is not null)
        {
            EndCommand(command, start, EchoLog.FormatBatch(shown, count), tableName, 0, total, count);
        }
        else
        {
            _transactionHasWork = true;
            Telemetry.Statement(_engine, sql.CommandText, tableName, start, 0, total, count, null);
        }

        return new Result(Array.Empty<string>(), new List<Row>(), total, sql.CommandText);
    }

    private SqliteCommand GetStatement(string text, IReadOnlyList<SqlParameterToken> tokens)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        if (_statements.TryGetValue(text, out SqliteCommand? command))
        {
            return command;
        }

        command = CreateCommand(text);
        foreach (SqlParameterToken token in tokens)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = token.Token });
        }

        return command;
    }

    private SqliteCommand CreateCommand(string sql)
    {
        if (_statements.Count >= MaxCachedStatements)
        {
            foreach (SqliteCommand old in _statements.Values)
            {
                old.Dispose();
            }

            _statements.Clear();
        }

        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        _statements.Add(sql, command);
        return command;
    }

    private static void BindAll<TSource>(
        SqliteCommand command, Sql sql, TSource source, Func<TSource, string, (bool Found, object? Value)> lookup, string? entityTable)
    {
        IReadOnlyList<SqlParameterToken> tokens = sql.Parameters;
        for (int i = 0; i < tokens.Count; i++)
        {
            SqlParameterToken token = tokens[i];
            var (found, value) = lookup(source, token.Name);
            if (!found)
            {
                string message = entityTable is null
                    ? ErrorMessages.MissingParameter(token.Token, token.Name, sql.CommandText)
                    : ErrorMessages.MissingEntityParameter(token.Token, token.Name, entityTable, sql.CommandText);
                throw new GenOrmException(message, entityTable, null, sql.CommandText, null);
            }

            command.Parameters[i].Value = entityTable is null ? Internal.DbValue.FromObject(value) : value ?? DBNull.Value;
        }
    }

    private static int[] MapOrdinals<T>(Statement statement, string sql)
        where T : ITable<T>
    {
        IReadOnlyList<string> columns = T.ColumnNames;
        int count = statement.ColumnCount;
        var names = new string[count];
        for (int j = 0; j < count; j++)
        {
            names[j] = statement.GetName(j);
        }

        var ordinals = new int[columns.Count];
        List<string>? missing = null;
        for (int i = 0; i < columns.Count; i++)
        {
            ordinals[i] = Array.FindIndex(names, name => string.Equals(name, columns[i], StringComparison.OrdinalIgnoreCase));
            if (ordinals[i] < 0)
            {
                (missing ??= new List<string>()).Add("'" + columns[i] + "'");
            }
        }

        if (missing is not null)
        {
            throw new GenOrmException(ErrorMessages.MissingColumns(T.TableName, string.Join(", ", missing), sql), T.TableName, null, sql, null);
        }

        return ordinals;
    }

    /// <summary>Prepares text SQL on the statement path and binds its named parameters from <paramref name="parameters"/>.</summary>
    private Statement PrepareQuery(Sql sql, Params? parameters)
    {
        IReadOnlyList<SqlParameterToken> tokens = sql.Parameters;
        var names = new string[tokens.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = tokens[i].Token;
        }

        Statement statement = Lend(sql.CommandText, names);
        try
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                SqlParameterToken token = tokens[i];
                if (parameters is null || !parameters.TryGetValue(token.Name, out object? value))
                {
                    throw new GenOrmException(ErrorMessages.MissingParameter(token.Token, token.Name, sql.CommandText), null, null, sql.CommandText, null);
                }

                statement.BindNamed(i, token.Token, Internal.DbValue.FromObject(value));
            }

            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Marks the connection as used by the calling thread until the returned scope is disposed (nested calls on the same
    /// thread are fine), so that a second thread gets a clear <see cref="InvalidOperationException"/> instead of racing
    /// it inside SQLite and the statement cache.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is using the connection.</exception>
    internal UseScope Enter()
    {
        int thread = Environment.CurrentManagedThreadId;
        int owner = Interlocked.CompareExchange(ref _ownerThread, thread, 0);
        if (owner != 0 && owner != thread)
        {
            throw new InvalidOperationException(ErrorMessages.ConnectionInUse());
        }

        _ownerDepth++;
        return new UseScope(this);
    }

    /// <summary>Ends one <see cref="Enter"/>; the outermost frees the connection for other threads.</summary>
    internal void Exit()
    {
        if (--_ownerDepth == 0)
        {
            Volatile.Write(ref _ownerThread, 0);
        }
    }

    /// <summary>The scope of one <see cref="Enter"/>.</summary>
    internal readonly struct UseScope(Connection connection) : IDisposable
    {
        public void Dispose() => connection.Exit();
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(Connection), ErrorMessages.ConnectionDisposed());
        }
    }
}
