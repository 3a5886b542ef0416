using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Sql.Analysis;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Checking;

/// <summary>
/// Checks a <c>[Query]</c> method against the schema: the SQL itself (through <see cref="SqlAnalyzer"/>), then its
/// parameters against the method's, and its result columns against the row type. Produces the <see cref="QueryPlan"/>
/// the emitter writes. Pure and symbol-free, so that Roslyn re-runs it only when the method's spec or the schema changes.
/// </summary>
internal static class QueryChecker
{
    /// <summary>Builds the schema from the assembly's table specs.</summary>
    public static QuerySchema Schema(IEnumerable<TableSpec> tables)
    {
        TableSpec[] sorted = tables.OrderBy(t => t.TableName, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.FullyQualifiedName, StringComparer.Ordinal).ToArray();
        var scaled = new List<string>();
        foreach (TableSpec table in sorted)
        {
            foreach (ColumnSpec column in table.Columns)
            {
                if (column.DecimalScale is { } scale)
                {
                    scaled.Add(table.TableName + "." + column.ColumnName + "=" + scale.ToString(CultureInfo.InvariantCulture));
                }
            }
        }

        scaled.Sort(StringComparer.Ordinal);
        return new QuerySchema(SqlCatalog.From(sorted), scaled.ToEquatableArray());
    }

    /// <summary>Checks one method.</summary>
    public static QueryPlan Check(QueryMethodSpec spec, QuerySchema schema, CancellationToken cancellationToken)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        var problems = new List<QueryProblem>();
        void Report(DiagnosticDescriptor descriptor, QueryTarget target, int start, int length, params string[] args) =>
            problems.Add(new QueryProblem(descriptor, target, start, length, new[] { spec.DisplayName }.Concat(args).ToEquatableArray()));

        SqlAnalysis? analysis = spec.Verify ? SqlAnalyzer.Analyze(spec.Sql, schema.Catalog) : null;
        cancellationToken.ThrowIfCancellationRequested();
        bool sqlIsValid = true;
        if (analysis is not null)
        {
            foreach (SqlProblem problem in analysis.Problems)
            {
                Report(DescriptorFor(problem.Kind), QueryTarget.Sql, problem.Start, problem.Length, problem.Message);
                sqlIsValid = false;
            }
        }

        // Parameters: each SQL parameter binds the method parameter of its name; each method parameter must be used.
        IReadOnlyList<SqlParameterUse> uses = analysis?.Parameters ?? (IReadOnlyList<SqlParameterUse>)SqlParameterScanner.Scan(spec.Sql);
        var binds = new List<QueryBind>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (SqlParameterUse use in uses)
        {
            SqlSpan first = use.Occurrences.Count > 0 ? use.Occurrences[0] : new SqlSpan(0, 0);
            string token = use.Prefix + use.Name;
            QueryParameterSpec? parameter = spec.Parameters.FirstOrDefault(p => p.Name == use.Name)
                ?? spec.Parameters.FirstOrDefault(p => string.Equals(p.Name, use.Name, StringComparison.OrdinalIgnoreCase));
            if (parameter is null)
            {
                Report(DiagnosticDescriptors.QueryParameterNotDeclared, QueryTarget.Sql, first.Start, first.Length, token, use.Name);
                continue;
            }

            used.Add(parameter.Name);
            if (ParameterMismatch(parameter.Value, use) is { } mismatch)
            {
                Report(DiagnosticDescriptors.QueryParameterTypeMismatch, QueryTarget.Sql, first.Start, first.Length, parameter.Name, parameter.Value.DisplayName, mismatch.Use, mismatch.Fix);
            }

            binds.Add(new QueryBind(
                token,
                parameter.Identifier,
                parameter.Value,
                use.Meets?.Table ?? spec.DisplayName,
                use.Meets?.Column ?? parameter.Name,
                use.Meets is { } meets ? ScaleOf(schema, meets.Table, meets.Column) : null));
        }

        foreach (QueryParameterSpec parameter in spec.Parameters)
        {
            if (!used.Contains(parameter.Name))
            {
                Report(DiagnosticDescriptors.QueryParameterNotUsed, QueryTarget.Parameter, parameter.Index, 0, parameter.Name);
            }
        }

