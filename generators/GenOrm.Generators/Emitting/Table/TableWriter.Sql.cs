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

    private void WriteParameterArrays()
    {
        _writer.WriteLine("private static readonly string[] s_noParameters = global::System.Array.Empty<string>();");
        foreach (LookupSpec lookup in _table.Lookups)
        {
            WriteNames(lookup.ParametersFieldName, Columns(lookup).Select(_dialect.ParameterName));
        }

        WriteNames("s_insertParameters", _dialect.InsertColumns(_table).Select(_dialect.ParameterName));
        if (_table.HasAutoIncrement)
        {
            WriteNames("s_insertWithKeyParameters", _dialect.InsertWithKeyColumns(_table).Select(_dialect.ParameterName));
        }

        if (_table.HasUpdate)
        {
            WriteNames("s_updateParameters", _dialect.UpdateColumns(_table).Select(_dialect.ParameterName));
        }

        WriteNames("s_deleteParameters", KeyColumns.Select(_dialect.ParameterName));
        WriteNames("s_upsertParameters", _dialect.UpsertColumns(_table).Select(_dialect.ParameterName));
        WriteNames("s_columnNames", _table.Columns.Select(c => c.ColumnName));
    }

    private void WriteNames(string field, IEnumerable<string> names)
    {
        string[] items = names.ToArray();
        _writer.WriteLine(items.Length == 0
            ? $"private static readonly string[] {field} = global::System.Array.Empty<string>();"
            : $"private static readonly string[] {field} = new[] {{ {string.Join(", ", items.Select(Literals.String))} }};");
    }
}
