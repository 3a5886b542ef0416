using System.Text;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Sql.Analysis;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm.Generators.Tests.SqlChecker;

/// <summary>
/// The checker against SQLite itself: every corpus statement goes through <see cref="SqlAnalyzer"/> and through
/// <c>sqlite3_prepare_v2</c> on the same schema (created from the generator's DDL). Verdicts, result column names and
/// declared types must agree.
/// </summary>
public class DifferentialTests
{
    [Fact]
    public void Corpus_HasAtLeast300Statements_OnBothSchemas()
    {
        IReadOnlyList<CorpusEntry> corpus = SqlCorpus.Load();
        Assert.True(corpus.Count >= 300, $"The corpus has {corpus.Count} statements; the issue asks for at least 300.");
        Assert.Contains(corpus, e => e.Schema == "user");
        Assert.Contains(corpus, e => e.Schema == "chinook");
        List<SqlAnalysis> analyses = corpus.Select(e => SqlAnalyzer.Analyze(e.Sql, TestSchemas.Catalog(e.Schema))).ToList();
        int valid = analyses.Count(a => a.Problems.IsEmpty);
        Assert.True(valid >= 150 && corpus.Count - valid >= 100, $"{valid} valid and {corpus.Count - valid} invalid statements: the corpus needs both.");
        HashSet<SqlProblemKind> kinds = analyses.SelectMany(a => a.Problems).Select(p => p.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<SqlProblemKind>().Order(), kinds.Order());
        foreach (SqlStatementKind kind in new[] { SqlStatementKind.Select, SqlStatementKind.Insert, SqlStatementKind.Update, SqlStatementKind.Delete })
        {
            Assert.Contains(analyses, a => a.Kind == kind && a.Problems.IsEmpty);
        }
    }

    [Fact]
    public void Corpus_CheckerAgreesWithSqlite()
    {
        IReadOnlyList<CorpusEntry> corpus = SqlCorpus.Load();
        var connections = new Dictionary<string, SqliteConnection>();
        var mismatches = new StringBuilder();
        int count = 0;
        try
        {
            foreach (CorpusEntry entry in corpus)
            {
                if (!connections.TryGetValue(entry.Schema, out SqliteConnection? connection))
                {
                    connection = TestSchemas.Open(entry.Schema);
                    connections.Add(entry.Schema, connection);
                }

                string? mismatch = Compare(entry, connection);
                if (mismatch is not null)
                {
                    count++;
                    mismatches.Append("--- ").Append(entry).Append(" [").Append(entry.Schema).Append("]\n").Append(entry.Sql).Append('\n').Append(mismatch).Append("\n\n");
                }
            }
        }
        finally
        {
            foreach (SqliteConnection connection in connections.Values)
            {
                connection.Dispose();
            }
        }

        Assert.True(count == 0, $"{count} of {corpus.Count} corpus statements disagree with SQLite:\n\n{mismatches}");
    }

