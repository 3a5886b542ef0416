using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using System.Data.Common;
using GenOrm.Drivers;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>
/// An open connection to the database, SQLAlchemy 2's <c>Connection</c>: commit-as-you-go. The first statement begins
/// a transaction; <see cref="Commit"/> makes the work permanent, <see cref="Rollback"/> undoes it, and disposing the
/// connection rolls back whatever was not committed.
/// </summary>
/// <remarks>
/// A connection is not thread-safe: run one operation on it at a time (an awaited <c>...Async</c> operation may resume
/// on another thread; the next operation may then run there). Prepared statements are cached per connection,
/// so running the same SQL again skips parsing it.
/// </remarks>
public sealed partial class Connection : IDisposable, IAsyncDisposable
{
    private const int MaxCachedStatements = 256;

    private readonly Engine _engine;
    private readonly DriverConnection _physical;
    private readonly EchoLog? _echo;
    private bool _inTransaction;
    private GenOrmException? _rolledBackBySqlite;
    private bool _transactionHasWork;
    private int _savepoints;
    private bool _disposed;

    internal Connection(Engine engine, DriverConnection physical, EchoLog? echo)
    {
        _engine = engine;
        _physical = physical;
        _rawStatements = physical.Statements;
        _echo = echo;
    }

    /// <summary>
    /// Gets the underlying Microsoft.Data.Sqlite connection, for interop with ADO.NET code. A command run on it joins
    /// the transaction in progress by itself: GenOrm begins and ends transactions with SQLite's own <c>BEGIN</c> and
    /// <c>COMMIT</c>, so the command's <c>Transaction</c> stays <see langword="null"/>. Do not begin or end
    /// transactions on it directly. On any database, <see cref="GetDbConnection"/> gives the ADO.NET connection.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection is not to SQLite (use <see cref="GetDbConnection"/>).</exception>
    public SqliteConnection DbConnection =>
        _physical.DbConnection as SqliteConnection
        ?? throw new InvalidOperationException(ErrorMessages.NotSqliteConnection(_engine.DatabaseName, _physical.DbConnection.GetType().Name));

