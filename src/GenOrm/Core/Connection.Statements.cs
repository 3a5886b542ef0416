using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm;

/// <summary>
/// The fast path under generated code and typed queries: statements prepared on the connection's own SQLite handle
/// (<see cref="Statement"/>), bound and read with typed calls, run in the connection's transaction with the same
/// echo, error translation, cancellation and thread check as the ADO.NET path.
/// </summary>
public sealed partial class Connection
{
    private const int SqliteLocked = 6;
    private readonly Dictionary<string, Statement> _rawStatements;
    private List<Statement>? _lentOwnStatements;

    /// <summary>
    /// Lends the connection's prepared statement for <paramref name="sql"/> to the calling operation, preparing it on
    /// first use. Until the statement is given back (<see cref="Statement.Dispose"/>), the connection belongs to the
    /// calling thread and no other operation gets the same <c>sqlite3_stmt</c>: if the cached one is lent already (to
    /// an open stream, or an outer operation), the caller gets a statement of its own, finalized when given back.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is using the connection.</exception>
    /// <exception cref="ArgumentException"><paramref name="sql"/> holds more than one statement.</exception>
    /// <exception cref="GenOrmException">SQLite could not prepare the statement.</exception>
    internal Statement Lend(string sql)
    {
        try
        {
            return Lend(sql, script: false);
        }
        catch (SqliteException e)
        {
            throw SqliteErrorTranslator.Translate(e, sql, null, _busyTimeout);
        }
    }

    /// <summary>
    /// Lends the statement for <paramref name="sql"/> as <see cref="Lend(string)"/> does; with <paramref name="script"/>,
    /// the text may hold several statements (its first is returned; <see cref="Statement.Next"/> prepares the others).
    /// </summary>
    /// <exception cref="SqliteException">SQLite could not prepare the (first) statement.</exception>
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

    /// <exception cref="SqliteException">SQLite could not prepare the statement.</exception>
    private Statement PrepareStatement(string sql, bool script, bool cache)
    {
        Statement? statement = PrepareScriptPart(sql, sql, cache);
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
    /// Prepares the first statement of <paramref name="text"/>, a part of the text <paramref name="sql"/> (all of it,
    /// or the tail left after the statements before), skipping empty statements; <see langword="null"/> when none is left.
    /// </summary>
    /// <exception cref="SqliteException">SQLite could not prepare it.</exception>
    internal Statement? PrepareScriptPart(string sql, string text, bool persistent)
    {
        string rest = text;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            int rc = raw.sqlite3_prepare_v3(
                _connection.Handle, rest, persistent ? raw.SQLITE_PREPARE_PERSISTENT : 0u, out sqlite3_stmt handle, out string tail);
            if (rc != raw.SQLITE_OK)
            {
                handle?.Dispose();
                throw ErrorFor(rc);
            }

            if (handle is not null && !handle.IsInvalid)
            {
                return new Statement(handle, sql, tail, IsEchoing || _engine.TraceParameterValues, persistent);
            }

            handle?.Dispose();
            if (tail.Length >= rest.Length)
            {
                break;
            }

            rest = tail;
        }

        return null;
    }