    private static string? Compare(CorpusEntry entry, SqliteConnection connection)
    {
        SqlAnalysis analysis = SqlAnalyzer.Analyze(entry.Sql, TestSchemas.Catalog(entry.Schema));
        string checker = analysis.Problems.IsEmpty
            ? "checker: ok"
            : "checker: " + string.Join("; ", analysis.Problems.Select(p => $"{p.Kind} at {p.Start}+{p.Length}: {p.Message}"));
        if (entry.Unsupported)
        {
            return analysis.Problems.Any(p => p.Kind == SqlProblemKind.Unsupported) ? null : "tagged unsupported, but " + checker;
        }

        sqlite3 db = connection.Handle!;
        int rc = raw.sqlite3_prepare_v2(db, entry.Sql, out sqlite3_stmt statement, out string tail);
        try
        {
            string sqliteVerdict = rc == raw.SQLITE_OK ? "sqlite: ok" : "sqlite: " + raw.sqlite3_errmsg(db).utf8_to_string();
            if (rc == raw.SQLITE_OK && !string.IsNullOrWhiteSpace(tail))
            {
                return "the entry holds more than one statement; split it";
            }

            bool onlyModelProblems = !analysis.Problems.IsEmpty && analysis.Problems.All(p => p.Kind == SqlProblemKind.MissingNotNullColumn);
            if (onlyModelProblems)
            {
                // Not a prepare error: SQLite rejects the row when it runs. Run it (nothing is bound: NULLs) and roll back.
                if (rc != raw.SQLITE_OK)
                {
                    return checker + "\n" + sqliteVerdict;
                }

                using SqliteTransaction transaction = connection.BeginTransaction();
                int step = raw.sqlite3_step(statement);
                string message = raw.sqlite3_errmsg(db).utf8_to_string();
                raw.sqlite3_reset(statement);
                transaction.Rollback();
                return step == raw.SQLITE_CONSTRAINT && message.StartsWith("NOT NULL constraint failed", StringComparison.Ordinal)
                    ? null
                    : checker + "\nsqlite on step: " + message;
            }

            if (analysis.Problems.IsEmpty != (rc == raw.SQLITE_OK))
            {
                return checker + "\n" + sqliteVerdict;
            }

            if (rc != raw.SQLITE_OK)
            {
                return null;
            }

            int columns = raw.sqlite3_column_count(statement);
            var sqliteNames = new List<string>();
            for (int i = 0; i < columns; i++)
            {
                sqliteNames.Add(raw.sqlite3_column_name(statement, i).utf8_to_string());
            }

            List<string> checkerNames = analysis.Columns.Select(c => c.Name).ToList();
            if (!sqliteNames.SequenceEqual(checkerNames, StringComparer.Ordinal))
            {
                return "column names: checker [" + string.Join(", ", checkerNames) + "], sqlite [" + string.Join(", ", sqliteNames) + "]";
            }

            for (int i = 0; i < columns; i++)
            {
                string? declared = raw.sqlite3_column_decltype(statement, i).utf8_to_string();
                if (declared is null)
                {
                    continue;
                }

                SqlColumnOrigin? origin = analysis.Columns[i].Origin;
                if (origin is null && sqliteNames[i] is "rowid" && analysis.Columns[i].Type == SqlValueType.Integer)
                {
                    // A rowid that no INTEGER PRIMARY KEY aliases: SQLite declares it INTEGER, but no model column is behind it.
                    continue;
                }

                string? ours = origin is null ? null : DeclaredType(entry.Schema, origin);
                if (!string.Equals(ours, declared, StringComparison.OrdinalIgnoreCase))
                {
                    return $"column {i} '{sqliteNames[i]}': sqlite declares {declared}, the checker's origin is "
                        + (origin is null ? "none" : $"{origin.Table}.{origin.Column} ({ours})");
                }
            }

            return null;
        }
        finally
        {
            statement?.Dispose();
        }
    }

    private static string DeclaredType(string schema, SqlColumnOrigin origin)
    {
        TableSpec table = TestSchemas.Tables(schema).Single(t => t.TableName == origin.Table);
        ColumnSpec column = table.Columns.Single(c => c.ColumnName == origin.Column);
        return column.DecimalScale is null ? SqliteDialect.Instance.ColumnTypeName(column.Kind) : "INTEGER";
    }
}

