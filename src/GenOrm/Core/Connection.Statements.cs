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
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private readonly Dictionary<string, Statement> _rawStatements = new(StringComparer.Ordinal);

    /// <summary>Gets the connection's prepared statement for <paramref name="sql"/>, preparing it on first use.</summary>
    internal Statement GetRawStatement(string sql, string[] parameterNames)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        if (_rawStatements.TryGetValue(sql, out Statement? statement))
        {
            return statement;
        }

        if (_rawStatements.Count >= MaxCachedStatements)
        {
            FinalizeRawStatements();
        }

        int rc = raw.sqlite3_prepare_v3(_connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt handle, out string tail);
        if (rc != raw.SQLITE_OK || handle is null)
        {
            SqliteException error = ErrorFor(rc);
            handle?.Dispose();
            throw SqliteErrorTranslator.Translate(error, sql, null, _busyTimeout);
        }

        if (!string.IsNullOrWhiteSpace(tail))
        {
            handle.Dispose();
            throw new ArgumentException(ErrorMessages.SeveralStatements(sql), nameof(sql));
        }

        statement = new Statement(handle, sql, parameterNames, IsEchoing);
        _rawStatements.Add(sql, statement);
        return statement;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a bound statement inside the connection's transaction, then resets the
    /// statement. Errors are translated, echo logs the statement, and the token interrupts SQLite.
    /// </summary>
    internal TOut Run<TOut>(Statement statement, string? tableName, CancellationToken cancellationToken, Func<Statement, TOut> body, string? batchDetail = null)
    {
        using UseScope use = Enter();
        cancellationToken.ThrowIfCancellationRequested();
        EnsureTransaction();
        long start = _echo is null ? 0 : Stopwatch.GetTimestamp();
        try
        {
            TOut result;
            using (RegisterInterrupt(cancellationToken))
            {
                result = body(statement);
            }

            raw.sqlite3_reset(statement.Handle);
            if (batchDetail is null)
            {
                _echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), statement.FormatParameters());
            }

            return result;
        }
        catch (SqliteException e)
        {
            raw.sqlite3_reset(statement.Handle);
            throw FailRaw(e, statement, start, tableName, cancellationToken);
        }
        catch
        {
            raw.sqlite3_reset(statement.Handle);
            throw;
        }
    }

    /// <summary>Steps the statement: <see langword="true"/> for a row, <see langword="false"/> when done.</summary>
    /// <exception cref="SqliteException">SQLite reported an error.</exception>
    internal bool Step(Statement statement, bool first)
    {
        int rc = raw.sqlite3_step(statement.Handle);
        if (first && (rc & 0xFF) is SqliteLocked or SqliteBusy)
        {
            // A shared-cache table lock (in-memory databases) is not covered by SQLite's busy handler: wait here.
            long deadline = Environment.TickCount64 + (long)_busyTimeout.TotalMilliseconds;
            while ((rc & 0xFF) is SqliteLocked or SqliteBusy && Environment.TickCount64 < deadline)
            {
                raw.sqlite3_reset(statement.Handle);
                Thread.Sleep(1);
                rc = raw.sqlite3_step(statement.Handle);
            }
        }

        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        throw ErrorFor(rc);
    }

    /// <summary>An exception for SQLite result <paramref name="rc"/>, worded as Microsoft.Data.Sqlite words its own.</summary>
    private SqliteException ErrorFor(int rc)
    {
        string message = raw.sqlite3_errmsg(_connection.Handle).utf8_to_string();
        int extended = raw.sqlite3_extended_errcode(_connection.Handle);
        return new SqliteException($"SQLite Error {rc & 0xFF}: '{message}'.", rc & 0xFF, extended);
    }

    /// <summary>Starts a statement whose rows are read one at a time; the stream resets and echoes it when disposed.</summary>
    internal StatementStream OpenStream(Statement statement, string? tableName, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        cancellationToken.ThrowIfCancellationRequested();
        EnsureTransaction();
        long start = _echo is null ? 0 : Stopwatch.GetTimestamp();
        return new StatementStream(this, statement, start, tableName, RegisterInterrupt(cancellationToken), cancellationToken);
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
        private bool _started;
        private bool _failed;

        public bool Read()
        {
            using UseScope use = owner.Enter();
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool first = !_started;
                _started = true;
                return owner.Step(statement, first);
            }
            catch (SqliteException e)
            {
                _failed = true;
                raw.sqlite3_reset(statement.Handle);
                throw owner.FailRaw(e, statement, start, tableName, cancellationToken);
            }
        }

        public void Dispose()
        {
            registration.Dispose();
            raw.sqlite3_reset(statement.Handle);
            if (!_failed)
            {
                owner._echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), statement.FormatParameters());
            }
        }
    }

    /// <summary>Gets the rowid of the last row inserted on this connection.</summary>
    internal long LastInsertRowId() => raw.sqlite3_last_insert_rowid(_connection.Handle);

    /// <summary>Gets the number of rows the last INSERT, UPDATE or DELETE changed.</summary>
    internal int Changes() => raw.sqlite3_changes(_connection.Handle);

    internal void EchoBatch(Statement statement, long start, string detail) =>
        _echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), detail);

    private Exception FailRaw(SqliteException exception, Statement statement, long start, string? tableName, CancellationToken cancellationToken)
    {
        _echo?.Statement(statement.Sql, Stopwatch.GetElapsedTime(start), statement.FormatParameters(), failed: true);
        ForgetTransactionEndedBySqlite();
        GenOrmException translated = ForeignKeyDiagnosis.Explain(exception, _connection.Handle!, statement.Handle, tableName)
            ?? SqliteErrorTranslator.Translate(exception, statement.Sql, tableName, _busyTimeout, _connection.DataSource);
        return exception.SqliteErrorCode == SqliteInterrupt && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException(ErrorMessages.Cancelled(statement.Sql), translated, cancellationToken)
            : translated;
    }

    private void EnsureTransaction()
    {
        if (_transaction is null)
        {
            _echo?.Line("BEGIN (implicit)");
            _transaction = _connection.BeginTransaction(deferred: true);
        }
    }

    private void FinalizeRawStatements()
    {
        foreach (Statement statement in _rawStatements.Values)
        {
            statement.Handle.Dispose();
        }

        _rawStatements.Clear();
    }
}
