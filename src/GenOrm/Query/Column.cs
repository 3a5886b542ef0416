using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>
/// What GenOrm knows about one column of a <see cref="TableAttribute"/> class: its name, its quoted SQL name, and
/// how to turn its values into parameter values (checked, in a form every database's driver binds in its own way) and
/// read them back. The typed handles in the generated
/// <c>Columns</c> class wrap one each.
/// </summary>
/// <typeparam name="TTable">The table class the column belongs to.</typeparam>
/// <typeparam name="TValue">The property's type; nullable when the column is.</typeparam>
public sealed class ColumnDefinition<TTable, TValue>
    where TTable : ITable<TTable>
{
    private readonly Func<TValue, object?> _toParameter;
    private readonly Func<Statement, int, TValue> _read;
    private string? _descendingSql;

    /// <summary>Initializes a new instance of the <see cref="ColumnDefinition{TTable, TValue}"/> class. Called by generated code.</summary>
    /// <param name="name">The column's name.</param>
    /// <param name="sql">The column's name as SQL: quoted, for example <c>"email"</c>.</param>
    /// <param name="toParameter">Converts a non-null value to its parameter value: the value itself, boxed, once checked (a string without lone surrogates, a real that is not NaN), or a <see cref="Internal.ScaledDecimal"/> for a <c>[Column(Scale = n)]</c> decimal.</param>
    /// <param name="read">Reads a value of the column from the current row of a statement.</param>
    public ColumnDefinition(string name, string sql, Func<TValue, object?> toParameter, Func<Statement, int, TValue> read)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(toParameter);
        ArgumentNullException.ThrowIfNull(read);
        Name = name;
        Sql = sql;
        _toParameter = toParameter;
        _read = read;
    }

    /// <summary>Gets the column's name.</summary>
    public string Name { get; }

    /// <summary>Gets the column's name as it appears in SQL, quoted.</summary>
    public string Sql { get; }

    /// <summary>Returns the column's quoted SQL name.</summary>
    /// <returns>The quoted name.</returns>
    public override string ToString() => Sql;

    /// <summary>Gets the column's quoted name followed by <c>DESC</c>, an <c>ORDER BY</c> term; made on first use.</summary>
    internal string DescendingSql => _descendingSql ??= Sql + " DESC";

    internal object ToParameter(TValue value) => value is null ? DBNull.Value : _toParameter(value) ?? DBNull.Value;

    internal TValue Read(Statement statement, int ordinal) => _read(statement, ordinal);

    internal Condition<TTable> Equal(TValue value) => value is null
        ? new NullCondition<TTable>(Sql, isNull: true)
        : new ComparisonCondition<TTable>(Sql, "=", ToParameter(value));

    internal Condition<TTable> NotEqual(TValue value) => value is null
        ? new NullCondition<TTable>(Sql, isNull: false)
        : new ComparisonCondition<TTable>(Sql, "<>", ToParameter(value));

    internal Condition<TTable> Compare(string op, TValue value) => new ComparisonCondition<TTable>(Sql, op, ToParameter(value));

    internal Condition<TTable> In(IEnumerable<TValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var candidates = new List<object>();
        bool includesNull = false;
        foreach (TValue value in values)
        {
            if (value is null)
            {
                includesNull = true;
            }
            else
            {
                candidates.Add(ToParameter(value));
            }
        }

        Condition<TTable> condition = new InCondition<TTable>(Sql, candidates);
        return includesNull ? condition | new NullCondition<TTable>(Sql, isNull: true) : condition;
    }
}

/// <summary>
/// A typed column handle: anything a query can filter, order or project by. Implemented by the handles of the
/// generated <c>Columns</c> class (<see cref="Column{TTable, TValue}"/>, <see cref="OrderedColumn{TTable, TValue}"/>,
/// <see cref="TextColumn{TTable, TValue}"/>).
/// </summary>
/// <typeparam name="TTable">The table class the column belongs to.</typeparam>
/// <typeparam name="TValue">The property's type.</typeparam>
public interface IColumn<TTable, TValue>
    where TTable : ITable<TTable>
{
    /// <summary>Gets the column's definition.</summary>
    ColumnDefinition<TTable, TValue> Definition { get; }
}

