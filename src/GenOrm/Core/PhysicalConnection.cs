using System;
using System.Collections.Generic;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm;

/// <summary>
/// One open SQLite connection that an <see cref="Engine"/> keeps in its pool, with what outlives each
/// <see cref="Connection"/> that uses it: the prepared statements of generated code, typed queries and SQL text. A <see cref="Connection"/> borrows it from <see cref="Engine.Connect"/> to its
/// <c>Dispose</c>, so a request that connects, runs a lookup and disposes neither opens the database again nor
/// prepares its statement again.
/// </summary>
/// <remarks>
/// SQLite re-prepares a cached statement by itself when the schema changes (another connection's DDL included), so a
/// cached statement never runs against a stale table shape.
/// </remarks>
internal sealed class PhysicalConnection
{
    public PhysicalConnection(SqliteConnection connection)
    {
        Connection = connection;
    }

    /// <summary>Gets the open Microsoft.Data.Sqlite connection.</summary>
    public SqliteConnection Connection { get; }

    private readonly Dictionary<string, sqlite3_stmt> _control = new(StringComparer.Ordinal);

    /// <summary>Gets the prepared statements of generated code, typed queries and SQL text, by SQL text.</summary>
    public Dictionary<string, Statement> Statements { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the prepared transaction-control statement for <paramref name="sql"/>, preparing it on first use.</summary>
    /// <exception cref="SqliteException">SQLite could not prepare it.</exception>
    public sqlite3_stmt ControlStatement(string sql)
    {
        if (!_control.TryGetValue(sql, out sqlite3_stmt? statement))
        {
            int rc = raw.sqlite3_prepare_v3(Connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out statement, out string _);
            if (rc != raw.SQLITE_OK)
            {
                statement?.Dispose();
                throw ErrorFor(Connection.Handle!, rc);
            }

            _control.Add(sql, statement);
        }

        return statement;
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

    /// <summary>An exception for SQLite result <paramref name="rc"/>, worded as Microsoft.Data.Sqlite words its own.</summary>
    public static SqliteException ErrorFor(sqlite3 db, int rc)
    {
        string message = raw.sqlite3_errmsg(db).utf8_to_string();
        int extended = raw.sqlite3_extended_errcode(db);
        return new SqliteException($"SQLite Error {rc & 0xFF}: '{message}'.", rc & 0xFF, extended);
    }

    /// <summary>Gets whether the connection is still open and fit to be lent again.</summary>
    public bool IsReusable => Connection.State == System.Data.ConnectionState.Open;

    /// <summary>Finalizes every statement, then closes the connection.</summary>
    public void Close()
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
}

/// <summary>The transaction-control statements GenOrm runs, as SQL text.</summary>
internal static class ControlStatement
{
    public const string Begin = "BEGIN";
    public const string BeginImmediate = "BEGIN IMMEDIATE";
    public const string Commit = "COMMIT";
    public const string Rollback = "ROLLBACK";
}
