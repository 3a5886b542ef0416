using System;
using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;

namespace GenOrm.Generators.Emitting.Table;

/// <summary>The table's SQL constants, each written once, and the parameter names each statement binds.</summary>
internal sealed partial class TableWriter
{
    /// <summary>The suffix of a SQL constant's PostgreSQL twin, such as <c>InsertSqlPostgres</c>.</summary>
    private const string PostgresSuffix = "Postgres";

    /// <summary>The PostgreSQL statement that follows an explicit key into an identity column (<c>setval</c>).</summary>
    private const string AfterExplicitKeySql = "AfterExplicitKeySql" + PostgresSuffix;

    private void WriteConstants()
    {
        string createTableSql = _dialect.CreateTable(_table);
        string runs = _postgres is null
            ? "<see cref=\"CreateTable\"/> runs it."
            : $"<see cref=\"CreateTable\"/> runs it on {_dialect.Name}, <see cref=\"CreateTableSql{PostgresSuffix}\"/> on {_postgres.Name}.";
        _writer.WriteLine($"""
            /// <summary>The name of the table that <see cref="{_type}"/> maps to: {_tableDoc}.</summary>
            public const string TableName = {Literals.String(_table.TableName)};

            /// <summary>The {_dialect.Name} DDL that creates the {_tableDoc} table and its indexes. {runs}</summary>
            /// <remarks>
            {Literals.XmlCode(createTableSql)}
            /// </remarks>
            public const string CreateTableSql = {Literals.MultiLineString(createTableSql, "    ")};

            """);
        if (_postgres is not null)
        {
            string createTableSqlPostgres = _postgres.CreateTable(_table);
            _writer.WriteLine($"""
                /// <summary>The {_postgres.Name} DDL that creates the {_tableDoc} table and its indexes. <see cref="CreateTable"/> runs it on {_postgres.Name}.</summary>
                /// <remarks>
                {Literals.XmlCode(createTableSqlPostgres)}
                /// </remarks>
                public const string CreateTableSql{PostgresSuffix} = {Literals.MultiLineString(createTableSqlPostgres, "    ")};

                """);
        }

        WriteSql("SelectAllSql", d => d.SelectAll(_table));
        foreach (LookupSpec lookup in _table.Lookups)
        {
            WriteSql(lookup.SqlConstantName, d => d.SelectWhere(_table, Columns(lookup)));
        }

        WriteSql("InsertSql", d => d.Insert(_table));
        if (_table.HasAutoIncrement)
        {
            WriteSql("InsertWithKeySql", d => d.InsertWithKey(_table));
            if (_postgres?.AfterExplicitKey(_table) is { } afterExplicitKey)
            {
                _writer.WriteLine($"private const string {AfterExplicitKeySql} = {Literals.String(afterExplicitKey)};");
            }
        }

        if (_table.HasUpdate)
        {
            WriteSql("UpdateSql", d => d.Update(_table));
        }

        WriteSql("DeleteSql", d => d.Delete(_table));
        WriteSql("UpsertSql", d => d.Upsert(_table));
    }

    /// <summary>Writes SQL constant <paramref name="name"/> and, when PostgreSQL's text differs, its PostgreSQL twin.</summary>
    private void WriteSql(string name, Func<ISqlDialect, string> text)
    {
        _writer.WriteLine($"private const string {name} = {Literals.String(text(_dialect))};");
        if (PostgresText(text) is { } postgres)
        {
            _writer.WriteLine($"private const string {name}{PostgresSuffix} = {Literals.String(postgres)};");
            _withPostgresText.Add(name);
        }
    }

    private void WriteColumnNames() => WriteNames("s_columnNames", _table.Columns.Select(c => c.ColumnName));

    private void WriteNames(string field, IEnumerable<string> names)
    {
        string[] items = names.ToArray();
        _writer.WriteLine(items.Length == 0
            ? $"private static readonly string[] {field} = global::System.Array.Empty<string>();"
            : $"private static readonly string[] {field} = new[] {{ {string.Join(", ", items.Select(Literals.String))} }};");
    }
}