    /// <summary>
    /// Gets the underlying ADO.NET connection, for interop with ADO.NET code: a <c>SqliteConnection</c> on SQLite, an
    /// <c>NpgsqlConnection</c> on PostgreSQL. A command run on it runs in the session of this connection and joins
    /// the transaction in progress by itself (GenOrm begins and ends transactions with the database's own
    /// <c>BEGIN</c> and <c>COMMIT</c>), so its <c>Transaction</c> stays <see langword="null"/>. Do not begin or end
    /// transactions on it directly, and do not close it.
    /// </summary>
    /// <returns>The open ADO.NET connection this connection runs on.</returns>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public global::System.Data.Common.DbConnection GetDbConnection()
    {
        ThrowIfDisposed();
        return _physical.DbConnection;
    }

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
        return ExecuteText(sql, NoValues, (object?)null, null, CancellationToken.None);
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
        return ExecuteText(sql, ParamsValue, parameters, null, CancellationToken.None);
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
        return ExecuteBatch(sql, batch, ParamsValue, null, CancellationToken.None);
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
        return ExecuteText(sql, EntityValue<T>, entity, T.TableName, CancellationToken.None);
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
        return ExecuteBatch(sql, entities, EntityValue<T>, T.TableName, CancellationToken.None);
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
        return QueryCore<T>(sql, parameters, CancellationToken.None);
    }

    private List<T> QueryCore<T>(Sql sql, Params? parameters, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        using Statement statement = PrepareQuery(sql, parameters);
        int[] ordinals = MapOrdinals<T>(statement, sql.CommandText);
        return Run(statement, T.TableName, cancellationToken, (connection: this, ordinals), static (state, s) =>
        {
            var entities = new List<T>();
            bool first = true;
            while (state.connection.Step(s, first))
            {
                first = false;
                entities.Add(T.ReadRow(s, state.ordinals));
            }

            return entities;
        });
    }

    private async ValueTask<List<T>> QueryCoreAsync<T>(Sql sql, Params? parameters, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        using UseScope use = Enter();
        using Statement statement = PrepareQuery(sql, parameters);
        int[] ordinals = MapOrdinals<T>(statement, sql.CommandText);
        return await use.Held(RunAsync(statement, T.TableName, cancellationToken, this, async (connection, s, token) =>
        {
            var entities = new List<T>();
            bool first = true;
            while (await use.Held(connection.StepAsync(s, first, token)))
            {
                first = false;
                entities.Add(T.ReadRow(s, ordinals));
            }

            return entities;
        }));
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
        BeginStarts();
        try
        {
            _physical.Begin(immediate: true);
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            throw _physical.Translate(e, "BEGIN IMMEDIATE", null, null);
        }

        BeganTransaction();
    }

    /// <summary>Begins a transaction now, taking the write lock at once; the asynchronous twin of <see cref="Begin"/>.</summary>
    /// <param name="cancellationToken">Stops waiting for the transaction to begin.</param>
    /// <returns>A task that completes when the transaction has begun.</returns>
    /// <exception cref="InvalidOperationException">A transaction is already in progress.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using UseScope use = Enter();
        BeginStarts();
        try
        {
            await use.Held(_physical.BeginAsync(immediate: true, cancellationToken));
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            throw _physical.Translate(e, "BEGIN IMMEDIATE", null, null);
        }

        BeganTransaction();
    }

    /// <summary>The checks of an explicit <c>BEGIN</c>, and its echo.</summary>
    private void BeginStarts()
    {
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
    }

    /// <summary>Commits the transaction in progress, making its work permanent. Does nothing when there is none.</summary>
    /// <exception cref="GenOrmException">SQLite could not commit (for example, the database is locked).</exception>
    /// <exception cref="PendingRollbackException">SQLite rolled the transaction back by itself after an error; call <see cref="Rollback"/> first.</exception>
    /// <exception cref="InvalidOperationException">Called inside a <c>[Migration]</c> hook, whose transaction the migrator owns.</exception>
    /// <exception cref="ObjectDisposedException">The connection has been disposed.</exception>
    public void Commit()
    {
        using UseScope use = Enter();
        if (!CommitStarts())
        {
            return;
        }

        try
        {
            _physical.Commit();
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            throw CommitFailed(e);
        }

        _inTransaction = false;
    }

    /// <summary>The asynchronous twin of <see cref="Commit"/>: the driver's <c>COMMIT</c> is awaited.</summary>
    private async Task CommitCoreAsync(CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        if (!CommitStarts())
        {
            return;
        }

        try
        {
            await use.Held(_physical.CommitAsync(cancellationToken));
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            throw CommitFailed(e);
        }

        _inTransaction = false;
    }

    /// <summary>The checks of a commit, and its echo; returns whether there is a transaction to commit.</summary>
    private bool CommitStarts()
    {
        ThrowIfDisposed();
        ThrowIfInMigrationHook(nameof(Commit));
        ThrowIfRolledBackBySqlite();
        if (!_inTransaction)
        {
            return false;
        }

        _echo?.Line("COMMIT");
        return true;
    }

    private GenOrmException CommitFailed(DbException e)
    {
        // A COMMIT that fails (busy) leaves the transaction open, to be committed again or rolled back.
        GenOrmException translated = _physical.Translate(e, "COMMIT", null, null);
        NoteTransactionEndedBySqlite(translated);
        return translated;
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
        if (RollbackStarts())
        {
            _physical.Rollback();
        }
    }

    /// <summary>The asynchronous twin of <see cref="Rollback"/>: the driver's <c>ROLLBACK</c> is awaited.</summary>
    private async Task RollbackCoreAsync(CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        if (RollbackStarts())
        {
            await use.Held(_physical.RollbackAsync(cancellationToken));
        }
    }

    /// <summary>The checks and bookkeeping of a rollback, and its echo; returns whether the database has a transaction to roll back.</summary>
    private bool RollbackStarts()
    {
        ThrowIfDisposed();
        ThrowIfInMigrationHook(nameof(Rollback));
        if (_rolledBackBySqlite is not null)
        {
            _echo?.Line("ROLLBACK (acknowledged: SQLite had rolled the transaction back)");
            _rolledBackBySqlite = null;
        }

        if (!_inTransaction)
        {
            return false;
        }

        _echo?.Line("ROLLBACK");
        _inTransaction = false;
        return _physical.InTransaction;
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
        catch (DbException e) when (e is not GenOrmException)
        {
            // Closing the connection below rolls the transaction back in any case.
        }
        finally
        {
            GiveBack();
        }
    }

    /// <summary>
    /// Rolls back uncommitted work and gives the connection back to its engine; see <see cref="Dispose"/>. The
    /// driver's <c>ROLLBACK</c> is awaited (SQLite completes it at once).
    /// </summary>
    /// <returns>A task that completes when the connection has been given back.</returns>
    public async ValueTask DisposeAsync()
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
            await use.Held(RollbackCoreAsync(CancellationToken.None));
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            // Closing the connection below rolls the transaction back in any case.
        }
        finally
        {
            GiveBack();
        }
    }

    /// <summary>The end of <see cref="Dispose"/>: marks the connection disposed and gives the physical connection back to the engine.</summary>
    private void GiveBack()
    {
        _disposed = true;
        _rolledBackBySqlite = null;
        ReturnLentStatements();
        bool reusable = _physical.IsReusable && !_physical.InTransaction;
        _engine.Release(_physical, reusable);
    }

    internal bool IsEchoing => _echo is not null;

    internal CancellationTokenRegistration RegisterInterrupt(CancellationToken cancellationToken) => _physical.RegisterCancel(cancellationToken);

    /// <summary>
    /// Some errors (<c>INSERT OR ROLLBACK</c>, <c>RAISE(ROLLBACK)</c>, a full disk, an I/O error) make SQLite roll back
    /// the whole transaction itself. If the transaction had done work before the failing statement, that work is
    /// lost: the connection then refuses every statement and <see cref="Commit"/> with a
    /// <see cref="PendingRollbackException"/> until <see cref="Rollback"/> acknowledges it, so that a later commit
    /// can never report success for work that is gone.
    /// </summary>
    private void NoteTransactionEndedBySqlite(GenOrmException cause)
    {
        if (!_inTransaction || _physical.InTransaction)
        {
            return;
        }

        _echo?.Line($"ROLLBACK (ended by {_engine.DatabaseName} after the error)");
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
            throw new PendingRollbackException(ErrorMessages.PendingRollback(_engine.DatabaseName, (cause.InnerException as DbException)?.Message ?? cause.Message), cause);
        }
    }

    /// <summary>Runs <paramref name="body"/> inside a savepoint, so that a failure undoes only its work.</summary>
    internal TResult InSavepoint<TResult>(Func<TResult> body)
    {
        using UseScope use = Enter();
        string? name = SavepointFor(MustBeginFirst(CancellationToken.None, implicitTransaction: true));
        if (name is null)
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
                else
                {
                    AcknowledgeOwnRollback();
                }

                throw;
            }
        }

        _physical.Savepoint(name);
        try
        {
            TResult result = body();
            _physical.ReleaseSavepoint(name);
            return result;
        }
        catch
        {
            // The transaction is gone if SQLite ended it after the error; otherwise undo just this savepoint.
            if (_inTransaction)
            {
                _physical.RollbackToSavepoint(name);
            }

            throw;
        }
        finally
        {
            _savepoints--;
        }
    }

    /// <summary>The asynchronous twin of <see cref="InSavepoint{TResult}"/>: the body and the driver's savepoint calls are awaited.</summary>
    internal async ValueTask<TResult> InSavepointAsync<TResult>(Func<ValueTask<TResult>> body, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        string? name = SavepointFor(MustBeginFirst(CancellationToken.None, implicitTransaction: true));
        if (name is null)
        {
            await use.Held(BeginImplicitTransactionAsync(cancellationToken));
            try
            {
                return await use.Held(body());
            }
            catch
            {
                if (_inTransaction)
                {
                    // Undoing must not be cancelled by the token that may have stopped the batch.
                    await use.Held(RollbackCoreAsync(CancellationToken.None));
                }
                else
                {
                    AcknowledgeOwnRollback();
                }

                throw;
            }
        }

        await use.Held(_physical.SavepointAsync(name, cancellationToken));
        try
        {
            TResult result = await use.Held(body());
            await use.Held(_physical.ReleaseSavepointAsync(name, cancellationToken));
            return result;
        }
        catch
        {
            if (_inTransaction)
            {
                await use.Held(_physical.RollbackToSavepointAsync(name, CancellationToken.None));
            }

            throw;
        }
        finally
        {
            _savepoints--;
        }
    }

    /// <summary>
    /// After a batch that began the transaction itself failed and the database ended that transaction (PostgreSQL does
    /// after any error, SQLite after some): all the work lost was the batch's own, which its exception reports, so the
    /// connection is left usable rather than waiting for a <see cref="Rollback()"/> that would protect nothing.
    /// </summary>
    private void AcknowledgeOwnRollback() => _rolledBackBySqlite = null;

    /// <summary>
    /// Names the savepoint a batch runs in, or gives <see langword="null"/> when the batch begins the transaction
    /// itself (<paramref name="beginsTransaction"/>) and needs none.
    /// </summary>
    private string? SavepointFor(bool beginsTransaction) =>
        beginsTransaction ? null : "genorm_batch_" + (++_savepoints).ToString(CultureInfo.InvariantCulture);

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
            ordinals[i] = -1;
            for (int j = 0; j < names.Length; j++)
            {
                if (string.Equals(names[j], columns[i], StringComparison.OrdinalIgnoreCase))
                {
                    ordinals[i] = j;
                    break;
                }
            }

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
        Statement statement = Lend(sql.CommandText);
        try
        {
            BindText(statement, sql, Values(sql, parameters, ParamsValue, null), null);
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(Connection), ErrorMessages.ConnectionDisposed());
        }
    }
}
