using System.Linq;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;

namespace GenOrm.Generators.Migrations;

/// <summary>Builds a table's <see cref="TableShape"/> (the schema as data) and its declared intent from its spec.</summary>
internal static class ShapeBuilder
{
    /// <summary>Gets the table's shape, as the history files record it.</summary>
    public static TableShape Shape(TableSpec table)
    {
        SqliteDialect dialect = SqliteDialect.Instance;
        return new TableShape(
            table.TableName,
            table.Columns.Select(c => new ColumnShape(
                c.ColumnName,
                dialect.ColumnType(c),
                c.TypeName.Replace("global::", string.Empty),
                c.IsNullable,
                dialect.DefaultLiteral(c),
                c.IsUnique,
                c.MaxLength,
                c.IsAutoIncrement)).ToEquatableArray(),
            table.PrimaryKey.Select(i => table.Columns[i].ColumnName).ToEquatableArray(),
            table.Indexes.Select(i => new IndexShape(i.Name, new[] { i.ColumnName }.ToEquatableArray(), IsUnique: false)).ToEquatableArray(),
            table.Columns
                .Where(c => c.ForeignKey is not null)
                .Select(c => new ForeignKeyShape(c.ColumnName, c.ForeignKey!.TargetTableName, c.ForeignKey.TargetColumnName, SqlDialect.OnDeleteName(c.ForeignKey.OnDelete)))
                .ToEquatableArray(),
            dialect.CreateTableOnly(table));
    }

    /// <summary>Gets the table's <c>[RenamedFrom]</c> intent.</summary>
    public static TableIntent Intent(TableSpec table) => new(
        table.TableName,
        table.RenamedFrom,
        table.Columns.Where(c => !c.RenamedFrom.IsEmpty).Select(c => new ColumnIntent(c.ColumnName, c.RenamedFrom)).ToEquatableArray());
}
