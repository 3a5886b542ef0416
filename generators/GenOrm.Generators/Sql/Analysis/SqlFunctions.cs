using System;
using System.Collections.Generic;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>What kind of function a name is.</summary>
internal enum SqlFunctionKind
{
    Scalar,
    Aggregate,

    /// <summary>A window-only function (needs OVER).</summary>
    Window,
}

/// <summary>How a function's result type follows from its arguments.</summary>
internal enum SqlResultRule
{
    Fixed,

    /// <summary>The first argument's type.</summary>
    FirstArgument,

    /// <summary>The common type of all arguments (coalesce, ifnull, scalar min/max).</summary>
    Common,

    /// <summary>iif(c, a, b): the common type of the second and later arguments.</summary>
    Branches,
}

/// <summary>When a function's result can be NULL.</summary>
internal enum SqlNullRule
{
    Never,

    /// <summary>Always possible (nullif, date functions on bad input, json_extract...).</summary>
    Always,

    /// <summary>When any argument can be NULL.</summary>
    AnyArgument,

    /// <summary>When the first argument can be NULL.</summary>
    FirstArgument,

    /// <summary>Only when every argument can be NULL (coalesce, ifnull).</summary>
    AllArguments,

    /// <summary>iif: when a branch can be NULL, or there is no else branch.</summary>
    Branches,

    /// <summary>An aggregate: NULL over no rows (no GROUP BY) or when its argument can be NULL.</summary>
    Aggregate,
}

/// <summary>One known function: arity, kind, result type and nullability.</summary>
internal sealed class SqlFunction
{
    public SqlFunction(string name, int minArgs, int maxArgs, SqlFunctionKind kind, SqlResultRule resultRule, SqlValueType type, SqlNullRule nullRule)
    {
        Name = name;
        MinArgs = minArgs;
        MaxArgs = maxArgs;
        Kind = kind;
        ResultRule = resultRule;
        Type = type;
        NullRule = nullRule;
    }

    public string Name { get; }

    public int MinArgs { get; }

    /// <summary>Gets the largest argument count, or -1 for any number.</summary>
    public int MaxArgs { get; }

    public SqlFunctionKind Kind { get; }

    public SqlResultRule ResultRule { get; }

    public SqlValueType Type { get; }

    public SqlNullRule NullRule { get; }

    public bool Accepts(int count) => count >= MinArgs && (MaxArgs < 0 || count <= MaxArgs);
}

/// <summary>The table of SQLite's built-in functions the checker knows (core, date/time, math, JSON, aggregate, window).</summary>
internal static class SqlFunctions
{
    private static readonly Dictionary<string, SqlFunction[]> ByName = Build();

    /// <summary>Gets the overloads of a function (scalar and aggregate <c>min</c>/<c>max</c> share a name), or null.</summary>
    public static SqlFunction[]? Find(string name) => ByName.TryGetValue(name, out SqlFunction[]? found) ? found : null;

