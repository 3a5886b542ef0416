using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;

namespace GenOrm.Generators.Migrations;

/// <summary>
/// Derives the PostgreSQL form of any schema version's table from its recorded shape (which holds SQLite's types and
/// the C# types), so that PostgreSQL's DDL comes from the one dialect that writes <c>CreateTableSqlPostgres</c>: the
/// shape is turned back into a <see cref="TableSpec"/>, and <see cref="PostgresDialect"/> writes it.
/// </summary>
/// <remarks>
/// A column's kind comes from the current spec's column of the same table, name and C# type (which also knows an
/// enum's underlying type and a decimal's scale), else from its C# type: a built-in type, or an enum some current
/// column has. The spec is checked by writing SQLite's type and default back from it: when they are not the shape's, the
/// derivation lost something (a scaled decimal whose scale no current column records). That, or a C# type no current
/// column has (an enum the code no longer declares), leaves the table with no PostgreSQL form, which the runtime
/// reports on PostgreSQL instead of guessing.
/// </remarks>
internal sealed class PostgresShapes
{
    private static readonly Dictionary<string, ColumnKind> BuiltIn = new(StringComparer.Ordinal)
    {
        ["bool"] = ColumnKind.Boolean,
        ["sbyte"] = ColumnKind.SByte,
        ["byte"] = ColumnKind.Byte,
        ["short"] = ColumnKind.Int16,
        ["ushort"] = ColumnKind.UInt16,
        ["int"] = ColumnKind.Int32,
        ["uint"] = ColumnKind.UInt32,
        ["long"] = ColumnKind.Int64,
        ["ulong"] = ColumnKind.UInt64,
        ["float"] = ColumnKind.Single,
        ["double"] = ColumnKind.Double,
        ["decimal"] = ColumnKind.Decimal,
        ["string"] = ColumnKind.String,
        ["byte[]"] = ColumnKind.Bytes,
        ["System.DateTime"] = ColumnKind.DateTime,
        ["System.DateTimeOffset"] = ColumnKind.DateTimeOffset,
        ["System.DateOnly"] = ColumnKind.DateOnly,
        ["System.TimeOnly"] = ColumnKind.TimeOnly,
        ["System.TimeSpan"] = ColumnKind.TimeSpan,
        ["System.Guid"] = ColumnKind.Guid,
    };

    private readonly Dictionary<string, Dictionary<string, PostgresHint>> _byTable = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PostgresHint> _enums = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="PostgresShapes"/> class from the current tables' hints.</summary>
    public PostgresShapes(IEnumerable<SchemaEntry> entries)
    {
        foreach (SchemaEntry entry in entries)
        {
            var columns = new Dictionary<string, PostgresHint>(StringComparer.OrdinalIgnoreCase);
            foreach (PostgresHint hint in entry.PostgresHints)
            {
                columns[hint.Column] = hint;
                if (hint.EnumType is not null && !_enums.ContainsKey(hint.ClrType))
                {
                    _enums.Add(hint.ClrType, hint);
                }
            }

            _byTable[entry.TableName] = columns;
        }
    }

    /// <summary>Gets the hints of a table's spec, one per column.</summary>
    public static EquatableArray<PostgresHint> Hints(TableSpec table) =>
        table.Columns.Select(c => new PostgresHint(c.ColumnName, ClrTypeOf(c), c.Kind, c.EnumType, c.DecimalScale)).ToEquatableArray();

    /// <summary>Gets every table's PostgreSQL forms in <paramref name="version"/>.</summary>
    public PostgresVersion Version(SchemaShape version) =>
        new(version.Version, version.Tables.Select(Table).ToEquatableArray());

    /// <summary>Gets the table's PostgreSQL forms, or forms with a <see langword="null"/> statement when a column's cannot be derived.</summary>
    public PostgresTable Table(TableShape shape)
    {
        if (Spec(shape) is not { } spec)
        {
            return new PostgresTable(null, EquatableArray<PostgresColumn>.Empty);
        }

        PostgresDialect dialect = PostgresDialect.Instance;
        return new PostgresTable(
            dialect.CreateTableOnly(spec),
            spec.Columns.Select(c => new PostgresColumn(dialect.ColumnType(c), dialect.DefaultLiteral(c))).ToEquatableArray());
    }

    /// <summary>Turns a shape back into a spec that the dialects can write, or returns <see langword="null"/> when a column's kind cannot be derived exactly.</summary>
    public TableSpec? Spec(TableShape shape)
    {
        var columns = new List<ColumnSpec>(shape.Columns.Count);
        foreach (ColumnShape column in shape.Columns)
        {
            if (Column(shape, column) is not { } spec)
            {
                return null;
            }

            columns.Add(spec);
        }

        int autoIncrement = columns.FindIndex(c => c.IsAutoIncrement);
        return new TableSpec(
            Namespace: string.Empty,
            ContainingTypes: EquatableArray<ContainingTypeSpec>.Empty,
            ClassName: shape.Name,
            Keyword: "class",
            FullyQualifiedName: shape.Name,
            HintName: string.Empty,
            TableName: shape.Name,
            Columns: columns.ToEquatableArray(),
            PrimaryKey: shape.PrimaryKey.Select(k => columns.FindIndex(c => string.Equals(c.ColumnName, k, StringComparison.OrdinalIgnoreCase))).ToEquatableArray(),
            AutoIncrementColumn: autoIncrement,
            Indexes: EquatableArray<IndexSpec>.Empty,
            Lookups: EquatableArray<LookupSpec>.Empty,
            HasUpdate: false,
            IsAccessibleFromAssembly: true);
    }

