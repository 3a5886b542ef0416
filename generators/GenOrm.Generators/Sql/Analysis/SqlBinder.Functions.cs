using System.Collections.Generic;
using System.Globalization;

namespace GenOrm.Generators.Sql.Analysis;

internal sealed partial class SqlBinder
{
    private Info BindFunction(FunctionExpr function, ExprContext context)
    {
        string name = function.Name.Text;
        int count = function.Args.Count;
        SqlFunction[]? overloads = SqlFunctions.Find(name);
        if (overloads is null)
        {
            BindArguments(function, context, inAggregate: context.InAggregate);
            var names = new List<string>();
            foreach (string known in KnownFunctionNames)
            {
                names.Add(known);
            }

            Report(SqlProblemKind.UnknownFunction, function.Name, "no function named '" + name + "'" + DidYouMean(Suggest(name, names)));
            return Info.Of(SqlValueType.Any, true);
        }

        SqlFunction? chosen = null;
        foreach (SqlFunction candidate in overloads)
        {
            if (candidate.Accepts(count))
            {
                chosen = candidate;
                break;
            }
        }

        if (chosen is null)
        {
            BindArguments(function, context, inAggregate: context.InAggregate);
            Report(SqlProblemKind.WrongArgumentCount, function.Name, "function '" + name + "' takes " + Arity(overloads) + ", not " + count.ToString(CultureInfo.InvariantCulture));
            return Info.Of(SqlValueType.Any, true);
        }

        bool isAggregate = chosen.Kind == SqlFunctionKind.Aggregate;
        if (function.Over is not null)
        {
            if (chosen.Kind == SqlFunctionKind.Scalar)
            {
                Report(SqlProblemKind.InvalidUse, function.Name, name + "() may not be used as a window function");
            }
            else if (!context.WindowsAllowed)
            {
                Report(SqlProblemKind.InvalidUse, function.Name, "misuse of window function " + name + "()");
            }

            BindWindow(function.Over, new ExprContext { Scope = context.Scope, AggregatesAllowed = context.AggregatesAllowed });
        }
        else if (chosen.Kind == SqlFunctionKind.Window)
        {
            Report(SqlProblemKind.InvalidUse, function.Name, "misuse of window function " + name + "(): it needs an OVER clause");
        }


        if (function.Distinct && isAggregate && count != 1)
        {
            Report(SqlProblemKind.InvalidUse, function.Name, "DISTINCT aggregates must have exactly one argument");
        }

        if (function.Filter is not null && !isAggregate)
        {
            Report(SqlProblemKind.InvalidUse, function.Name, "FILTER may not be used with non-aggregate " + name + "()");
        }

        if (function.OrderBy is not null && !isAggregate)
        {
            Report(SqlProblemKind.InvalidUse, function.Name, "ORDER BY may not be used with non-aggregate " + name + "()");
        }

        if (NamesEqual(name, "likelihood") && count == 2 && !IsProbabilityLiteral(function.Args[1]))
        {
            Report(SqlProblemKind.InvalidUse, function.Args[1], "second argument to likelihood() must be a constant between 0.0 and 1.0");
        }

        bool plainAggregate = isAggregate && function.Over is null;
        List<Scope>? outerTracker = _referencedScopes;
        if (plainAggregate)
        {
            _referencedScopes = new List<Scope>();
        }

        List<Info> args = BindArguments(function, context, inAggregate: context.InAggregate || plainAggregate);
        NotePostgresFunction(function, chosen, args);
        Scope home = context.Scope;
        if (plainAggregate)
        {
            List<Scope> referenced = _referencedScopes!;
            _referencedScopes = outerTracker;
            outerTracker?.AddRange(referenced);
            home = HomeOf(context.Scope, referenced);
            bool allowed = ReferenceEquals(home, context.Scope) ? context.AggregatesAllowed && !context.InAggregate : home.ClauseAllowsAggregates;
            if (!allowed)
            {
                Report(SqlProblemKind.InvalidUse, function.Name, "misuse of aggregate function " + name + "()");
            }
            else
            {
                home.Core.HasAggregate = true;
            }
        }
        SqlValueType type = chosen.ResultRule switch
        {
            SqlResultRule.FirstArgument => args.Count > 0 ? Numeric(name, args[0].Type) : SqlValueType.Any,
            SqlResultRule.Common => CommonType(args, 0),
            SqlResultRule.Branches => CommonType(args, 1),
            _ => chosen.Type,
        };

        bool anyNullable = false;
        bool allNullable = args.Count > 0;
        bool bare = false;
        foreach (Info arg in args)
        {
            anyNullable |= arg.MayBeNull;
            allNullable &= arg.MayBeNull;
            bare |= arg.Bare;
        }

        bool nullable = chosen.NullRule switch
        {
            SqlNullRule.Never => false,
            SqlNullRule.Always => true,
            SqlNullRule.AnyArgument => anyNullable,
            SqlNullRule.FirstArgument => args.Count == 0 || args[0].MayBeNull,
            SqlNullRule.AllArguments => allNullable,
            SqlNullRule.Branches => BranchesNullable(args),
            SqlNullRule.Aggregate => function.Over is not null
                ? anyNullable || function.Over.FrameBounds.Count > 0 || function.Filter is not null
                : anyNullable || !home.Core.HasGroupBy || function.Filter is not null,
            _ => true,
        };

        Info info = Info.Of(type, nullable);
        info.Bare = (isAggregate || function.Over is not null) ? false : bare;
        return info;
    }

