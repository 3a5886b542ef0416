namespace GenOrm;

/// <summary>
/// The immutable state of a query: filter, order and paging. A struct held inside each query object, so a builder
/// step allocates the one new query it returns and nothing else.
/// </summary>
/// <typeparam name="TTable">The table class queried.</typeparam>
internal readonly struct QueryShape<TTable>
    where TTable : ITable<TTable>
{
    private const int None = -1;

    private readonly int _limit;
    private readonly int _offset;

    private QueryShape(Condition<TTable>? where, string? orderBy, int limit, int offset)
    {
        Where = where;
        OrderBy = orderBy;
        _limit = limit;
        _offset = offset;
    }

    /// <summary>Gets the shape of a query over every row, unordered.</summary>
    public static QueryShape<TTable> Empty => new(null, null, None, None);

    /// <summary>Gets the filter, or <see langword="null"/> for every row.</summary>
    public Condition<TTable>? Where { get; }

    /// <summary>Gets the terms of the <c>ORDER BY</c> clause as SQL (<c>"name", "id" DESC</c>), or <see langword="null"/> when unordered.</summary>
    public string? OrderBy { get; }

    /// <summary>Gets the greatest number of rows, or <see langword="null"/> for no limit.</summary>
    public int? Limit => _limit == None ? null : _limit;

    /// <summary>Gets the number of rows skipped, or <see langword="null"/> for none.</summary>
    public int? Offset => _offset == None ? null : _offset;

    /// <summary>Returns this shape with <paramref name="condition"/> ANDed to its filter.</summary>
    public QueryShape<TTable> AndWhere(Condition<TTable> condition) =>
        new(Where is null ? condition : Where & condition, OrderBy, _limit, _offset);

    /// <summary>Returns this shape ordered by <paramref name="term"/> alone, or, with <paramref name="then"/>, by its order and then <paramref name="term"/>.</summary>
    public QueryShape<TTable> OrderedBy(string term, bool then) =>
        new(Where, then ? OrderBy + ", " + term : term, _limit, _offset);

    /// <summary>Returns this shape with a limit of <paramref name="count"/> rows (zero or more).</summary>
    public QueryShape<TTable> Limited(int count) => new(Where, OrderBy, count, _offset);

    /// <summary>Returns this shape skipping <paramref name="count"/> rows (zero or more).</summary>
    public QueryShape<TTable> Skipping(int count) => new(Where, OrderBy, _limit, count);
}

/// <summary>The fixed SQL texts the typed queries of <typeparamref name="TTable"/> start with, made once per table.</summary>
/// <typeparam name="TTable">The table class queried.</typeparam>
internal static class TableTexts<TTable>
    where TTable : ITable<TTable>
{
    /// <summary><c>DELETE FROM "table"</c>.</summary>
    public static readonly string DeleteFrom = "DELETE FROM " + TTable.QuotedTableName;

    /// <summary><c>UPDATE "table" SET </c>.</summary>
    public static readonly string UpdateSet = "UPDATE " + TTable.QuotedTableName + " SET ";

    /// <summary><c>SELECT COUNT(*) FROM "table"</c>, for a query without paging.</summary>
    public static readonly string CountFrom = "SELECT COUNT(*) FROM " + TTable.QuotedTableName;

    /// <summary>The start of <c>SELECT COUNT(*) FROM (SELECT 1 FROM "table" ...) AS counted</c>, for a query with paging.</summary>
    public static readonly string CountPagedFrom = "SELECT COUNT(*) FROM (SELECT 1 FROM " + TTable.QuotedTableName;

    /// <summary>The start of <c>SELECT CASE WHEN EXISTS (SELECT 1 FROM "table" ...) THEN 1 ELSE 0 END</c>.</summary>
    public static readonly string ExistsFrom = "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + TTable.QuotedTableName;
}
