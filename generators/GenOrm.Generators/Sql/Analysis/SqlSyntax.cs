using System.Collections.Generic;

namespace GenOrm.Generators.Sql.Analysis;

// The parser's small immutable AST. Every node keeps its span in the SQL text (Start, End exclusive): problems and
// result-column names (SQLite names an unaliased expression by its text as written) come from it.

/// <summary>An identifier with its span.</summary>
internal readonly struct SqlName
{
    public SqlName(string text, int start, int length, bool quoted)
    {
        Text = text;
        Start = start;
        Length = length;
        Quoted = quoted;
    }

    public string Text { get; }

    public int Start { get; }

    public int Length { get; }

    public bool Quoted { get; }
}

internal abstract class SqlExpr
{
    protected SqlExpr(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }
}

internal sealed class LiteralExpr : SqlExpr
{
    public LiteralExpr(int start, int end, SqlValueType type) : base(start, end) => Type = type;

    public SqlValueType Type { get; }
}

internal sealed class ParameterExpr : SqlExpr
{
    public ParameterExpr(int start, int end, string text) : base(start, end) => Text = text;

    /// <summary>Gets the parameter as written, prefix included.</summary>
    public string Text { get; }
}

internal sealed class ColumnExpr : SqlExpr
{
    public ColumnExpr(int start, int end, SqlName? schema, SqlName? table, SqlName column) : base(start, end)
    {
        Schema = schema;
        Table = table;
        Column = column;
    }

    public SqlName? Schema { get; }

    public SqlName? Table { get; }

    public SqlName Column { get; }
}

internal sealed class UnaryExpr : SqlExpr
{
    public UnaryExpr(int start, int end, string op, SqlExpr operand) : base(start, end)
    {
        Op = op;
        Operand = operand;
    }

    /// <summary>Gets the operator: <c>-</c>, <c>+</c>, <c>~</c> or <c>NOT</c>.</summary>
    public string Op { get; }

    public SqlExpr Operand { get; }
}

internal sealed class BinaryExpr : SqlExpr
{
    public BinaryExpr(int start, int end, string op, SqlExpr left, SqlExpr right) : base(start, end)
    {
        Op = op;
        Left = left;
        Right = right;
    }

    /// <summary>Gets the operator, upper case for words: <c>AND</c>, <c>IS</c>, <c>IS NOT</c>, <c>=</c>, <c>||</c>...</summary>
    public string Op { get; }

    public SqlExpr Left { get; }

    public SqlExpr Right { get; }
}

internal sealed class LikeExpr : SqlExpr
{
    public LikeExpr(int start, int end, string op, bool not, SqlExpr left, SqlExpr pattern, SqlExpr? escape) : base(start, end)
    {
        Op = op;
        Not = not;
        Left = left;
        Pattern = pattern;
        Escape = escape;
    }

    /// <summary>Gets the operator: LIKE, GLOB, REGEXP or MATCH.</summary>
    public string Op { get; }

    public bool Not { get; }

    public SqlExpr Left { get; }

    public SqlExpr Pattern { get; }

    public SqlExpr? Escape { get; }
}

internal sealed class BetweenExpr : SqlExpr
{
    public BetweenExpr(int start, int end, bool not, SqlExpr operand, SqlExpr low, SqlExpr high) : base(start, end)
    {
        Not = not;
        Operand = operand;
        Low = low;
        High = high;
    }

    public bool Not { get; }

    public SqlExpr Operand { get; }

    public SqlExpr Low { get; }

    public SqlExpr High { get; }
}

internal sealed class InExpr : SqlExpr
{
    public InExpr(int start, int end, bool not, SqlExpr operand, IReadOnlyList<SqlExpr>? items, SqlSelect? subquery, SqlTableRef? table)
        : base(start, end)
    {
        Not = not;
        Operand = operand;
        Items = items;
        Subquery = subquery;
        Table = table;
    }

    public bool Not { get; }

    public SqlExpr Operand { get; }

    public IReadOnlyList<SqlExpr>? Items { get; }

    public SqlSelect? Subquery { get; }

    /// <summary>Gets <c>IN table</c> or <c>IN table_function(...)</c>.</summary>
    public SqlTableRef? Table { get; }
}

internal sealed class ExistsExpr : SqlExpr
{
    public ExistsExpr(int start, int end, SqlSelect select) : base(start, end) => Select = select;

    public SqlSelect Select { get; }
}

