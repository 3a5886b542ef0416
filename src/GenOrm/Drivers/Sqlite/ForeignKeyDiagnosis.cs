using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm.Drivers.Sqlite;

/// <summary>
/// Finds which foreign key a failed statement broke. SQLite reports only "FOREIGN KEY constraint failed", so on that
/// error (and only then: the cost does not matter) the statement runs again inside a savepoint with
/// <c>PRAGMA defer_foreign_keys = ON</c>, <c>PRAGMA foreign_key_check</c> lists the rows it left without their
/// parent (or the child rows it left without theirs), and <c>PRAGMA foreign_key_list</c> maps each to its columns.
/// The savepoint is then rolled back and released, and <c>defer_foreign_keys</c> restored, so the transaction is as
/// the failed statement left it.
/// </summary>
internal static class ForeignKeyDiagnosis
{
    private const int ConstraintForeignKey = 787;
    private const string Savepoint = "genorm_foreign_key_diagnosis";

    /// <summary>
    /// Explains a failure of a prepared statement that has been reset with its bindings kept, or returns
    /// <see langword="null"/> when <paramref name="exception"/> is not a foreign key failure or the key cannot be found.
    /// </summary>
    /// <param name="exception">The error.</param>
    /// <param name="db">The connection's database handle.</param>
    /// <param name="statement">The statement that failed (for a script, the part that failed), to run again.</param>
    /// <param name="sql">The SQL text the error names.</param>
    /// <param name="tableName">The table the statement works on, when known.</param>
    public static ConstraintViolationException? Explain(SqliteException exception, sqlite3 db, sqlite3_stmt statement, string sql, string? tableName)
    {
        if (exception.SqliteExtendedErrorCode != ConstraintForeignKey)
        {
            return null;
        }

        // The failing statement's own text tells what it did (for a script, its part); the error names the whole text.
        string own = raw.sqlite3_sql(statement).utf8_to_string() ?? sql;
        return Explain(exception, db, sql, own, tableName, () =>
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }

            raw.sqlite3_reset(statement);
            return rc == raw.SQLITE_DONE;
        });
    }

    private static ConstraintViolationException? Explain(
        SqliteException exception, sqlite3 db, string sql, string own, string? tableName, Func<bool> runAgain)
    {
        long deferred = Scalar(db, "PRAGMA defer_foreign_keys") ?? 0;
        if (raw.sqlite3_exec(db, $"SAVEPOINT {Savepoint}") != raw.SQLITE_OK)
        {
            return null;
        }

        Violation? found = null;
        try
        {
            List<Violation> before = Violations(db);
            raw.sqlite3_exec(db, "PRAGMA defer_foreign_keys = ON");
            if (runAgain())
            {
                List<Violation> after = Violations(db);
                foreach (Violation old in before)
                {
                    after.Remove(old);
                }

                found = after.Count > 0 ? after[0] : null;
            }
        }
        finally
        {
            raw.sqlite3_exec(db, $"ROLLBACK TO {Savepoint}");
            raw.sqlite3_exec(db, $"RELEASE {Savepoint}");
            raw.sqlite3_exec(db, "PRAGMA defer_foreign_keys = " + deferred.ToString(CultureInfo.InvariantCulture));
        }

        if (found is not { } violation || Key(db, violation) is not { } key)
        {
            return null;
        }

        var (childColumns, parentColumns) = key;

        string verb = FirstWord(own);
        string? target = tableName ?? SqliteErrorTranslator.WriteTarget(own);
        bool parentSide = verb == "DELETE"
            || (!Same(violation.Table, target) && Same(violation.Parent, target));
        if (parentSide)
        {
            string message = ErrorMessages.ForeignKeyStillReferred(
                violation.Parent, parentColumns, violation.Table, childColumns, deleting: verb == "DELETE");
            return new ConstraintViolationException(
                ConstraintKind.ForeignKey, message, violation.Parent, parentColumns, sql, exception);
        }

        return new ConstraintViolationException(
            ConstraintKind.ForeignKey,
            ErrorMessages.ForeignKeyMissingParent(violation.Table, childColumns, violation.Parent, parentColumns),
            violation.Table,
            childColumns,
            sql,
            exception);
    }

    /// <summary>The child and parent columns of the violated key, each joined with ", ".</summary>
    private static (string Child, string Parent)? Key(sqlite3 db, Violation violation)
    {
        var child = new List<string>();
        var parent = new List<string?>();
        Query(db, "SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?1) WHERE id = ?2 ORDER BY seq", violation.Table, violation.KeyId, s =>
        {
            child.Add(raw.sqlite3_column_text(s, 0).utf8_to_string());
            parent.Add(raw.sqlite3_column_type(s, 1) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(s, 1).utf8_to_string());
        });
        if (child.Count == 0)
        {
            return null;
        }

        if (parent.Contains(null))
        {
            // REFERENCES parent without columns: the parent's primary key.
            parent.Clear();
            Query(db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", violation.Parent, null, s =>
                parent.Add(raw.sqlite3_column_text(s, 0).utf8_to_string()));
        }

        return (string.Join(", ", child), string.Join(", ", parent));
    }

    private static List<Violation> Violations(sqlite3 db)
    {
        var violations = new List<Violation>();
        Query(db, "PRAGMA foreign_key_check", null, null, s => violations.Add(new Violation(
            raw.sqlite3_column_text(s, 0).utf8_to_string(),
            raw.sqlite3_column_type(s, 1) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(s, 1),
            raw.sqlite3_column_text(s, 2).utf8_to_string(),
            raw.sqlite3_column_int64(s, 3))));
        return violations;
    }

    private static long? Scalar(sqlite3 db, string sql)
    {
        long? value = null;
        Query(db, sql, null, null, s => value = raw.sqlite3_column_int64(s, 0));
        return value;
    }

    private static void Query(sqlite3 db, string sql, string? text, long? number, Action<sqlite3_stmt> row)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement) != raw.SQLITE_OK)
        {
            statement?.Dispose();
            return;
        }

        using (statement)
        {
            if (text is not null)
            {
                raw.sqlite3_bind_text(statement, 1, text);
            }

            if (number is { } n)
            {
                raw.sqlite3_bind_int64(statement, 2, n);
            }

            while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
            {
                row(statement);
            }
        }
    }

    private static string FirstWord(string sql)
    {
        ReadOnlySpan<char> text = sql.AsSpan().TrimStart();
        int end = 0;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text[..end].ToString().ToUpperInvariant();
    }

    private static bool Same(string table, string? other) =>
        other is not null && string.Equals(table, other, StringComparison.OrdinalIgnoreCase);

    /// <summary>One row of <c>PRAGMA foreign_key_check</c>: a child row whose key <see cref="KeyId"/> finds no parent row.</summary>
    private readonly record struct Violation(string Table, long? RowId, string Parent, long KeyId);
}
