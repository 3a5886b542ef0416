using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql;

/// <summary>
/// The SQL both dialects write alike: double-quoted identifiers, <c>@Property</c> parameters, the <c>SELECT</c>,
/// <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c> and <c>INSERT ... ON CONFLICT</c> statements, and the layout of
/// <c>CREATE TABLE</c>. A dialect supplies the column types, defaults, key clauses and null-safe equality.
/// </summary>
internal abstract class SqlDialect : ISqlDialect
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc/>
    public abstract string ColumnType(ColumnSpec column);

    /// <inheritdoc/>
    public abstract string? DefaultLiteral(ColumnSpec column);

    /// <inheritdoc/>
    public abstract bool IsOrderable(ColumnSpec column);

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
        return table.HasAutoIncrement && !ReadsGeneratedKeyAfterInsert
            ? sql + " RETURNING " + QuoteIdentifier(table.Columns[table.AutoIncrementColumn].ColumnName)
            : sql;
    }

    /// <inheritdoc/>
    public abstract bool ReadsGeneratedKeyAfterInsert { get; }

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

    /// <inheritdoc/>
    public abstract string? AfterExplicitKey(TableSpec table);

    /// <summary>Gets the <c>ON DELETE</c> action as SQL names it: <c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c> or <c>NO ACTION</c>.</summary>
    public static string OnDeleteName(ForeignKeyAction action) => action switch
    {
        ForeignKeyAction.Restrict => "RESTRICT",
        ForeignKeyAction.Cascade => "CASCADE",
        ForeignKeyAction.SetNull => "SET NULL",
        _ => "NO ACTION",
    };

    /// <summary>Gets the <c> ON DELETE ...</c> clause of a foreign key, or an empty string for <c>NO ACTION</c> (the default).</summary>
    public static string OnDeleteClause(ForeignKeyAction action) =>
        action == ForeignKeyAction.NoAction ? string.Empty : " ON DELETE " + OnDeleteName(action);

    /// <summary>
    /// Gets the table's <c>CREATE TABLE "name" (...)</c> statement alone, without <c>IF NOT EXISTS</c>, its indexes and
    /// <c>;</c>: on SQLite the text it keeps in <c>sqlite_schema</c>, which the schema model and migrations hold.
    /// </summary>
    public string CreateTableOnly(TableSpec table)
    {
        string sql = CreateTableStatement(table, "CREATE TABLE ");
        return sql.Substring(0, sql.Length - 1);
    }

    /// <summary>Gets the column's definition in <c>CREATE TABLE</c>: name, type, key or <c>NOT NULL</c>, <c>UNIQUE</c>, <c>DEFAULT</c> and check.</summary>
    public string ColumnDefinition(ColumnSpec column)
    {
        var definition = new StringBuilder();
        definition.Append(QuoteIdentifier(column.ColumnName)).Append(' ').Append(ColumnType(column));
        if (column.IsAutoIncrement)
        {
            definition.Append(AutoIncrementKeyClause);
        }
        else if (!column.IsNullable)
        {
            definition.Append(" NOT NULL");
        }

        if (column.IsUnique)
        {
            definition.Append(" UNIQUE");
        }

        if (DefaultLiteral(column) is { } literal)
        {
            definition.Append(" DEFAULT ").Append(literal);
        }

        return definition.Append(ColumnCheck(column)).ToString();
    }

    /// <summary>Gets the text after the closing parenthesis of <c>CREATE TABLE</c>, such as <c> STRICT</c>, or an empty string.</summary>
    protected abstract string TableOptions { get; }

    /// <summary>Gets the clause after the type of the auto-increment key column, which makes it the primary key.</summary>
    protected abstract string AutoIncrementKeyClause { get; }

    /// <summary>Gets the operator that compares a nullable column with a parameter so that NULL equals NULL, spaces included.</summary>
    protected abstract string NullSafeEquals { get; }

    /// <summary>Gets a constraint the column's definition ends with (a space first), or an empty string.</summary>
    protected virtual string ColumnCheck(ColumnSpec column) => string.Empty;

    /// <summary>Gets the table's <c>CREATE TABLE</c> statement, ending with <c>;</c>, after <paramref name="prefix"/>.</summary>
    protected string CreateTableStatement(TableSpec table, string prefix)
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
        sql.Append(')').Append(TableOptions).Append(';');
        return sql.ToString();
    }

    /// <summary>Gets a standard SQL string literal: the text in single quotes, each quote doubled.</summary>
    protected static string StringLiteral(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>Gets the primary key's columns, in key order.</summary>
    protected static IReadOnlyList<ColumnSpec> KeyColumns(TableSpec table) =>
        table.PrimaryKey.Select(i => table.Columns[i]).ToList();

    private static IEnumerable<ColumnSpec> NonKeyColumns(TableSpec table) =>
        table.Columns.Where(c => !c.IsPrimaryKey);

    private string ColumnList(IEnumerable<ColumnSpec> columns) =>
        string.Join(", ", columns.Select(c => QuoteIdentifier(c.ColumnName)));

    private string Conditions(IEnumerable<ColumnSpec> columns) =>
        string.Join(" AND ", columns.Select(c => QuoteIdentifier(c.ColumnName) + (c.IsNullable ? NullSafeEquals : " = ") + ParameterName(c)));
}
