using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Drivers;
using GenOrm.Internal;
using global::Npgsql;

namespace GenOrm.Npgsql;

/// <summary>
/// One open Npgsql connection, lent by <see cref="NpgsqlDatabaseDriver"/> to one <see cref="Connection"/> at a time.
/// It keeps what the engine needs to know of the server's transaction: whether one is open, the savepoints, and the
/// rows the last write changed.
/// </summary>
/// <remarks>
/// After an error inside a transaction PostgreSQL aborts it: every later statement fails (SQLSTATE 25P02) until a
/// rollback. With no savepoint open, this connection rolls the transaction back at once and reports
/// <see cref="InTransaction"/> as <see langword="false"/>, which the engine turns into its
/// <see cref="PendingRollbackException"/> when the transaction had done work (as SQLite's rollback after an error);
/// inside a savepoint (a batch), the engine's rollback to the savepoint undoes just the batch and the transaction goes on.
/// <para>
/// <c>BEGIN</c> costs no round trip of its own: <see cref="Begin"/> only notes it, and the next statement carries it as
/// the first command of its batch (<see cref="TakeBegin"/>), as does a <c>SAVEPOINT</c>; a transaction in which nothing
/// ran commits or rolls back without a word to the server. Handing out the raw connection
/// (<see cref="DbConnection"/>) sends it first, so that the caller's commands run in the transaction.
/// </para>
/// <para>
/// GenOrm's own reads (<see cref="Statement.IsOwnRead"/>: the generated lookups and the typed queries) go further: they
/// leave an implicit transaction's <c>BEGIN</c> pending and run on their own, so that a unit of work that only reads
/// costs one round trip per statement and its <c>COMMIT</c> (or the rollback when the connection is disposed) none. This
/// changes no result: at <c>READ COMMITTED</c> every statement sees the rows committed when it starts, inside a
/// transaction block or not, and these statements change nothing, lock no row and call no function. What differs is
/// that the table's share lock ends with the read instead of at commit (a concurrent <c>ALTER TABLE</c> need not wait
/// for the unit of work). It is done only while nothing else can have changed that reasoning: the engine's sessions
/// start at <c>READ COMMITTED</c> (<see cref="NpgsqlDatabaseDriver.ReadsGoAhead"/>), the transaction is the implicit
/// one (<see cref="Begin"/> asked for one now: reads then run inside it), and the lease has run nothing but such reads
/// (a write, a text the user wrote — which may <c>SET</c> the isolation level or call a function — or the raw
/// <see cref="DbConnection"/> ends it for the rest of the lease).
/// </para>
/// </remarks>
internal sealed class NpgsqlDriverConnection : DriverConnection
{
    private readonly Dictionary<string, NpgsqlCommand> _control = new(StringComparer.Ordinal);
    private bool _inTransaction;

    // This transaction ran a CREATE, ALTER or DROP: the engine forgets its constraint columns again when it commits.
    private bool _schemaChanged;
    private int _savepoints;
    private int _lastChanges;
    private long _changeCounter;
    private NpgsqlBatch? _active;

    // The statement whose result is open on the connection (a stream not yet read to its end), if any.
    private NpgsqlStatement? _reading;

    // BEGIN noted but not yet sent: the next statement's batch carries it (TakeBegin).
    private bool _beginPending;
    private NpgsqlBatchCommand? _beginCommand;

    // Whether GenOrm's own reads may still run ahead of a pending BEGIN in this lease, and whether the pending BEGIN is
    // the implicit transaction's (see the remarks of the class).
    private bool _readsGoAhead;
    private bool _implicitBegin;

    public NpgsqlDriverConnection(NpgsqlDatabaseDriver driver, NpgsqlConnection connection, bool readsGoAhead)
    {
        Driver = driver;
        Connection = connection;
        _readsGoAhead = readsGoAhead;
    }

    /// <summary>Gets the driver that opened the connection.</summary>
    public NpgsqlDatabaseDriver Driver { get; }