/// <summary>
/// A typed handle on a column compared for equality only (<c>bool</c>, <c>Guid</c>, <c>byte[]</c>, <c>decimal</c>, ...),
/// generated as <c>User.Columns.Active</c>. Comparing it with a value builds a <see cref="Condition{TTable}"/>; the
/// value always travels as a parameter, and a value of the wrong type does not compile.
/// </summary>
/// <typeparam name="TTable">The table class the column belongs to.</typeparam>
/// <typeparam name="TValue">The property's type; nullable when the column is.</typeparam>
/// <remarks>
/// <c>column == null</c> means <c>IS NULL</c> and <c>column != null</c> means <c>IS NOT NULL</c>, as in SQLAlchemy.
/// Handles are structs, so comparing one with <c>null</c> never makes the compiler think the handle itself is null.
/// </remarks>
/// <param name="definition">The column's definition.</param>
public readonly struct Column<TTable, TValue>(ColumnDefinition<TTable, TValue> definition) : IColumn<TTable, TValue>
    where TTable : ITable<TTable>
{
    /// <inheritdoc/>
    public ColumnDefinition<TTable, TValue> Definition { get; } = definition;

    /// <summary>Builds <c>column = value</c>, or <c>column IS NULL</c> when <paramref name="value"/> is null.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator ==(Column<TTable, TValue> column, TValue value) => column.Definition.Equal(value);

    /// <summary>Builds <c>column &lt;&gt; value</c>, or <c>column IS NOT NULL</c> when <paramref name="value"/> is null.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator !=(Column<TTable, TValue> column, TValue value) => column.Definition.NotEqual(value);

    /// <summary>Not supported: use <c>==</c> to build a condition.</summary><param name="obj">Ignored.</param><returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override bool Equals(object? obj) => throw new NotSupportedException(ColumnHandleMessages.NoEquals);

    /// <summary>Returns the definition's hash code.</summary><returns>The hash code.</returns>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(Definition);

    /// <summary>Returns the column's quoted SQL name.</summary><returns>The quoted name.</returns>
    public override string ToString() => Definition.Sql;
}

/// <summary>
/// A typed handle on a column whose stored form sorts like its values (numbers, dates, times, enums): equality as
/// <see cref="Column{TTable, TValue}"/>, plus <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> and <see cref="Between"/>.
/// </summary>
/// <typeparam name="TTable">The table class the column belongs to.</typeparam>
/// <typeparam name="TValue">The property's type; nullable when the column is.</typeparam>
/// <param name="definition">The column's definition.</param>
public readonly struct OrderedColumn<TTable, TValue>(ColumnDefinition<TTable, TValue> definition) : IColumn<TTable, TValue>
    where TTable : ITable<TTable>
{
    /// <inheritdoc/>
    public ColumnDefinition<TTable, TValue> Definition { get; } = definition;

    /// <summary>Builds <c>column = value</c>, or <c>column IS NULL</c> when <paramref name="value"/> is null.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator ==(OrderedColumn<TTable, TValue> column, TValue value) => column.Definition.Equal(value);

    /// <summary>Builds <c>column &lt;&gt; value</c>, or <c>column IS NOT NULL</c> when <paramref name="value"/> is null.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator !=(OrderedColumn<TTable, TValue> column, TValue value) => column.Definition.NotEqual(value);

    /// <summary>Builds <c>column &lt; value</c>; a NULL column never matches.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator <(OrderedColumn<TTable, TValue> column, TValue value) => column.Definition.Compare("<", value);

    /// <summary>Builds <c>column &gt; value</c>; a NULL column never matches.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator >(OrderedColumn<TTable, TValue> column, TValue value) => column.Definition.Compare(">", value);

    /// <summary>Builds <c>column &lt;= value</c>; a NULL column never matches.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator <=(OrderedColumn<TTable, TValue> column, TValue value) => column.Definition.Compare("<=", value);

    /// <summary>Builds <c>column &gt;= value</c>; a NULL column never matches.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator >=(OrderedColumn<TTable, TValue> column, TValue value) => column.Definition.Compare(">=", value);

    /// <summary>Builds <c>column BETWEEN low AND high</c>, both ends included.</summary><param name="low">The lowest value that matches.</param><param name="high">The highest value that matches.</param><returns>The condition.</returns>
    public Condition<TTable> Between(TValue low, TValue high) =>
        new BetweenCondition<TTable>(Definition.Sql, Definition.ToParameter(low), Definition.ToParameter(high));

    /// <summary>Not supported: use <c>==</c> to build a condition.</summary><param name="obj">Ignored.</param><returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override bool Equals(object? obj) => throw new NotSupportedException(ColumnHandleMessages.NoEquals);

    /// <summary>Returns the definition's hash code.</summary><returns>The hash code.</returns>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(Definition);

    /// <summary>Returns the column's quoted SQL name.</summary><returns>The quoted name.</returns>
    public override string ToString() => Definition.Sql;
}

