using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>
/// Resolves a parsed statement against a <see cref="SqlCatalog"/>: names in scopes, <c>*</c> expansion, result-column
/// names as SQLite gives them, types and nullability, parameter uses, and the problems SQLite's prepare would report.
/// </summary>
internal sealed partial class SqlBinder
{
    private readonly string _sql;
    private readonly SqlCatalog _catalog;
    private readonly List<SqlProblem> _problems = new();
    private readonly List<ParameterState> _parameters = new();

    // While an aggregate's arguments are bound: the scopes their column references resolved in.
    private List<Scope>? _referencedScopes;

    private SqlBinder(string sql, SqlCatalog catalog)
    {
        _sql = sql;
        _catalog = catalog;
    }

    public static SqlAnalysis Bind(string sql, SqlCatalog catalog, SqlStatement statement)
    {
        var binder = new SqlBinder(sql, catalog);
        SqlStatementKind kind;
        List<ResultColumn>? columns;
        switch (statement)
        {
            case SqlSelectStatement select:
                kind = SqlStatementKind.Select;
                columns = binder.BindSelect(select.Select, null, null, null).Columns;
                break;
            case SqlInsert insert:
                kind = SqlStatementKind.Insert;
                columns = binder.BindInsert(insert);
                break;
            case SqlUpdate update:
                kind = SqlStatementKind.Update;
                columns = binder.BindUpdate(update);
                break;
            case SqlDelete delete:
                kind = SqlStatementKind.Delete;
                columns = binder.BindDelete(delete);
                break;
            default:
                kind = SqlStatementKind.Other;
                columns = null;
                break;
        }

        var results = new List<SqlResultColumn>(columns?.Count ?? 0);
        if (columns is not null)
        {
            foreach (ResultColumn column in columns)
            {
                results.Add(new SqlResultColumn(column.Name, column.Info.Type, column.Info.MayBeNull, column.Info.Origin, column.Start, column.Length));
            }
        }

        var parameters = new List<SqlParameterUse>(binder._parameters.Count);
        foreach (ParameterState p in binder._parameters)
        {
            parameters.Add(new SqlParameterUse(p.Name, p.Prefix, p.Occurrences.ToEquatableArray(), p.Meets, p.Expected));
        }

        if (statement is SqlInsert)
        {
            binder.NotePostgresConflictClause();
        }

        return new SqlAnalysis(kind, results.ToEquatableArray(), parameters.ToEquatableArray(), binder._problems.ToEquatableArray())
        {
            PostgresDifferences = binder._postgres.ToEquatableArray(),
        };
    }

    // ---------------- Model ----------------

    /// <summary>What the binder knows about an expression's value.</summary>
    private struct Info
    {
        public SqlValueType Type;
        public bool MayBeNull;

        /// <summary>The model column when the value is a bare column reference (SQLite's TK_COLUMN).</summary>
        public SqlColumnOrigin? Origin;

        /// <summary>The model column a parameter compared with this value meets (kept through COLLATE).</summary>
        public SqlColumnOrigin? Meets;

        /// <summary>The source column when the expression is a bare column reference, for naming.</summary>
        public Column? Column;

        /// <summary>The source column under COLLATE, which names a subquery's column.</summary>
        public Column? ColumnUnderCollate;

        /// <summary>Whether a column is referenced outside any aggregate.</summary>
        public bool Bare;

        /// <summary>The number of values: 1, or a row value's size.</summary>
        public int Width;

        public static Info Of(SqlValueType type, bool mayBeNull) => new() { Type = type, MayBeNull = mayBeNull, Width = 1 };
    }

    private sealed class Column
    {
        public Column(string name, Info info, bool hidden, string? resultName = null)
        {
            Name = name;
            Info = info;
            Hidden = hidden;
            ResultName = resultName ?? name;
        }

        public string Name { get; }

        /// <summary>Gets the name a bare reference gives a result column (a rowid alias's column name).</summary>
        public string ResultName { get; }

        public Info Info { get; }