    /// <summary>Gets the open Npgsql connection.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>
    /// Gets the open Npgsql connection, having first sent a <c>BEGIN</c> still pending, so that commands run on it join
    /// the transaction, and read ahead the rest of an open result (<see cref="FreeForNext"/>).
    /// </summary>
    public override DbConnection DbConnection
    {
        get
        {
            FreeForNext(null);
            _readsGoAhead = false;
            if (_beginPending)
            {
                Run("BEGIN");
                _beginPending = false;
            }

            return Connection;
        }
    }

    /// <inheritdoc/>
    public override bool IsReusable => Connection.FullState == ConnectionState.Open;

    /// <inheritdoc/>
    public override bool InTransaction => _inTransaction;

    /// <summary>Gets whether the server's connection is gone (the server ended the session, or the network failed).</summary>
    public bool IsBroken => (Connection.FullState & ConnectionState.Broken) != 0 || Connection.FullState == ConnectionState.Closed;

    /// <inheritdoc/>
    public override Statement? Prepare(string sql, string text, bool persistent, bool rememberValues)
    {
        List<PostgresStatementText> parts = Driver.Split(text);
        return parts.Count == 0 ? null : new NpgsqlStatement(this, sql, parts, 0, persistent, rememberValues);
    }

    /// <summary>
    /// Begins a transaction: notes the <c>BEGIN</c> that the next statement carries (see the remarks of the class).
    /// PostgreSQL takes row locks as it writes, so there is no lock to take up front.
    /// </summary>
    public override void Begin(bool immediate)
    {
        _beginPending = true;
        _implicitBegin = !immediate;
        _inTransaction = true;
        _savepoints = 0;
    }

    /// <inheritdoc/>
    public override ValueTask BeginAsync(bool immediate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Begin(immediate);
        return ValueTask.CompletedTask;
    }

    /// <summary>Commits; a <c>COMMIT</c> that fails (a deferred constraint, a serialization failure) ends the transaction too.</summary>
    public override void Commit()
    {
        try
        {
            if (!EndUnsent())
            {
                Run("COMMIT");
            }
        }
        finally
        {
            Ended();
        }
    }

