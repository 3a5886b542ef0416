using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// Makes <c>CreateTable</c> on an existing table of another shape an error that points at <c>Schema.Migrate</c>,
/// not the silent pass of <c>CREATE TABLE IF NOT EXISTS</c>. Cheap: one read of <c>sqlite_master</c>; when the stored
/// statement is the script's own <c>CREATE TABLE</c> (SQLite keeps the text as written, without
/// <c>IF NOT EXISTS</c>), nothing else is read. When it differs, the two statements are compared clause by clause
/// (columns by name, table constraints, table options), so that a difference in layout alone is no error.
/// </summary>
/// <remarks>
/// The script runs first and the check after it, inside one savepoint: the script's <c>CREATE TABLE</c> is the
/// transaction's first statement, so it takes the write lock itself (a read first would leave a deferred transaction
/// to upgrade to a writer, which can wait on another process doing the same). A refusal, or a script that fails,
/// undoes the savepoint: no index of the script is left on the old table.
/// <para>
/// On PostgreSQL (<see cref="RunPostgres"/>) the server keeps no <c>CREATE TABLE</c> text: an existing table is read
/// from <c>pg_catalog</c> by the live-schema reader behind <c>Schema.Verify</c> and compared with the model's table by
/// the one comparer, before the script runs (an error would abort the transaction, and PostgreSQL has no lock to
/// upgrade). SQLite keeps its text comparison: its messages quote each differing column clause as written.
/// </para>
/// </remarks>
internal static class CreateTableGuard
{
    private const string StoredSql = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :table COLLATE NOCASE";

    /// <summary>Runs a <c>CreateTable</c> script, then checks that the table has the script's definition.</summary>
    /// <remarks>The script runs in the form asked for (<c>async</c>, see <see cref="ISchemaDialect"/>); SQLite completes every await at once.</remarks>
    /// <exception cref="SchemaMismatchException">The table existed with another shape; nothing of the script remains.</exception>
    /// <exception cref="GenOrmException">The script failed.</exception>
    public static ValueTask<int> Run(Connection connection, string tableName, string script, bool async, CancellationToken cancellationToken) =>
        connection.InSavepointEither(
            async () =>
            {
                using var use = connection.Enter();
                try
                {
                    await use.Held(connection.ExecuteScriptEither(script, tableName, async, cancellationToken));
                }
                catch (GenOrmException exception) when (connection.InTransaction)
                {
                    // An index of the script on a column the old table lacks fails first: say why.
                    Check(connection, tableName, script, exception);
                    throw;
                }

                Check(connection, tableName, script, innerException: null);
                return 0;
            },
            async,
            cancellationToken);

    /// <summary>
    /// Runs a <c>CreateTable</c> script on PostgreSQL inside a savepoint, after checking that a table of that name,
    /// when there is one, has <paramref name="model"/>'s shape. With <paramref name="async"/>, the catalog reads, the
    /// savepoint and the script await Npgsql's asynchronous I/O, and <paramref name="cancellationToken"/> cancels the
    /// running statement on the server.
    /// </summary>
    /// <exception cref="SchemaMismatchException">The table existed with another shape; nothing of the script ran.</exception>
    /// <exception cref="GenOrmException">The script failed; nothing of it remains.</exception>
    public static ValueTask<int> RunPostgres(Connection connection, string tableName, string script, TableModel? model, bool async, CancellationToken cancellationToken) =>
        connection.InSavepointEither(
            async () =>
            {
                using var use = connection.Enter();
                ISchemaDialect dialect = PostgresSchemaDialect.Instance;
                if (model is not null && await use.Held(dialect.ReadTable(connection, tableName, async, cancellationToken)) is { } live)
                {
                    var differences = new List<SchemaDifference>();
                    IReadOnlyList<TableModel> expected = await use.Held(dialect.Expected(connection, new[] { model }, async, cancellationToken));
                    SchemaComparer.CompareTable(expected[0], live, differences);
                    if (differences.Count > 0)
                    {
                        int version = await use.Held(dialect.ReadVersion(connection, async, cancellationToken));
                        throw new SchemaMismatchException(ErrorMessages.TableExistsWithOtherShape(tableName, differences), version, differences);
                    }
                }

                await use.Held(connection.ExecuteScriptEither(script, tableName, async, cancellationToken));
                return 0;
            },
            async,
            cancellationToken);