        /// <summary>Gets whether <c>*</c> leaves it out (rowid, json_each's hidden columns).</summary>
        public bool Hidden { get; }
    }

    private sealed class Source
    {
        public Source(string? qualifier, List<Column> columns, bool poisoned)
        {
            Qualifier = qualifier;
            Columns = columns;
            Poisoned = poisoned;
        }

        public string? Qualifier { get; }

        public List<Column> Columns { get; }

        /// <summary>Gets whether the source is unknown (already reported): names against it are not reported again.</summary>
        public bool Poisoned { get; }

        /// <summary>Gets or sets whether only qualified names reach the source (upsert's <c>excluded</c>).</summary>
        public bool QualifiedOnly { get; set; }

        /// <summary>Gets or sets whether the source is on the outer side of a join: its values can be NULL.</summary>
        public bool Nullable { get; set; }

        /// <summary>Gets the columns merged into the left side by USING or NATURAL: unqualified names and * skip them.</summary>
        public HashSet<string>? Merged { get; set; }

        public Column? Find(string name)
        {
            Column? hidden = null;
            foreach (Column column in Columns)
            {
                if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    if (!column.Hidden)
                    {
                        return column;
                    }

                    hidden ??= column;
                }
            }

            return hidden;
        }
    }

    private sealed class CteDefinition
    {
        public CteDefinition(SqlCte syntax) => Syntax = syntax;

        public SqlCte Syntax { get; }

        /// <summary>Gets or sets how many times the recursive arms refer to the CTE itself.</summary>
        public int RecursiveReferences { get; set; }

        /// <summary>Gets or sets whether the CTE's own body is being bound.</summary>
        public bool InBody { get; set; }

        /// <summary>Gets or sets the columns; null while the first arm is bound (a reference then is circular).</summary>
        public List<Column>? Columns { get; set; }
    }

    private sealed class CteScope
    {
        public CteScope(CteScope? parent) => Parent = parent;

        public CteScope? Parent { get; }

        public List<CteDefinition> Definitions { get; } = new();

        public CteDefinition? Find(string name)
        {
            for (CteScope? scope = this; scope is not null; scope = scope.Parent)
            {
                for (int i = scope.Definitions.Count - 1; i >= 0; i--)
                {
                    if (string.Equals(scope.Definitions[i].Syntax.Name.Text, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return scope.Definitions[i];
                    }
                }
            }

            return null;
        }
    }

    private sealed class CoreContext
    {
        public bool HasGroupBy { get; set; }

        public bool HasAggregate { get; set; }

        public IReadOnlyList<SqlNamedWindow>? Windows { get; set; }
    }

    private sealed class Scope
    {
        public Scope(Scope? parent, CteScope? ctes)
        {
            Parent = parent;
            Ctes = ctes;
        }

        public Scope? Parent { get; }

        public CteScope? Ctes { get; }

        public List<Source> Sources { get; } = new();

        /// <summary>Gets or sets the result columns whose aliases WHERE, GROUP BY, HAVING and ORDER BY may use.</summary>
        public List<ResultColumn>? Aliases { get; set; }

        public CoreContext Core { get; } = new();

        /// <summary>Gets or sets whether the clause being bound in this scope may hold an aggregate (for outer aggregates).</summary>
        public bool ClauseAllowsAggregates { get; set; }
    }

    private sealed class ResultColumn
    {
        public ResultColumn(string name, Info info, int start, int length, SqlExpr? expr, bool hasAlias, string subqueryName)
        {
            Name = name;
            Info = info;
            Start = start;
            Length = length;
            Expr = expr;
            HasAlias = hasAlias;
            SubqueryName = subqueryName;
        }

        public string Name { get; }

        public Info Info { get; set; }

        public int Start { get; }

        public int Length { get; }

        public SqlExpr? Expr { get; }

        public bool HasAlias { get; }

        /// <summary>Gets or sets whether the expression holds an aggregate: its alias is then misused in WHERE.</summary>
        public bool ContainsAggregate { get; set; }

        /// <summary>Gets the name the column has as a subquery's, CTE's or view's column (COLLATE skipped).</summary>
        public string SubqueryName { get; }
    }

    private sealed class SelectResult
    {
        public SelectResult(List<ResultColumn> columns) => Columns = columns;

        public List<ResultColumn> Columns { get; }
    }

    private struct ExprContext
    {
        public Scope Scope;
        public bool AggregatesAllowed;
        public bool WindowsAllowed;
        public bool InAggregate;
        public bool AliasesVisible;

        public static ExprContext Plain(Scope scope) => new() { Scope = scope };
    }

    private sealed class ParameterState
    {
        public ParameterState(string text)
        {
            Text = text;
            Prefix = text[0];
            Name = text.Substring(1);
        }

        public string Text { get; }

        public string Name { get; }

        public char Prefix { get; }

        public List<SqlSpan> Occurrences { get; } = new();

        public SqlColumnOrigin? Meets { get; set; }

        public SqlValueType Expected { get; set; } = SqlValueType.Any;
    }

    // ---------------- Problems ----------------

    private void Report(SqlProblemKind kind, int start, int length, string message) =>
        _problems.Add(new SqlProblem(kind, start, length, message));

    private void Report(SqlProblemKind kind, SqlName name, string message) => Report(kind, name.Start, name.Length, message);

    private void Report(SqlProblemKind kind, SqlExpr expr, string message) => Report(kind, expr.Start, expr.End - expr.Start, message);

    private static string Ordinal(int n)
    {
        string suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    private static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string candidate in candidates)
        {
            int distance = EditDistance(name, candidate, bestDistance);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : " (did you mean '" + suggestion + "'?)";

    /// <summary>The Levenshtein distance ignoring ASCII case, or <paramref name="limit"/> when it is at least that.</summary>
    private static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit)
        {
            return limit;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = i;
            char ca = char.ToLowerInvariant(a[i - 1]);
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = ca == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin >= limit)
            {
                return limit;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], limit);
    }

    private static bool NamesEqual(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static SqlValueType StorageOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Single or ColumnKind.Double => SqlValueType.Real,
        ColumnKind.Decimal or ColumnKind.String or ColumnKind.DateTime or ColumnKind.DateTimeOffset
            or ColumnKind.DateOnly or ColumnKind.TimeOnly or ColumnKind.Guid => SqlValueType.Text,
        ColumnKind.Bytes => SqlValueType.Blob,
        _ => SqlValueType.Integer,
    };

    private static readonly string[] RowidNames = { "rowid", "oid", "_rowid_" };

    private static SqlColumnOrigin OriginOf(SqlTable table, SqlColumn column) => new(table.Name, column.Name, column.Kind, column.TypeName);

    private static List<Column> ColumnsOf(SqlTable table)
    {
        var columns = new List<Column>(table.Columns.Count + 1);
        foreach (SqlColumn column in table.Columns)
        {
            SqlColumnOrigin origin = OriginOf(table, column);
            columns.Add(new Column(column.Name, new Info
            {
                Type = StorageOf(column.Kind),
                MayBeNull = column.IsNullable,
                Origin = origin,
                Meets = origin,
                Width = 1,
            }, hidden: false));
        }

        SqlColumn? alias = table.RowidAlias;
        foreach (string rowid in RowidNames)
        {
            if (table.FindColumn(rowid) is not null)
            {
                continue;
            }

            if (alias is not null)
            {
                // SQLite names and types a rowid reference after the INTEGER PRIMARY KEY that aliases it.
                foreach (Column column in columns)
                {
                    if (NamesEqual(column.Name, alias.Name))
                    {
                        columns.Add(new Column(rowid, column.Info, hidden: true, resultName: column.Name));
                        break;
                    }
                }
            }
            else
            {
                columns.Add(new Column(rowid, Info.Of(SqlValueType.Integer, false), hidden: true, resultName: "rowid"));
            }
        }

        return columns;
    }
}