    private static string ClrTypeOf(ColumnSpec column) => column.TypeName.Replace("global::", string.Empty).TrimEnd('?');

    private ColumnSpec? Column(TableShape table, ColumnShape column)
    {
        string clrType = column.ClrType.TrimEnd('?');
        PostgresHint? hint = _byTable.TryGetValue(table.Name, out var columns) && columns.TryGetValue(column.Name, out PostgresHint? same) && same.ClrType == clrType
            ? same
            : BuiltIn.TryGetValue(clrType, out ColumnKind kind) ? new PostgresHint(column.Name, clrType, kind, null, null)
            : _enums.TryGetValue(clrType, out PostgresHint? enumHint) ? enumHint
            : null;
        if (hint is null)
        {
            return null;
        }

        ForeignKeyShape? key = table.ForeignKeys.FirstOrDefault(f => string.Equals(f.Column, column.Name, StringComparison.OrdinalIgnoreCase));
        var spec = new ColumnSpec(
            column.Name,
            column.Name,
            column.Name,
            column.ClrType,
            hint.Kind,
            hint.EnumType,
            column.IsNullable,
            IsPrimaryKey: table.PrimaryKey.Contains(column.Name, StringComparer.OrdinalIgnoreCase),
            column.IsAutoIncrement,
            column.IsUnique,
            column.MaxLength)
        {
            DecimalScale = hint.DecimalScale,
            ForeignKey = key is null ? null : new ForeignKeySpec(string.Empty, key.TargetTable, key.TargetColumn, string.Empty, string.Empty, OnDelete(key.OnDelete), string.Empty, string.Empty, string.Empty),
        };
        spec = spec with { Default = Default(column.DefaultSql, spec) };

        // Written back, SQLite's forms must be the shape's: else the derivation lost something.
        SqliteDialect sqlite = SqliteDialect.Instance;
        return sqlite.ColumnType(spec) == column.SqlType && sqlite.DefaultLiteral(spec) == column.DefaultSql ? spec : null;
    }

    /// <summary>Reads SQLite's <c>DEFAULT</c> literal back into the value <see cref="SqliteDialect.DefaultLiteral"/> wrote it from.</summary>
    private static DefaultValue? Default(string? sql, ColumnSpec column)
    {
        if (sql is null)
        {
            return null;
        }

        if (string.Equals(sql, "NULL", StringComparison.OrdinalIgnoreCase))
        {
            return DefaultValue.Null;
        }

        string Unquoted() => sql.Length >= 2 && sql[0] == '\'' && sql[sql.Length - 1] == '\'' ? sql.Substring(1, sql.Length - 2).Replace("''", "'") : sql;
        ColumnKind kind = column.Kind == ColumnKind.Enum && column.EnumType is { } enumType ? enumType.UnderlyingKind : column.Kind;
        switch (kind)
        {
            case ColumnKind.Boolean:
                return new DefaultValue(DefaultKind.Boolean, sql == "1" ? "true" : "false");
            case ColumnKind.Decimal when column.DecimalScale is { } scale && long.TryParse(sql, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long scaled):
                return new DefaultValue(DefaultKind.Decimal, DefaultValue.CanonicalDecimal((scaled / (decimal)Math.Pow(10, scale)).ToString(CultureInfo.InvariantCulture)) ?? sql);
            case ColumnKind.Decimal:
                return new DefaultValue(DefaultKind.Decimal, Unquoted());
            case ColumnKind.String or ColumnKind.DateTime or ColumnKind.DateTimeOffset or ColumnKind.DateOnly or ColumnKind.TimeOnly or ColumnKind.Guid:
                return new DefaultValue(DefaultKind.Text, Unquoted());
            case ColumnKind.UInt64 when long.TryParse(sql, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long bits):
                return new DefaultValue(DefaultKind.Number, unchecked((ulong)bits).ToString(CultureInfo.InvariantCulture));
            default:
                return new DefaultValue(DefaultKind.Number, sql switch { "9e999" => "Infinity", "-9e999" => "-Infinity", _ => sql });
        }
    }

    private static ForeignKeyAction OnDelete(string action) => action switch
    {
        "RESTRICT" => ForeignKeyAction.Restrict,
        "CASCADE" => ForeignKeyAction.Cascade,
        "SET NULL" => ForeignKeyAction.SetNull,
        _ => ForeignKeyAction.NoAction,
    };
}
