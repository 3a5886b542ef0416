using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting.Table;

/// <summary>The table's SQL constants, each written once, and the parameter names each statement binds.</summary>
internal sealed partial class TableWriter
{
    private void WriteConstants()
    {
        string createTableSql = _dialect.CreateTable(_table);
        _writer.WriteLine($"""
            /// <summary>The name of the table that <see cref="{_type}"/> maps to: {_tableDoc}.</summary>
            public const string TableName = {Literals.String(_table.TableName)};

            /// <summary>The {_dialect.Name} DDL that creates the {_tableDoc} table and its indexes. <see cref="CreateTable"/> runs it.</summary>
            /// <remarks>
            {Literals.XmlCode(createTableSql)}
            /// </remarks>
            public const string CreateTableSql = {Literals.MultiLineString(createTableSql, "    ")};

            """);
        WriteSql("SelectAllSql", _dialect.SelectAll(_table));
        foreach (LookupSpec lookup in _table.Lookups)
        {
            WriteSql(lookup.SqlConstantName, _dialect.SelectWhere(_table, Columns(lookup)));
        }

        WriteSql("InsertSql", _dialect.Insert(_table));
        if (_table.HasAutoIncrement)
        {
            WriteSql("InsertWithKeySql", _dialect.InsertWithKey(_table));
        }

        if (_table.HasUpdate)
        {
            WriteSql("UpdateSql", _dialect.Update(_table));
        }

        WriteSql("DeleteSql", _dialect.Delete(_table));
        WriteSql("UpsertSql", _dialect.Upsert(_table));
    }

    private void WriteSql(string name, string sql) =>
        _writer.WriteLine($"private const string {name} = {Literals.String(sql)};");

    private void WriteColumnNames() => WriteNames("s_columnNames", _table.Columns.Select(c => c.ColumnName));

    private void WriteNames(string field, IEnumerable<string> names)
    {
        string[] items = names.ToArray();
        _writer.WriteLine(items.Length == 0
            ? $"private static readonly string[] {field} = global::System.Array.Empty<string>();"
            : $"private static readonly string[] {field} = new[] {{ {string.Join(", ", items.Select(Literals.String))} }};");
    }
}
