using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// Reads the shape of a PostgreSQL database's tables in <c>current_schema()</c> from <c>pg_catalog</c> into the
/// model's own types, as <see cref="LiveSchema"/> does for SQLite: four statements for all tables (columns,
/// constraints, indexes, and the table names), each on the connection's one statement path, synchronously or awaiting
/// Npgsql's asynchronous I/O (<c>async</c>), as one operation that holds the connection.
/// </summary>
/// <remarks>
/// Each column's type is written as GenOrm's PostgreSQL DDL writes it (<c>bigint</c>, <c>numeric(19,2)</c>,
/// <c>timestamptz</c>, ...), with <c>COLLATE "name"</c> when the column's collation is not its type's default;
/// <c>varchar(n)</c> is <c>text</c> with a maximum length of n, as SQLite's <c>TEXT</c> with its <c>CHECK</c> is. A default is the value its constant expression holds
/// (<see cref="DefaultText"/>), so that <c>'5400.5 seconds'</c> and <c>'01:30:00.5'::interval</c> compare equal; an
/// identity column is <see cref="ColumnModel.IsAutoIncrement"/>. A <c>UNIQUE</c> constraint on one column is that
/// column's <see cref="ColumnModel.IsUnique"/>; one over several columns is reported as an index named after them, as
/// on SQLite. The version table <c>genorm_schema_version</c> is not part of the shape.
/// </remarks>
internal static partial class PostgresLiveSchema
{
    /// <summary>The table that holds the schema version; never part of the live shape.</summary>
    public const string VersionTable = "genorm_schema_version";

    private const string Separator = "\u001f";

    private const string InSchema =
        "c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema()) " +
        "AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '" + VersionTable + "'";

    private const string OneTable = " AND lower(c.relname) = lower(:table)";

    private const string TablesSql =
        "SELECT c.relname FROM pg_catalog.pg_class c WHERE " + InSchema + "{0} ORDER BY c.relname COLLATE \"C\"";

    private const string ColumnsSql =
        "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, " +
        "pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, " +
        "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, a.atttypmod " +
        "FROM pg_catalog.pg_class c " +
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped " +
        "JOIN pg_catalog.pg_type t ON t.oid = a.atttypid " +
        "LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
        "LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation " +
        "WHERE " + InSchema + "{0} ORDER BY c.relname COLLATE \"C\", a.attnum";