        // The shape: an int of a statement that writes and returns nothing counts the rows changed.
        QueryReturnShape shape = spec.Shape;
        bool writes = analysis is not null
            ? analysis.Kind is SqlStatementKind.Insert or SqlStatementKind.Update or SqlStatementKind.Delete && analysis.Columns.IsEmpty
            : StartsWithWrite(spec.Sql);
        if (shape == QueryReturnShape.One && writes && spec.Row is { Kind: QueryRowKind.Scalar } scalarRow && scalarRow.Members[0].Value.Kind == ColumnKind.Int32)
        {
            shape = QueryReturnShape.RowsAffected;
        }

        var reads = new List<QueryRead>();
        bool readsTableRow = false;
        if (shape != QueryReturnShape.RowsAffected && spec.Row is { } row)
        {
            if (row.Problem is not null)
            {
                Report(DiagnosticDescriptors.QueryMethodInvalid, QueryTarget.ReturnType, 0, 0, row.Problem);
            }
            else if (analysis is null)
            {
                // Verify = false: every value is found by name when the statement runs.
                for (int i = 0; i < row.Members.Count; i++)
                {
                    reads.Add(new QueryRead(i, i, row.Kind == QueryRowKind.Object ? row.Members[i].Name : string.Empty, null));
                }
            }
            else if (sqlIsValid)
            {
                if (analysis.Columns.IsEmpty)
                {
                    Report(DiagnosticDescriptors.QueryMethodInvalid, QueryTarget.ReturnType, 0, 0,
                        "its statement returns no rows; return int (the number of rows changed) or void, or add a RETURNING clause");
                }
                else
                {
                    readsTableRow = MapColumns(spec, row, analysis, schema, reads, Report);
                }
            }
        }

        string postgresSql = PostgresQueryText.Rewrite(spec.Sql, schema.Catalog);
        var postgresProblems = new List<QueryProblem>();
        if (analysis is not null && sqlIsValid)
        {
            foreach (SqlDifference difference in analysis.PostgresDifferences)
            {
                postgresProblems.Add(new QueryProblem(
                    DiagnosticDescriptors.QueryPostgresDiffers, QueryTarget.Sql, difference.Start, difference.Length, new[] { spec.DisplayName, difference.Message }.ToEquatableArray()));
            }
        }

