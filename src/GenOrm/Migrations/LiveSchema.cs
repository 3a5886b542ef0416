using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GenOrm.Migrations;

/// <summary>
/// Reads the shape of a live database into the model's own types, so that comparing it with a
/// <see cref="SchemaModel"/> is comparing two models. Every read is a statement on the connection's one statement
/// path (echoed, in its transaction). The C# types are unknown to the database: <see cref="ColumnModel.ClrType"/> is empty.
/// </summary>
internal static partial class LiveSchema
{
    private const string TablesSql =
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

    private const string ColumnsSql =
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(:table) ORDER BY cid";

    private const string IndexesSql =
        "SELECT name, \"unique\", origin FROM pragma_index_list(:table) ORDER BY name";

    private const string IndexColumnsSql =
        "SELECT name FROM pragma_index_info(:index) ORDER BY seqno";

    private const string ForeignKeysSql =
        "SELECT id, seq, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(:table) ORDER BY id, seq";

    /// <summary>Gets the names of the database's own tables (not SQLite's internal ones), ordered by name.</summary>
    public static List<string> TableNames(Connection connection)
    {
        var names = new List<string>();
        foreach (Row row in connection.Execute(Sql.Text(TablesSql)))
        {
            names.Add(row.Get<string>(0));
        }

        return names;
    }

    /// <summary>Reads every table of the database, ordered by name.</summary>
    public static List<TableModel> Read(Connection connection)
    {
        var rows = new List<(string Name, string Sql)>();
        foreach (Row row in connection.Execute(Sql.Text(TablesSql)))
        {
            rows.Add((row.Get<string>(0), row.Get<string?>(1) ?? string.Empty));
        }

        var tables = new List<TableModel>(rows.Count);
        foreach ((string name, string sql) in rows)
        {
            tables.Add(ReadTable(connection, name, sql));
        }

        return tables;
    }

    /// <summary>Reads one table, or returns <see langword="null"/> when the database has no table of that name.</summary>
    public static TableModel? ReadTable(Connection connection, string name)
    {
        Result result = connection.Execute(
            Sql.Text("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name = :table COLLATE NOCASE"),
            new Params { { "table", name } });
        return result.First() is { } row ? ReadTable(connection, row.Get<string>(0), row.Get<string?>(1) ?? string.Empty) : null;
    }

