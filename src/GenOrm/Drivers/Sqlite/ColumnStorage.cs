using System;
using System.Collections.Generic;
using SQLitePCL;

namespace GenOrm.Drivers.Sqlite;

/// <summary>
/// Finds, for each result column of a prepared statement, the storage class SQLite guarantees its non-NULL values: a
/// column of a <c>STRICT</c> table declared <c>INTEGER</c>, <c>REAL</c>, <c>TEXT</c> or <c>BLOB</c> can hold nothing
/// else. <see cref="SqliteStatement"/> then reads such a value with one call instead of checking its class first, which
/// keeps the checked reads as fast as unchecked ones for GenOrm's own tables; every other column (another tool's table,
/// an expression, <c>ANY</c>) is checked value by value.
/// </summary>
/// <remarks>
/// Only the class is trusted, never <c>NOT NULL</c>: a column of the outer side of a <c>LEFT JOIN</c> can be NULL
/// whatever its table says, so a read that sees a zero or an empty value still asks SQLite whether it is NULL.
/// </remarks>
internal static class ColumnStorage
{
    /// <summary>SQLite's <c>SQLITE_STMTSTATUS_REPREPARE</c>: how often the statement was prepared again after a schema change.</summary>
    public const int RepreparedCount = 5;

    private const string TableListSql = "SELECT strict FROM pragma_table_list WHERE schema = ?1 AND name = ?2";
    private const string ColumnTypesSql = "SELECT name, type FROM pragma_table_xinfo(?2, ?1)";

    /// <summary>
    /// Gets the guaranteed storage class of each result column (<c>SQLITE_INTEGER</c>, <c>SQLITE_FLOAT</c>,
    /// <c>SQLITE_TEXT</c>, <c>SQLITE_BLOB</c>, or 0 for none), or <see langword="null"/> when no column has one.
    /// </summary>
    public static byte[]? Read(sqlite3 db, sqlite3_stmt statement)
    {
        int count = raw.sqlite3_column_count(statement);
        byte[]? classes = null;
        Dictionary<(string Schema, string Table), Dictionary<string, string>?>? tables = null;
        for (int i = 0; i < count; i++)
        {
            string? table = raw.sqlite3_column_table_name(statement, i).utf8_to_string();
            string? schema = raw.sqlite3_column_database_name(statement, i).utf8_to_string();
            string? column = raw.sqlite3_column_origin_name(statement, i).utf8_to_string();
            // Only the main database: the schema version that tells a re-prepare from a schema change is main's.
            if (table is null || schema != "main" || column is null)
            {
                continue;
            }

            tables ??= new Dictionary<(string, string), Dictionary<string, string>?>();
            if (!tables.TryGetValue((schema, table), out Dictionary<string, string>? types))
            {
                types = StrictColumnTypes(db, schema, table);
                tables.Add((schema, table), types);
            }

            if (types is not null && types.TryGetValue(column, out string? type))
            {
                byte storage = StorageClassOf(type);
                if (storage != 0)
                {
                    classes ??= new byte[count];
                    classes[i] = storage;
                }
            }
        }

        return classes;
    }

    /// <summary>The storage class a <c>STRICT</c> column of the declared <paramref name="type"/> holds, or 0 (<c>ANY</c>).</summary>
    private static byte StorageClassOf(string type)
    {
        if (type == "INTEGER" || type == "INT")
        {
            return raw.SQLITE_INTEGER;
        }

        if (type == "REAL")
        {
            return raw.SQLITE_FLOAT;
        }

        if (type == "TEXT")
        {
            return raw.SQLITE_TEXT;
        }

        return type == "BLOB" ? (byte)raw.SQLITE_BLOB : (byte)0;
    }

    /// <summary>The declared type of each column of a <c>STRICT</c> table, upper-case; <see langword="null"/> for any other table, or on any error.</summary>
    private static Dictionary<string, string>? StrictColumnTypes(sqlite3 db, string schema, string table)
    {
        using (sqlite3_stmt? list = Prepare(db, TableListSql, schema, table))
        {
            if (list is null || raw.sqlite3_step(list) != raw.SQLITE_ROW || raw.sqlite3_column_int64(list, 0) != 1)
            {
                return null;
            }
        }

        using sqlite3_stmt? columns = Prepare(db, ColumnTypesSql, schema, table);
        if (columns is null)
        {
            return null;
        }

        var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int rc;
        while ((rc = raw.sqlite3_step(columns)) == raw.SQLITE_ROW)
        {
            types[raw.sqlite3_column_text(columns, 0).utf8_to_string()] = raw.sqlite3_column_text(columns, 1).utf8_to_string().ToUpperInvariant();
        }

        return rc == raw.SQLITE_DONE ? types : null;
    }

    /// <summary>Prepares a schema query with the schema and table bound, or returns <see langword="null"/>.</summary>
    private static sqlite3_stmt? Prepare(sqlite3 db, string sql, string schema, string table)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement) != raw.SQLITE_OK)
        {
            statement?.Dispose();
            return null;
        }

        raw.sqlite3_bind_text(statement, 1, schema);
        raw.sqlite3_bind_text(statement, 2, table);
        return statement;
    }
}