    /// <summary>The error for a bind that SQLite rejected (<c>SQLITE_RANGE</c>, <c>SQLITE_MISUSE</c> on a running statement, ...).</summary>
    internal GenOrmException BindFailed(Statement statement, int rc, int index)
    {
        SqliteException error = ErrorFor(rc);
        return new GenOrmException(ErrorMessages.BindFailed(index, statement.Sql, error.Message), null, null, statement.Sql, error);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a bound statement inside the connection's transaction, then resets the
    /// statement. Errors are translated, echo logs the statement, and the token interrupts SQLite.
    /// </summary>
    internal TOut Run<TOut>(
        Statement statement, string? tableName, CancellationToken cancellationToken, Func<Statement, TOut> body, string? batchDetail = null, bool implicitTransaction = true)
    {
        using UseScope use = Enter();
        cancellationToken.ThrowIfCancellationRequested();
        if (implicitTransaction)
        {
            EnsureTransaction();
        }
        else
        {
            ThrowIfRolledBackBySqlite();
        }

        long start = Telemetry.Start(_echo is not null);
        statement.Rows = 0;
        statement.ChangedRows = -1;
        try
        {
            TOut result;
            using (RegisterInterrupt(cancellationToken))
            {
                result = body(statement);
            }

            statement.Reset();
            _transactionHasWork = true;
            if (batchDetail is null)
            {
                _echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), statement.FormatParameters());
                Telemetry.Statement(_engine, statement.Sql, tableName, start, statement.Rows, Telemetry.AskStatement, 0, null, statement);
            }

            return result;
        }
        catch (SqliteException e)
        {
            statement.Reset();
            throw Fail(e, statement, start, tableName, cancellationToken);
        }
        catch (Exception e)
        {
            statement.Reset();
            Telemetry.Statement(_engine, statement.Sql, tableName, start, -1, -1, 0, e, statement);
            throw;
        }
    }

    /// <summary>Steps the statement: <see langword="true"/> for a row, <see langword="false"/> when done.</summary>
    /// <exception cref="SqliteException">SQLite reported an error.</exception>
    internal bool Step(Statement statement, bool first)
    {
        int rc = raw.sqlite3_step(statement.Handle);
        if (first && (rc & 0xFF) == SqliteLocked)
        {
            // A shared-cache table lock (in-memory databases) is not covered by SQLite's busy handler: wait here. A
            // SQLITE_BUSY is not retried: the busy handler has already waited the whole timeout for it, and a retry
            // would wait it again.
            long deadline = Environment.TickCount64 + (long)_busyTimeout.TotalMilliseconds;
            while ((rc & 0xFF) == SqliteLocked && Environment.TickCount64 < deadline)
            {
                raw.sqlite3_reset(statement.Handle);
                Thread.Sleep(1);
                rc = raw.sqlite3_step(statement.Handle);
            }
        }

        if (rc == raw.SQLITE_ROW)
        {
            statement.Rows++;
            if (first)
            {
                statement.LearnColumnStorage(this, _connection.Handle!);
            }

            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        throw ErrorFor(rc);
    }

    /// <summary>An exception for SQLite result <paramref name="rc"/>, worded as Microsoft.Data.Sqlite words its own.</summary>
    private SqliteException ErrorFor(int rc) => PhysicalConnection.ErrorFor(_connection.Handle!, rc);

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
            cancellationToken.ThrowIfCancellationRequested();
            EnsureTransaction();
        }
        catch
        {
            statement.Dispose();
            throw;
        }

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
                bool first = !_started;
                _started = true;
                bool row = owner.Step(statement, first);
                owner._transactionHasWork = true;
                return row;
            }
            catch (SqliteException e)
            {
                _failed = true;
                statement.Reset();
                throw owner.Fail(e, statement, start, tableName, cancellationToken);
            }
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

    /// <summary>Gets the rowid of the last row inserted on this connection.</summary>
    internal long LastInsertRowId() => raw.sqlite3_last_insert_rowid(_connection.Handle);

    /// <summary>Gets the number of rows the last INSERT, UPDATE or DELETE changed.</summary>
    internal int Changes() => raw.sqlite3_changes(_connection.Handle);

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
    private Exception Fail(SqliteException exception, Statement? statement, long start, string? tableName, CancellationToken cancellationToken, string? sql = null)
    {
        sql ??= statement!.Sql;
        _echo?.Statement(sql, Stopwatch.GetElapsedTime(start), statement?.FormatParameters() ?? string.Empty, failed: true);
        Statement? failing = statement?.ActivePart ?? statement;
        if (statement is not null)
        {
            statement.ActivePart = null;
        }

        GenOrmException translated = (failing is null ? null : ForeignKeyDiagnosis.Explain(exception, _connection.Handle!, failing.Handle, sql, tableName))
            ?? SqliteErrorTranslator.Translate(exception, sql, tableName, _busyTimeout, _connection.DataSource);
        NoteTransactionEndedBySqlite(translated);
        Exception failure = exception.SqliteErrorCode == SqliteInterrupt && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException(ErrorMessages.Cancelled(sql), translated, cancellationToken)
            : translated;
        Telemetry.Statement(_engine, sql, tableName, start, -1, -1, 0, failure, statement);
        return failure;
    }

    /// <summary>
    /// Runs a transaction-control statement (<c>BEGIN</c>, <c>COMMIT</c>, <c>SAVEPOINT ...</c>) prepared once per
    /// pooled connection, so that beginning and ending a transaction prepares nothing.
    /// </summary>
    /// <exception cref="SqliteException">SQLite reported an error, such as <c>SQLITE_BUSY</c>.</exception>
    private void RunControl(string sql)
    {
        sqlite3_stmt statement = _physical.ControlStatement(sql);
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            throw ErrorFor(rc);
        }
    }

    /// <summary>Gets the main database's schema version (<c>PRAGMA schema_version</c>), which every schema change bumps.</summary>
    internal long SchemaVersion()
    {
        sqlite3_stmt statement = _physical.ControlStatement("PRAGMA schema_version");
        long version = raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : -1;
        raw.sqlite3_reset(statement);
        return version;
    }

    /// <summary>Begins the implicit, deferred transaction that a connection's first statement opens.</summary>
    private void BeginImplicitTransaction()
    {
        _echo?.Line("BEGIN (implicit)");
        RunControl(ControlStatement.Begin);
        _inTransaction = true;
        _transactionHasWork = false;
    }

    private void EnsureTransaction()
    {
        ThrowIfRolledBackBySqlite();
        if (!_inTransaction)
        {
            BeginImplicitTransaction();
        }
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
