using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>
/// What every typed query shares: its filter, order and paging, the SQL it renders, and the ways to run it.
/// Builder methods return a new query and leave this one unchanged, so a query can be reused as a base.
/// </summary>
/// <typeparam name="TTable">The table class queried.</typeparam>
/// <typeparam name="TResult">What each row is read as: the entity, a column's value, or a tuple of values.</typeparam>
/// <remarks>
/// The same query shape always renders the same SQL, with values in parameters <c>@p0</c>, <c>@p1</c>, ...; the
/// connection caches the prepared statement by SQL, so running a shape again skips preparing it.
/// </remarks>
public abstract class QueryBase<TTable, TResult>
    where TTable : ITable<TTable>
{
    private protected QueryBase(Connection connection, QueryShape<TTable> shape)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Shape = shape;
    }

    private protected Connection Connection { get; }

    private protected QueryShape<TTable> Shape { get; }

    /// <summary>Returns the SQL the query runs, exactly as echo logs it.</summary>
    /// <returns>The SQL text.</returns>
    public string ToSql()
    {
        string sql = Render(SelectPrefix, includeOrderAndPaging: true, out List<object> values);
        QueryParameters.Return(values);
        return sql;
    }

    /// <summary>Returns the SQL the query runs.</summary>
    /// <returns>The SQL text.</returns>
    public override string ToString() => ToSql();

    /// <summary>Runs the query and returns every row.</summary>
    /// <returns>The rows.</returns>
    /// <exception cref="GenOrmException">The database reported an error.</exception>
    public List<TResult> All() => Run(int.MaxValue, CancellationToken.None);

    /// <summary>Runs the query and returns every row.</summary>
    /// <param name="cancellationToken">Stops the query: it throws <see cref="OperationCanceledException"/> and the connection stays usable.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="GenOrmException">The database reported an error.</exception>
    public async Task<List<TResult>> AllAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return await use.Held(RunAsync(int.MaxValue, cancellationToken));
    }

    /// <summary>Runs the query and returns its only row.</summary>
    /// <returns>The row.</returns>
    /// <exception cref="NoResultFoundException">No row matched.</exception>
    /// <exception cref="MultipleResultsFoundException">More than one row matched.</exception>
    public TResult One() => Single(Run(2, CancellationToken.None), orNone: false)!;

    /// <summary>Runs the query and returns its only row.</summary>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The row.</returns>
    /// <exception cref="NoResultFoundException">No row matched.</exception>
    /// <exception cref="MultipleResultsFoundException">More than one row matched.</exception>
    public async Task<TResult> OneAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return Single(await use.Held(RunAsync(2, cancellationToken)), orNone: false)!;
    }

    /// <summary>Runs the query and returns its only row, or the default (<see langword="null"/>) when none matched.</summary>
    /// <returns>The row, or the default.</returns>
    /// <exception cref="MultipleResultsFoundException">More than one row matched.</exception>
    public TResult? OneOrNone() => Single(Run(2, CancellationToken.None), orNone: true);

    /// <summary>Runs the query and returns its only row, or the default (<see langword="null"/>) when none matched.</summary>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The row, or the default.</returns>
    /// <exception cref="MultipleResultsFoundException">More than one row matched.</exception>
    public async Task<TResult?> OneOrNoneAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return Single(await use.Held(RunAsync(2, cancellationToken)), orNone: true);
    }

    /// <summary>Runs the query with <c>LIMIT 1</c> and returns the first row.</summary>
    /// <returns>The first row.</returns>
    /// <exception cref="NoResultFoundException">No row matched.</exception>
    public TResult First() => First(Run(1, CancellationToken.None), orDefault: false)!;

    /// <summary>Runs the query with <c>LIMIT 1</c> and returns the first row.</summary>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The first row.</returns>
    /// <exception cref="NoResultFoundException">No row matched.</exception>
    public async Task<TResult> FirstAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return First(await use.Held(RunAsync(1, cancellationToken)), orDefault: false)!;
    }

    /// <summary>Runs the query with <c>LIMIT 1</c> and returns the first row, or the default when none matched.</summary>
    /// <returns>The first row, or the default.</returns>
    public TResult? FirstOrDefault() => First(Run(1, CancellationToken.None), orDefault: true);

    /// <summary>Runs the query with <c>LIMIT 1</c> and returns the first row, or the default when none matched.</summary>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The first row, or the default.</returns>
    public async Task<TResult?> FirstOrDefaultAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return First(await use.Held(RunAsync(1, cancellationToken)), orDefault: true);
    }

    /// <summary>Counts the rows the query matches (after <c>Limit</c> and <c>Offset</c>).</summary>
    /// <returns>The number of rows.</returns>
    public long Count() => RunScalar(CountSql(out List<object> values), values, CancellationToken.None);

    /// <summary>Counts the rows the query matches (after <c>Limit</c> and <c>Offset</c>).</summary>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The number of rows.</returns>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return await use.Held(RunScalarAsync(CountSql(out List<object> values), values, cancellationToken));
    }

    /// <summary>Returns whether any row matches.</summary>
    /// <returns><see langword="true"/> when at least one row matches.</returns>
    public bool Exists() => RunScalar(ExistsSql(out List<object> values), values, CancellationToken.None) != 0;

    /// <summary>Returns whether any row matches.</summary>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns><see langword="true"/> when at least one row matches.</returns>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using Connection.UseScope use = Connection.Enter();
        return await use.Held(RunScalarAsync(ExistsSql(out List<object> values), values, cancellationToken)) != 0;
    }

    /// <summary>
    /// Runs the query and reads rows one at a time as they are enumerated, without holding the whole result in
    /// memory. Other statements may run on the same connection between rows; on PostgreSQL, which runs one statement at
    /// a time, the rest of the result is then read into memory first.
    /// </summary>
    /// <returns>The rows, read lazily.</returns>
    public IEnumerable<TResult> Stream() => StreamCore();

    /// <summary>
    /// Runs the query and reads rows one at a time as they are enumerated asynchronously. Other statements may
    /// run on the same connection between rows; on PostgreSQL the rest of the result is then read into memory first.
    /// </summary>
    /// <param name="cancellationToken">Stops the query and the enumeration.</param>
    /// <returns>The rows, read lazily.</returns>
    public async IAsyncEnumerable<TResult> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string sql = Render(SelectPrefix, includeOrderAndPaging: true, out List<object> values);
        Statement statement = Prepare(sql, values);
        using Connection.StatementStream stream = await Connection.OpenStreamAsync(statement, TTable.TableName, cancellationToken).ConfigureAwait(false); // not held: the connection is free between rows
        while (await stream.ReadAsync().ConfigureAwait(false)) // not held: each read holds the connection itself
        {
            yield return Read(statement);
        }
    }

    /// <summary>Gets the <c>SELECT ... FROM ...</c> this query starts with.</summary>
    private protected abstract string SelectPrefix { get; }

    /// <summary>Reads one row.</summary>
    private protected abstract TResult Read(Statement statement);

    /// <summary>
    /// Renders the query's SQL after <paramref name="prefix"/> and before <paramref name="suffix"/>, and its parameter
    /// values into a list taken from the thread's pool: the caller owns that list until it hands it to
    /// <see cref="Prepare"/>, which binds the values and gives the list back.
    /// </summary>
    private protected string Render(string prefix, bool includeOrderAndPaging, out List<object> values, int? limitOverride = null, string? suffix = null)
    {
        values = QueryParameters.Rent();
        StringBuilder sql = RentBuilder().Append(prefix);
        if (Shape.Where is not null)
        {
            sql.Append(" WHERE ");
            Shape.Where.Render(sql, values, Connection.Database);
        }

        if (includeOrderAndPaging)
        {
            if (Shape.OrderBy is not null)
            {
                sql.Append(" ORDER BY ").Append(Shape.OrderBy);
            }

            int? limit = Limit(limitOverride);

            // SQLite needs a LIMIT before an OFFSET (-1: no limit); PostgreSQL takes an OFFSET alone and refuses -1.
            if (limit is not null || (Shape.Offset is not null && Connection.Database == DatabaseKind.Sqlite))
            {
                sql.Append(" LIMIT ").Append(QueryParameters.Name(values.Count));
                values.Add(QueryParameters.RowCount(limit ?? -1));
            }

            if (Shape.Offset is { } offset)
            {
                sql.Append(" OFFSET ").Append(QueryParameters.Name(values.Count));
                values.Add(QueryParameters.RowCount(offset));
            }
        }

        return ReturnBuilder(suffix is null ? sql : sql.Append(suffix));
    }

    /// <summary>Gets the limit the query runs with: its own, or <paramref name="limitOverride"/> when that is lower.</summary>
    private int? Limit(int? limitOverride) =>
        limitOverride is { } l && (Shape.Limit is null || l < Shape.Limit) ? l : Shape.Limit;

    /// <summary>
    /// One builder per thread for rendering SQL, and the texts it rendered last: a query of a shape run again (the same
    /// filter, order and paging; only values differ, and they are parameters) gets the same string back, so that running
    /// it allocates no SQL text, and the connection finds its prepared statement by that string.
    /// </summary>
    [ThreadStatic]
    private static StringBuilder? t_builder;

    [ThreadStatic]
    private static string[]? t_recentTexts;

    [ThreadStatic]
    private static int t_nextRecent;

    private const int RecentTexts = 8;

    private static StringBuilder RentBuilder()
    {
        StringBuilder builder = t_builder ?? new StringBuilder(256);
        t_builder = null;
        return builder.Clear();
    }

    private static string ReturnBuilder(StringBuilder builder)
    {
        string text = RecentText(builder) ?? Remember(builder.ToString());
        if (builder.Capacity <= 4096)
        {
            t_builder = builder;
        }

        return text;
    }

    /// <summary>Gets the text just rendered if it is one of the thread's recent texts, else <see langword="null"/>.</summary>
    private static string? RecentText(StringBuilder builder)
    {
        string[]? recent = t_recentTexts;
        if (recent is null)
        {
            return null;
        }

        ReadOnlySpan<char> rendered = default;
        int chunks = 0;
        foreach (ReadOnlyMemory<char> chunk in builder.GetChunks())
        {
            rendered = chunk.Span;
            if (++chunks > 1)
            {
                // A builder that grew is one chunk again after its next Clear(); this once, compare nothing.
                return null;
            }
        }

        foreach (string? text in recent)
        {
            if (text is not null && rendered.SequenceEqual(text))
            {
                return text;
            }
        }

        return null;
    }

    private static string Remember(string text)
    {
        string[] recent = t_recentTexts ??= new string[RecentTexts];
        recent[t_nextRecent] = text;
        t_nextRecent = (t_nextRecent + 1) % RecentTexts;
        return text;
    }

    private protected void RequireNoPaging(string operation)
    {
        // The order of a set-based statement does not matter, so OrderBy is ignored; paging would silently
        // change which rows are hit, so it is refused.
        if (Shape.Limit is not null || Shape.Offset is not null)
        {
            throw new InvalidOperationException(
                $"{operation}() works on every row the filter matches; remove Limit and Offset from the query first.");
        }
    }

    private protected int RunNonQuery(string sql, List<object> values, CancellationToken cancellationToken)
    {
        using Statement statement = Prepare(sql, values);
        return Connection.Run(statement, TTable.TableName, cancellationToken, Connection, static (connection, s) =>
        {
            connection.Step(s, first: true);
            return connection.Changes();
        });
    }

    private protected async ValueTask<int> RunNonQueryAsync(string sql, List<object> values, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = Connection.Enter();
        using Statement statement = Prepare(sql, values);
        return await use.Held(Connection.RunAsync(statement, TTable.TableName, cancellationToken, Connection, async (connection, s, token) =>
        {
            await use.Held(connection.StepAsync(s, first: true, token));
            return connection.Changes();
        }));
    }

    private string CountSql(out List<object> values) =>
        Shape.Limit is null && Shape.Offset is null
            ? Render(TableTexts<TTable>.CountFrom, includeOrderAndPaging: false, out values)
            : Render(TableTexts<TTable>.CountPagedFrom, includeOrderAndPaging: true, out values, suffix: ") AS counted");

    private string ExistsSql(out List<object> values) =>
        // An integer on both databases (PostgreSQL's EXISTS alone is a boolean).
        Render(TableTexts<TTable>.ExistsFrom, includeOrderAndPaging: true, out values, suffix: ") THEN 1 ELSE 0 END");

    private List<TResult> Run(int max, CancellationToken cancellationToken)
    {
        int? limitOverride = max == int.MaxValue ? null : max;
        string sql = Render(SelectPrefix, includeOrderAndPaging: true, out List<object> values, limitOverride);
        int capacity = FirstCapacity(limitOverride);
        using Statement statement = Prepare(sql, values);
        return Connection.Run(statement, TTable.TableName, cancellationToken, (query: this, cancellationToken, capacity), static (state, s) =>
        {
            var rows = new List<TResult>();
            bool first = true;
            while (state.query.Connection.Step(s, first))
            {
                first = false;
                state.cancellationToken.ThrowIfCancellationRequested();
                if (rows.Capacity == 0)
                {
                    rows.Capacity = state.capacity;
                }

                rows.Add(state.query.Read(s));
            }

            return rows;
        });
    }

    private async ValueTask<List<TResult>> RunAsync(int max, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = Connection.Enter();
        int? limitOverride = max == int.MaxValue ? null : max;
        string sql = Render(SelectPrefix, includeOrderAndPaging: true, out List<object> values, limitOverride);
        int capacity = FirstCapacity(limitOverride);
        using Statement statement = Prepare(sql, values);
        return await use.Held(Connection.RunAsync(statement, TTable.TableName, cancellationToken, this, async (query, s, token) =>
        {
            var rows = new List<TResult>();
            bool first = true;
            while (await use.Held(query.Connection.StepAsync(s, first, token)))
            {
                first = false;
                token.ThrowIfCancellationRequested();
                if (rows.Capacity == 0)
                {
                    rows.Capacity = capacity;
                }

                rows.Add(query.Read(s));
            }

            return rows;
        }));
    }

    /// <summary>
    /// Gets the capacity of the row list once a first row has come: the limit when it is at most
    /// <see cref="MostRowsSizedAhead"/>, so a page that comes back full fills one array of its size instead of growing
    /// through 4, 8, 16, ...; the list's own first size, 4, with no limit or a larger one. A query that finds no row
    /// allocates no array.
    /// </summary>
    private int FirstCapacity(int? limitOverride) => Limit(limitOverride) is { } limit and > 0 and <= MostRowsSizedAhead ? limit : 4;

    /// <summary>The largest limit the row list is sized to ahead of the rows (an array of 128 references is 1 KiB).</summary>
    private const int MostRowsSizedAhead = 128;

    /// <summary>The only row of <paramref name="rows"/> (read with a limit of 2), or the default when <paramref name="orNone"/> and there is none.</summary>
    private TResult? Single(List<TResult> rows, bool orNone) => rows.Count switch
    {
        1 => rows[0],
        0 when orNone => default,
        0 => throw new NoResultFoundException(ErrorMessages.NoRow(ToSql()), ToSql()),
        _ => throw new MultipleResultsFoundException(ErrorMessages.SeveralRows(ToSql()), TTable.TableName, ToSql()),
    };

    /// <summary>The first row of <paramref name="rows"/> (read with a limit of 1), or the default when <paramref name="orDefault"/> and there is none.</summary>
    private TResult? First(List<TResult> rows, bool orDefault)
    {
        if (rows.Count > 0)
        {
            return rows[0];
        }

        return orDefault ? default : throw new NoResultFoundException(ErrorMessages.NoRow(ToSql()), ToSql());
    }

    private long RunScalar(string sql, List<object> values, CancellationToken cancellationToken)
    {
        using Statement statement = Prepare(sql, values);
        return Connection.Run(statement, TTable.TableName, cancellationToken, Connection, static (connection, s) =>
        {
            connection.Step(s, first: true);
            return s.GetInt64(0);
        });
    }

    private async ValueTask<long> RunScalarAsync(string sql, List<object> values, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = Connection.Enter();
        using Statement statement = Prepare(sql, values);
        return await use.Held(Connection.RunAsync(statement, TTable.TableName, cancellationToken, Connection, async (connection, s, token) =>
        {
            await use.Held(connection.StepAsync(s, first: true, token));
            return s.GetInt64(0);
        }));
    }

    /// <summary>Each enumeration renders the query and binds its values itself, when it starts, so it can be enumerated again.</summary>
    private IEnumerable<TResult> StreamCore()
    {
        string sql = Render(SelectPrefix, includeOrderAndPaging: true, out List<object> values);
        Statement statement = Prepare(sql, values);
        using Connection.StatementStream stream = Connection.OpenStream(statement, TTable.TableName, CancellationToken.None);
        while (stream.Read())
        {
            yield return Read(statement);
        }
    }

    /// <summary>Lends the statement for <paramref name="sql"/>, binds <paramref name="values"/> to it, and gives the list back to the thread's pool.</summary>
    private Statement Prepare(string sql, List<object> values)
    {
        Statement statement = Connection.Lend(sql);
        if (sql.StartsWith("SELECT ", StringComparison.Ordinal))
        {
            // The builder's reads: every value is a parameter, and the text names only columns and COUNT/EXISTS.
            statement.IsOwnRead = true;
        }

        try
        {
            // A statement keeps the values of its last run: one bound short would silently run with some of them.
            if (values.Count != statement.ParameterCount)
            {
                throw new InvalidOperationException(ErrorMessages.QueryValuesMismatch(sql, statement.ParameterCount, values.Count));
            }

            for (int i = 0; i < values.Count; i++)
            {
                statement.BindValue(i, values[i]);
            }

            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
        finally
        {
            QueryParameters.Return(values);
        }
    }
}
