using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql;

/// <summary>
/// The SQLite dialect: double-quoted identifiers, <c>@Property</c> parameters, <c>STRICT</c> tables, <c>CHECK</c>
/// constraints for <c>[MaxLength]</c> and <c>sqlite3_last_insert_rowid</c> for generated keys.
/// </summary>
internal sealed class SqliteDialect : ISqlDialect
{
    /// <summary>Gets the one instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc/>
    public string Name => "SQLite";

    /// <inheritdoc/>
    public string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc/>
    public string ColumnTypeName(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean or ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16 or ColumnKind.UInt16
            or ColumnKind.Int32 or ColumnKind.UInt32 or ColumnKind.Int64 or ColumnKind.UInt64
            or ColumnKind.Enum or ColumnKind.TimeSpan => "INTEGER",
        ColumnKind.Single or ColumnKind.Double => "REAL",
        ColumnKind.Decimal or ColumnKind.String or ColumnKind.DateTime or ColumnKind.DateTimeOffset
            or ColumnKind.DateOnly or ColumnKind.TimeOnly or ColumnKind.Guid => "TEXT",
        ColumnKind.Bytes => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };

    /// <inheritdoc/>
    public string ParameterName(ColumnSpec column) => "@" + column.PropertyName;

    /// <inheritdoc/>
    public string CreateTable(TableSpec table)
    {
        var sql = new StringBuilder(CreateTableStatement(table, "CREATE TABLE IF NOT EXISTS "));
        foreach (IndexSpec index in table.Indexes)
        {
            sql.Append('\n')
                .Append("CREATE INDEX IF NOT EXISTS ").Append(QuoteIdentifier(index.Name))
                .Append(" ON ").Append(QuoteIdentifier(table.TableName))
                .Append(" (").Append(QuoteIdentifier(index.ColumnName)).Append(");");
        }

        return sql.ToString();
    }

    /// <summary>
    /// Gets the table's <c>CREATE TABLE "name" (...) STRICT</c> statement alone, without <c>;</c>: the text SQLite keeps
    /// in <c>sqlite_schema</c>, which the schema model and migrations hold.
    /// </summary>
    public string CreateTableOnly(TableSpec table)
    {
        string sql = CreateTableStatement(table, "CREATE TABLE ");
        return sql.Substring(0, sql.Length - 1);
    }

    private string CreateTableStatement(TableSpec table, string prefix)
    {
        var lines = new List<string>();
        foreach (ColumnSpec column in table.Columns)
        {
            lines.Add("    " + ColumnDefinition(column));
        }

        if (!table.HasAutoIncrement)
        {
            lines.Add("    PRIMARY KEY (" + ColumnList(KeyColumns(table)) + ")");
        }

        foreach (ColumnSpec column in table.Columns)
        {
            if (column.ForeignKey is { } foreignKey)
            {
                lines.Add("    FOREIGN KEY (" + QuoteIdentifier(column.ColumnName) + ") REFERENCES " + QuoteIdentifier(foreignKey.TargetTableName)
                    + " (" + QuoteIdentifier(foreignKey.TargetColumnName) + ")" + OnDeleteClause(foreignKey.OnDelete));
            }
        }

        var sql = new StringBuilder();
        sql.Append(prefix).Append(QuoteIdentifier(table.TableName)).Append(" (\n");
        sql.Append(string.Join(",\n", lines)).Append('\n');
        sql.Append(") STRICT;");
        return sql.ToString();
    }

    /// <inheritdoc/>
    public string SelectAll(TableSpec table) =>
        "SELECT " + ColumnList(table.Columns) + " FROM " + QuoteIdentifier(table.TableName);

    /// <inheritdoc/>
    public string SelectWhere(TableSpec table, IReadOnlyList<ColumnSpec> filter) =>
        SelectAll(table) + " WHERE " + Conditions(filter);

    /// <inheritdoc/>
    public IReadOnlyList<ColumnSpec> InsertColumns(TableSpec table) =>
        table.Columns.Where(c => !c.IsAutoIncrement).ToList();

    /// <inheritdoc/>
    public string Insert(TableSpec table)
    {
        IReadOnlyList<ColumnSpec> columns = InsertColumns(table);
        string sql = columns.Count == 0
            ? "INSERT INTO " + QuoteIdentifier(table.TableName) + " DEFAULT VALUES"
            : "INSERT INTO " + QuoteIdentifier(table.TableName) + " (" + ColumnList(columns) + ") VALUES ("
                + string.Join(", ", columns.Select(ParameterName)) + ")";
        // The assigned key is read with sqlite3_last_insert_rowid: see ReadsGeneratedKeyAfterInsert.
        return sql;
    }

    /// <inheritdoc/>
    public bool ReadsGeneratedKeyAfterInsert => true;

