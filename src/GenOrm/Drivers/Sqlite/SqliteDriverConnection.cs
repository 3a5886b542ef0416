using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm.Drivers.Sqlite;

/// <summary>
/// One open SQLite connection that a <see cref="SqliteDriver"/> keeps in its pool, with what outlives each
/// <see cref="Connection"/> that uses it: the prepared statements, and the transaction-control statements prepared once.
/// A <see cref="Connection"/> borrows it from <see cref="Engine.Connect"/> to its <c>Dispose</c>, so a request that
/// connects, runs a lookup and disposes neither opens the database again nor prepares its statement again.
/// </summary>
/// <remarks>
/// SQLite re-prepares a cached statement by itself when the schema changes (another connection's DDL included), so a
/// cached statement never runs against a stale table shape.
/// </remarks>
internal sealed class SqliteDriverConnection : DriverConnection
{
    private const int SqliteInterrupt = 9;
    private readonly Dictionary<string, sqlite3_stmt> _control = new(StringComparer.Ordinal);

    public SqliteDriverConnection(SqliteConnection connection, TimeSpan busyTimeout)
    {
        Connection = connection;
        BusyTimeout = busyTimeout;
    }

    /// <summary>Gets the open Microsoft.Data.Sqlite connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>Gets the database handle.</summary>
    public sqlite3 Db => Connection.Handle!;

    /// <summary>Gets how long a statement waits for a lock (the shared-cache lock wait uses it too).</summary>
    public TimeSpan BusyTimeout { get; }

    /// <inheritdoc/>
    public override DbConnection DbConnection => Connection;

    /// <inheritdoc/>
    public override bool IsReusable => Connection.State == System.Data.ConnectionState.Open;

    /// <inheritdoc/>
    public override bool InTransaction => raw.sqlite3_get_autocommit(Db) == 0;

    /// <inheritdoc/>
    /// <exception cref="SqliteException">SQLite could not prepare it.</exception>
    public override Statement? Prepare(string sql, string text, bool persistent, bool rememberValues)
    {
        string rest = text;
        while (!string.IsNullOrWhiteSpace(rest))
        {
            int rc = raw.sqlite3_prepare_v3(Db, rest, persistent ? raw.SQLITE_PREPARE_PERSISTENT : 0u, out sqlite3_stmt handle, out string tail);
            if (rc != raw.SQLITE_OK)
            {
                handle?.Dispose();
                throw ErrorFor(rc);
            }

            if (handle is not null && !handle.IsInvalid)
            {
                return new SqliteStatement(this, handle, sql, tail, rememberValues, persistent);
            }

            // An empty statement (a lone ';' or a comment): go on with what follows it.
            handle?.Dispose();
            if (tail.Length >= rest.Length)
            {
                break;
            }

            rest = tail;
        }

        return null;
    }

    /// <inheritdoc/>
    public override void Begin(bool immediate) => Run(immediate ? "BEGIN IMMEDIATE" : "BEGIN");

    /// <inheritdoc/>
    public override void Commit() => Run("COMMIT");

    /// <inheritdoc/>
    public override void Rollback() => Run("ROLLBACK");

    /// <inheritdoc/>
    public override void Savepoint(string name) => Run("SAVEPOINT " + name);

    /// <inheritdoc/>
    public override void ReleaseSavepoint(string name) => Run("RELEASE " + name);

    /// <inheritdoc/>
    public override void RollbackToSavepoint(string name)
    {
        Run("ROLLBACK TO " + name);
        Run("RELEASE " + name);
    }

    /// <inheritdoc/>
    public override int Changes() => raw.sqlite3_changes(Db);

    /// <inheritdoc/>
    public override long ChangeCounter() => raw.sqlite3_total_changes(Db);

    /// <inheritdoc/>
    public override long LastInsertId() => raw.sqlite3_last_insert_rowid(Db);

    /// <inheritdoc/>
    public override CancellationTokenRegistration RegisterCancel(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), Connection)
            : default;

    /// <inheritdoc/>
    public override bool IsCancellation(DbException exception) => exception is SqliteException { SqliteErrorCode: SqliteInterrupt };

    /// <inheritdoc/>
    public override GenOrmException Translate(DbException exception, string sql, string? tableName, Statement? failing)
    {
        var sqlite = (SqliteException)exception;
        return (failing is SqliteStatement statement ? ForeignKeyDiagnosis.Explain(sqlite, Db, statement.Handle, sql, tableName) : null)
            ?? SqliteErrorTranslator.Translate(sqlite, sql, tableName, BusyTimeout, Connection.DataSource);
    }

    /// <summary>Gets the main database's schema version (<c>PRAGMA schema_version</c>), which every schema change bumps.</summary>
    public long SchemaVersion()
    {
        sqlite3_stmt statement = ControlStatement("PRAGMA schema_version");
        long version = raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_int64(statement, 0) : -1;
        raw.sqlite3_reset(statement);
        return version;
    }

    /// <summary>An exception for SQLite result <paramref name="rc"/>, worded as Microsoft.Data.Sqlite words its own.</summary>
    public SqliteException ErrorFor(int rc) => ErrorFor(Db, rc);

    /// <summary>An exception for SQLite result <paramref name="rc"/> on <paramref name="db"/>.</summary>
    public static SqliteException ErrorFor(sqlite3 db, int rc)
    {
        string message = raw.sqlite3_errmsg(db).utf8_to_string();
        int extended = raw.sqlite3_extended_errcode(db);
        return new SqliteException($"SQLite Error {rc & 0xFF}: '{message}'.", rc & 0xFF, extended);
    }

    /// <summary>Prepares, runs to its end and finalizes one statement on <paramref name="db"/>, outside any <see cref="GenOrm.Connection"/>.</summary>
    /// <exception cref="SqliteException">SQLite reported an error.</exception>
    public static void RunOnce(sqlite3 db, string sql)
    {
        int rc = raw.sqlite3_prepare_v3(db, sql, 0, out sqlite3_stmt statement, out string _);
        using (statement)
        {
            if (rc == raw.SQLITE_OK)
            {
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                }
            }

            if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            {
                throw ErrorFor(db, rc);
            }
        }
    }

    /// <inheritdoc/>
    public override void Close()
    {
        foreach (Statement statement in Statements.Values)
        {
            statement.Release();
        }

        Statements.Clear();
        foreach (sqlite3_stmt statement in _control.Values)
        {
            statement.Dispose();
        }

        _control.Clear();
        Connection.Dispose();
    }

    /// <summary>
    /// Runs a transaction-control statement (<c>BEGIN</c>, <c>COMMIT</c>, <c>SAVEPOINT ...</c>) prepared once per
    /// pooled connection, so that beginning and ending a transaction prepares nothing.
    /// </summary>
    /// <exception cref="SqliteException">SQLite reported an error, such as <c>SQLITE_BUSY</c>.</exception>
    private void Run(string sql)
    {
        sqlite3_stmt statement = ControlStatement(sql);
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
        {
            throw ErrorFor(rc);
        }
    }

    /// <summary>Gets the prepared transaction-control statement for <paramref name="sql"/>, preparing it on first use.</summary>
    /// <exception cref="SqliteException">SQLite could not prepare it.</exception>
    private sqlite3_stmt ControlStatement(string sql)
    {
        if (!_control.TryGetValue(sql, out sqlite3_stmt? statement))
        {
            int rc = raw.sqlite3_prepare_v3(Db, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out string _);
            if (rc != raw.SQLITE_OK)
            {
                statement?.Dispose();
                throw ErrorFor(rc);
            }

            _control.Add(sql, statement);
        }

        return statement;
    }
}