    /// <inheritdoc/>
    public override async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!EndUnsent())
            {
                await RunAsync("COMMIT", cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Ended();
        }
    }

    /// <summary>A <c>COMMIT</c> ended the transaction; the constraints it changed are read from the catalog again.</summary>
    private void Ended()
    {
        _inTransaction = false;
        _savepoints = 0;
        if (_schemaChanged)
        {
            _schemaChanged = false;
            Driver.ForgetConstraintColumns();
        }
    }

    /// <inheritdoc/>
    public override void Rollback()
    {
        _inTransaction = false;
        _savepoints = 0;
        if (!EndUnsent())
        {
            Run("ROLLBACK");
        }
    }

    /// <inheritdoc/>
    public override async ValueTask RollbackAsync(CancellationToken cancellationToken)
    {
        _inTransaction = false;
        _savepoints = 0;
        if (!EndUnsent())
        {
            await RunAsync("ROLLBACK", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a transaction whose <c>BEGIN</c> was never sent (nothing ran in it); returns whether it was one.</summary>
    private bool EndUnsent()
    {
        bool unsent = _beginPending;
        _beginPending = false;
        return unsent;
    }

    /// <summary>Sets a savepoint, with the transaction's <c>BEGIN</c> in the same round trip when it is still pending.</summary>
    public override void Savepoint(string name)
    {
        Run(_beginPending ? "BEGIN; SAVEPOINT " + name : "SAVEPOINT " + name);
        _beginPending = false;
        _savepoints++;
    }

    /// <inheritdoc/>
    public override async ValueTask SavepointAsync(string name, CancellationToken cancellationToken)
    {
        await RunAsync(_beginPending ? "BEGIN; SAVEPOINT " + name : "SAVEPOINT " + name, cancellationToken).ConfigureAwait(false);
        _beginPending = false;
        _savepoints++;
    }

    /// <inheritdoc/>
    public override void ReleaseSavepoint(string name)
    {
        Run("RELEASE SAVEPOINT " + name);
        _savepoints--;
    }

    /// <inheritdoc/>
    public override async ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken)
    {
        await RunAsync("RELEASE SAVEPOINT " + name, cancellationToken).ConfigureAwait(false);
        _savepoints--;
    }

    /// <summary>Undoes the work since the savepoint and releases it, in one round trip (two statements in one command).</summary>
    public override void RollbackToSavepoint(string name)
    {
        Run(RollbackToSavepointSql(name));
        _savepoints--;
    }

    /// <inheritdoc/>
    public override async ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken)
    {
        await RunAsync(RollbackToSavepointSql(name), cancellationToken).ConfigureAwait(false);
        _savepoints--;
    }

    private static string RollbackToSavepointSql(string name) => "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name;

    /// <inheritdoc/>
    public override int Changes() => _lastChanges;

    /// <inheritdoc/>
    public override long ChangeCounter() => _changeCounter;

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">Always: PostgreSQL gives keys back through <c>RETURNING</c>.</exception>
    public override long LastInsertId() => throw new NotSupportedException(ErrorMessages.NoInsertId());

    /// <summary>Makes <paramref name="cancellationToken"/> cancel the running statement on the server (a cancel request, SQLSTATE 57014).</summary>
    public override CancellationTokenRegistration RegisterCancel(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((NpgsqlDriverConnection)state!).CancelActive(), this)
            : default;

    /// <inheritdoc/>
    public override bool IsCancellation(DbException exception) =>
        (exception is ReadAheadException ahead ? ahead.Failure : exception) is PostgresException { SqlState: PostgresErrorCodes.QueryCanceled };

    /// <inheritdoc/>
    public override GenOrmException Translate(DbException exception, string sql, string? tableName, Statement? failing) =>
        PostgresErrorTranslator.Translate(exception, sql, tableName, this);

    /// <summary>
    /// Closes the server connection (back to Npgsql's pool, which resets the session) and keeps this object and its
    /// statements for <see cref="Reopened"/>; returns <see langword="false"/> when closing failed (then dispose it).
    /// </summary>
    internal bool CloseForReuse()
    {
        try
        {
            Connection.Close();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>After the closed connection was opened again (on whichever server connection Npgsql's pool gave): a new lease, as if new.</summary>
    internal void Reopened(bool readsGoAhead)
    {
        _inTransaction = false;
        _savepoints = 0;
        _beginPending = false;
        _implicitBegin = false;
        _readsGoAhead = readsGoAhead;
        _lastChanges = 0;
        _reading = null;
        Volatile.Write(ref _active, null);
    }

    /// <inheritdoc/>
    public override void Close()
    {
        foreach (Statement statement in Statements.Values)
        {
            statement.Release();
        }

        Statements.Clear();
        foreach (NpgsqlCommand command in _control.Values)
        {
            command.Dispose();
        }

        _control.Clear();
        Connection.Dispose();
    }

    /// <summary>
    /// Takes the pending <c>BEGIN</c> for the statement about to run, which sends it as the first command of its batch;
    /// <see langword="null"/> when none is pending, or when the statement runs ahead of it. If the batch then fails before reaching the server, the statement
    /// gives it back (<see cref="BeginNotSent"/>).
    /// </summary>
    /// <param name="ownRead">Whether the statement is one of GenOrm's own reads, which may leave the implicit
    /// transaction's <c>BEGIN</c> pending (see the remarks of the class); any other statement ends that for the lease.</param>
    internal NpgsqlBatchCommand? TakeBegin(bool ownRead)
    {
        if (!ownRead)
        {
            _readsGoAhead = false;
        }

        if (!_beginPending || (ownRead && _readsGoAhead && _implicitBegin))
        {
            return null;
        }

        _beginPending = false;
        return _beginCommand ??= new NpgsqlBatchCommand("BEGIN");
    }

    /// <summary>
    /// The batch that carried the <c>BEGIN</c> failed without a server error: it may not have been sent, so it is pending
    /// again (if it was sent after all, the server answers a second <c>BEGIN</c> with a warning, never an error).
    /// </summary>
    internal void BeginNotSent()
    {
        if (_inTransaction && !IsBroken)
        {
            _beginPending = true;
        }
    }

    /// <summary>
    /// Marks <paramref name="batch"/> as the one running, for <see cref="RegisterCancel"/>. A statement that
    /// <paramref name="changesSchema"/> makes the engine forget the constraint columns it knows, now and when its
    /// transaction commits (another connection may read the old ones meanwhile).
    /// </summary>
    internal void Started(NpgsqlBatch batch, bool changesSchema)
    {
        Volatile.Write(ref _active, batch);
        if (changesSchema)
        {
            _schemaChanged = true;
            Driver.ForgetConstraintColumns();
        }
    }

    /// <summary>Notes that <paramref name="statement"/>'s result is open (until <see cref="Completed"/> or <see cref="Failed"/>).</summary>
    internal void Reading(NpgsqlStatement statement) => _reading = statement;

    /// <summary>
    /// Frees the connection for <paramref name="next"/> (a statement about to run; <see langword="null"/> for a
    /// transaction-control command or the raw connection). A PostgreSQL connection runs one statement at a time, so
    /// while another statement's result is still open (a stream not read to its end), the rest of it is read into
    /// memory first (<see cref="NpgsqlStatement.ReadAhead"/>), and that stream reads on from there. Such a stream then
    /// holds its remaining rows in memory: for a large result with other work between its rows, a second connection
    /// keeps memory bounded.
    /// </summary>
    /// <exception cref="ReadAheadException">Reading the rest failed; <paramref name="next"/> must not run.</exception>
    internal void FreeForNext(NpgsqlStatement? next)
    {
        if (_reading is { } open && open != next)
        {
            SyncIo.Wait(open.ReadAhead(async: false, CancellationToken.None));
        }
    }

    /// <summary>The asynchronous twin of <see cref="FreeForNext"/>: the rest is read with Npgsql's asynchronous calls, under the token of the statement about to run.</summary>
    /// <exception cref="ReadAheadException">Reading the rest failed; <paramref name="next"/> must not run.</exception>
    internal ValueTask FreeForNextAsync(NpgsqlStatement? next, CancellationToken cancellationToken) =>
        _reading is { } open && open != next ? open.ReadAhead(async: true, cancellationToken) : default;

    /// <summary>Notes an execution that ended, with the rows it changed (-1: it was no write).</summary>
    internal void Completed(int recordsAffected, bool write)
    {
        _reading = null;
        Volatile.Write(ref _active, null);
        if (write && recordsAffected >= 0)
        {
            _lastChanges = recordsAffected;
            _changeCounter += recordsAffected;
        }
    }

    /// <summary>
    /// Notes a statement that failed: the server has aborted the transaction. With no savepoint to go back to, it is
    /// rolled back now (see the remarks of the class); on a broken connection there is nothing left to roll back.
    /// </summary>
    internal void Failed()
    {
        _reading = null;
        Volatile.Write(ref _active, null);
        if (!_inTransaction)
        {
            return;
        }

        if (IsBroken)
        {
            _inTransaction = false;
            _savepoints = 0;
            return;
        }

        if (_savepoints == 0)
        {
            try
            {
                Rollback();
            }
            catch (NpgsqlException)
            {
                // The connection broke meanwhile: the server has ended the transaction with it.
                _inTransaction = false;
            }
        }
    }

    private void CancelActive()
    {
        NpgsqlBatch? command = Volatile.Read(ref _active);
        try
        {
            command?.Cancel();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // The statement ended meanwhile, or the connection broke; there is nothing left to cancel.
        }
    }

    /// <summary>Runs a transaction-control statement on a command kept for it.</summary>
    private void Run(string sql)
    {
        FreeForNext(null);
        try
        {
            ControlCommand(sql).ExecuteNonQuery();
        }
        catch (NpgsqlException) when (IsBroken)
        {
            _inTransaction = false;
            throw;
        }
    }

    private async ValueTask RunAsync(string sql, CancellationToken cancellationToken)
    {
        await FreeForNextAsync(null, cancellationToken).ConfigureAwait(false);
        try
        {
            await ControlCommand(sql).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException) when (IsBroken)
        {
            _inTransaction = false;
            throw;
        }
    }

    private NpgsqlCommand ControlCommand(string sql)
    {
        if (!_control.TryGetValue(sql, out NpgsqlCommand? command))
        {
            command = new NpgsqlCommand(sql, Connection);
            if (_control.Count < 64)
            {
                _control.Add(sql, command);
            }
        }

        return command;
    }
}
