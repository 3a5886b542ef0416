using System;
using System.Collections.Generic;
using System.Text;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>
/// A condition on the rows of <typeparamref name="TTable"/>, built from its generated column handles
/// (<c>User.Columns.Email == email</c>) and combined with <c>&amp;</c>, <c>|</c> and <c>!</c>. Values are held as
/// parameters, never spliced into the SQL.
/// </summary>
/// <typeparam name="TTable">The table class the condition applies to.</typeparam>
public abstract class Condition<TTable>
    where TTable : ITable<TTable>
{
    private protected Condition()
    {
    }

    /// <summary>Builds <c>(left AND right)</c>.</summary><param name="left">The first condition.</param><param name="right">The second condition.</param><returns>The combined condition.</returns>
    public static Condition<TTable> operator &(Condition<TTable> left, Condition<TTable> right) => new LogicalCondition<TTable>("AND", left, right);

    /// <summary>Builds <c>(left OR right)</c>.</summary><param name="left">The first condition.</param><param name="right">The second condition.</param><returns>The combined condition.</returns>
    public static Condition<TTable> operator |(Condition<TTable> left, Condition<TTable> right) => new LogicalCondition<TTable>("OR", left, right);

    /// <summary>Builds <c>NOT (condition)</c>.</summary><param name="condition">The condition.</param><returns>The negated condition.</returns>
    public static Condition<TTable> operator !(Condition<TTable> condition) => new NotCondition<TTable>(condition);

    /// <summary>Builds <c>(left AND right)</c>; the named alternative of <c>&amp;</c>.</summary><param name="left">The first condition.</param><param name="right">The second condition.</param><returns>The combined condition.</returns>
    public static Condition<TTable> BitwiseAnd(Condition<TTable> left, Condition<TTable> right) => left & right;

    /// <summary>Builds <c>(left OR right)</c>; the named alternative of <c>|</c>.</summary><param name="left">The first condition.</param><param name="right">The second condition.</param><returns>The combined condition.</returns>
    public static Condition<TTable> BitwiseOr(Condition<TTable> left, Condition<TTable> right) => left | right;

    /// <summary>Builds <c>NOT (condition)</c>; the named alternative of <c>!</c>.</summary><param name="condition">The condition.</param><returns>The negated condition.</returns>
    public static Condition<TTable> LogicalNot(Condition<TTable> condition) => !condition;

    /// <summary>
    /// Appends the condition's SQL for <paramref name="database"/> to <paramref name="sql"/>, adding its values
    /// (parameter values, which the driver binds in its database's form) to <paramref name="values"/>.
    /// </summary>
    internal abstract void Render(StringBuilder sql, List<object> values, DatabaseKind database);

    private protected static void AppendParameter(StringBuilder sql, List<object> values, object value)
    {
        sql.Append(QueryParameters.Name(values.Count));
        values.Add(value);
    }
}

internal sealed class ComparisonCondition<TTable>(string column, string op, object value) : Condition<TTable>
    where TTable : ITable<TTable>
{
    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database)
    {
        sql.Append(column).Append(' ').Append(op).Append(' ');
        AppendParameter(sql, values, value);
    }
}

internal sealed class LikeCondition<TTable>(string column, object pattern, string escapeLiteral) : Condition<TTable>
    where TTable : ITable<TTable>
{
    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database)
    {
        sql.Append(column).Append(" LIKE ");
        AppendParameter(sql, values, pattern);
        sql.Append(" ESCAPE ").Append(escapeLiteral);
    }
}

internal sealed class NullCondition<TTable>(string column, bool isNull) : Condition<TTable>
    where TTable : ITable<TTable>
{
    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database) =>
        sql.Append(column).Append(isNull ? " IS NULL" : " IS NOT NULL");
}

internal sealed class BetweenCondition<TTable>(string column, object low, object high) : Condition<TTable>
    where TTable : ITable<TTable>
{
    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database)
    {
        sql.Append(column).Append(" BETWEEN ");
        AppendParameter(sql, values, low);
        sql.Append(" AND ");
        AppendParameter(sql, values, high);
    }
}

internal sealed class InCondition<TTable>(string column, List<object> candidates) : Condition<TTable>
    where TTable : ITable<TTable>
{
    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database)
    {
        if (candidates.Count == 0)
        {
            // "x IN ()" matches nothing; SQLite accepts the empty list, PostgreSQL would not.
            sql.Append("1 = 0");
            return;
        }

        // On SQLite one parameter holds the whole list as a JSON array, so any number of values fits (SQLite allows
        // 32,766 parameters) and every list length shares one SQL shape and one prepared statement. PostgreSQL gets
        // one parameter per value, each bound with its own type.
        if (database == DatabaseKind.Sqlite && InList.TryToJson(candidates, out string? json, out bool blobs))
        {
            sql.Append(column).Append(blobs ? " IN (SELECT unhex(value) FROM json_each(" : " IN (SELECT value FROM json_each(");
            AppendParameter(sql, values, json);
            sql.Append("))");
            return;
        }

        sql.Append(column).Append(" IN (");
        for (int i = 0; i < candidates.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(", ");
            }

            AppendParameter(sql, values, candidates[i]);
        }

        sql.Append(')');
    }
}