    private const string ConstraintsSql =
        "SELECT c.relname, k.contype::text, " +
        "(SELECT string_agg(a.attname, E'\\x1f' ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY u(n, i) " +
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n), " +
        "f.relname, " +
        "(SELECT string_agg(a.attname, E'\\x1f' ORDER BY u.i) FROM unnest(k.confkey) WITH ORDINALITY u(n, i) " +
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n), " +
        "k.confdeltype::text " +
        "FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid " +
        "LEFT JOIN pg_catalog.pg_class f ON f.oid = k.confrelid " +
        "WHERE " + InSchema + "{0} AND k.contype IN ('p', 'u', 'f') ORDER BY c.relname COLLATE \"C\", k.conname COLLATE \"C\"";

    private const string IndexesSql =
        "SELECT c.relname, i.relname, x.indisunique, " +
        "(SELECT string_agg(coalesce(a.attname, '<expression>'), E'\\x1f' ORDER BY u.i) FROM unnest(x.indkey::int2[]) WITH ORDINALITY u(n, i) " +
        "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = u.n) " +
        "FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class c ON c.oid = x.indrelid JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid " +
        "WHERE " + InSchema + "{0} AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x')) " +
        "ORDER BY c.relname COLLATE \"C\", i.relname COLLATE \"C\"";

    /// <summary>Reads every table of the current schema, ordered by name.</summary>
    public static ValueTask<List<TableModel>> Read(Connection connection, bool async, CancellationToken cancellationToken) =>
        ReadTables(connection, name: null, async, cancellationToken);

    /// <summary>Reads one table, or returns <see langword="null"/> when the current schema has no table of that name (ignoring ASCII case).</summary>
    public static async ValueTask<TableModel?> ReadTable(Connection connection, string name, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        List<TableModel> tables = await use.Held(ReadTables(connection, name, async, cancellationToken));
        return tables.Count == 0 ? null : tables[0];
    }

    /// <summary>
    /// Gets the value a column default's expression holds, as <see cref="PostgresSchemaDialect"/> writes the model's:
    /// a number or <c>true</c>/<c>false</c> as it is, other constants as a quoted literal of their text
    /// (<c>'01:30:00.5'</c>), <c>NULL</c>; any other expression (<c>now()</c>) as PostgreSQL prints it.
    /// </summary>
    public static string? DefaultText(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        Match match = ConstantDefault().Match(expression);
        if (!match.Success)
        {
            return expression;
        }

        if (match.Groups["null"].Success)
        {
            return "NULL";
        }

        string value = match.Groups["text"].Success
            ? match.Groups["text"].Value.Replace("''", "'", StringComparison.Ordinal)
            : match.Groups["number"].Success ? match.Groups["number"].Value : match.Groups["flag"].Value;
        return ValueText(value);
    }

    /// <summary>
    /// Writes a constant's text as <see cref="DefaultText"/> does: bare when it is a number (without trailing zeros
    /// after the point, so that <c>9.50</c> is <c>9.5</c>) or a boolean, else quoted.
    /// </summary>
    public static string ValueText(string value)
    {
        if (!BareValue().IsMatch(value))
        {
            return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        return value.Contains('.', StringComparison.Ordinal) ? value.TrimEnd('0').TrimEnd('.') : value;
    }

    /// <summary>
    /// Writes a model's type as <see cref="Read"/> writes a live one: as <c>format_type</c> spaces it (the model's
    /// <c>numeric(19, 2)</c> is <c>numeric(19,2)</c>), and <c>varchar(n)</c> as <c>text</c>, its length being the
    /// column's maximum length, so that a changed <c>[MaxLength]</c> is one difference, as on SQLite.
    /// </summary>
    public static string NormalizeType(string type)
    {
        string spaced = type.Replace(", ", ",", StringComparison.Ordinal);
        Match varchar = VarcharType().Match(spaced);
        return varchar.Success ? "text" + spaced[varchar.Length..] : spaced;
    }

    private static async ValueTask<List<TableModel>> ReadTables(Connection connection, string? name, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        string filter = name is null ? string.Empty : OneTable;
        Params? parameters = name is null ? null : new Params { { "table", name } };
        var tables = new List<Builder>();
        var byName = new Dictionary<string, Builder>(StringComparer.Ordinal);
        foreach (Row row in await use.Held(Run(connection, TablesSql, filter, parameters, async, cancellationToken)))
        {
            var builder = new Builder(row.Get<string>(0));
            tables.Add(builder);
            byName[builder.Name] = builder;
        }

        if (tables.Count == 0)
        {
            return new List<TableModel>();
        }

        foreach (Row row in await use.Held(Run(connection, ColumnsSql, filter, parameters, async, cancellationToken)))
        {
            if (byName.TryGetValue(row.Get<string>(0), out Builder? table))
            {
                table.Columns.Add(new LiveColumn(
                    row.Get<string>(1),
                    row.Get<string>(2),
                    row.Get<bool>(3),
                    row.Get<string?>(4),
                    row.Get<string>(5),
                    row.Get<string?>(6),
                    row.Get<long>(7)));
            }
        }

        foreach (Row row in await use.Held(Run(connection, ConstraintsSql, filter, parameters, async, cancellationToken)))
        {
            if (!byName.TryGetValue(row.Get<string>(0), out Builder? table))
            {
                continue;
            }

            string[] columns = Split(row.Get<string?>(2));
            switch (row.Get<string>(1))
            {
                case "p":
                    table.PrimaryKey.AddRange(columns);
                    break;
                case "u" when columns.Length == 1:
                    table.UniqueColumns.Add(columns[0]);
                    break;
                case "u":
                    table.Indexes.Add(new IndexModel("UNIQUE (" + string.Join(", ", columns) + ")", columns, isUnique: true));
                    break;
                default:
                    table.ForeignKeys.Add(new ForeignKeyModel(
                        string.Join(", ", columns),
                        row.Get<string?>(3) ?? string.Empty,
                        string.Join(", ", Split(row.Get<string?>(4))),
                        OnDelete(row.Get<string>(5))));
                    break;
            }
        }

        foreach (Row row in await use.Held(Run(connection, IndexesSql, filter, parameters, async, cancellationToken)))
        {
            if (byName.TryGetValue(row.Get<string>(0), out Builder? table))
            {
                table.Indexes.Add(new IndexModel(row.Get<string>(1), Split(row.Get<string?>(3)), row.Get<bool>(2)));
            }
        }

        return tables.ConvertAll(static table => table.Build());
    }

    private static ValueTask<Result> Run(Connection connection, string sql, string filter, Params? parameters, bool async, CancellationToken cancellationToken) =>
        connection.ExecuteEither(Sql.Text(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, filter)), parameters, async, cancellationToken);

    private static string[] Split(string? names) =>
        string.IsNullOrEmpty(names) ? Array.Empty<string>() : names.Split(Separator);

    private static string OnDelete(string action) => action switch
    {
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    };

    /// <summary>Writes a type as <c>format_type</c> prints it in the form GenOrm's DDL writes it.</summary>
    private static string DdlType(string formatted) => formatted switch
    {
        "timestamp without time zone" => "timestamp",
        "timestamp with time zone" => "timestamptz",
        "time without time zone" => "time",
        "time with time zone" => "timetz",
        _ when formatted.StartsWith("character varying", StringComparison.Ordinal) => "varchar" + formatted["character varying".Length..],
        _ => formatted,
    };

    // pg_get_expr of a constant: 'text'::type (casts may repeat), a number (in parentheses when negative), true/false, NULL::type.
    [GeneratedRegex("^(?:'(?<text>(?:[^']|'')*)'|\\(?(?<number>-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\)?|(?<flag>true|false)|(?<null>NULL))(?:::[a-z][a-z0-9_ ]*(?:\\([0-9, ]+\\))?(?:\\[\\])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ConstantDefault();

    [GeneratedRegex("^varchar\\([0-9]+\\)", RegexOptions.CultureInvariant)]
    private static partial Regex VarcharType();

    [GeneratedRegex("^(?:-?[0-9]+(?:\\.[0-9]+)?|true|false)$", RegexOptions.CultureInvariant)]
    private static partial Regex BareValue();

    private sealed record LiveColumn(string Name, string Type, bool NotNull, string? Default, string Identity, string? Collation, long TypeModifier);

    private sealed class Builder(string name)
    {
        public string Name { get; } = name;

        public List<LiveColumn> Columns { get; } = new();

        public List<string> PrimaryKey { get; } = new();

        public HashSet<string> UniqueColumns { get; } = new(StringComparer.Ordinal);

        public List<IndexModel> Indexes { get; } = new();

        public List<ForeignKeyModel> ForeignKeys { get; } = new();

        public TableModel Build()
        {
            var columns = new List<ColumnModel>(Columns.Count);
            foreach (LiveColumn column in Columns)
            {
                string type = DdlType(column.Type);
                bool isVarchar = VarcharType().IsMatch(type);
                columns.Add(new ColumnModel(
                    column.Name,
                    NormalizeType(column.Collation is null ? type : type + " COLLATE \"" + column.Collation.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""),
                    clrType: string.Empty,
                    isNullable: !column.NotNull,
                    defaultSql: DefaultText(column.Default),
                    isUnique: UniqueColumns.Contains(column.Name),
                    maxLength: isVarchar && column.TypeModifier > 4 ? checked((int)(column.TypeModifier - 4)) : null,
                    isAutoIncrement: column.Identity is "d" or "a"));
            }

            return new TableModel(Name, columns, PrimaryKey, Indexes, ForeignKeys, createSql: string.Empty);
        }
    }
}
