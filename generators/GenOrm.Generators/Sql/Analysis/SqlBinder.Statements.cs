using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenOrm.Generators.Sql.Analysis;

internal sealed partial class SqlBinder
{
    // ---------------- SELECT ----------------

    private SelectResult BindSelect(SqlSelect select, Scope? outer, CteScope? ctes, Action<List<ResultColumn>>? afterFirstCore)
    {
        if (select.With is not null)
        {
            ctes = BindWith(select.With, outer, ctes);
        }

        var arms = new List<(List<ResultColumn> Columns, Scope Scope)>(select.Cores.Count);
        for (int i = 0; i < select.Cores.Count; i++)
        {
            arms.Add(BindCore(select.Cores[i], outer, ctes));
            if (i == 0)
            {
                afterFirstCore?.Invoke(arms[0].Columns);
            }
        }

        List<ResultColumn> columns = arms[0].Columns;
        for (int i = 1; i < arms.Count; i++)
        {
            List<ResultColumn> arm = arms[i].Columns;
            if (arm.Count != columns.Count)
            {
                SqlName op = select.Operators[i - 1];
                Report(SqlProblemKind.InvalidUse, op, "SELECTs to the left and right of " + op.Text + " do not have the same number of result columns");
                continue;
            }

            for (int c = 0; c < columns.Count; c++)
            {
                Info merged = columns[c].Info;
                Info other = arm[c].Info;
                merged.MayBeNull |= other.MayBeNull;
                if (merged.Type != other.Type && other.Type != SqlValueType.Null)
                {
                    merged.Type = merged.Type == SqlValueType.Null ? other.Type : SqlValueType.Any;
                }

                columns[c].Info = merged;
            }
        }

        if (select.OrderBy is not null)
        {
            if (arms.Count == 1)
            {
                BindOrderBy(select.OrderBy, arms[0].Scope, columns);
            }
            else
            {
                BindCompoundOrderBy(select.OrderBy, arms, columns);
            }
        }

        if (arms.Count == 1 && arms[0].Scope.Core.HasAggregate && !arms[0].Scope.Core.HasGroupBy)
        {
            // An aggregate query without GROUP BY returns one row even over no rows: its bare columns are then NULL.
            foreach (ResultColumn column in columns)
            {
                if (column.Info.Bare)
                {
                    Info info = column.Info;
                    info.MayBeNull = true;
                    column.Info = info;
                    NotePostgresBareColumn(column.Start, column.Length);
                }
            }
        }

        var limitScope = new Scope(outer, ctes);
        if (select.Limit is not null)
        {
            BindExpected(select.Limit, limitScope, SqlValueType.Integer);
        }

        if (select.Offset is not null)
        {
            BindExpected(select.Offset, limitScope, SqlValueType.Integer);
        }

        NotePostgresLimit(select);

        return new SelectResult(columns);
    }

    private void BindExpected(SqlExpr expr, Scope scope, SqlValueType expected)
    {
        BindScalar(expr, ExprContext.Plain(scope));
        if (Unwrap(expr) is ParameterExpr parameter)
        {
            ParameterState state = FindParameter(parameter.Text);
            if (state.Meets is null)
            {
                state.Expected = expected;
            }
        }
    }

    private (List<ResultColumn> Columns, Scope Scope) BindCore(SqlSelectCore core, Scope? outer, CteScope? ctes)
    {
        var scope = new Scope(outer, ctes);
        scope.Core.Windows = core.Windows;
        if (core.Values is not null)
        {
            return (BindValues(core.Values, scope), scope);
        }

        if (core.From is not null)
        {
            BindFrom(core.From, scope);
        }

        scope.Core.HasGroupBy = core.GroupBy is not null;
        var columns = new List<ResultColumn>();
        foreach (SqlResultItem item in core.Columns)
        {
            BindResultItem(item, scope, columns);
        }

        scope.Aliases = columns;
        var context = new ExprContext { Scope = scope, AliasesVisible = true };
        if (core.Where is not null)
        {
            BindScalar(core.Where, context);
        }

        if (core.GroupBy is not null)
        {
            for (int i = 0; i < core.GroupBy.Count; i++)
            {
                SqlExpr term = core.GroupBy[i];
                if (Unwrap(term) is LiteralExpr { Type: SqlValueType.Integer } literal)
                {
                    CheckTermIndex(literal, i, columns.Count, "GROUP BY");
                    continue;
                }

                BindScalar(term, context);
            }
        }

        if (core.Having is not null)
        {
            BindScalar(core.Having, new ExprContext { Scope = scope, AliasesVisible = true, AggregatesAllowed = true });
            if (!scope.Core.HasGroupBy && !scope.Core.HasAggregate)
            {
                Report(SqlProblemKind.InvalidUse, core.Having, "HAVING clause on a non-aggregate query: add GROUP BY or move the condition to WHERE");
            }
        }

        if (core.Windows is not null)
        {
            foreach (SqlNamedWindow window in core.Windows)
            {
                BindWindow(window.Window, new ExprContext { Scope = scope, AliasesVisible = false });
            }
        }

        return (columns, scope);
    }

