using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting.Table;

/// <summary>The table's typed column handles, <c>Query</c>, <c>GetAll</c> and the key and index lookups.</summary>
internal sealed partial class TableWriter
{
    private void WriteColumns()
    {
        _writer.WriteLine($"/// <summary>Typed handles on the columns of the {_tableDoc} table, for <see cref=\"Query\"/> conditions, ordering and projections.</summary>");
        _writer.OpenBlock("public static class Columns");
        for (int i = 0; i < _table.Columns.Count; i++)
        {
            ColumnSpec column = _table.Columns[i];
            if (i > 0)
            {
                _writer.WriteLine();
            }

            string handle = ColumnHandles.TypeName(column, _type);
            _writer.WriteLine($$"""
                /// <summary>The <c>{{Literals.Xml(column.ColumnName)}}</c> column, mapped from the <c>{{Literals.Xml(column.PropertyName)}}</c> property.</summary>
                public static readonly {{handle}} {{Id(column)}} = new(new(
                    {{Literals.String(column.ColumnName)}},
                    {{Literals.String(_dialect.QuoteIdentifier(column.ColumnName))}},
                    static value => {{ColumnExpressions.Write(column, "value")}},
                    static ({{ColumnExpressions.StatementName}}, ordinal) => {{ColumnExpressions.Read(column, "ordinal")}}));
                """);
        }

        _writer.CloseBlock();
    }

    private void WriteQuery()
    {
        ColumnSpec key = _table.Columns[_table.PrimaryKey[0]];
        string example = $"{_table.ClassName}.Query(connection).Where({_table.ClassName}.Columns.{Id(key)} == {key.ParameterName}).OneOrNone()";
        _writer.WriteLine($$"""
            /// <summary>Starts a typed query over the {{_tableDoc}} table; filter it with <see cref="Columns"/>.</summary>
            /// {{DocText.ConnectionParam}}
            /// <returns>A query over every row; <c>Where</c>, <c>OrderBy</c>, <c>Limit</c> and the rest refine it.</returns>
            /// <example><code>{{Literals.Xml(example)}}</code></example>
            public static global::GenOrm.Query<{{_type}}> Query({{Connection}} connection) => global::GenOrm.Query<{{_type}}>.Create(connection);
            """);
    }

    private TwinMethod GetAll() => new(
        $"""
        /// <summary>Reads every row of the {_tableDoc} table.</summary>
        /// {DocText.ConnectionParam}
        /// <returns>The rows as <see cref="{_type}"/> entities, in the order the database returns them.</returns>
        /// {DocText.DatabaseException}
        /// <remarks>
        {SqlDoc(d => d.SelectAll(_table))}
        /// </remarks>
        """,
        "public static",
        "GetAll",
        $"global::System.Collections.Generic.List<{_type}>",
        new[] { new MethodParameter(Connection, "connection") },
        twin => AsyncTwins.Block($"""
            {Prepare("SelectAllSql")}
            return {Run(twin, "ReadAll", "connection, statement")};
            """));

    /// <summary>
    /// Gets a lookup on a unique key, which admits at most one row (the entity or null), or on an indexed column, which
    /// admits many (every matching row).
    /// </summary>
    private TwinMethod Lookup(LookupSpec lookup)
    {
        IReadOnlyList<ColumnSpec> columns = Columns(lookup);
        string condition = columns.Count == 1
            ? $"whose <c>{Literals.Xml(columns[0].ColumnName)}</c> column equals <paramref name=\"{DocName(columns[0])}\"/>"
            : "whose primary key (" + string.Join(", ", columns.Select(c => $"<c>{Literals.Xml(c.ColumnName)}</c>")) + ") equals ("
                + string.Join(", ", columns.Select(c => $"<paramref name=\"{DocName(c)}\"/>")) + ")";
        string summary = lookup.IsUnique
            ? $"Reads the row of the {_tableDoc} table {condition}."
            : $"Reads every row of the {_tableDoc} table {condition}.";
        string returns = lookup.IsUnique
            ? "The entity, or <see langword=\"null\"/> when no row matches."
            : $"The matching rows as <see cref=\"{_type}\"/> entities, in the order the database returns them; an empty list when none matches.";
        string parameterDocs = string.Join("\n", columns.Select(c => $"/// <param name=\"{DocName(c)}\">The <c>{Literals.Xml(c.ColumnName)}</c> value to look for.</param>"));
        string binds = string.Join("\n", columns.Select((c, i) => ColumnExpressions.Bind(c, i, c.ParameterName)));
        string read = lookup.IsUnique ? "ReadUniqueOrDefault" : "ReadAll";
        return new(
            $"""
            /// <summary>{summary}</summary>
            /// {DocText.ConnectionParam}
            {parameterDocs}
            /// <returns>{returns}</returns>
            /// {DocText.DatabaseException}
            /// <remarks>
            {SqlDoc(d => d.SelectWhere(_table, columns))}
            /// </remarks>
            """,
            "public static",
            lookup.MethodName,
            lookup.IsUnique ? _type + "?" : $"global::System.Collections.Generic.List<{_type}>",
            new[] { new MethodParameter(Connection, "connection") }
                .Concat(columns.Select(c => new MethodParameter(c.TypeName, c.ParameterName, GeneratedMembers.OverloadType(c))))
                .ToArray(),
            twin => AsyncTwins.Block($"""
                {Prepare(lookup.SqlConstantName)}
                {binds}
                return {Run(twin, read, "connection, statement")};
                """));
    }
}
