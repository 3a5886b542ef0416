using System;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>
/// A typed query over a table, started by the generated <c>User.Query(connection)</c>: SQLAlchemy's
/// <c>session.query(User).filter(...)</c>, checked by the C# compiler.
/// </summary>
/// <typeparam name="TTable">The table class queried.</typeparam>
/// <example>
/// <code>
/// User? user = User.Query(conn).Where(User.Columns.Email == email).OneOrNone();
/// List&lt;User&gt; page = User.Query(conn)
///     .Where(User.Columns.Age &gt;= 18 &amp; User.Columns.Login.Like("a%"))
///     .OrderBy(User.Columns.Name).Limit(20).Offset(40)
///     .All();
/// </code>
/// </example>
public sealed class Query<TTable> : QueryBase<TTable, TTable>
    where TTable : ITable<TTable>
{
    private Query(Connection connection, QueryShape<TTable> shape)
        : base(connection, shape)
    {
    }

    private protected override string SelectPrefix => TTable.SelectSql;

    /// <summary>Starts a query over every row of <typeparamref name="TTable"/>. Generated <c>Query(connection)</c> calls this.</summary>
    /// <param name="connection">The connection to run the query on.</param>
    /// <returns>The query.</returns>
    public static Query<TTable> Create(Connection connection) => new(connection, QueryShape<TTable>.Empty);

    /// <summary>Keeps only the rows that match <paramref name="condition"/>; several calls combine with AND.</summary>
    /// <param name="condition">The condition, built from <c>TTable.Columns</c>.</param>
    /// <returns>The filtered query.</returns>
    public Query<TTable> Where(Condition<TTable> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return With(Shape.AndWhere(condition));
    }

    /// <summary>Orders the rows by a column, ascending, replacing any earlier order.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param>
    /// <returns>The ordered query.</returns>
    public Query<TTable> OrderBy<TValue>(IColumn<TTable, TValue> column) => Order(column, descending: false, then: false);

    /// <summary>Orders the rows by a column, descending, replacing any earlier order.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param>
    /// <returns>The ordered query.</returns>
    public Query<TTable> OrderByDescending<TValue>(IColumn<TTable, TValue> column) => Order(column, descending: true, then: false);

    /// <summary>Orders rows that tie on the earlier order by another column, ascending.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param>
    /// <returns>The ordered query.</returns>
    public Query<TTable> ThenBy<TValue>(IColumn<TTable, TValue> column) => Order(column, descending: false, then: true);

    /// <summary>Orders rows that tie on the earlier order by another column, descending.</summary>
    /// <typeparam name="TValue">The column's type.</typeparam>
    /// <param name="column">The column.</param>
    /// <returns>The ordered query.</returns>
    public Query<TTable> ThenByDescending<TValue>(IColumn<TTable, TValue> column) => Order(column, descending: true, then: true);

    /// <summary>Returns at most <paramref name="count"/> rows.</summary>
    /// <param name="count">The greatest number of rows; zero or more.</param>
    /// <returns>The limited query.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public Query<TTable> Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(Shape.Limited(count));
    }

    /// <summary>Skips the first <paramref name="count"/> rows.</summary>
    /// <param name="count">The number of rows to skip; zero or more.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public Query<TTable> Offset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(Shape.Skipping(count));
    }

    /// <summary>Reads one column instead of whole entities.</summary>
    /// <typeparam name="T1">The column's type.</typeparam>
    /// <param name="column">The column.</param>
    /// <returns>A query whose rows are the column's values.</returns>
    public ProjectionQuery<TTable, T1> Select<T1>(IColumn<TTable, T1> column)
    {
        ArgumentNullException.ThrowIfNull(column);
        ColumnDefinition<TTable, T1> c1 = column.Definition;
        return new(Connection, Shape, c1.Sql, reader => c1.Read(reader, 0));
    }

    /// <summary>Reads two columns instead of whole entities.</summary>
    /// <typeparam name="T1">The first column's type.</typeparam>
    /// <typeparam name="T2">The second column's type.</typeparam>
    /// <param name="first">The first column.</param>
    /// <param name="second">The second column.</param>
    /// <returns>A query whose rows are tuples of the columns' values.</returns>
    public ProjectionQuery<TTable, (T1, T2)> Select<T1, T2>(IColumn<TTable, T1> first, IColumn<TTable, T2> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ColumnDefinition<TTable, T1> c1 = first.Definition;
        ColumnDefinition<TTable, T2> c2 = second.Definition;
        return new(Connection, Shape, c1.Sql + ", " + c2.Sql, reader => (c1.Read(reader, 0), c2.Read(reader, 1)));
    }

    /// <summary>Reads three columns instead of whole entities.</summary>
    /// <typeparam name="T1">The first column's type.</typeparam>
    /// <typeparam name="T2">The second column's type.</typeparam>
    /// <typeparam name="T3">The third column's type.</typeparam>
    /// <param name="first">The first column.</param>
    /// <param name="second">The second column.</param>
    /// <param name="third">The third column.</param>
    /// <returns>A query whose rows are tuples of the columns' values.</returns>
    public ProjectionQuery<TTable, (T1, T2, T3)> Select<T1, T2, T3>(IColumn<TTable, T1> first, IColumn<TTable, T2> second, IColumn<TTable, T3> third)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(third);
        ColumnDefinition<TTable, T1> c1 = first.Definition;
        ColumnDefinition<TTable, T2> c2 = second.Definition;
        ColumnDefinition<TTable, T3> c3 = third.Definition;
        return new(
            Connection,
            Shape,
            c1.Sql + ", " + c2.Sql + ", " + c3.Sql,
            reader => (c1.Read(reader, 0), c2.Read(reader, 1), c3.Read(reader, 2)));
    }

    /// <summary>Deletes every row the filter matches: <c>DELETE FROM table WHERE ...</c>.</summary>
    /// <returns>The number of rows deleted.</returns>
    /// <exception cref="InvalidOperationException">The query has a limit or an offset.</exception>
    /// <exception cref="GenOrmException">The database reported an error, such as a foreign key violation.</exception>
    public int Delete() => RunNonQuery(DeleteSql(out var values), values, CancellationToken.None);

    /// <summary>Deletes every row the filter matches.</summary>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The number of rows deleted.</returns>
    /// <exception cref="InvalidOperationException">The query has a limit or an offset.</exception>
    public async Task<int> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return await use.Held(RunNonQueryAsync(DeleteSql(out var values), values, cancellationToken));
    }

    /// <summary>Sets columns on every row the filter matches: <c>UPDATE table SET ... WHERE ...</c>.</summary>
    /// <param name="assignments">The new values, built with <c>TTable.Columns.X.Set(value)</c>.</param>
    /// <returns>The number of rows changed.</returns>
    /// <exception cref="ArgumentException">No assignment was given.</exception>
    /// <exception cref="InvalidOperationException">The query has a limit or an offset.</exception>
    /// <exception cref="GenOrmException">The database reported an error, such as a constraint violation.</exception>
    public int Update(params Assignment<TTable>[] assignments) => RunNonQuery(UpdateSql(assignments, out var values), values, CancellationToken.None);

    /// <summary>Sets columns on every row the filter matches.</summary>
    /// <param name="assignments">The new values.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The number of rows changed.</returns>
    public async Task<int> UpdateAsync(Assignment<TTable>[] assignments, CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return await use.Held(RunNonQueryAsync(UpdateSql(assignments, out var values), values, cancellationToken));
    }

    private protected override TTable Read(Statement statement) => TTable.ReadRow(statement);

    private string DeleteSql(out System.Collections.Generic.List<object> values)
    {
        RequireNoPaging(nameof(Delete));
        return Render(TableTexts<TTable>.DeleteFrom, includeOrderAndPaging: false, out values);
    }

    private string UpdateSql(Assignment<TTable>[] assignments, out System.Collections.Generic.List<object> values)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Length == 0)
        {
            throw new ArgumentException("Update() needs at least one assignment, such as User.Columns.Name.Set(\"Ann\").", nameof(assignments));
        }

        RequireNoPaging(nameof(Update));
        var sql = new System.Text.StringBuilder(TableTexts<TTable>.UpdateSet);
        values = QueryParameters.Rent();
        for (int i = 0; i < assignments.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(assignments[i]);
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.Append(assignments[i].ColumnSql).Append(" = ").Append(QueryParameters.Name(i));
            values.Add(assignments[i].Value);
        }

        // The WHERE clause numbers its parameters after the SET clause's.
        if (Shape.Where is not null)
        {
            sql.Append(" WHERE ");
            Shape.Where.Render(sql, values, Connection.Database);
        }

        return sql.ToString();
    }

    private Query<TTable> Order<TValue>(IColumn<TTable, TValue> column, bool descending, bool then)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (then && Shape.OrderBy is null)
        {
            throw new InvalidOperationException("ThenBy() refines an earlier order; call OrderBy() first.");
        }

        ColumnDefinition<TTable, TValue> definition = column.Definition;
        return With(Shape.OrderedBy(descending ? definition.DescendingSql : definition.Sql, then));
    }

    private Query<TTable> With(QueryShape<TTable> shape) => new(Connection, shape);
}

/// <summary>A typed query that reads one or a few columns: made by <see cref="Query{TTable}.Select{T1}"/>.</summary>
/// <typeparam name="TTable">The table class queried.</typeparam>
/// <typeparam name="TResult">The column's type, or a tuple of the columns' types.</typeparam>
public sealed class ProjectionQuery<TTable, TResult> : QueryBase<TTable, TResult>
    where TTable : ITable<TTable>
{
    private readonly Func<Statement, TResult> _read;

    internal ProjectionQuery(Connection connection, QueryShape<TTable> shape, string columns, Func<Statement, TResult> read)
        : base(connection, shape)
    {
        SelectPrefix = "SELECT " + columns + " FROM " + TTable.QuotedTableName;
        _read = read;
    }

    private protected override string SelectPrefix { get; }

    private protected override TResult Read(Statement statement) => _read(statement);
}