internal sealed class SubqueryExpr : SqlExpr
{
    public SubqueryExpr(int start, int end, SqlSelect select) : base(start, end) => Select = select;

    public SqlSelect Select { get; }
}

internal sealed class CaseExpr : SqlExpr
{
    public CaseExpr(int start, int end, SqlExpr? operand, IReadOnlyList<SqlExpr> whens, IReadOnlyList<SqlExpr> thens, SqlExpr? elseExpr)
        : base(start, end)
    {
        Operand = operand;
        Whens = whens;
        Thens = thens;
        Else = elseExpr;
    }

    public SqlExpr? Operand { get; }

    public IReadOnlyList<SqlExpr> Whens { get; }

    public IReadOnlyList<SqlExpr> Thens { get; }

    public SqlExpr? Else { get; }
}

internal sealed class CastExpr : SqlExpr
{
    public CastExpr(int start, int end, SqlExpr operand, string typeName) : base(start, end)
    {
        Operand = operand;
        TypeName = typeName;
    }

    public SqlExpr Operand { get; }

    public string TypeName { get; }
}

internal sealed class CollateExpr : SqlExpr
{
    public CollateExpr(int start, int end, SqlExpr operand, SqlName collation) : base(start, end)
    {
        Operand = operand;
        Collation = collation;
    }

    public SqlExpr Operand { get; }

    public SqlName Collation { get; }
}

/// <summary><c>x ISNULL</c>, <c>x NOTNULL</c>, <c>x NOT NULL</c>.</summary>
internal sealed class NullTestExpr : SqlExpr
{
    public NullTestExpr(int start, int end, bool not, SqlExpr operand) : base(start, end)
    {
        Not = not;
        Operand = operand;
    }

    public bool Not { get; }

    public SqlExpr Operand { get; }
}

internal sealed class VectorExpr : SqlExpr
{
    public VectorExpr(int start, int end, IReadOnlyList<SqlExpr> items) : base(start, end) => Items = items;

    public IReadOnlyList<SqlExpr> Items { get; }
}

internal sealed class FunctionExpr : SqlExpr
{
    public FunctionExpr(
        int start, int end, SqlName name, IReadOnlyList<SqlExpr> args, bool star, bool distinct,
        IReadOnlyList<SqlOrderTerm>? orderBy, SqlExpr? filter, SqlWindow? over) : base(start, end)
    {
        Name = name;
        Args = args;
        Star = star;
        Distinct = distinct;
        OrderBy = orderBy;
        Filter = filter;
        Over = over;
    }

    public SqlName Name { get; }

    public IReadOnlyList<SqlExpr> Args { get; }

    public bool Star { get; }

    public bool Distinct { get; }

    /// <summary>Gets the ORDER BY inside the argument list (<c>group_concat(x, ',' ORDER BY y)</c>).</summary>
    public IReadOnlyList<SqlOrderTerm>? OrderBy { get; }

    public SqlExpr? Filter { get; }

    public SqlWindow? Over { get; }
}

/// <summary>A window definition, or a reference to a named one (<see cref="BaseName"/> alone).</summary>
internal sealed class SqlWindow
{
    public SqlWindow(SqlName? baseName, IReadOnlyList<SqlExpr>? partitionBy, IReadOnlyList<SqlOrderTerm>? orderBy, IReadOnlyList<SqlExpr> frameBounds, bool isReference, SqlName? rangeWithOffset = null)
    {
        RangeWithOffset = rangeWithOffset;
        BaseName = baseName;
        PartitionBy = partitionBy;
        OrderBy = orderBy;
        FrameBounds = frameBounds;
        IsReference = isReference;
    }

    public SqlName? BaseName { get; }

    public IReadOnlyList<SqlExpr>? PartitionBy { get; }

    public IReadOnlyList<SqlOrderTerm>? OrderBy { get; }

    /// <summary>Gets the <c>n PRECEDING</c>/<c>n FOLLOWING</c> expressions of the frame.</summary>
    public IReadOnlyList<SqlExpr> FrameBounds { get; }

    /// <summary>Gets the RANGE keyword of a RANGE frame with an offset (<c>RANGE 5 PRECEDING</c>), or null.</summary>
    public SqlName? RangeWithOffset { get; }

    /// <summary>Gets whether this is <c>OVER name</c> without parentheses.</summary>
    public bool IsReference { get; }
}

