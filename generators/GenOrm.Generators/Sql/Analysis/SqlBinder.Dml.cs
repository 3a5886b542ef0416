using System.Collections.Generic;
using System.Globalization;

namespace GenOrm.Generators.Sql.Analysis;

internal sealed partial class SqlBinder
{
    private (SqlTable? Table, Source Source) BindTarget(SqlTableRef target, CteScope? ctes)
    {
        string qualifier = target.Alias?.Text ?? target.Name.Text;
        if (target.Schema is { } schema && !NamesEqual(schema.Text, "main"))
        {
            Report(SqlProblemKind.UnknownTable, schema, "unknown database '" + schema.Text + "': the checker knows only 'main'");
            return (null, new Source(qualifier, new List<Column>(), poisoned: true));
        }

        SqlTable? table = _catalog.Find(target.Name.Text);
        if (table is null)
        {
            ReportUnknownTable(target.Name, null);
            return (null, new Source(qualifier, new List<Column>(), poisoned: true));
        }

        return (table, new Source(qualifier, ColumnsOf(table), poisoned: false));
    }

    private SqlColumn? WriteColumn(SqlTable? table, SqlName name)
    {
        if (table is null)
        {
            return null;
        }

        SqlColumn? column = table.FindColumn(name.Text);
        if (column is null)
        {
            var names = new List<string>();
            foreach (SqlColumn c in table.Columns)
            {
                names.Add(c.Name);
            }

            Report(SqlProblemKind.WriteToUnknownColumn, name, "table '" + table.Name + "' has no column named '" + name.Text + "'" + DidYouMean(Suggest(name.Text, names)));
        }

        return column;
    }

    private List<ResultColumn>? BindInsert(SqlInsert insert)
    {
        CteScope? ctes = insert.With is null ? null : BindWith(insert.With, null, null);
        (SqlTable? table, Source source) = BindTarget(insert.Table, ctes);
        var targets = new List<SqlColumn?>();
        if (insert.Columns is { } names)
        {
            foreach (SqlName name in names)
            {
                targets.Add(WriteColumn(table, name));
            }
        }
        else if (table is not null)
        {
            foreach (SqlColumn column in table.Columns)
            {
                targets.Add(column);
            }
        }

        if (insert.Source is { } select)
        {
            SelectResult result = BindSelect(select, null, ctes, null);
            if (table is not null && result.Columns.Count != targets.Count && select.Cores.Count >= 1)
            {
                int start = select.Start;
                string message = insert.Columns is null
                    ? "table " + table.Name + " has " + targets.Count.ToString(CultureInfo.InvariantCulture) + " columns but " + result.Columns.Count.ToString(CultureInfo.InvariantCulture) + " values were supplied"
                    : result.Columns.Count.ToString(CultureInfo.InvariantCulture) + " values for " + targets.Count.ToString(CultureInfo.InvariantCulture) + " columns";
                Report(SqlProblemKind.InvalidUse, insert.Table.Name, message);
            }
            else if (table is not null && select.Cores.Count == 1)
            {
                SqlSelectCore core = select.Cores[0];
                if (core.Values is { } rows)
                {
                    foreach (IReadOnlyList<SqlExpr> row in rows)
                    {
                        for (int i = 0; i < row.Count && i < targets.Count; i++)
                        {
                            Meet(row[i], targets[i] is { } column ? OriginOf(table, column) : null);
                        }
                    }
                }
                else
                {
                    for (int i = 0; i < core.Columns.Count && i < targets.Count; i++)
                    {
                        if (core.Columns[i].Expr is { } expr)
                        {
                            Meet(expr, targets[i] is { } column ? OriginOf(table, column) : null);
                        }
                    }
                }
            }
        }

        if (table is not null)
        {
            SqlColumn? rowid = table.RowidAlias;
            foreach (SqlColumn column in table.Columns)
            {
                if (column.IsNullable || column.HasDefault || ReferenceEquals(column, rowid) || Contains(targets, column))
                {
                    continue;
                }

                Report(SqlProblemKind.MissingNotNullColumn, insert.Table.Name, "insert into '" + table.Name + "' omits NOT NULL column '" + column.Name
                    + "', which has no default: add it to the column list");
            }
        }

        foreach (SqlUpsert upsert in insert.Upserts)
        {
            BindUpsert(upsert, table, source, ctes);
        }

        return insert.Returning is null ? null : BindReturning(insert.Returning, insert.Table, source, ctes);
    }

    private static bool Contains(List<SqlColumn?> targets, SqlColumn column)
    {
        foreach (SqlColumn? target in targets)
        {
            if (ReferenceEquals(target, column))
            {
                return true;
            }
        }

        return false;
    }