    /// <summary>Gets whether a <c>CREATE TABLE</c> statement declares a <c>STRICT</c> table (a table option after the last <c>)</c>).</summary>
    public static bool IsStrict(string createSql)
    {
        int close = createSql.LastIndexOf(')');
        return close >= 0 && createSql.AsSpan(close + 1).Contains("STRICT", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Removes what SQLite drops when it stores a <c>CREATE TABLE</c> statement: <c>IF NOT EXISTS</c> and the terminating semicolon.</summary>
    public static string NormalizeCreateSql(string createSql)
    {
        string sql = createSql.Trim();
        if (sql.EndsWith(';'))
        {
            sql = sql[..^1].TrimEnd();
        }

        Match match = IfNotExists().Match(sql);
        return match.Success ? sql.Remove(match.Groups[1].Index, match.Groups[1].Length) : sql;
    }

    private static TableModel ReadTable(Connection connection, string name, string sql)
    {
        var columns = new List<(string Name, string Type, bool NotNull, string? Default, int Pk)>();
        var tableParameter = new Params { { "table", name } };
        foreach (Row row in connection.Execute(Sql.Text(ColumnsSql), tableParameter))
        {
            columns.Add((row.Get<string>(0), row.Get<string?>(1) ?? string.Empty, row.Get<long>(2) != 0, row.Get<string?>(3), (int)row.Get<long>(4)));
        }

        var primaryKey = new List<(int Pk, string Name)>();
        foreach (var column in columns)
        {
            if (column.Pk > 0)
            {
                primaryKey.Add((column.Pk, column.Name));
            }
        }

        primaryKey.Sort(static (a, b) => a.Pk.CompareTo(b.Pk));
        bool rowidAlias = primaryKey.Count == 1
            && columns.Find(c => c.Pk > 0).Type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase);
        bool autoIncrement = rowidAlias && sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);

        var uniqueColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var indexes = new List<IndexModel>();
        var indexRows = new List<(string Name, bool Unique, string Origin)>();
        foreach (Row row in connection.Execute(Sql.Text(IndexesSql), tableParameter))
        {
            indexRows.Add((row.Get<string>(0), row.Get<long>(1) != 0, row.Get<string>(2)));
        }

        foreach ((string indexName, bool unique, string origin) in indexRows)
        {
            var indexColumns = new List<string>();
            foreach (Row row in connection.Execute(Sql.Text(IndexColumnsSql), new Params { { "index", indexName } }))
            {
                indexColumns.Add(row.Get<string?>(0) ?? "<expression>");
            }

            if (origin == "c")
            {
                indexes.Add(new IndexModel(indexName, indexColumns, unique));
            }
            else if (origin == "u" && indexColumns.Count == 1)
            {
                uniqueColumns.Add(indexColumns[0]);
            }
            else if (origin == "u")
            {
                // A table-level UNIQUE over several columns: GenOrm declares those as CREATE UNIQUE INDEX, so the
                // model cannot have this one; it is reported as an index named after its columns.
                indexes.Add(new IndexModel("UNIQUE (" + string.Join(", ", indexColumns) + ")", indexColumns, unique));
            }
        }

        var maxLengths = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in MaxLengthCheck().Matches(sql))
        {
            if (int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                maxLengths[match.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal)] = length;
            }
        }

        var foreignKeys = new List<ForeignKeyModel>();
        var keyRows = new List<(long Id, string Table, string From, string To, string OnDelete)>();
        foreach (Row row in connection.Execute(Sql.Text(ForeignKeysSql), tableParameter))
        {
            keyRows.Add((row.Get<long>(0), row.Get<string>(2), row.Get<string>(3), row.Get<string?>(4) ?? string.Empty, row.Get<string>(5)));
        }

        for (int i = 0; i < keyRows.Count;)
        {
            // A key over several columns has one row per column (same id): joined with ", ".
            int j = i;
            var from = new List<string>();
            var to = new List<string>();
            while (j < keyRows.Count && keyRows[j].Id == keyRows[i].Id)
            {
                from.Add(keyRows[j].From);
                to.Add(keyRows[j].To);
                j++;
            }

            foreignKeys.Add(new ForeignKeyModel(string.Join(", ", from), keyRows[i].Table, string.Join(", ", to), keyRows[i].OnDelete));
            i = j;
        }

        var columnModels = new List<ColumnModel>(columns.Count);
        foreach (var column in columns)
        {
            bool isAlias = rowidAlias && column.Pk > 0;
            columnModels.Add(new ColumnModel(
                column.Name,
                column.Type,
                clrType: string.Empty,
                isNullable: !column.NotNull && !isAlias,
                defaultSql: column.Default,
                isUnique: uniqueColumns.Contains(column.Name),
                maxLength: maxLengths.TryGetValue(column.Name, out int maxLength) ? maxLength : null,
                isAutoIncrement: isAlias && autoIncrement));
        }

        var keyNames = new List<string>(primaryKey.Count);
        foreach ((_, string keyName) in primaryKey)
        {
            keyNames.Add(keyName);
        }

        return new TableModel(name, columnModels, keyNames, indexes, foreignKeys, sql);
    }

    [GeneratedRegex("^CREATE\\s+TABLE(\\s+IF\\s+NOT\\s+EXISTS)\\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IfNotExists();

    // The text the generator writes for [MaxLength]: CHECK (length("Name") <= 100).
    [GeneratedRegex("CHECK\\s*\\(\\s*length\\(\\s*\"((?:[^\"]|\"\")+)\"\\s*\\)\\s*<=\\s*([0-9]+)\\s*\\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MaxLengthCheck();
}