/// <summary>
/// A typed handle on a text column: ordered as <see cref="OrderedColumn{TTable, TValue}"/>, plus <c>Like</c>,
/// <see cref="StartsWith"/>, <see cref="Contains"/> and <see cref="EndsWith"/>.
/// </summary>
/// <remarks>
/// The <c>LIKE</c> family follows SQLite's <c>LIKE</c>: it ignores case for the 26 ASCII letters only (<c>'a' LIKE 'A'</c>
/// is true, <c>'é' LIKE 'É'</c> is false), and a NULL column never matches. Use <c>==</c> for a case-sensitive
/// exact match.
/// </remarks>
/// <typeparam name="TTable">The table class the column belongs to.</typeparam>
/// <typeparam name="TValue"><see cref="string"/>, or <c>string?</c> for a nullable column.</typeparam>
/// <param name="definition">The column's definition.</param>
public readonly struct TextColumn<TTable, TValue>(ColumnDefinition<TTable, TValue> definition) : IColumn<TTable, TValue>
    where TTable : ITable<TTable>
{
    /// <inheritdoc/>
    public ColumnDefinition<TTable, TValue> Definition { get; } = definition;

    /// <summary>Builds <c>column = value</c>, or <c>column IS NULL</c> when <paramref name="value"/> is null.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator ==(TextColumn<TTable, TValue> column, TValue value) => column.Definition.Equal(value);

    /// <summary>Builds <c>column &lt;&gt; value</c>, or <c>column IS NOT NULL</c> when <paramref name="value"/> is null.</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator !=(TextColumn<TTable, TValue> column, TValue value) => column.Definition.NotEqual(value);

    /// <summary>Builds <c>column &lt; value</c> (binary, code-point order).</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator <(TextColumn<TTable, TValue> column, TValue value) => column.Definition.Compare("<", value);

    /// <summary>Builds <c>column &gt; value</c> (binary, code-point order).</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator >(TextColumn<TTable, TValue> column, TValue value) => column.Definition.Compare(">", value);

    /// <summary>Builds <c>column &lt;= value</c> (binary, code-point order).</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator <=(TextColumn<TTable, TValue> column, TValue value) => column.Definition.Compare("<=", value);

    /// <summary>Builds <c>column &gt;= value</c> (binary, code-point order).</summary><param name="column">The column.</param><param name="value">The value.</param><returns>The condition.</returns>
    public static Condition<TTable> operator >=(TextColumn<TTable, TValue> column, TValue value) => column.Definition.Compare(">=", value);

    /// <summary>
    /// Builds <c>column LIKE pattern</c>: <c>%</c> matches any run of characters, <c>_</c> any one character; SQLite
    /// compares ASCII letters ignoring case (other letters must match exactly). A pattern has no escape: to match
    /// <c>%</c> or <c>_</c> literally, use <see cref="Like(string, char)"/>, or <see cref="StartsWith"/>,
    /// <see cref="Contains"/> and <see cref="EndsWith"/>, which escape the text for you.
    /// </summary>
    /// <param name="pattern">The pattern, passed as a parameter.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The pattern has a lone surrogate, which UTF-8 cannot represent.</exception>
    public Condition<TTable> Like(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new ComparisonCondition<TTable>(Definition.Sql, "LIKE", DbValue.From(pattern));
    }

    /// <summary>
    /// Builds <c>column LIKE pattern ESCAPE 'escape'</c>: as <see cref="Like(string)"/>, but in the pattern
    /// <paramref name="escape"/> makes the character after it match literally (with <c>'\'</c>, <c>100\%</c> matches
    /// the text <c>100%</c> only, and <c>\\</c> matches one backslash).
    /// </summary>
    /// <param name="pattern">The pattern, passed as a parameter.</param>
    /// <param name="escape">The escape character, written into the SQL as a literal.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The pattern has a lone surrogate, or <paramref name="escape"/> is a surrogate (half a character) or NUL.</exception>
    public Condition<TTable> Like(string pattern, char escape)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new LikeCondition<TTable>(Definition.Sql, DbValue.From(pattern), LikePatterns.EscapeLiteral(escape));
    }

    /// <summary>
    /// Builds a condition that matches the rows whose text starts with <paramref name="text"/>, taken literally:
    /// <c>column LIKE @p ESCAPE '\'</c>, with <c>%</c>, <c>_</c> and <c>\</c> of the text escaped. SQLite ignores case
    /// for ASCII letters only.
    /// </summary>
    /// <param name="text">The text the value starts with.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The text has a lone surrogate, which UTF-8 cannot represent.</exception>
    public Condition<TTable> StartsWith(string text) => LikeText(text, prefix: false, suffix: true);

    /// <summary>
    /// Builds a condition that matches the rows whose text contains <paramref name="text"/>, taken literally:
    /// <c>column LIKE @p ESCAPE '\'</c>, with <c>%</c>, <c>_</c> and <c>\</c> of the text escaped. SQLite ignores case
    /// for ASCII letters only.
    /// </summary>
    /// <param name="text">The text the value contains.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The text has a lone surrogate, which UTF-8 cannot represent.</exception>
    public Condition<TTable> Contains(string text) => LikeText(text, prefix: true, suffix: true);

    /// <summary>
    /// Builds a condition that matches the rows whose text ends with <paramref name="text"/>, taken literally:
    /// <c>column LIKE @p ESCAPE '\'</c>, with <c>%</c>, <c>_</c> and <c>\</c> of the text escaped. SQLite ignores case
    /// for ASCII letters only.
    /// </summary>
    /// <param name="text">The text the value ends with.</param>
    /// <returns>The condition.</returns>
    /// <exception cref="ArgumentException">The text has a lone surrogate, which UTF-8 cannot represent.</exception>
    public Condition<TTable> EndsWith(string text) => LikeText(text, prefix: true, suffix: false);

    private Condition<TTable> LikeText(string text, bool prefix, bool suffix)
    {
        ArgumentNullException.ThrowIfNull(text);
        _ = DbValue.From(text);
        string pattern = (prefix ? "%" : string.Empty) + LikePatterns.Escape(text) + (suffix ? "%" : string.Empty);
        return new LikeCondition<TTable>(Definition.Sql, pattern, LikePatterns.BackslashLiteral);
    }

    /// <summary>Builds <c>column BETWEEN low AND high</c>, both ends included.</summary><param name="low">The lowest value that matches.</param><param name="high">The highest value that matches.</param><returns>The condition.</returns>
    public Condition<TTable> Between(TValue low, TValue high) =>
        new BetweenCondition<TTable>(Definition.Sql, Definition.ToParameter(low), Definition.ToParameter(high));

    /// <summary>Not supported: use <c>==</c> to build a condition.</summary><param name="obj">Ignored.</param><returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override bool Equals(object? obj) => throw new NotSupportedException(ColumnHandleMessages.NoEquals);

    /// <summary>Returns the definition's hash code.</summary><returns>The hash code.</returns>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(Definition);

    /// <summary>Returns the column's quoted SQL name.</summary><returns>The quoted name.</returns>
    public override string ToString() => Definition.Sql;
}