    private void BindUpsert(SqlUpsert upsert, SqlTable? table, Source target, CteScope? ctes)
    {
        var scope = new Scope(null, ctes);
        scope.Sources.Add(target);
        if (upsert.Target is { } conflict)
        {
            var named = new List<SqlColumn>();
            bool allColumns = true;
            foreach (SqlExpr expr in conflict)
            {
                BindScalar(expr, ExprContext.Plain(scope));
                if (Unwrap(expr) is ColumnExpr { Table: null } reference && table?.FindColumn(reference.Column.Text) is { } column)
                {
                    named.Add(column);
                }
                else
                {
                    allColumns = false;
                }
            }

            if (upsert.TargetWhere is not null)
            {
                BindScalar(upsert.TargetWhere, ExprContext.Plain(scope));
            }

            if (table is not null && !(allColumns && MatchesUniqueConstraint(table, named)))
            {
                Report(SqlProblemKind.InvalidUse, conflict[0].Start, conflict[conflict.Count - 1].End - conflict[0].Start,
                    "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint");
            }
        }

        if (upsert.Set is null)
        {
            return;
        }

        var excluded = new Source("excluded", target.Columns, target.Poisoned) { QualifiedOnly = true };
        scope.Sources.Add(excluded);
        BindSetList(upsert.Set, table, scope);
        if (upsert.Where is not null)
        {
            BindScalar(upsert.Where, ExprContext.Plain(scope));
        }
    }

    private static bool MatchesUniqueConstraint(SqlTable table, List<SqlColumn> named)
    {
        if (named.Count == 1 && (named[0].IsUnique || ReferenceEquals(named[0], table.RowidAlias)))
        {
            return true;
        }

        int keys = 0;
        foreach (SqlColumn column in table.Columns)
        {
            if (column.IsPrimaryKey || column.IsAutoIncrement)
            {
                keys++;
                bool present = false;
                foreach (SqlColumn n in named)
                {
                    present |= ReferenceEquals(n, column);
                }

                if (!present)
                {
                    return false;
                }
            }
        }

        var distinct = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
        foreach (SqlColumn n in named)
        {
            distinct.Add(n.Name);
        }

        return keys > 0 && distinct.Count == keys;
    }

    private void BindSetList(IReadOnlyList<SqlSetClause> set, SqlTable? table, Scope scope)
    {
        foreach (SqlSetClause clause in set)
        {
            var columns = new List<SqlColumn?>();
            foreach (SqlName name in clause.Columns)
            {
                columns.Add(WriteColumn(table, name));
            }

            Info value = Bind(clause.Value, ExprContext.Plain(scope));
            if (clause.Columns.Count == 1)
            {
                CheckScalarWidth(clause.Value, value);
                Meet(clause.Value, columns[0] is { } column && table is not null ? OriginOf(table, column) : null);
            }
            else if (value.Width != clause.Columns.Count)
            {
                Report(SqlProblemKind.InvalidUse, clause.Value, clause.Columns.Count.ToString(CultureInfo.InvariantCulture) + " columns assigned "
                    + value.Width.ToString(CultureInfo.InvariantCulture) + " values");
            }
            else if (Unwrap(clause.Value) is VectorExpr vector && table is not null)
            {
                for (int i = 0; i < vector.Items.Count; i++)
                {
                    Meet(vector.Items[i], columns[i] is { } column ? OriginOf(table, column) : null);
                }
            }
        }
    }

    private List<ResultColumn> BindReturning(IReadOnlyList<SqlResultItem> items, SqlTableRef table, Source target, CteScope? ctes)
    {
        // RETURNING does not see the statement's alias: only the table's own name qualifies its columns there.
        var scope = new Scope(null, ctes);
        scope.Sources.Add(new Source(table.Name.Text, target.Columns, target.Poisoned));
        var columns = new List<ResultColumn>();
        foreach (SqlResultItem item in items)
        {
            BindResultItem(item, scope, columns, aggregatesAllowed: false);
        }

        return columns;
    }

    private List<ResultColumn>? BindUpdate(SqlUpdate update)
    {
        CteScope? ctes = update.With is null ? null : BindWith(update.With, null, null);
        (SqlTable? table, Source source) = BindTarget(update.Table, ctes);
        var scope = new Scope(null, ctes);
        if (update.From is not null)
        {
            // The FROM clause's own ON conditions do not see the target table; SET, WHERE and RETURNING do.
            BindFrom(update.From, scope);
        }

        scope.Sources.Insert(0, source);

        BindSetList(update.Set, table, scope);
        if (update.Where is not null)
        {
            BindScalar(update.Where, ExprContext.Plain(scope));
        }

        return update.Returning is null ? null : BindReturning(update.Returning, update.Table, source, ctes);
    }

    private List<ResultColumn>? BindDelete(SqlDelete delete)
    {
        CteScope? ctes = delete.With is null ? null : BindWith(delete.With, null, null);
        (_, Source source) = BindTarget(delete.Table, ctes);
        var scope = new Scope(null, ctes);
        scope.Sources.Add(source);
        if (delete.Where is not null)
        {
            BindScalar(delete.Where, ExprContext.Plain(scope));
        }

        return delete.Returning is null ? null : BindReturning(delete.Returning, delete.Table, source, ctes);
    }
}