    /// <summary>
    /// The query an aggregate belongs to: its own, unless its arguments refer only to columns of enclosing queries;
    /// then the nearest of those (SQLite evaluates <c>max(t.x)</c> in the query that owns <c>t</c>).
    /// </summary>
    private static Scope HomeOf(Scope current, List<Scope> referenced)
    {
        if (referenced.Count == 0)
        {
            return current;
        }

        foreach (Scope scope in referenced)
        {
            if (ReferenceEquals(scope, current))
            {
                return current;
            }
        }

        for (Scope? scope = current.Parent; scope is not null; scope = scope.Parent)
        {
            foreach (Scope candidate in referenced)
            {
                if (ReferenceEquals(candidate, scope))
                {
                    return scope;
                }
            }
        }

        return current;
    }

    // SQLite takes only a floating-point literal (not an integer, not an expression) as likelihood()'s probability.
    private bool IsProbabilityLiteral(SqlExpr expr) =>
        Unwrap(expr) is LiteralExpr { Type: SqlValueType.Real } literal
        && double.TryParse(_sql.Substring(literal.Start, literal.End - literal.Start).Replace("_", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture, out double p)
        && p >= 0.0 && p <= 1.0;

    private static SqlValueType Numeric(string name, SqlValueType type)
    {
        if (NamesEqual(name, "sum") || NamesEqual(name, "abs"))
        {
            return type is SqlValueType.Integer or SqlValueType.Real ? type : SqlValueType.Numeric;
        }

        return type;
    }

    private static bool BranchesNullable(List<Info> args)
    {
        // iif(c, a) / if(c1, v1, c2, v2, ...): NULL without an else branch, or when a value can be NULL.
        if (args.Count % 2 == 0)
        {
            return true;
        }

        for (int i = 1; i < args.Count; i += 2)
        {
            if (args[i].MayBeNull)
            {
                return true;
            }
        }

        return args[args.Count - 1].MayBeNull;
    }

    private static SqlValueType CommonType(List<Info> args, int from)
    {
        SqlValueType? type = null;
        for (int i = from; i < args.Count; i++)
        {
            type = Merge(type, args[i].Type);
        }

        return type ?? SqlValueType.Any;
    }

    private List<Info> BindArguments(FunctionExpr function, ExprContext context, bool inAggregate)
    {
        var inner = new ExprContext
        {
            Scope = context.Scope,
            AggregatesAllowed = context.AggregatesAllowed,
            InAggregate = inAggregate,
            AliasesVisible = context.AliasesVisible,
        };
        var args = new List<Info>(function.Args.Count);
        foreach (SqlExpr arg in function.Args)
        {
            args.Add(BindScalar(arg, inner));
        }

        if (function.Filter is not null)
        {
            BindScalar(function.Filter, new ExprContext { Scope = context.Scope, AliasesVisible = context.AliasesVisible });
        }

        if (function.OrderBy is not null)
        {
            foreach (SqlOrderTerm term in function.OrderBy)
            {
                BindScalar(term.Expr, inner);
            }
        }

        return args;
    }

    private void BindWindow(SqlWindow window, ExprContext context)
    {
        if (window.BaseName is { } baseName)
        {
            SqlNamedWindow? found = null;
            if (context.Scope.Core.Windows is { } windows)
            {
                foreach (SqlNamedWindow named in windows)
                {
                    if (NamesEqual(named.Name.Text, baseName.Text))
                    {
                        found = named;
                        break;
                    }
                }
            }

            if (found is null)
            {
                Report(SqlProblemKind.InvalidUse, baseName, "no such window: " + baseName.Text);
            }
            else if (!window.IsReference && window.PartitionBy is not null)
            {
                Report(SqlProblemKind.InvalidUse, baseName, "cannot override PARTITION clause of window: " + baseName.Text);
            }
            else if (!window.IsReference && window.OrderBy is not null && found.Window.OrderBy is not null)
            {
                Report(SqlProblemKind.InvalidUse, baseName, "cannot override ORDER BY clause of window: " + baseName.Text);
            }
        }

        if (window.RangeWithOffset is { } range && (window.OrderBy?.Count ?? 0) != 1)
        {
            Report(SqlProblemKind.InvalidUse, range, "RANGE with offset PRECEDING/FOLLOWING requires one ORDER BY expression");
        }

        var inner = new ExprContext { Scope = context.Scope, AggregatesAllowed = context.AggregatesAllowed, AliasesVisible = false };
        if (window.PartitionBy is not null)
        {
            foreach (SqlExpr expr in window.PartitionBy)
            {
                BindScalar(expr, inner);
            }
        }

        if (window.OrderBy is not null)
        {
            foreach (SqlOrderTerm term in window.OrderBy)
            {
                BindScalar(term.Expr, inner);
            }
        }

        foreach (SqlExpr bound in window.FrameBounds)
        {
            BindScalar(bound, inner);
        }
    }

    private static string Arity(SqlFunction[] overloads)
    {
        int min = int.MaxValue;
        int max = 0;
        foreach (SqlFunction function in overloads)
        {
            min = System.Math.Min(min, function.MinArgs);
            max = function.MaxArgs < 0 || max < 0 ? -1 : System.Math.Max(max, function.MaxArgs);
        }

        string Count(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " argument" : " arguments");
        if (max < 0)
        {
            return "at least " + Count(min);
        }

        if (min == max)
        {
            return Count(min);
        }

        return max == min + 1
            ? min.ToString(CultureInfo.InvariantCulture) + " or " + Count(max)
            : min.ToString(CultureInfo.InvariantCulture) + " to " + Count(max);
    }

    private static readonly string[] KnownFunctionNames =
    {
        "abs", "avg", "char", "coalesce", "concat", "concat_ws", "count", "cume_dist", "date", "datetime", "dense_rank",
        "first_value", "format", "glob", "group_concat", "hex", "ifnull", "iif", "instr", "json", "json_array",
        "json_extract", "json_group_array", "json_object", "julianday", "lag", "last_value", "lead", "length", "like",
        "lower", "ltrim", "max", "min", "nth_value", "ntile", "nullif", "percent_rank", "printf", "quote", "random",
        "rank", "replace", "round", "row_number", "rtrim", "sign", "strftime", "substr", "substring", "sum", "time",
        "total", "trim", "typeof", "unixepoch", "upper",
    };
}