/// <summary>
/// What every column handle offers besides its operators: <c>In</c>, <c>IsNull</c>, <c>IsNotNull</c> and <c>Set</c>.
/// </summary>
public static class ColumnExtensions
{
    /// <summary>
    /// Builds <c>column IN (...)</c>; with no values it matches no row, and a null among them matches NULL. The values
    /// travel as one parameter, a JSON array read by <c>json_each</c>
    /// (<c>column IN (SELECT value FROM json_each(@p0))</c>, <c>unhex(value)</c> for <c>byte[]</c>), so a list of any
    /// length works (SQLite allows at most 32,766 parameters) and every length shares one SQL shape and its prepared
    /// statement. Values keep their storage type exactly (64-bit integers, reals in round-trip form, text, blobs).
    /// </summary>
    /// <typeparam name="TTable">The table class.</typeparam><typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param><param name="values">The values.</param><returns>The condition.</returns>
    public static Condition<TTable> In<TTable, TValue>(this IColumn<TTable, TValue> column, params TValue[] values)
        where TTable : ITable<TTable> => Definition(column).In(values);

    /// <summary>
    /// Builds <c>column IN (...)</c>; with no values it matches no row, and a null among them matches NULL. The values
    /// travel as one parameter, a JSON array read by <c>json_each</c>
    /// (<c>column IN (SELECT value FROM json_each(@p0))</c>, <c>unhex(value)</c> for <c>byte[]</c>), so a list of any
    /// length works (SQLite allows at most 32,766 parameters) and every length shares one SQL shape and its prepared
    /// statement. Values keep their storage type exactly (64-bit integers, reals in round-trip form, text, blobs).
    /// </summary>
    /// <typeparam name="TTable">The table class.</typeparam><typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param><param name="values">The values.</param><returns>The condition.</returns>
    public static Condition<TTable> In<TTable, TValue>(this IColumn<TTable, TValue> column, IEnumerable<TValue> values)
        where TTable : ITable<TTable> => Definition(column).In(values);

