using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;
using System.Data.Common;
using GenOrm.Drivers;

namespace GenOrm;

/// <summary>
/// The fast path under generated code and typed queries: statements prepared on the connection's own SQLite handle
/// (<see cref="Statement"/>), bound and read with typed calls, run in the connection's transaction with the same
/// echo, error translation, cancellation and thread check as the ADO.NET path.
/// </summary>
public sealed partial class Connection
{
    private readonly Dictionary<string, Statement> _rawStatements;
    private List<Statement>? _lentOwnStatements;

    /// <summary>
    /// Lends the connection's prepared statement for <paramref name="sql"/> to the calling operation, preparing it on
    /// first use. Until the statement is given back (<see cref="Statement.Dispose"/>), the connection belongs to the
    /// calling operation and no other operation gets the same prepared statement: if the cached one is lent already (to
    /// an open stream, or an outer operation), the caller gets a statement of its own, finalized when given back.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another operation is using the connection.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> holds more than one statement.</exception>
    /// <exception cref="GenOrmException">SQLite could not prepare the statement.</exception>
    internal Statement Lend(string sql)
    {
        try
        {
            return Lend(sql, script: false);
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            throw _physical.Translate(e, sql, null, null);
        }
    }

    /// <summary>
    /// Lends the statement for <paramref name="sql"/> as <see cref="Lend(string)"/> does; with <paramref name="script"/>,
    /// the text may hold several statements (its first is returned; <see cref="Statement.Next"/> prepares the others).
    /// </summary>
    /// <exception cref="DbException">The database could not prepare the (first) statement.</exception>
    private Statement Lend(string sql, bool script)
    {
        UseScope use = Enter();
        try
        {
            ThrowIfDisposed();
            Statement statement = FindOrPrepare(sql, script);
            statement.Lend(this);
            if (!statement.IsCached)
            {
                (_lentOwnStatements ??= new List<Statement>()).Add(statement);
            }

            return statement;
        }
        catch
        {
            use.Dispose();
            throw;
        }
    }

    /// <summary>Takes back a statement from <see cref="Lend(string)"/>: resets it and frees it, and the connection, for others.</summary>
    internal void Return(Statement statement)
    {
        if (!statement.IsLent)
        {
            return;
        }

        bool streaming = statement.IsStreaming;
        statement.EndLease();
        if (_disposed)
        {
            // Dispose already reset (or finalized) what this connection had lent.
            return;
        }

        statement.Reset();
        if (!statement.IsCached)
        {
            _lentOwnStatements?.Remove(statement);
            statement.Release();
        }

        if (!streaming)
        {
            Exit();
        }
    }

    /// <summary>
    /// At <see cref="Dispose"/>: resets every statement still lent (a stream that was never disposed), so that the
    /// cached ones are clean for the connection's next user, and finalizes the ones prepared for this connection alone.
    /// </summary>
    private void ReturnLentStatements()
    {
        foreach (Statement statement in _rawStatements.Values)
        {
            if (statement.IsLent)
            {
                statement.EndLease();
                statement.Reset();
            }
        }

        if (_lentOwnStatements is { } own)
        {
            foreach (Statement statement in own)
            {
                statement.EndLease();
                statement.Release();
            }

            own.Clear();
        }
    }

    private Statement FindOrPrepare(string sql, bool script)
    {
        if (_rawStatements.TryGetValue(sql, out Statement? cached))
        {
            if (cached.IsScript && !script)
            {
                throw new ArgumentException(ErrorMessages.SeveralStatements(sql), nameof(sql));
            }

            return cached.IsLent ? PrepareStatement(sql, script, cache: false) : cached;
        }

        if (_rawStatements.Count >= MaxCachedStatements)
        {
            EvictIdleStatements();
        }

        bool cache = _rawStatements.Count < MaxCachedStatements;
        Statement statement = PrepareStatement(sql, script, cache);
        if (cache)
        {
            _rawStatements.Add(sql, statement);
        }

        return statement;
    }