    /// <inheritdoc/>
    public IReadOnlyList<ColumnSpec> UpdateColumns(TableSpec table) =>
        NonKeyColumns(table).Concat(KeyColumns(table)).ToList();

    /// <inheritdoc/>
    public string Update(TableSpec table) =>
        "UPDATE " + QuoteIdentifier(table.TableName)
        + " SET " + string.Join(", ", NonKeyColumns(table).Select(c => QuoteIdentifier(c.ColumnName) + " = " + ParameterName(c)))
        + " WHERE " + Conditions(KeyColumns(table));

    /// <inheritdoc/>
    public string Delete(TableSpec table) =>
        "DELETE FROM " + QuoteIdentifier(table.TableName) + " WHERE " + Conditions(KeyColumns(table));

    /// <inheritdoc/>
    public IReadOnlyList<ColumnSpec> UpsertColumns(TableSpec table) => table.Columns;

    /// <inheritdoc/>
    public string Upsert(TableSpec table)
    {
        List<ColumnSpec> others = NonKeyColumns(table).ToList();
        string action = others.Count == 0
            ? "DO NOTHING"
            : "DO UPDATE SET " + string.Join(", ", others.Select(c => QuoteIdentifier(c.ColumnName) + " = excluded." + QuoteIdentifier(c.ColumnName)));
        return "INSERT INTO " + QuoteIdentifier(table.TableName) + " (" + ColumnList(table.Columns) + ") VALUES ("
            + string.Join(", ", table.Columns.Select(ParameterName)) + ") ON CONFLICT (" + ColumnList(KeyColumns(table)) + ") " + action;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ColumnSpec> InsertWithKeyColumns(TableSpec table) => table.Columns;

    /// <inheritdoc/>
    public string InsertWithKey(TableSpec table) =>
        "INSERT INTO " + QuoteIdentifier(table.TableName) + " (" + ColumnList(table.Columns) + ") VALUES ("
        + string.Join(", ", table.Columns.Select(ParameterName)) + ")";

    /// <summary>Gets the <c>ON DELETE</c> action as SQL names it: <c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c> or <c>NO ACTION</c>.</summary>
    public static string OnDeleteName(ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.Restrict => "RESTRICT",
        ForeignKeyAction.Cascade => "CASCADE",
        ForeignKeyAction.SetNull => "SET NULL",
        _ => "NO ACTION",
    };

    /// <summary>Gets the declared type of a column: its kind's, or <c>INTEGER</c> for a scaled decimal.</summary>
    public string ColumnType(ColumnSpec column) => column.DecimalScale is null ? ColumnTypeName(column.Kind) : "INTEGER";

    /// <summary>Gets the <c>ON DELETE</c> clause of a foreign key; none for <c>NO ACTION</c>, SQL's default.</summary>
    private static string OnDeleteClause(ForeignKeyAction action) =>
        action == ForeignKeyAction.NoAction ? string.Empty : " ON DELETE " + OnDeleteName(action);

    private static IReadOnlyList<ColumnSpec> KeyColumns(TableSpec table) =>
        table.PrimaryKey.Select(i => table.Columns[i]).ToList();

    private static IEnumerable<ColumnSpec> NonKeyColumns(TableSpec table) =>
        table.Columns.Where(c => !c.IsPrimaryKey);

    private string ColumnDefinition(ColumnSpec column)
    {
        var definition = new StringBuilder();
        definition.Append(QuoteIdentifier(column.ColumnName)).Append(' ').Append(ColumnType(column));
        if (column.IsAutoIncrement)
        {
            // SQLite's rowid alias: never NULL, and AUTOINCREMENT only works inline on an INTEGER PRIMARY KEY.
            definition.Append(" PRIMARY KEY AUTOINCREMENT");
        }
        else if (!column.IsNullable)
        {
            definition.Append(" NOT NULL");
        }

        if (column.IsUnique)
        {
            definition.Append(" UNIQUE");
        }

        if (column.DefaultSql is { } defaultSql)
        {
            definition.Append(" DEFAULT ").Append(defaultSql);
        }

        if (column.MaxLength is int maxLength)
        {
            // Exactly this text: the runtime reads the column name back out of "CHECK constraint failed: length(...)".
            definition.Append(" CHECK (length(").Append(QuoteIdentifier(column.ColumnName)).Append(") <= ")
                .Append(maxLength.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        return definition.ToString();
    }

    private string ColumnList(IEnumerable<ColumnSpec> columns) =>
        string.Join(", ", columns.Select(c => QuoteIdentifier(c.ColumnName)));

    private string Conditions(IEnumerable<ColumnSpec> columns) =>
        string.Join(" AND ", columns.Select(c => QuoteIdentifier(c.ColumnName) + (c.IsNullable ? " IS " : " = ") + ParameterName(c)));
}