    /// <summary>Builds <c>column IS NULL</c>.</summary>
    /// <typeparam name="TTable">The table class.</typeparam><typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param><returns>The condition.</returns>
    public static Condition<TTable> IsNull<TTable, TValue>(this IColumn<TTable, TValue> column)
        where TTable : ITable<TTable> => new NullCondition<TTable>(Definition(column).Sql, isNull: true);

    /// <summary>Builds <c>column IS NOT NULL</c>.</summary>
    /// <typeparam name="TTable">The table class.</typeparam><typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param><returns>The condition.</returns>
    public static Condition<TTable> IsNotNull<TTable, TValue>(this IColumn<TTable, TValue> column)
        where TTable : ITable<TTable> => new NullCondition<TTable>(Definition(column).Sql, isNull: false);

    /// <summary>Builds the assignment <c>column = value</c> for <see cref="Query{TTable}.Update"/>.</summary>
    /// <typeparam name="TTable">The table class.</typeparam><typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param><param name="value">The new value.</param><returns>The assignment.</returns>
    public static Assignment<TTable> Set<TTable, TValue>(this IColumn<TTable, TValue> column, TValue value)
        where TTable : ITable<TTable> => new(Definition(column).Sql, Definition(column).ToParameter(value));

    private static ColumnDefinition<TTable, TValue> Definition<TTable, TValue>(IColumn<TTable, TValue> column)
        where TTable : ITable<TTable>
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Definition;
    }
}

/// <summary>Escaping for <c>LIKE</c>: text taken literally, and the SQL literal of an escape character.</summary>
internal static class LikePatterns
{
    public const string BackslashLiteral = "'\\'";

    /// <summary>Escapes <c>%</c>, <c>_</c> and <c>\</c> with <c>\</c>, so that <c>LIKE ... ESCAPE '\'</c> matches <paramref name="text"/> literally.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny('%', '_', '\\') < 0)
        {
            return text;
        }

        var escaped = new System.Text.StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c is '%' or '_' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Gets <paramref name="escape"/> as a SQL string literal (<c>'\'</c>, <c>''''</c> for a quote).</summary>
    public static string EscapeLiteral(char escape)
    {
        if (char.IsSurrogate(escape) || escape == '\0')
        {
            throw new ArgumentException(ErrorMessages.InvalidLikeEscape(), nameof(escape));
        }

        return escape == '\'' ? "''''" : "'" + escape + "'";
    }
}

internal static class ColumnHandleMessages
{
    public const string NoEquals = "Column handles build SQL conditions with == and != ; they have no value equality.";
}

/// <summary>One <c>column = value</c> assignment of <see cref="Query{TTable}.Update"/>; made by <see cref="ColumnExtensions.Set{TTable, TValue}"/>.</summary>
/// <typeparam name="TTable">The table class.</typeparam>
public sealed class Assignment<TTable>
    where TTable : ITable<TTable>
{
    internal Assignment(string columnSql, object value)
    {
        ColumnSql = columnSql;
        Value = value;
    }

    internal string ColumnSql { get; }

    internal object Value { get; }
}
