// TEMPORARY (q-gen): the contract of sql-contract.md, until branch q-check is merged. Deleted by that merge.
using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql.Analysis;

internal sealed record SqlCatalog(EquatableArray<SqlTable> Tables)
{
    public static SqlCatalog From(IEnumerable<TableSpec> tables) => new(tables
        .Select(t => new SqlTable(t.TableName, t.FullyQualifiedName, t.Columns.Select(c => new SqlColumn(c.ColumnName, c.PropertyName, c.Kind, c.TypeName, c.IsNullable, c.IsPrimaryKey, c.IsAutoIncrement, c.DefaultSql is not null)).ToEquatableArray()))
        .OrderBy(t => t.Name, System.StringComparer.OrdinalIgnoreCase)
        .ToEquatableArray());
}

internal sealed record SqlTable(string Name, string ClassName, EquatableArray<SqlColumn> Columns);

internal sealed record SqlColumn(string Name, string PropertyName, ColumnKind Kind, string TypeName, bool IsNullable, bool IsPrimaryKey, bool IsAutoIncrement, bool HasDefault);

internal static class SqlAnalyzer
{
    public static SqlAnalysis Analyze(string sql, SqlCatalog catalog)
    {
        string first = sql.TrimStart().Split(' ', '\n')[0].ToLowerInvariant();
        SqlStatementKind kind = first switch { "select" => SqlStatementKind.Select, "insert" => SqlStatementKind.Insert, "update" => SqlStatementKind.Update, "delete" => SqlStatementKind.Delete, _ => SqlStatementKind.Other };
        var columns = new List<SqlResultColumn>();
        int select = sql.IndexOf("select ", System.StringComparison.OrdinalIgnoreCase);
        int from = sql.IndexOf(" from ", System.StringComparison.OrdinalIgnoreCase);
        if (kind == SqlStatementKind.Select && select >= 0 && from > select)
        {
            string rest = sql.Substring(from + 6).TrimStart();
            string tableName = rest.Split(' ', '\n')[0];
            SqlTable? table = catalog.Tables.FirstOrDefault(t => string.Equals(t.Name, tableName, System.StringComparison.OrdinalIgnoreCase));
            int at = select + 7;
            foreach (string part in sql.Substring(select + 7, from - select - 7).Split(','))
            {
                string name = part.Trim();
                int start = sql.IndexOf(name, at, System.StringComparison.Ordinal);
                at = start + name.Length;
                if (name == "*" && table is not null)
                {
                    foreach (SqlColumn c in table.Columns)
                    {
                        columns.Add(new SqlResultColumn(c.Name, SqlValueType.Any, c.IsNullable, new SqlColumnOrigin(table.Name, c.Name, c.Kind, c.TypeName), start, 1));
                    }

                    continue;
                }

                SqlColumn? column = table?.Columns.FirstOrDefault(c => string.Equals(c.Name, name, System.StringComparison.OrdinalIgnoreCase));
                columns.Add(new SqlResultColumn(name, name.StartsWith("count(") ? SqlValueType.Integer : SqlValueType.Any, column?.IsNullable ?? false, column is null ? null : new SqlColumnOrigin(table!.Name, column.Name, column.Kind, column.TypeName), start, name.Length));
            }
        }

        return new SqlAnalysis(kind, columns.ToEquatableArray(), GenOrm.Generators.Checking.SqlParameterScanner.Scan(sql).ToEquatableArray(), EquatableArray<SqlProblem>.Empty);
    }
}

internal enum SqlStatementKind { Select, Insert, Update, Delete, Other }

internal enum SqlValueType { Integer, Real, Text, Blob, Numeric, Any, Null }

internal sealed record SqlAnalysis(SqlStatementKind Kind, EquatableArray<SqlResultColumn> Columns, EquatableArray<SqlParameterUse> Parameters, EquatableArray<SqlProblem> Problems);

internal sealed record SqlResultColumn(string Name, SqlValueType Type, bool MayBeNull, SqlColumnOrigin? Origin, int Start, int Length);

internal sealed record SqlColumnOrigin(string Table, string Column, ColumnKind Kind, string TypeName);

internal sealed record SqlParameterUse(string Name, char Prefix, EquatableArray<SqlSpan> Occurrences, SqlColumnOrigin? Meets, SqlValueType Expected);

internal readonly record struct SqlSpan(int Start, int Length);

internal enum SqlProblemKind { Syntax, UnknownTable, UnknownColumn, AmbiguousColumn, UnknownFunction, WrongArgumentCount, MissingNotNullColumn, WriteToUnknownColumn, Unsupported }

internal sealed record SqlProblem(SqlProblemKind Kind, int Start, int Length, string Message);