internal sealed class SqlOrderTerm
{
    public SqlOrderTerm(SqlExpr expr) => Expr = expr;

    public SqlExpr Expr { get; }
}

// ---- FROM ----

internal abstract class SqlFrom
{
}

/// <summary>A table, CTE or table-valued function in FROM (or after IN).</summary>
internal sealed class SqlTableRef : SqlFrom
{
    public SqlTableRef(SqlName? schema, SqlName name, SqlName? alias, IReadOnlyList<SqlExpr>? functionArgs, int end)
    {
        Schema = schema;
        Name = name;
        Alias = alias;
        FunctionArgs = functionArgs;
        End = end;
    }

    public SqlName? Schema { get; }

    public SqlName Name { get; }

    public SqlName? Alias { get; }

    public IReadOnlyList<SqlExpr>? FunctionArgs { get; }

    public int End { get; }
}

internal sealed class SqlSubqueryFrom : SqlFrom
{
    public SqlSubqueryFrom(SqlSelect select, SqlName? alias, int start)
    {
        Select = select;
        Alias = alias;
        Start = start;
    }

    public SqlSelect Select { get; }

    public SqlName? Alias { get; }

    public int Start { get; }
}

internal enum SqlJoinKind
{
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

internal sealed class SqlJoin : SqlFrom
{
    public SqlJoin(SqlFrom left, SqlFrom right, SqlJoinKind kind, bool natural, SqlExpr? on, IReadOnlyList<SqlName>? usingColumns)
    {
        Left = left;
        Right = right;
        Kind = kind;
        Natural = natural;
        On = on;
        Using = usingColumns;
    }

    public SqlFrom Left { get; }

    public SqlFrom Right { get; }

    public SqlJoinKind Kind { get; }

    public bool Natural { get; }

    public SqlExpr? On { get; }

    public IReadOnlyList<SqlName>? Using { get; }
}

// ---- SELECT ----

internal sealed class SqlResultItem
{
    public SqlResultItem(SqlExpr? expr, SqlName? starTable, SqlName? alias, int start, int end)
    {
        Expr = expr;
        StarTable = starTable;
        Alias = alias;
        Start = start;
        End = end;
    }

    /// <summary>Gets the expression, or <see langword="null"/> for <c>*</c> / <c>t.*</c>.</summary>
    public SqlExpr? Expr { get; }

    public SqlName? StarTable { get; }

    public SqlName? Alias { get; }

    public int Start { get; }

    public int End { get; }
}

internal sealed class SqlNamedWindow
{
    public SqlNamedWindow(SqlName name, SqlWindow window)
    {
        Name = name;
        Window = window;
    }

    public SqlName Name { get; }

    public SqlWindow Window { get; }
}

internal sealed class SqlSelectCore
{
    public SqlSelectCore(
        int start, bool distinct, IReadOnlyList<SqlResultItem> columns, SqlFrom? from, SqlExpr? where,
        IReadOnlyList<SqlExpr>? groupBy, SqlExpr? having, IReadOnlyList<SqlNamedWindow>? windows,
        IReadOnlyList<IReadOnlyList<SqlExpr>>? values)
    {
        Start = start;
        Distinct = distinct;
        Columns = columns;
        From = from;
        Where = where;
        GroupBy = groupBy;
        Having = having;
        Windows = windows;
        Values = values;
    }

    public int Start { get; }

    public bool Distinct { get; }

    public IReadOnlyList<SqlResultItem> Columns { get; }

    public SqlFrom? From { get; }

    public SqlExpr? Where { get; }

    public IReadOnlyList<SqlExpr>? GroupBy { get; }

    public SqlExpr? Having { get; }

    public IReadOnlyList<SqlNamedWindow>? Windows { get; }

    /// <summary>Gets the rows of a <c>VALUES</c> core (then <see cref="Columns"/> is empty).</summary>
    public IReadOnlyList<IReadOnlyList<SqlExpr>>? Values { get; }
}

internal sealed class SqlCte
{
    public SqlCte(SqlName name, IReadOnlyList<SqlName>? columns, SqlSelect select)
    {
        Name = name;
        Columns = columns;
        Select = select;
    }

    public SqlName Name { get; }

    public IReadOnlyList<SqlName>? Columns { get; }

    public SqlSelect Select { get; }
}

internal sealed class SqlWith
{
    public SqlWith(bool recursive, IReadOnlyList<SqlCte> ctes)
    {
        Recursive = recursive;
        Ctes = ctes;
    }