        return new QueryPlan(spec, shape, binds.ToEquatableArray(), reads.ToEquatableArray(), readsTableRow, analysis is null, problems.ToEquatableArray())
        {
            PostgresSql = ReferenceEquals(postgresSql, spec.Sql) ? null : postgresSql,
            PostgresProblems = postgresProblems.ToEquatableArray(),
            IsCheckedSelect = analysis is { Kind: SqlStatementKind.Select },
        };
    }

    private delegate void Reporter(DiagnosticDescriptor descriptor, QueryTarget target, int start, int length, params string[] args);

    /// <summary>Maps result columns to the row's values; returns whether the row is a whole <c>[Table]</c> row in order.</summary>
    private static bool MapColumns(QueryMethodSpec spec, QueryRowSpec row, SqlAnalysis analysis, QuerySchema schema, List<QueryRead> reads, Reporter report)
    {
        EquatableArray<SqlResultColumn> columns = analysis.Columns;
        var filled = new bool[row.Members.Count];
        if (row.Kind is QueryRowKind.Scalar or QueryRowKind.Tuple)
        {
            for (int ordinal = 0; ordinal < columns.Count; ordinal++)
            {
                SqlResultColumn column = columns[ordinal];
                if (ordinal >= row.Members.Count)
                {
                    report(DiagnosticDescriptors.QueryColumnWithoutMember, QueryTarget.Sql, column.Start, column.Length, column.Name, row.DisplayName);
                    continue;
                }

                filled[ordinal] = true;
                Read(ordinal, ordinal, column);
            }
        }
        else
        {
            // A [Table] row selected whole, in column order (select *), is read by the table's own ReadRow.
            SqlTable? table = row.IsTable ? analysis.Columns.Count > 0 ? FindTable(schema.Catalog, row.TypeName) : null : null;
            if (table is not null && columns.Count == table.Columns.Count && IsWholeRow(columns, table))
            {
                return true;
            }

            for (int ordinal = 0; ordinal < columns.Count; ordinal++)
            {
                SqlResultColumn column = columns[ordinal];
                string name = column.Name;
                if (table is not null && column.Origin is { } origin && string.Equals(origin.Table, table.Name, StringComparison.OrdinalIgnoreCase))
                {
                    // A [Table] class's members are named after properties, which [Column("...")] may rename.
                    name = table.Columns.FirstOrDefault(c => string.Equals(c.Name, origin.Column, StringComparison.OrdinalIgnoreCase))?.PropertyName ?? name;
                }

                int member = IndexOf(row, name);
                if (member < 0 || filled[member])
                {
                    report(DiagnosticDescriptors.QueryColumnWithoutMember, QueryTarget.Sql, column.Start, column.Length, column.Name, row.DisplayName);
                    continue;
                }

                filled[member] = true;
                Read(member, ordinal, column);
            }
        }

        for (int i = 0; i < row.Members.Count; i++)
        {
            QueryMemberSpec member = row.Members[i];
            if (!filled[i] && member.IsRequired)
            {
                string what = row.Kind switch
                {
                    QueryRowKind.Scalar => "The value",
                    QueryRowKind.Tuple => $"Tuple element {i + 1} ('{member.Name}')",
                    _ => member.IsConstructorParameter ? $"Constructor parameter '{member.Name}'" : $"Required member '{member.Name}'",
                };
                report(DiagnosticDescriptors.QueryMemberWithoutColumn, QueryTarget.ReturnType, 0, 0, what, row.DisplayName, member.Name);
            }
        }

        return false;

        void Read(int member, int ordinal, SqlResultColumn column)
        {
            QueryMemberSpec target = row.Members[member];
            string what = row.Kind switch
            {
                QueryRowKind.Scalar => "the result",
                QueryRowKind.Tuple => $"tuple element {member + 1}",
                _ => $"member '{target.Name}'",
            };
            if (ReadMismatch(column, target.Value) is { } holds)
            {
                report(DiagnosticDescriptors.QueryColumnTypeMismatch, QueryTarget.Sql, column.Start, column.Length, column.Name, holds, what, target.Value.DisplayName);
            }
            else if (column.MayBeNull && !target.Value.IsNullable && !(row.Kind == QueryRowKind.Scalar && spec.Shape == QueryReturnShape.OneOrDefault))
            {
                report(DiagnosticDescriptors.QueryColumnMayBeNull, QueryTarget.Sql, column.Start, column.Length, column.Name, what, target.Value.DisplayName);
            }

            reads.Add(new QueryRead(member, ordinal, column.Name, column.Origin is { } origin ? ScaleOf(schema, origin.Table, origin.Column) : null));
        }
    }

    private static bool IsWholeRow(EquatableArray<SqlResultColumn> columns, SqlTable table)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (columns[i].Origin is not { } origin
                || !string.Equals(origin.Table, table.Name, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(origin.Column, table.Columns[i].Name, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(columns[i].Name, table.Columns[i].Name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static SqlTable? FindTable(SqlCatalog catalog, string className)
    {
        foreach (SqlTable table in catalog.Tables)
        {
            if (table.ClassName == className)
            {
                return table;
            }
        }

        return null;
    }

    private static int IndexOf(QueryRowSpec row, string name)
    {
        for (int i = 0; i < row.Members.Count; i++)
        {
            if (string.Equals(row.Members[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static int? ScaleOf(QuerySchema schema, string table, string column)
    {
        string prefix = table + "." + column + "=";
        foreach (string entry in schema.ScaledColumns)
        {
            if (entry.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(entry.Substring(prefix.Length), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static DiagnosticDescriptor DescriptorFor(SqlProblemKind kind) => kind switch
    {
        SqlProblemKind.Syntax => DiagnosticDescriptors.QuerySyntaxError,
        SqlProblemKind.UnknownTable => DiagnosticDescriptors.QueryUnknownTable,
        SqlProblemKind.UnknownColumn or SqlProblemKind.WriteToUnknownColumn => DiagnosticDescriptors.QueryUnknownColumn,
        SqlProblemKind.AmbiguousColumn => DiagnosticDescriptors.QueryAmbiguousColumn,
        SqlProblemKind.UnknownFunction or SqlProblemKind.WrongArgumentCount => DiagnosticDescriptors.QueryBadFunctionCall,
        SqlProblemKind.MissingNotNullColumn => DiagnosticDescriptors.QueryViolatesModel,
        SqlProblemKind.InvalidUse => DiagnosticDescriptors.QueryInvalidSql,
        _ => DiagnosticDescriptors.QueryNotUnderstood,
    };

    private static bool StartsWithWrite(string sql)
    {
        string trimmed = sql.TrimStart();
        foreach (string keyword in new[] { "insert", "update", "delete", "replace" })
        {
            if (trimmed.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
                && trimmed.IndexOf("returning", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return true;
            }
        }

        return false;
    }

    // ---- Types: which C# kinds a SQLite value can be read into, and bound from ----

    private enum Storage { Integer, Real, Text, Blob, Other }

    private static Storage StorageOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean or ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16 or ColumnKind.UInt16 or ColumnKind.Int32
            or ColumnKind.UInt32 or ColumnKind.Int64 or ColumnKind.UInt64 or ColumnKind.Enum => Storage.Integer,
        ColumnKind.Single or ColumnKind.Double => Storage.Real,
        ColumnKind.String or ColumnKind.Decimal or ColumnKind.DateTime or ColumnKind.DateTimeOffset or ColumnKind.DateOnly
            or ColumnKind.TimeOnly or ColumnKind.Guid => Storage.Text,
        ColumnKind.Bytes => Storage.Blob,
        _ => Storage.Other,
    };

    /// <summary>Gets whether a value of a column of kind <paramref name="from"/> can be read as <paramref name="to"/>.</summary>
    private static bool Reads(ColumnKind from, ColumnKind to)
    {
        if (from == to)
        {
            return true;
        }

        Storage source = StorageOf(from);
        Storage target = StorageOf(to);
        return (source == Storage.Integer && target == Storage.Integer)
            || (source is Storage.Integer or Storage.Real && (target == Storage.Real || to == ColumnKind.Decimal))
            || (from == ColumnKind.Decimal && target == Storage.Real)
            || (source == Storage.Text && to == ColumnKind.String);
    }

    /// <summary>Gets whether a value of SQL type <paramref name="type"/> can be read as <paramref name="to"/>.</summary>
    private static bool Reads(SqlValueType type, ColumnKind to) => type switch
    {
        SqlValueType.Integer => StorageOf(to) is Storage.Integer or Storage.Real || to is ColumnKind.Decimal or ColumnKind.TimeSpan,
        SqlValueType.Real => StorageOf(to) == Storage.Real || to == ColumnKind.Decimal,
        SqlValueType.Numeric => StorageOf(to) is Storage.Integer or Storage.Real || to == ColumnKind.Decimal,
        SqlValueType.Text => StorageOf(to) == Storage.Text,
        SqlValueType.Blob => to == ColumnKind.Bytes,
        _ => true,
    };

    private static string? ReadMismatch(SqlResultColumn column, QueryValueType target)
    {
        if (target.Kind is not { } to)
        {
            return $"{Describe(column)} (and GenOrm cannot read any column as '{target.DisplayName}')";
        }

        bool ok = column.Origin is { } origin ? Reads(origin.Kind, to) : Reads(column.Type, to);
        return ok ? null : Describe(column);
    }

    private static string Describe(SqlResultColumn column) => column.Origin is { } origin
        ? $"the values of column '{origin.Table}.{origin.Column}' ({ShortType(origin.TypeName)})"
        : column.Type.ToString().ToUpperInvariant() + " values";

    private static (string Use, string Fix)? ParameterMismatch(QueryValueType parameter, SqlParameterUse use)
    {
        if (parameter.Kind is not { } kind)
        {
            return ("as a value, and GenOrm cannot bind that type",
                "a type GenOrm stores: a number, string, bool, byte[], DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid or enum");
        }

        if (use.Meets is { } meets)
        {
            return Reads(kind, meets.Kind) || Reads(meets.Kind, kind)
                ? null
                : ($"with column '{meets.Table}.{meets.Column}' of type '{ShortType(meets.TypeName)}'", $"the column's type, '{ShortType(meets.TypeName)}'");
        }

        return use.Expected switch
        {
            SqlValueType.Integer when StorageOf(kind) != Storage.Integer => ("where SQL expects an INTEGER", "an integer type, such as 'int' or 'long'"),
            SqlValueType.Text when StorageOf(kind) != Storage.Text => ("where SQL expects TEXT", "the type 'string'"),
            SqlValueType.Real or SqlValueType.Numeric when StorageOf(kind) is not (Storage.Integer or Storage.Real) && kind != ColumnKind.Decimal =>
                ("where SQL expects a number", "a number type, such as 'long' or 'double'"),
            SqlValueType.Blob when kind != ColumnKind.Bytes => ("where SQL expects a BLOB", "the type 'byte[]'"),
            _ => null,
        };
    }

    /// <summary>Shows a <c>global::</c> type name as the user writes it: <c>string</c>, <c>long?</c>, <c>MyEnum</c>.</summary>
    private static string ShortType(string typeName)
    {
        string name = typeName.Replace("global::", string.Empty);
        int generic = name.IndexOf('<');
        int dot = name.LastIndexOf('.', generic < 0 ? name.Length - 1 : generic);
        return dot < 0 ? name : name.Substring(dot + 1);
    }
}

/// <summary>
/// Checks constant <c>Sql.Text</c> statements: when one names a declared table, its unknown tables and columns are
/// warnings (GENORM046). Everything else (syntax the checker does not know, parameters) is left to run time.
/// </summary>
internal static class SqlTextChecker
{
    /// <summary>
    /// Checks one call: unknown tables and columns (GENORM046); and, when the project targets PostgreSQL (where the text
    /// runs as written), unquoted mixed-case names PostgreSQL folds and what PostgreSQL rejects or runs differently (GENORM048).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Check(SqlTextSpec text, QuerySchema schema, bool targetsPostgres)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        if (!MentionsDeclaredTable(text.Sql, schema.Catalog))
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        SqlAnalysis analysis = SqlAnalyzer.Analyze(text.Sql, schema.Catalog);
        var map = new QuerySourceMap(string.Empty, text.Argument, text.Argument, text.Argument, EquatableArray<LocationInfo>.Empty, text.Literal);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (SqlProblem problem in analysis.Problems)
        {
            if (problem.Kind is SqlProblemKind.UnknownTable or SqlProblemKind.UnknownColumn or SqlProblemKind.WriteToUnknownColumn)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SqlTextUnknownName, QueryLocator.InSql(map, problem.Start, problem.Length), problem.Message));
            }
        }

        // PostgreSQL's checks need a statement the checker reads (not DDL, where a type such as TEXT is no name).
        if (targetsPostgres
            && analysis.Kind is SqlStatementKind.Select or SqlStatementKind.Insert or SqlStatementKind.Update or SqlStatementKind.Delete
            && !analysis.Problems.Any(p => p.Kind is SqlProblemKind.Syntax or SqlProblemKind.Unsupported))
        {
            var differences = new List<(int Start, int Length, string Message)>();
            foreach (DeclaredName name in PostgresQueryText.UnquotedNames(text.Sql, schema.Catalog))
            {
                string folded = name.Declared.ToLowerInvariant();
                if (folded != name.Declared)
                {
                    differences.Add((name.Start, name.Length,
                        "PostgreSQL folds the unquoted name '" + text.Sql.Substring(name.Start, name.Length) + "' to '" + folded
                        + "', and GenOrm's PostgreSQL tables keep their names as declared: write " + PostgresDialect.Instance.QuoteIdentifier(name.Declared)
                        + ", which SQLite reads the same"));
                }
            }

            if (analysis.Problems.IsEmpty)
            {
                foreach (SqlDifference difference in analysis.PostgresDifferences)
                {
                    differences.Add((difference.Start, difference.Length, difference.Message));
                }
            }

            foreach ((int start, int length, string message) in differences.OrderBy(d => d.Start))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SqlTextPostgresDiffers, QueryLocator.InSql(map, start, length), message));
            }
        }

        return diagnostics.ToEquatableArray();
    }

    /// <summary>Gets whether a declared table's name appears in the SQL as a word: only such statements are checked.</summary>
    private static bool MentionsDeclaredTable(string sql, SqlCatalog catalog)
    {
        foreach (SqlTable table in catalog.Tables)
        {
            int at = 0;
            while ((at = sql.IndexOf(table.Name, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                int end = at + table.Name.Length;
                bool before = at == 0 || !IsWordChar(sql[at - 1]);
                bool after = end >= sql.Length || !IsWordChar(sql[end]);
                if (before && after)
                {
                    return true;
                }

                at = end;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