    /// <exception cref="DbException">The database could not prepare the statement.</exception>
    private Statement PrepareStatement(string sql, bool script, bool cache)
    {
        Statement? statement = _physical.Prepare(sql, sql, cache, IsEchoing || _engine.TraceParameterValues);
        if (statement is null)
        {
            throw new ArgumentException(ErrorMessages.NoStatement(sql), nameof(sql));
        }

        if (statement.IsScript && !script)
        {
            statement.Release();
            throw new ArgumentException(ErrorMessages.SeveralStatements(sql), nameof(sql));
        }

        return statement;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a bound statement inside the connection's transaction, then resets the
    /// statement. Errors are translated, echo logs the statement, and the token interrupts SQLite.
    /// </summary>
    /// <remarks>
    /// The body takes what it needs as <paramref name="state"/> (the connection, a row reader), so that a call site
    /// passes a <see langword="static"/> lambda: no closure and no delegate is allocated per statement.
    /// </remarks>
    internal TOut Run<TState, TOut>(
        Statement statement,
        string? tableName,
        CancellationToken cancellationToken,
        TState state,
        Func<TState, Statement, TOut> body,
        string? batchDetail = null,
        bool implicitTransaction = true)
    {
        using UseScope use = Enter();
        if (MustBeginFirst(cancellationToken, implicitTransaction))
        {
            BeginImplicitTransaction();
        }

        long start = StartStatement(statement);
        try
        {
            TOut result;
            using (RegisterInterrupt(cancellationToken))
            {
                result = body(state, statement);
            }

            EndStatement(statement, tableName, start, batchDetail);
            return result;
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            statement.Reset();
            throw Fail(e, statement, start, tableName, cancellationToken);
        }
        catch (Exception e)
        {
            FailOther(e, statement, tableName, start);
            throw;
        }
    }

    /// <summary>
    /// The asynchronous twin of <see cref="Run{TState, TOut}"/>: the same checks, implicit transaction, echo, telemetry (the
    /// span covers the awaited work), cancellation (registered for the whole operation) and error path, with the
    /// driver's asynchronous calls awaited (<see cref="StepAsync"/>). On SQLite every await completes at once.
    /// </summary>
    internal async ValueTask<TOut> RunAsync<TState, TOut>(
        Statement statement,
        string? tableName,
        CancellationToken cancellationToken,
        TState state,
        Func<TState, Statement, CancellationToken, ValueTask<TOut>> body,
        string? batchDetail = null,
        bool implicitTransaction = true)
    {
        using UseScope use = Enter();
        if (MustBeginFirst(cancellationToken, implicitTransaction))
        {
            await use.Held(BeginImplicitTransactionAsync(cancellationToken));
        }

        long start = StartStatement(statement);
        try
        {
            TOut result;
            using (RegisterInterrupt(cancellationToken))
            {
                result = await use.Held(body(state, statement, cancellationToken));
            }

            EndStatement(statement, tableName, start, batchDetail);
            return result;
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            statement.Reset();
            throw Fail(e, statement, start, tableName, cancellationToken);
        }
        catch (Exception e)
        {
            FailOther(e, statement, tableName, start);
            throw;
        }
    }

    /// <summary>
    /// The checks before a statement runs (cancelled, a transaction SQLite rolled back); returns whether the implicit
    /// transaction must begin first (<paramref name="implicitTransaction"/> and none in progress).
    /// </summary>
    private bool MustBeginFirst(CancellationToken cancellationToken, bool implicitTransaction)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfRolledBackBySqlite();
        return implicitTransaction && !_inTransaction;
    }

    /// <summary>Starts the clock and the counters of one execution of <paramref name="statement"/>.</summary>
    private long StartStatement(Statement statement)
    {
        long start = Telemetry.Start(_echo is not null);
        statement.Rows = 0;
        statement.ChangedRows = -1;
        return start;
    }