    private void BindResultItem(SqlResultItem item, Scope scope, List<ResultColumn> columns, bool aggregatesAllowed = true)
    {
        if (item.Expr is null)
        {
            int length = item.End - item.Start;
            if (scope.Sources.Count == 0)
            {
                Report(SqlProblemKind.InvalidUse, item.Start, length, "'*' needs a FROM clause: no tables specified");
                return;
            }

            bool any = false;
            foreach (Source source in scope.Sources)
            {
                if (item.StarTable is { } table && (source.Qualifier is null || !NamesEqual(source.Qualifier, table.Text)))
                {
                    continue;
                }

                any = true;
                foreach (Column column in source.Columns)
                {
                    if (column.Hidden || (item.StarTable is null && source.Merged is not null && source.Merged.Contains(column.Name)))
                    {
                        continue;
                    }

                    Info info = column.Info;
                    info.MayBeNull |= source.Nullable;
                    info.Column = column;
                    info.Bare = true;
                    columns.Add(new ResultColumn(column.ResultName, info, item.Start, length, null, false, column.ResultName));
                }
            }

            if (!any && item.StarTable is { } missing)
            {
                Report(SqlProblemKind.UnknownTable, missing, "no table or alias named '" + missing.Text + "' in this query" + DidYouMean(Suggest(missing.Text, Qualifiers(scope))));
            }

            return;
        }

        bool before = scope.Core.HasAggregate;
        scope.Core.HasAggregate = false;
        Info result = Bind(item.Expr, new ExprContext { Scope = scope, AggregatesAllowed = aggregatesAllowed, WindowsAllowed = aggregatesAllowed });
        bool containsAggregate = scope.Core.HasAggregate;
        scope.Core.HasAggregate |= before;
        CheckScalarWidth(item.Expr, result);
        string text = _sql.Substring(item.Expr.Start, item.Expr.End - item.Expr.Start);
        string name = item.Alias?.Text ?? (result.Column?.ResultName ?? text);
        string subqueryName = item.Alias?.Text ?? (result.Column ?? result.ColumnUnderCollate)?.ResultName ?? text;
        columns.Add(new ResultColumn(name, result, item.Expr.Start, item.Expr.End - item.Expr.Start, item.Expr, item.Alias is not null, subqueryName)
        {
            ContainsAggregate = containsAggregate,
        });
    }

    private static IEnumerable<string> Qualifiers(Scope? scope)
    {
        for (; scope is not null; scope = scope.Parent)
        {
            foreach (Source source in scope.Sources)
            {
                if (source.Qualifier is not null)
                {
                    yield return source.Qualifier;
                }
            }
        }
    }

    private List<ResultColumn> BindValues(IReadOnlyList<IReadOnlyList<SqlExpr>> rows, Scope scope)
    {
        var columns = new List<ResultColumn>();
        for (int r = 0; r < rows.Count; r++)
        {
            IReadOnlyList<SqlExpr> row = rows[r];
            if (r > 0 && row.Count != columns.Count)
            {
                Report(SqlProblemKind.InvalidUse, row[0].Start, row[row.Count - 1].End - row[0].Start, "all VALUES must have the same number of terms");
                continue;
            }

            for (int i = 0; i < row.Count; i++)
            {
                Info info = BindScalar(row[i], ExprContext.Plain(scope));
                info.Column = null;
                info.ColumnUnderCollate = null;
                info.Origin = null;
                if (r == 0)
                {
                    string name = "column" + (i + 1).ToString(CultureInfo.InvariantCulture);
                    columns.Add(new ResultColumn(name, info, row[i].Start, row[i].End - row[i].Start, row[i], false, name));
                }
                else
                {
                    Info merged = columns[i].Info;
                    merged.MayBeNull |= info.MayBeNull;
                    if (merged.Type != info.Type)
                    {
                        merged.Type = SqlValueType.Any;
                    }

                    columns[i].Info = merged;
                }
            }
        }

        return columns;
    }

