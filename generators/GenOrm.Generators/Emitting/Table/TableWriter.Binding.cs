using System.Collections.Generic;
using System.Globalization;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting.Table;

/// <summary>
/// The private methods that bind an entity to each statement's parameters, and the <c>ITable&lt;TSelf&gt;</c>
/// implementation: the names, the row readers by position and by ordinal map, and the parameter values by name.
/// </summary>
internal sealed partial class TableWriter
{
    private void WriteBindMethods()
    {
        _writer.WriteLine();
        WriteBind("BindInsert", _dialect.InsertColumns(_table));
        if (_table.HasAutoIncrement)
        {
            _writer.WriteLine();
            WriteBind("BindInsertWithKey", _dialect.InsertWithKeyColumns(_table));
        }

        if (_table.HasUpdate)
        {
            _writer.WriteLine();
            WriteBind("BindUpdate", _dialect.UpdateColumns(_table));
        }

        _writer.WriteLine();
        WriteBind("BindKey", KeyColumns);
        _writer.WriteLine();
        WriteBind("BindUpsert", _dialect.UpsertColumns(_table));
        if (AutoIncrementColumn is { } key)
        {
            _writer.WriteLine();
            _writer.WriteLine($"private static void AssignGeneratedKey({_type} entity, long key) => entity.{Id(key)} = checked(({key.TypeName})key);");
        }
    }

    private void WriteBind(string name, IReadOnlyList<ColumnSpec> columns)
    {
        _writer.OpenBlock($"private static void {name}({Statement} statement, {_type} entity)");
        for (int i = 0; i < columns.Count; i++)
        {
            _writer.WriteLine(ColumnExpressions.Bind(columns[i], i, "entity." + Id(columns[i])));
        }

        _writer.CloseBlock();
    }

    private void WriteTableInterface()
    {
        string self = $"global::GenOrm.ITable<{_type}>";
        _writer.WriteLine($"""
            static string {self}.TableName => TableName;

            static string {self}.CreateTableSql => CreateTableSql;

            static string {self}.QuotedTableName => {Literals.String(_dialect.QuoteIdentifier(_table.TableName))};

            static string {self}.SelectSql => SelectAllSql;

            static global::System.Collections.Generic.IReadOnlyList<string> {self}.ColumnNames => s_columnNames;

            """);
        WriteReadRow($"static {_type} {self}.ReadRow({Statement} {ColumnExpressions.StatementName})", i => i.ToString(CultureInfo.InvariantCulture));
        _writer.WriteLine();
        WriteReadRow($"static {_type} {self}.ReadRow({Statement} {ColumnExpressions.StatementName}, global::System.ReadOnlySpan<int> ordinals)", i => $"ordinals[{i.ToString(CultureInfo.InvariantCulture)}]");
        _writer.WriteLine();
        _writer.OpenBlock($"static bool {self}.TryGetParameterValue({_type} entity, string name, out object? value)");
        foreach (ColumnSpec column in _table.Columns)
        {
            string condition = $"global::System.StringComparer.OrdinalIgnoreCase.Equals(name, {Literals.String(column.ColumnName)})";
            if (!string.Equals(column.ColumnName, column.PropertyName, System.StringComparison.OrdinalIgnoreCase))
            {
                condition += $" || global::System.StringComparer.OrdinalIgnoreCase.Equals(name, {Literals.String(column.PropertyName)})";
            }

            _writer.WriteLine($$"""
                if ({{condition}})
                {
                    value = {{ColumnExpressions.Write(column, "entity." + Id(column))}};
                    return true;
                }

                """);
        }

        _writer.WriteLine("""
            value = null;
            return false;
            """);
        _writer.CloseBlock();
    }

    /// <summary>Writes a <c>ReadRow</c> that builds the entity from the row, column <c>i</c> at <paramref name="ordinal"/>(i).</summary>
    private void WriteReadRow(string signature, System.Func<int, string> ordinal)
    {
        _writer.OpenBlock(signature);
        _writer.WriteLine($"return new {_type}");
        _writer.WriteLine("{");
        _writer.Indentation++;
        for (int i = 0; i < _table.Columns.Count; i++)
        {
            ColumnSpec column = _table.Columns[i];
            _writer.WriteLine($"{Id(column)} = {ColumnExpressions.Read(column, ordinal(i))},");
        }

        _writer.Indentation--;
        _writer.WriteLine("};");
        _writer.CloseBlock();
    }
}