    private static Dictionary<string, SqlFunction[]> Build()
    {
        var map = new Dictionary<string, SqlFunction[]>(StringComparer.OrdinalIgnoreCase);
        void Add(string name, int min, int max, SqlFunctionKind kind, SqlResultRule rule, SqlValueType type, SqlNullRule nulls)
        {
            var function = new SqlFunction(name, min, max, kind, rule, type, nulls);
            if (map.TryGetValue(name, out SqlFunction[]? existing))
            {
                var longer = new SqlFunction[existing.Length + 1];
                existing.CopyTo(longer, 0);
                longer[existing.Length] = function;
                map[name] = longer;
            }
            else
            {
                map[name] = new[] { function };
            }
        }

        void Scalar(string name, int min, int max, SqlValueType type, SqlNullRule nulls) =>
            Add(name, min, max, SqlFunctionKind.Scalar, SqlResultRule.Fixed, type, nulls);

        const SqlFunctionKind S = SqlFunctionKind.Scalar;
        const SqlFunctionKind A = SqlFunctionKind.Aggregate;
        const SqlFunctionKind W = SqlFunctionKind.Window;
        const SqlValueType I = SqlValueType.Integer;
        const SqlValueType R = SqlValueType.Real;
        const SqlValueType T = SqlValueType.Text;
        const SqlValueType B = SqlValueType.Blob;
        const SqlValueType X = SqlValueType.Any;

        // Core scalar functions.
        Add("abs", 1, 1, S, SqlResultRule.FirstArgument, X, SqlNullRule.AnyArgument);
        Scalar("changes", 0, 0, I, SqlNullRule.Never);
        Scalar("char", 0, -1, T, SqlNullRule.Never);
        Add("coalesce", 2, -1, S, SqlResultRule.Common, X, SqlNullRule.AllArguments);
        Scalar("concat", 1, -1, T, SqlNullRule.Never);
        Scalar("concat_ws", 2, -1, T, SqlNullRule.FirstArgument);
        Scalar("format", 0, -1, T, SqlNullRule.FirstArgument);
        Scalar("printf", 0, -1, T, SqlNullRule.FirstArgument);
        Scalar("glob", 2, 2, I, SqlNullRule.AnyArgument);
        Scalar("hex", 1, 1, T, SqlNullRule.Never);
        Add("ifnull", 2, 2, S, SqlResultRule.Common, X, SqlNullRule.AllArguments);
        Add("iif", 2, 3, S, SqlResultRule.Branches, X, SqlNullRule.Branches);
        Add("if", 2, -1, S, SqlResultRule.Branches, X, SqlNullRule.Branches);
        Scalar("instr", 2, 2, I, SqlNullRule.AnyArgument);
        Scalar("last_insert_rowid", 0, 0, I, SqlNullRule.Never);
        Scalar("length", 1, 1, I, SqlNullRule.AnyArgument);
        Scalar("like", 2, 3, I, SqlNullRule.AnyArgument);
        Add("likelihood", 2, 2, S, SqlResultRule.FirstArgument, X, SqlNullRule.FirstArgument);
        Add("likely", 1, 1, S, SqlResultRule.FirstArgument, X, SqlNullRule.FirstArgument);
        Scalar("lower", 1, 1, T, SqlNullRule.AnyArgument);
        Scalar("ltrim", 1, 2, T, SqlNullRule.AnyArgument);
        Add("max", 2, -1, S, SqlResultRule.Common, X, SqlNullRule.AnyArgument);
        Add("min", 2, -1, S, SqlResultRule.Common, X, SqlNullRule.AnyArgument);
        Add("nullif", 2, 2, S, SqlResultRule.FirstArgument, X, SqlNullRule.Always);
        Scalar("octet_length", 1, 1, I, SqlNullRule.AnyArgument);
        Scalar("quote", 1, 1, T, SqlNullRule.Never);
        Scalar("random", 0, 0, I, SqlNullRule.Never);
        Scalar("randomblob", 1, 1, B, SqlNullRule.Never);
        Scalar("replace", 3, 3, T, SqlNullRule.AnyArgument);
        Scalar("round", 1, 2, R, SqlNullRule.AnyArgument);
        Scalar("rtrim", 1, 2, T, SqlNullRule.AnyArgument);
        Scalar("sign", 1, 1, I, SqlNullRule.Always);
        Scalar("soundex", 1, 1, T, SqlNullRule.Never);
        Scalar("sqlite_compileoption_get", 1, 1, T, SqlNullRule.Always);
        Scalar("sqlite_compileoption_used", 1, 1, I, SqlNullRule.AnyArgument);
        Scalar("sqlite_source_id", 0, 0, T, SqlNullRule.Never);
        Scalar("sqlite_version", 0, 0, T, SqlNullRule.Never);
        Add("substr", 2, 3, S, SqlResultRule.Fixed, T, SqlNullRule.AnyArgument);
        Add("substring", 2, 3, S, SqlResultRule.Fixed, T, SqlNullRule.AnyArgument);
        Scalar("total_changes", 0, 0, I, SqlNullRule.Never);
        Scalar("trim", 1, 2, T, SqlNullRule.AnyArgument);
        Scalar("typeof", 1, 1, T, SqlNullRule.Never);
        Scalar("unhex", 1, 2, B, SqlNullRule.Always);
        Scalar("unicode", 1, 1, I, SqlNullRule.AnyArgument);
        Add("unlikely", 1, 1, S, SqlResultRule.FirstArgument, X, SqlNullRule.FirstArgument);
        Scalar("upper", 1, 1, T, SqlNullRule.AnyArgument);
        Scalar("zeroblob", 1, 1, B, SqlNullRule.AnyArgument);

        // Date and time: NULL on input they cannot read.
        Scalar("date", 0, -1, T, SqlNullRule.Always);
        Scalar("time", 0, -1, T, SqlNullRule.Always);
        Scalar("datetime", 0, -1, T, SqlNullRule.Always);
        Scalar("julianday", 0, -1, R, SqlNullRule.Always);
        Scalar("unixepoch", 0, -1, I, SqlNullRule.Always);
        Scalar("strftime", 0, -1, T, SqlNullRule.Always);
        Scalar("timediff", 2, 2, T, SqlNullRule.Always);

        // Math (SQLITE_ENABLE_MATH_FUNCTIONS): NULL outside their domain.
        foreach (string name in new[] { "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "degrees", "exp", "ln", "log10", "log2", "radians", "sin", "sinh", "sqrt", "tan", "tanh" })
        {
            Scalar(name, 1, 1, R, SqlNullRule.Always);
        }

        Scalar("atan2", 2, 2, R, SqlNullRule.Always);
        Scalar("log", 1, 2, R, SqlNullRule.Always);
        Scalar("mod", 2, 2, R, SqlNullRule.Always);
        Scalar("pi", 0, 0, R, SqlNullRule.Never);
        Scalar("pow", 2, 2, R, SqlNullRule.Always);
        Scalar("power", 2, 2, R, SqlNullRule.Always);
        foreach (string name in new[] { "ceil", "ceiling", "floor", "trunc" })
        {
            Add(name, 1, 1, S, SqlResultRule.FirstArgument, X, SqlNullRule.Always);
        }

        // JSON.
        Scalar("json", 1, 1, T, SqlNullRule.AnyArgument);
        Scalar("jsonb", 1, 1, B, SqlNullRule.AnyArgument);
        Scalar("json_array", 0, -1, T, SqlNullRule.Never);
        Scalar("jsonb_array", 0, -1, B, SqlNullRule.Never);
        Scalar("json_array_length", 1, 2, I, SqlNullRule.Always);
        Scalar("json_error_position", 1, 1, I, SqlNullRule.AnyArgument);
        Add("json_extract", 1, -1, S, SqlResultRule.Fixed, X, SqlNullRule.Always);
        Add("jsonb_extract", 1, -1, S, SqlResultRule.Fixed, X, SqlNullRule.Always);
        foreach (string name in new[] { "json_insert", "json_replace", "json_set", "json_remove" })
        {
            Scalar(name, 1, -1, T, SqlNullRule.FirstArgument);
            Scalar("jsonb" + name.Substring(4), 1, -1, B, SqlNullRule.FirstArgument);
        }

        Scalar("json_object", 0, -1, T, SqlNullRule.Never);
        Scalar("jsonb_object", 0, -1, B, SqlNullRule.Never);
        Scalar("json_patch", 2, 2, T, SqlNullRule.AnyArgument);
        Scalar("jsonb_patch", 2, 2, B, SqlNullRule.AnyArgument);
        Scalar("json_pretty", 1, 2, T, SqlNullRule.FirstArgument);
        Scalar("json_quote", 1, 1, T, SqlNullRule.Never);
        Scalar("json_type", 1, 2, T, SqlNullRule.Always);
        Scalar("json_valid", 1, 2, I, SqlNullRule.FirstArgument);

        // Aggregates.
        Add("avg", 1, 1, A, SqlResultRule.Fixed, R, SqlNullRule.Aggregate);
        Add("count", 0, 1, A, SqlResultRule.Fixed, I, SqlNullRule.Never);
        Add("group_concat", 1, 2, A, SqlResultRule.Fixed, T, SqlNullRule.Aggregate);
        Add("string_agg", 2, 2, A, SqlResultRule.Fixed, T, SqlNullRule.Aggregate);
        Add("max", 1, 1, A, SqlResultRule.FirstArgument, X, SqlNullRule.Aggregate);
        Add("min", 1, 1, A, SqlResultRule.FirstArgument, X, SqlNullRule.Aggregate);
        Add("sum", 1, 1, A, SqlResultRule.FirstArgument, X, SqlNullRule.Aggregate);
        Add("total", 1, 1, A, SqlResultRule.Fixed, R, SqlNullRule.Never);
        Add("json_group_array", 1, 1, A, SqlResultRule.Fixed, T, SqlNullRule.Never);
        Add("jsonb_group_array", 1, 1, A, SqlResultRule.Fixed, B, SqlNullRule.Never);
        Add("json_group_object", 2, 2, A, SqlResultRule.Fixed, T, SqlNullRule.Never);
        Add("jsonb_group_object", 2, 2, A, SqlResultRule.Fixed, B, SqlNullRule.Never);

        // Window-only functions.
        Add("row_number", 0, 0, W, SqlResultRule.Fixed, I, SqlNullRule.Never);
        Add("rank", 0, 0, W, SqlResultRule.Fixed, I, SqlNullRule.Never);
        Add("dense_rank", 0, 0, W, SqlResultRule.Fixed, I, SqlNullRule.Never);
        Add("percent_rank", 0, 0, W, SqlResultRule.Fixed, R, SqlNullRule.Never);
        Add("cume_dist", 0, 0, W, SqlResultRule.Fixed, R, SqlNullRule.Never);
        Add("ntile", 1, 1, W, SqlResultRule.Fixed, I, SqlNullRule.Never);
        Add("lag", 1, 3, W, SqlResultRule.FirstArgument, X, SqlNullRule.Always);
        Add("lead", 1, 3, W, SqlResultRule.FirstArgument, X, SqlNullRule.Always);
        Add("first_value", 1, 1, W, SqlResultRule.FirstArgument, X, SqlNullRule.FirstArgument);
        Add("last_value", 1, 1, W, SqlResultRule.FirstArgument, X, SqlNullRule.FirstArgument);
        Add("nth_value", 2, 2, W, SqlResultRule.FirstArgument, X, SqlNullRule.Always);
        return map;
    }
}