    private void CheckTermIndex(LiteralExpr literal, int index, int count, string clause)
    {
        string text = _sql.Substring(literal.Start, literal.End - literal.Start);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < 1 || value > count)
        {
            Report(SqlProblemKind.InvalidUse, literal, Ordinal(index + 1) + " " + clause + " term out of range - should be between 1 and " + count.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void BindOrderBy(IReadOnlyList<SqlOrderTerm> terms, Scope scope, List<ResultColumn> columns)
    {
        bool aggregate = scope.Core.HasAggregate || scope.Core.HasGroupBy;
        var context = new ExprContext { Scope = scope, AliasesVisible = true, AggregatesAllowed = aggregate, WindowsAllowed = true };
        for (int i = 0; i < terms.Count; i++)
        {
            SqlExpr term = SkipCollate(terms[i].Expr);
            if (Unwrap(term) is LiteralExpr { Type: SqlValueType.Integer } literal)
            {
                CheckTermIndex(literal, i, columns.Count, "ORDER BY");
                continue;
            }

            if (term is ColumnExpr { Table: null } name && FindAlias(columns, name.Column.Text) is not null)
            {
                continue;
            }

            BindScalar(terms[i].Expr, context);
        }
    }

    private void BindCompoundOrderBy(IReadOnlyList<SqlOrderTerm> terms, List<(List<ResultColumn> Columns, Scope Scope)> arms, List<ResultColumn> columns)
    {
        for (int i = 0; i < terms.Count; i++)
        {
            SqlExpr term = SkipCollate(terms[i].Expr);
            if (Unwrap(term) is LiteralExpr { Type: SqlValueType.Integer } literal)
            {
                CheckTermIndex(literal, i, columns.Count, "ORDER BY");
                continue;
            }

            if (term is ColumnExpr { Table: null } name && FindAlias(columns, name.Column.Text) is not null)
            {
                continue;
            }

            bool matched = false;
            foreach ((List<ResultColumn> armColumns, Scope armScope) in arms)
            {
                if (MatchesResult(term, armColumns, armScope))
                {
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                Report(SqlProblemKind.InvalidUse, terms[i].Expr, Ordinal(i + 1) + " ORDER BY term does not match any column in the result set");
            }
        }
    }

    private bool MatchesResult(SqlExpr term, List<ResultColumn> columns, Scope scope)
    {
        if (term is ColumnExpr reference)
        {
            int saved = _problems.Count;
            Column? column = Resolve(reference, ExprContext.Plain(scope), quiet: true);
            _problems.RemoveRange(saved, _problems.Count - saved);
            if (column is null)
            {
                return false;
            }

            foreach (ResultColumn result in columns)
            {
                if (ReferenceEquals(result.Info.Column, column))
                {
                    return true;
                }
            }

            return false;
        }

        string normalized = Normalize(term);
        foreach (ResultColumn result in columns)
        {
            if (result.Expr is not null && Normalize(result.Expr) == normalized)
            {
                return true;
            }
        }

        return false;
    }

    private string Normalize(SqlExpr expr)
    {
        var builder = new System.Text.StringBuilder();
        for (int i = expr.Start; i < expr.End; i++)
        {
            char c = _sql[i];
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static ResultColumn? FindAlias(List<ResultColumn>? columns, string name)
    {
        if (columns is null)
        {
            return null;
        }

        foreach (ResultColumn column in columns)
        {
            if (column.HasAlias && NamesEqual(column.Name, name))
            {
                return column;
            }
        }

        return null;
    }

    private static SqlExpr SkipCollate(SqlExpr expr)
    {
        while (true)
        {
            switch (expr)
            {
                case CollateExpr collate:
                    expr = collate.Operand;
                    continue;
                case ParenExpr paren:
                    expr = paren.Inner;
                    continue;
                default:
                    return expr;
            }
        }
    }

    private static SqlExpr Unwrap(SqlExpr expr)
    {
        while (expr is ParenExpr paren)
        {
            expr = paren.Inner;
        }

        return expr;
    }

    // ---------------- WITH ----------------

    private CteScope BindWith(SqlWith with, Scope? outer, CteScope? parent)
    {
        var scope = new CteScope(parent);
        foreach (SqlCte cte in with.Ctes)
        {
            var definition = new CteDefinition(cte);
            scope.Definitions.Add(definition);
            definition.InBody = true;
            SelectResult result = BindSelect(cte.Select, outer, scope, first => definition.Columns = SourceColumns(first, cte));
            definition.InBody = false;
            definition.Columns = SourceColumns(result.Columns, cte);
        }

        return scope;
    }

    /// <summary>The columns a subquery, CTE or view exposes: SQLite's sqlite3ColumnsFromExprList, duplicates renamed.</summary>
    private List<Column> SourceColumns(List<ResultColumn> results, SqlCte? cte)
    {
        var columns = new List<Column>(results.Count);
        if (cte?.Columns is { } names)
        {
            if (names.Count != results.Count)
            {
                Report(SqlProblemKind.InvalidUse, cte.Name, "table " + cte.Name.Text + " has " + results.Count.ToString(CultureInfo.InvariantCulture)
                    + " values for " + names.Count.ToString(CultureInfo.InvariantCulture) + " columns");
            }

            for (int i = 0; i < names.Count; i++)
            {
                Info info = i < results.Count ? results[i].Info : Info.Of(SqlValueType.Any, true);
                info.Column = null;
                info.ColumnUnderCollate = null;
                info.Bare = false;
                columns.Add(new Column(names[i].Text, info, hidden: false));
            }

            return columns;
        }

        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (ResultColumn result in results)
        {
            string name = result.SubqueryName;
            if (NamesEqual(name, "true") || NamesEqual(name, "false"))
            {
                name = "column" + (columns.Count + 1).ToString(CultureInfo.InvariantCulture);
            }

            if (used.Contains(name))
            {
                int length = name.Length;
                int j = length - 1;
                while (j > 0 && name[j] >= '0' && name[j] <= '9')
                {
                    j--;
                }

                string stem = name[j] == ':' ? name.Substring(0, j) : name;
                int count = 0;
                do
                {
                    name = stem + ":" + (++count).ToString(CultureInfo.InvariantCulture);
                }
                while (used.Contains(name));
            }

            used.Add(name);
            Info info = result.Info;
            info.Column = null;
            info.ColumnUnderCollate = null;
            info.Bare = false;
            columns.Add(new Column(name, info, hidden: false));
        }

        return columns;
    }

    // ---------------- FROM ----------------

    private void BindFrom(SqlFrom from, Scope scope)
    {
        switch (from)
        {
            case SqlTableRef table:
                scope.Sources.Add(BindTableSource(table, scope));
                break;
            case SqlSubqueryFrom subquery:
            {
                SelectResult result = BindSelect(subquery.Select, scope.Parent, scope.Ctes, null);
                scope.Sources.Add(new Source(subquery.Alias?.Text, SourceColumns(result.Columns, null), poisoned: false));
                break;
            }

            case SqlJoin join:
            {
                BindFrom(join.Left, scope);
                int leftCount = scope.Sources.Count;
                BindFrom(join.Right, scope);
                if (join.Kind is SqlJoinKind.Left or SqlJoinKind.Full)
                {
                    for (int i = leftCount; i < scope.Sources.Count; i++)
                    {
                        scope.Sources[i].Nullable = true;
                    }
                }

                if (join.Kind is SqlJoinKind.Right or SqlJoinKind.Full)
                {
                    for (int i = 0; i < leftCount; i++)
                    {
                        scope.Sources[i].Nullable = true;
                    }
                }

                if (join.Natural || join.Using is not null)
                {
                    BindUsing(join, scope, leftCount);
                }

                if (join.On is not null)
                {
                    BindScalar(join.On, ExprContext.Plain(scope));
                }

                break;
            }
        }
    }

    private void BindUsing(SqlJoin join, Scope scope, int leftCount)
    {
        Source right = scope.Sources[scope.Sources.Count - 1];
        if (right.Poisoned)
        {
            return;
        }

        right.Merged ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (join.Using is { } names)
        {
            foreach (SqlName name in names)
            {
                bool inLeft = false;
                bool poisoned = false;
                for (int i = 0; i < leftCount; i++)
                {
                    poisoned |= scope.Sources[i].Poisoned;
                    if (scope.Sources[i].Find(name.Text) is { Hidden: false })
                    {
                        inLeft = true;
                    }
                }

                if ((!inLeft && !poisoned) || right.Find(name.Text) is not { Hidden: false })
                {
                    Report(SqlProblemKind.UnknownColumn, name, "cannot join using column " + name.Text + " - column not present in both tables");
                    continue;
                }

                right.Merged.Add(name.Text);
            }

            return;
        }

        foreach (Column column in right.Columns)
        {
            if (column.Hidden)
            {
                continue;
            }

            for (int i = 0; i < leftCount; i++)
            {
                if (scope.Sources[i].Find(column.Name) is { Hidden: false })
                {
                    right.Merged.Add(column.Name);
                    break;
                }
            }
        }
    }

    private Source BindTableSource(SqlTableRef table, Scope scope)
    {
        string qualifier = table.Alias?.Text ?? table.Name.Text;
        if (table.FunctionArgs is { } args)
        {
            foreach (SqlExpr arg in args)
            {
                BindScalar(arg, ExprContext.Plain(scope));
            }

            if (NamesEqual(table.Name.Text, "json_each") || NamesEqual(table.Name.Text, "json_tree"))
            {
                NotePostgres(table.Name.Start, table.Name.Length,
                    "'" + table.Name.Text + "' is SQLite's table function: PostgreSQL's are json_array_elements() and json_each() of json values, with other columns; "
                    + "pass a list of values with IN (...) instead, which both databases have");
                if (args.Count is < 1 or > 2)
                {
                    Report(SqlProblemKind.WrongArgumentCount, table.Name, "table function '" + table.Name.Text + "' takes 1 or 2 arguments, not " + args.Count.ToString(CultureInfo.InvariantCulture));
                }

                return new Source(qualifier, JsonEachColumns(), poisoned: false);
            }

            Report(SqlProblemKind.UnknownFunction, table.Name, "no table-valued function named '" + table.Name.Text + "'");
            return new Source(qualifier, new List<Column>(), poisoned: true);
        }

        if (table.Schema is { } schema && !NamesEqual(schema.Text, "main"))
        {
            Report(SqlProblemKind.UnknownTable, schema, "unknown database '" + schema.Text + "': the checker knows only 'main'");
            return new Source(qualifier, new List<Column>(), poisoned: true);
        }

        if (table.Schema is null && scope.Ctes?.Find(table.Name.Text) is { } cte)
        {
            if (cte.Columns is null)
            {
                Report(SqlProblemKind.InvalidUse, table.Name, "circular reference: " + table.Name.Text);
                return new Source(qualifier, new List<Column>(), poisoned: true);
            }

            if (cte.InBody && ++cte.RecursiveReferences > 1)
            {
                Report(SqlProblemKind.InvalidUse, table.Name, "multiple references to recursive table: " + table.Name.Text);
            }

            return new Source(qualifier, cte.Columns, poisoned: false);
        }

        SqlTable? found = _catalog.Find(table.Name.Text);
        if (found is null)
        {
            ReportUnknownTable(table.Name, scope);
            return new Source(qualifier, new List<Column>(), poisoned: true);
        }

        return new Source(qualifier, ColumnsOf(found), poisoned: false);
    }

    private void ReportUnknownTable(SqlName name, Scope? scope)
    {
        if (name.Text.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
        {
            Report(SqlProblemKind.Unsupported, name, "the schema table '" + name.Text + "' is not understood by the checker");
            return;
        }

        var candidates = new List<string>();
        foreach (SqlTable table in _catalog.Tables)
        {
            candidates.Add(table.Name);
        }

        for (CteScope? ctes = scope?.Ctes; ctes is not null; ctes = ctes.Parent)
        {
            foreach (CteDefinition definition in ctes.Definitions)
            {
                candidates.Add(definition.Syntax.Name.Text);
            }
        }

        Report(SqlProblemKind.UnknownTable, name, "no table named '" + name.Text + "'" + DidYouMean(Suggest(name.Text, candidates)));
    }

    private static List<Column> JsonEachColumns()
    {
        var columns = new List<Column>();
        void Add(string name, SqlValueType type, bool nullable, bool hidden = false) =>
            columns.Add(new Column(name, Info.Of(type, nullable), hidden));
        Add("key", SqlValueType.Any, true);
        Add("value", SqlValueType.Any, true);
        Add("type", SqlValueType.Text, false);
        Add("atom", SqlValueType.Any, true);
        Add("id", SqlValueType.Integer, false);
        Add("parent", SqlValueType.Integer, true);
        Add("fullkey", SqlValueType.Text, false);
        Add("path", SqlValueType.Text, false);
        Add("json", SqlValueType.Text, false, hidden: true);
        Add("root", SqlValueType.Text, false, hidden: true);
        return columns;
    }
}