    /// <summary>Ends an execution that succeeded: resets the statement, notes the work, echoes and records it (a batch echoes once, at its end).</summary>
    private void EndStatement(Statement statement, string? tableName, long start, string? batchDetail)
    {
        statement.Reset();
        _transactionHasWork = true;
        if (batchDetail is null)
        {
            _echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), statement.FormatParameters());
            Telemetry.Statement(_engine, statement.Sql, tableName, start, statement.Rows, Telemetry.AskStatement, 0, null, statement);
        }
    }

    /// <summary>Ends an execution that failed with an exception that is not the database's (a read that found an unreadable value, a cancellation).</summary>
    private void FailOther(Exception exception, Statement statement, string? tableName, long start)
    {
        statement.Reset();
        Telemetry.Statement(_engine, statement.Sql, tableName, start, -1, -1, 0, exception, statement);
    }

    /// <summary>Steps the statement: <see langword="true"/> for a row, <see langword="false"/> when done.</summary>
    /// <exception cref="DbException">The database reported an error.</exception>
    internal bool Step(Statement statement, bool first)
    {
        if (!statement.Step(first))
        {
            return false;
        }

        statement.Rows++;
        return true;
    }

    /// <summary>
    /// The asynchronous twin of <see cref="Step"/>, inside an operation that holds the connection: a step that
    /// completed at once (SQLite) costs no allocation; a pending one gives up the running thread while it waits.
    /// </summary>
    /// <exception cref="DbException">The database reported an error.</exception>
    internal ValueTask<bool> StepAsync(Statement statement, bool first, CancellationToken cancellationToken)
    {
        ValueTask<bool> step = statement.StepAsync(first, cancellationToken);
        if (!step.IsCompletedSuccessfully)
        {
            return CountRowAsync(statement, step);
        }

        if (!step.Result)
        {
            return new ValueTask<bool>(false);
        }

        statement.Rows++;
        return new ValueTask<bool>(true);
    }

    private async ValueTask<bool> CountRowAsync(Statement statement, ValueTask<bool> step)
    {
        using UseScope use = Enter();
        bool row = await use.Held(step);
        if (row)
        {
            statement.Rows++;
        }

        return row;
    }

    /// <summary>
    /// Starts a lent statement whose rows are read one at a time. The stream keeps the statement until it is disposed
    /// (no other operation gets it meanwhile), but the thread check then covers each read rather than the whole
    /// stream, so the connection can run other work between reads. Disposing the stream echoes the statement and
    /// gives it back.
    /// </summary>
    internal StatementStream OpenStream(Statement statement, string? tableName, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        try
        {
            if (MustBeginFirst(cancellationToken, implicitTransaction: true))
            {
                BeginImplicitTransaction();
            }
        }
        catch
        {
            statement.Dispose();
            throw;
        }

        return StartStream(statement, tableName, cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="OpenStream"/>: the implicit <c>BEGIN</c> is awaited.</summary>
    internal async ValueTask<StatementStream> OpenStreamAsync(Statement statement, string? tableName, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        try
        {
            if (MustBeginFirst(cancellationToken, implicitTransaction: true))
            {
                await use.Held(BeginImplicitTransactionAsync(cancellationToken));
            }
        }
        catch
        {
            statement.Dispose();
            throw;
        }

        return StartStream(statement, tableName, cancellationToken);
    }

    /// <summary>Hands a lent statement to a new stream; the thread check then covers each read, not the whole stream.</summary>
    private StatementStream StartStream(Statement statement, string? tableName, CancellationToken cancellationToken)
    {
        long start = Telemetry.Start(_echo is not null);
        statement.Rows = 0;
        var stream = new StatementStream(this, statement, start, tableName, RegisterInterrupt(cancellationToken), cancellationToken);
        statement.IsStreaming = true;
        Exit();
        return stream;
    }

    /// <summary>A statement being read row by row; disposing it resets the statement and echoes it.</summary>
    internal sealed class StatementStream(
        Connection owner,
        Statement statement,
        long start,
        string? tableName,
        CancellationTokenRegistration registration,
        CancellationToken cancellationToken) : IDisposable
    {
        private readonly int _lease = statement.Lease;
        private bool _started;
        private bool _failed;

        public bool Read()
        {
            using UseScope use = owner.Enter();
            owner.ThrowIfDisposed();
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool row = owner.Step(statement, NextIsFirst());
                owner._transactionHasWork = true;
                return row;
            }
            catch (DbException e) when (e is not GenOrmException)
            {
                throw ReadFailed(e);
            }
        }

        /// <summary>The asynchronous twin of <see cref="Read"/>: the step is awaited, with the connection held by this read.</summary>
        public async ValueTask<bool> ReadAsync()
        {
            using UseScope use = owner.Enter();
            owner.ThrowIfDisposed();
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool row = await use.Held(owner.StepAsync(statement, NextIsFirst(), cancellationToken));
                owner._transactionHasWork = true;
                return row;
            }
            catch (DbException e) when (e is not GenOrmException)
            {
                throw ReadFailed(e);
            }
        }

        private bool NextIsFirst()
        {
            bool first = !_started;
            _started = true;
            return first;
        }

        private Exception ReadFailed(DbException e)
        {
            _failed = true;
            statement.Reset();
            return owner.Fail(e, statement, start, tableName, cancellationToken);
        }

        public void Dispose()
        {
            // The statement may have been lent again since, if its connection was disposed while this stream was open.
            if (!statement.IsLent || statement.Lease != _lease)
            {
                return;
            }

            registration.Dispose();
            if (!_failed)
            {
                owner._echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), statement.FormatParameters());
                Telemetry.Statement(owner._engine, statement.Sql, tableName, start, statement.Rows, -1, 0, null, statement);
            }

            owner.Return(statement);
        }
    }

    /// <summary>Gets the key the database generated for the last row inserted on this connection (SQLite's rowid).</summary>
    internal long LastInsertRowId() => _physical.LastInsertId();

    /// <summary>Gets the number of rows the last INSERT, UPDATE or DELETE changed.</summary>
    internal int Changes() => _physical.Changes();

    /// <summary>Echoes (when <paramref name="detail"/> is given) and records a batch of <paramref name="count"/> executions of <paramref name="sql"/>.</summary>
    internal void EchoBatch(string sql, long start, string? detail, string? tableName, int count, long affected)
    {
        if (detail is not null)
        {
            _echo?.Statement(sql, Stopwatch.GetElapsedTime(start), detail);
        }

        Telemetry.Statement(_engine, sql, tableName, start, 0, affected, count, null);
    }

    /// <summary>
    /// The one error path of every statement: echoes it as failed, explains a foreign key failure, translates the
    /// error into a <see cref="GenOrmException"/> naming the table and column, notes a transaction SQLite ended, turns
    /// an interrupt by <paramref name="cancellationToken"/> into <see cref="OperationCanceledException"/>, and records
    /// the failure for telemetry (<c>error.type</c> is <c>cancelled</c> for a cancelled statement).
    /// </summary>
    private Exception Fail(DbException exception, Statement? statement, long start, string? tableName, CancellationToken cancellationToken, string? sql = null)
    {
        sql ??= statement!.Sql;
        _echo?.Statement(sql, Stopwatch.GetElapsedTime(start), statement?.FormatParameters() ?? string.Empty, failed: true);
        Statement? failing = statement?.ActivePart ?? statement;
        if (statement is not null)
        {
            statement.ActivePart = null;
        }

        GenOrmException translated = _physical.Translate(exception, sql, tableName, failing);
        NoteTransactionEndedBySqlite(translated);
        Exception failure = cancellationToken.IsCancellationRequested && _physical.IsCancellation(exception)
            ? new OperationCanceledException(ErrorMessages.Cancelled(sql), translated, cancellationToken)
            : translated;
        Telemetry.Statement(_engine, sql, tableName, start, -1, -1, 0, failure, statement);
        return failure;
    }

    /// <summary>Begins the implicit, deferred transaction that a connection's first statement opens.</summary>
    private void BeginImplicitTransaction()
    {
        _echo?.Line("BEGIN (implicit)");
        _physical.Begin(immediate: false);
        BeganTransaction();
    }

    /// <summary>The asynchronous twin of <see cref="BeginImplicitTransaction"/>.</summary>
    private async ValueTask BeginImplicitTransactionAsync(CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        _echo?.Line("BEGIN (implicit)");
        await use.Held(_physical.BeginAsync(immediate: false, cancellationToken));
        BeganTransaction();
    }

    private void BeganTransaction()
    {
        _inTransaction = true;
        _transactionHasWork = false;
    }

    /// <summary>Finalizes the cached statements that no operation or stream holds; lent ones stay.</summary>
    private void EvictIdleStatements()
    {
        List<string>? idle = null;
        foreach (KeyValuePair<string, Statement> entry in _rawStatements)
        {
            if (!entry.Value.IsLent)
            {
                (idle ??= new List<string>()).Add(entry.Key);
            }
        }

        foreach (string sql in idle ?? (IEnumerable<string>)Array.Empty<string>())
        {
            _rawStatements.Remove(sql, out Statement? statement);
            statement!.Release();
        }
    }
}