/// <summary>
/// Nullability and storage classes against SQLite's actual values: every valid corpus statement runs (parameters
/// unbound, so NULL; inside a transaction that is rolled back) on an empty database and on one with a NULL-laden row
/// per table. A NULL where the checker promised none, or a value of another storage class than the one it inferred,
/// is a mismatch.
/// </summary>
public class DifferentialValueTests
{
    [Fact]
    public void Corpus_ValuesAgreeWithInferredNullabilityAndTypes()
    {
        var mismatches = new StringBuilder();
        int count = 0;
        foreach (bool populated in new[] { false, true })
        {
            foreach (IGrouping<string, CorpusEntry> schema in SqlCorpus.Load().Where(e => !e.Unsupported).GroupBy(e => e.Schema))
            {
                using SqliteConnection connection = TestSchemas.Open(schema.Key);
                if (populated)
                {
                    Populate(connection, schema.Key);
                }

                foreach (CorpusEntry entry in schema)
                {
                    SqlAnalysis analysis = SqlAnalyzer.Analyze(entry.Sql, TestSchemas.Catalog(entry.Schema));
                    if (!analysis.Problems.IsEmpty || analysis.Columns.IsEmpty)
                    {
                        continue;
                    }

                    string? mismatch = Run(connection, entry, analysis);
                    if (mismatch is not null)
                    {
                        count++;
                        mismatches.Append("--- ").Append(entry).Append(populated ? " (populated)" : " (empty)").Append('\n').Append(entry.Sql).Append('\n').Append(mismatch).Append("\n\n");
                    }
                }
            }
        }

        Assert.True(count == 0, $"{count} corpus statements returned values the checker did not predict:\n\n{mismatches}");
    }

    private static string? Run(SqliteConnection connection, CorpusEntry entry, SqlAnalysis analysis)
    {
        sqlite3 db = connection.Handle!;
        using SqliteTransaction transaction = connection.BeginTransaction();
        if (raw.sqlite3_prepare_v2(db, entry.Sql, out sqlite3_stmt statement, out _) != raw.SQLITE_OK)
        {
            // A verdict disagreement: Corpus_CheckerAgreesWithSqlite reports it.
            statement.Dispose();
            return null;
        }

        try
        {
            for (int row = 0; row < 1000; row++)
            {
                int rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_ROW)
                {
                    return null;
                }

                for (int i = 0; i < analysis.Columns.Count; i++)
                {
                    SqlResultColumn column = analysis.Columns[i];
                    int type = raw.sqlite3_column_type(statement, i);
                    if (type == raw.SQLITE_NULL)
                    {
                        if (!column.MayBeNull)
                        {
                            return $"column {i} '{column.Name}' returned NULL; the checker says it is never NULL";
                        }

                        continue;
                    }

                    SqlValueType actual = type switch
                    {
                        raw.SQLITE_INTEGER => SqlValueType.Integer,
                        raw.SQLITE_FLOAT => SqlValueType.Real,
                        raw.SQLITE_TEXT => SqlValueType.Text,
                        _ => SqlValueType.Blob,
                    };
                    if (column.Type is SqlValueType.Integer or SqlValueType.Real or SqlValueType.Text or SqlValueType.Blob && column.Type != actual)
                    {
                        return $"column {i} '{column.Name}' returned {actual}; the checker inferred {column.Type}";
                    }
                }
            }

            return null;
        }
        finally
        {
            statement.Dispose();
            transaction.Rollback();
        }
    }

    /// <summary>Two rows per table: every column set, then every nullable column NULL.</summary>
    private static void Populate(SqliteConnection connection, string schema)
    {
        foreach (TableSpec table in TestSchemas.Tables(schema))
        {
            for (int row = 1; row <= 2; row++)
            {
                var values = table.Columns.Select(c => row == 2 && c.IsNullable ? "NULL" : Value(c, row));
                using SqliteCommand command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO \"{table.TableName}\" VALUES ({string.Join(", ", values)})";
                command.ExecuteNonQuery();
            }
        }
    }

    private static string Value(ColumnSpec column, int row) =>
        column.DecimalScale is not null ? row.ToString(System.Globalization.CultureInfo.InvariantCulture) : SqliteDialect.Instance.ColumnTypeName(column.Kind) switch
        {
            "INTEGER" => row.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "REAL" => row + ".5",
            "BLOB" => "x'0" + row + "'",
            _ => column.Kind is ColumnKind.DateTime ? $"'2024-01-0{row}'" : $"'v{row}'",
        };
}