/// <summary>
/// The JSON array that carries the values of an <c>IN</c> list in one parameter, read back by <c>json_each</c> with
/// their storage types: integers as JSON integers (the whole 64-bit range is exact), reals in round-trip form
/// (<c>"R"</c>, exact; infinities as <c>±9e999</c>), text as JSON strings, and blobs as hexadecimal strings that
/// <c>unhex</c> turns back into bytes.
/// </summary>
internal static class InList
{
    /// <summary>
    /// Builds the JSON array of <paramref name="candidates"/> (parameter values, none NULL) in their SQLite storage
    /// form; returns false when they mix blobs with other values, which one <c>json_each</c> column cannot carry.
    /// </summary>
    public static bool TryToJson(List<object> candidates, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? json, out bool blobs)
    {
        blobs = candidates[0] is byte[];
        // Values of types other than SQLite's storage classes (bool, Guid, dates, ...) go in their storage form.
        var text = new StringBuilder(candidates.Count * 8);
        text.Append('[');
        for (int i = 0; i < candidates.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            object value = DbValue.FromObject(candidates[i]);
            if (value is byte[] != blobs)
            {
                json = null;
                return false;
            }

            switch (value)
            {
                case long l:
                    text.Append(l.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case double d:
                    text.Append(double.IsPositiveInfinity(d) ? "9e999" : double.IsNegativeInfinity(d) ? "-9e999" : d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case string s:
                    AppendString(text, s);
                    break;
                case byte[] bytes:
                    text.Append('"').Append(Convert.ToHexString(bytes)).Append('"');
                    break;
                default:
                    json = null;
                    return false;
            }
        }

        json = text.Append(']').ToString();
        return true;
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string: quote, backslash and control characters escaped, the rest as is.</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}

internal sealed class LogicalCondition<TTable>(string op, Condition<TTable> left, Condition<TTable> right) : Condition<TTable>
    where TTable : ITable<TTable>
{
    private readonly Condition<TTable> _left = left ?? throw new ArgumentNullException(nameof(left));
    private readonly Condition<TTable> _right = right ?? throw new ArgumentNullException(nameof(right));

    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database)
    {
        sql.Append('(');
        _left.Render(sql, values, database);
        sql.Append(' ').Append(op).Append(' ');
        _right.Render(sql, values, database);
        sql.Append(')');
    }
}

internal sealed class NotCondition<TTable>(Condition<TTable> condition) : Condition<TTable>
    where TTable : ITable<TTable>
{
    private readonly Condition<TTable> _condition = condition ?? throw new ArgumentNullException(nameof(condition));

    internal override void Render(StringBuilder sql, List<object> values, DatabaseKind database)
    {
        sql.Append("NOT (");
        _condition.Render(sql, values, database);
        sql.Append(')');
    }
}

/// <summary>
/// The parameters of built queries: their names (<c>@p0</c>, <c>@p1</c>, ..., the same for the same query shape), the
/// lists their values are rendered into, and the boxed row counts of <c>LIMIT</c> and <c>OFFSET</c>.
/// </summary>
internal static class QueryParameters
{
    private static readonly string[] s_names = CreateNames(64);

    /// <summary>Boxed row counts from -1 (SQLite's "no limit") to 1,024, made on first use: typical page sizes and offsets.</summary>
    private static readonly object?[] s_rowCounts = new object?[1026];

    /// <summary>One list of values per thread, kept between queries; <see langword="null"/> while a query holds it.</summary>
    [ThreadStatic]
    private static List<object>? t_values;

    public static string Name(int index) => index < s_names.Length ? s_names[index] : "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Takes the thread's empty list of values, or a new one when a query on this thread holds it (a stream not read
    /// yet, say). The taker owns the list until <see cref="Return"/>; no one else sees it in the meantime.
    /// </summary>
    public static List<object> Rent()
    {
        List<object> values = t_values ?? new List<object>(8);
        t_values = null;
        return values;
    }

    /// <summary>Empties <paramref name="values"/> and keeps it for the thread's next query; the caller must not use it again.</summary>
    public static void Return(List<object> values)
    {
        values.Clear();
        if (values.Capacity <= 64)
        {
            t_values = values;
        }
    }

    /// <summary>Gets <paramref name="count"/> boxed as the <see cref="long"/> a <c>LIMIT</c> or <c>OFFSET</c> parameter takes.</summary>
    public static object RowCount(int count)
    {
        if (count < -1 || count >= s_rowCounts.Length - 1)
        {
            return (long)count;
        }

        // A race makes two equal boxes; either is right.
        return s_rowCounts[count + 1] ??= (long)count;
    }

    private static string[] CreateNames(int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return names;
    }
}