    /// <summary>Throws when <paramref name="tableName"/> exists with a definition other than the script's.</summary>
    /// <exception cref="SchemaMismatchException">The table exists with another shape.</exception>
    private static void Check(Connection connection, string tableName, string script, Exception? innerException)
    {
        Result stored = connection.Execute(Sql.Text(StoredSql), new Params { { "table", tableName } });
        if (stored.First() is not { } row || row.Get<string?>(0) is not { } actual)
        {
            return;
        }

        string expected = LiveSchema.NormalizeCreateSql(FirstStatement(script));
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return;
        }

        List<SchemaDifference> differences = Compare(tableName, expected, actual);
        if (differences.Count == 0)
        {
            return;
        }

        int version = checked((int)connection.Execute(Sql.Text("PRAGMA user_version")).Scalar<long>());
        throw new SchemaMismatchException(ErrorMessages.TableExistsWithOtherShape(tableName, differences), version, differences, innerException);
    }

    private static List<SchemaDifference> Compare(string table, string expectedSql, string actualSql)
    {
        Definition expected = Parse(expectedSql);
        Definition actual = Parse(actualSql);
        var differences = new List<SchemaDifference>();
        foreach ((string name, string clause) in expected.Columns)
        {
            string? live = Find(actual.Columns, name);
            if (live is null)
            {
                differences.Add(new SchemaDifference(table, name, SchemaDifferenceKind.MissingColumn, clause, null, ErrorMessages.SchemaMissingColumn(table, name)));
            }
            else if (!string.Equals(live, clause, StringComparison.Ordinal))
            {
                differences.Add(new SchemaDifference(table, name, SchemaDifferenceKind.DefinitionDiffers, clause, live, ErrorMessages.ColumnDefinitionDiffers(table, name, clause, live)));
            }
        }

        foreach ((string name, string clause) in actual.Columns)
        {
            if (Find(expected.Columns, name) is null)
            {
                differences.Add(new SchemaDifference(table, name, SchemaDifferenceKind.ExtraColumn, null, clause, ErrorMessages.SchemaExtraColumn(table, name)));
            }
        }

        foreach (string constraint in expected.Constraints)
        {
            if (!actual.Constraints.Contains(constraint))
            {
                differences.Add(new SchemaDifference(table, null, SchemaDifferenceKind.DefinitionDiffers, constraint, null, ErrorMessages.TableConstraintMissing(table, constraint)));
            }
        }

        foreach (string constraint in actual.Constraints)
        {
            if (!expected.Constraints.Contains(constraint))
            {
                differences.Add(new SchemaDifference(table, null, SchemaDifferenceKind.DefinitionDiffers, null, constraint, ErrorMessages.TableConstraintExtra(table, constraint)));
            }
        }

        bool strict = LiveSchema.IsStrict(expectedSql);
        if (strict != LiveSchema.IsStrict(actualSql))
        {
            differences.Add(new SchemaDifference(table, null, SchemaDifferenceKind.DefinitionDiffers, strict ? "STRICT" : null, strict ? null : "STRICT", ErrorMessages.SchemaStrictDiffers(table, strict)));
        }
        else if (differences.Count == 0 && !SameOrder(expected, actual))
        {
            differences.Add(new SchemaDifference(table, null, SchemaDifferenceKind.DefinitionDiffers, expectedSql, actualSql, ErrorMessages.SchemaTextDiffers(table)));
        }

        return differences;
    }

    private static bool SameOrder(Definition expected, Definition actual)
    {
        if (expected.Columns.Count != actual.Columns.Count || !string.Equals(expected.Options, actual.Options, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (int i = 0; i < expected.Columns.Count; i++)
        {
            if (!string.Equals(expected.Columns[i].Name, actual.Columns[i].Name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Find(List<(string Name, string Clause)> columns, string name)
    {
        foreach ((string column, string clause) in columns)
        {
            if (string.Equals(column, name, StringComparison.OrdinalIgnoreCase))
            {
                return clause;
            }
        }

        return null;
    }

    /// <summary>The script's first statement: up to its first semicolon outside quotes.</summary>
    internal static string FirstStatement(string script)
    {
        char quote = '\0';
        for (int i = 0; i < script.Length; i++)
        {
            char c = script[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"' or '`')
            {
                quote = c;
            }
            else if (c == '[')
            {
                quote = ']';
            }
            else if (c == ';')
            {
                return script[..i];
            }
        }

        return script;
    }

    /// <summary>Splits a <c>CREATE TABLE</c> statement into its column clauses (by name), table constraints and options, whitespace collapsed.</summary>
    private static Definition Parse(string sql)
    {
        var definition = new Definition();
        int open = -1;
        int depth = 0;
        int start = 0;
        char quote = '\0';
        for (int i = 0; i < sql.Length; i++)
        {
            char c = sql[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            switch (c)
            {
                case '\'' or '"' or '`':
                    quote = c;
                    break;
                case '[':
                    quote = ']';
                    break;
                case '(':
                    if (open < 0)
                    {
                        open = i;
                        start = i + 1;
                    }

                    depth++;
                    break;
                case ',' when depth == 1:
                    Add(definition, sql[start..i]);
                    start = i + 1;
                    break;
                case ')':
                    depth--;
                    if (depth == 0 && open >= 0)
                    {
                        Add(definition, sql[start..i]);
                        definition.Options = Collapse(sql[(i + 1)..]);
                        return definition;
                    }

                    break;
            }
        }

        return definition;
    }

    private static void Add(Definition definition, string clause)
    {
        string text = Collapse(clause);
        if (text.Length == 0)
        {
            return;
        }

        string first = FirstToken(text);
        if (text[0] is not ('"' or '`' or '[')
            && (first.Equals("CONSTRAINT", StringComparison.OrdinalIgnoreCase) || first.Equals("PRIMARY", StringComparison.OrdinalIgnoreCase)
                || first.Equals("UNIQUE", StringComparison.OrdinalIgnoreCase) || first.Equals("CHECK", StringComparison.OrdinalIgnoreCase)
                || first.Equals("FOREIGN", StringComparison.OrdinalIgnoreCase)))
        {
            definition.Constraints.Add(text);
            return;
        }

        definition.Columns.Add((Unquote(first), text));
    }

    private static string FirstToken(string text)
    {
        if (text[0] is '"' or '`' or '[')
        {
            char close = text[0] == '[' ? ']' : text[0];
            for (int i = 1; i < text.Length; i++)
            {
                if (text[i] == close)
                {
                    if (close != ']' && i + 1 < text.Length && text[i + 1] == close)
                    {
                        i++;
                        continue;
                    }

                    return text[..(i + 1)];
                }
            }

            return text;
        }

        int end = text.IndexOfAny(new[] { ' ', '(' });
        return end < 0 ? text : text[..end];
    }

    private static string Unquote(string token)
    {
        if (token.Length >= 2 && token[0] is '"' or '`')
        {
            string quote = token[0].ToString();
            return token[1..^1].Replace(quote + quote, quote, StringComparison.Ordinal);
        }

        return token.Length >= 2 && token[0] == '[' ? token[1..^1] : token;
    }

    /// <summary>Trims and collapses every run of whitespace outside quotes to one space.</summary>
    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        char quote = '\0';
        bool space = false;
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                result.Append(c);
                quote = c == quote ? '\0' : quote;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = result.Length > 0;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
            quote = c switch
            {
                '\'' or '"' or '`' => c,
                '[' => ']',
                _ => '\0',
            };
        }

        return result.ToString();
    }

    private sealed class Definition
    {
        public List<(string Name, string Clause)> Columns { get; } = new();

        public List<string> Constraints { get; } = new();

        public string Options { get; set; } = string.Empty;
    }
}