    public bool Recursive { get; }

    public IReadOnlyList<SqlCte> Ctes { get; }
}

internal sealed class SqlSelect
{
    public SqlSelect(
        int start, SqlWith? with, IReadOnlyList<SqlSelectCore> cores, IReadOnlyList<SqlName> operators,
        IReadOnlyList<SqlOrderTerm>? orderBy, SqlExpr? limit, SqlExpr? offset)
    {
        Start = start;
        With = with;
        Cores = cores;
        Operators = operators;
        OrderBy = orderBy;
        Limit = limit;
        Offset = offset;
    }

    public int Start { get; }

    public SqlWith? With { get; }

    public IReadOnlyList<SqlSelectCore> Cores { get; }

    /// <summary>Gets the compound operators between cores (UNION, UNION ALL, INTERSECT, EXCEPT), with their spans.</summary>
    public IReadOnlyList<SqlName> Operators { get; }

    public IReadOnlyList<SqlOrderTerm>? OrderBy { get; }

    public SqlExpr? Limit { get; }

    public SqlExpr? Offset { get; }
}

// ---- DML ----

internal sealed class SqlSetClause
{
    public SqlSetClause(IReadOnlyList<SqlName> columns, SqlExpr value)
    {
        Columns = columns;
        Value = value;
    }

    public IReadOnlyList<SqlName> Columns { get; }

    public SqlExpr Value { get; }
}

internal sealed class SqlUpsert
{
    public SqlUpsert(IReadOnlyList<SqlExpr>? target, SqlExpr? targetWhere, IReadOnlyList<SqlSetClause>? set, SqlExpr? where)
    {
        Target = target;
        TargetWhere = targetWhere;
        Set = set;
        Where = where;
    }

    public IReadOnlyList<SqlExpr>? Target { get; }

    public SqlExpr? TargetWhere { get; }

    /// <summary>Gets the <c>DO UPDATE SET</c> list, or <see langword="null"/> for <c>DO NOTHING</c>.</summary>
    public IReadOnlyList<SqlSetClause>? Set { get; }

    public SqlExpr? Where { get; }
}

internal abstract class SqlStatement
{
    protected SqlStatement(SqlWith? with) => With = with;

    public SqlWith? With { get; }
}

internal sealed class SqlSelectStatement : SqlStatement
{
    public SqlSelectStatement(SqlSelect select) : base(select.With) => Select = select;

    public SqlSelect Select { get; }
}

internal sealed class SqlInsert : SqlStatement
{
    public SqlInsert(
        SqlWith? with, SqlTableRef table, IReadOnlyList<SqlName>? columns, SqlSelect? source,
        IReadOnlyList<SqlUpsert> upserts, IReadOnlyList<SqlResultItem>? returning) : base(with)
    {
        Table = table;
        Columns = columns;
        Source = source;
        Upserts = upserts;
        Returning = returning;
    }

    public SqlTableRef Table { get; }

    public IReadOnlyList<SqlName>? Columns { get; }

    /// <summary>Gets the VALUES or SELECT; <see langword="null"/> for DEFAULT VALUES.</summary>
    public SqlSelect? Source { get; }

    public IReadOnlyList<SqlUpsert> Upserts { get; }

    public IReadOnlyList<SqlResultItem>? Returning { get; }
}

internal sealed class SqlUpdate : SqlStatement
{
    public SqlUpdate(
        SqlWith? with, SqlTableRef table, IReadOnlyList<SqlSetClause> set, SqlFrom? from, SqlExpr? where,
        IReadOnlyList<SqlResultItem>? returning) : base(with)
    {
        Table = table;
        Set = set;
        From = from;
        Where = where;
        Returning = returning;
    }

    public SqlTableRef Table { get; }

    public IReadOnlyList<SqlSetClause> Set { get; }

    public SqlFrom? From { get; }

    public SqlExpr? Where { get; }

    public IReadOnlyList<SqlResultItem>? Returning { get; }
}

internal sealed class SqlDelete : SqlStatement
{
    public SqlDelete(SqlWith? with, SqlTableRef table, SqlExpr? where, IReadOnlyList<SqlResultItem>? returning) : base(with)
    {
        Table = table;
        Where = where;
        Returning = returning;
    }

    public SqlTableRef Table { get; }

    public SqlExpr? Where { get; }

    public IReadOnlyList<SqlResultItem>? Returning { get; }
}
