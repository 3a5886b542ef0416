using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Internal;

/// <summary>
/// Runs the statements of generated <c>[Query]</c> methods on the same path as generated CRUD
/// (<see cref="TableCommands"/>): the implicit transaction, echo, prepared-statement caching, error translation and
/// cancellation all happen here. Rows are read by a generated static reader over <see cref="Statement"/> at ordinals
/// known at compile time. Used by generated code; not meant to be called directly.
/// </summary>
/// <remarks>
/// The <c>...Async</c> methods await the database driver (PostgreSQL: the network; SQLite, which has no asynchronous
/// I/O, completes every await at once, without allocating) and return <see cref="ValueTask{TResult}"/>, which generated
/// <c>async</c> methods await while they hold the lent statement. They honour their <see cref="CancellationToken"/>:
/// cancelling stops the running statement, which then throws <see cref="OperationCanceledException"/>; the connection
/// stays usable.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class QueryCommands
{
    /// <summary>Reads every row the statement returns.</summary>
    /// <typeparam name="T">The type of one row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="read">Reads the current row.</param>
    /// <returns>The rows, in the order the statement returned them.</returns>
    /// <exception cref="GenOrmException">SQLite reported an error, or a value cannot be read as its member's type.</exception>
    public static List<T> ReadList<T>(Connection connection, Statement statement, Func<Statement, T> read)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Run(statement, null, CancellationToken.None, (connection, read), static (state, s) => ReadRows(state.connection, s, state.read, CancellationToken.None));
    }

    /// <summary>Reads every row the statement returns.</summary>
    /// <typeparam name="T">The type of one row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="read">Reads the current row.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The rows, in the order the statement returned them.</returns>
    /// <exception cref="GenOrmException">SQLite reported an error, or a value cannot be read as its member's type.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ValueTask<List<T>> ReadListAsync<T>(Connection connection, Statement statement, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RunAsync(statement, null, cancellationToken, (connection, read), static (state, s, token) => ReadRowsAsync(state.connection, s, state.read, token));
    }

    /// <summary>Reads the one row the statement must return.</summary>
    /// <typeparam name="T">The type of the row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="read">Reads the current row.</param>
    /// <returns>The row.</returns>
    /// <exception cref="NoResultFoundException">The statement returned no row.</exception>
    /// <exception cref="MultipleResultsFoundException">The statement returned more than one row.</exception>
    public static T ReadOne<T>(Connection connection, Statement statement, Func<Statement, T> read)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Run(statement, null, CancellationToken.None, (connection, read), static (state, s) => ReadSingle(state.connection, s, state.read, required: true)!);
    }

    /// <summary>Reads the one row the statement must return.</summary>
    /// <typeparam name="T">The type of the row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="read">Reads the current row.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The row.</returns>
    /// <exception cref="NoResultFoundException">The statement returned no row.</exception>
    /// <exception cref="MultipleResultsFoundException">The statement returned more than one row.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ValueTask<T> ReadOneAsync<T>(Connection connection, Statement statement, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RunAsync(statement, null, cancellationToken, (connection, read), static (state, s, token) => ReadSingleAsync(state.connection, s, state.read, required: true, token))!;
    }

    /// <summary>Reads the only row the statement returns, or the default value (<see langword="null"/>) when it returns none.</summary>
    /// <typeparam name="T">The type of the row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="read">Reads the current row.</param>
    /// <returns>The row, or the default value.</returns>
    /// <exception cref="MultipleResultsFoundException">The statement returned more than one row.</exception>
    public static T? ReadOneOrDefault<T>(Connection connection, Statement statement, Func<Statement, T> read)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Run(statement, null, CancellationToken.None, (connection, read), static (state, s) => ReadSingle(state.connection, s, state.read, required: false));
    }

    /// <summary>Reads the only row the statement returns, or the default value (<see langword="null"/>) when it returns none.</summary>
    /// <typeparam name="T">The type of the row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="read">Reads the current row.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The row, or the default value.</returns>
    /// <exception cref="MultipleResultsFoundException">The statement returned more than one row.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ValueTask<T?> ReadOneOrDefaultAsync<T>(Connection connection, Statement statement, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RunAsync(statement, null, cancellationToken, (connection, read), static (state, s, token) => ReadSingleAsync(state.connection, s, state.read, required: false, token));
    }

    /// <summary>
    /// Streams the rows of a statement that is prepared and bound when enumeration starts, and given back when the
    /// enumerator is disposed. Between rows the connection can run other work on the same thread.
    /// </summary>
    /// <typeparam name="T">The type of one row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <param name="bind">Binds the method's arguments to the statement.</param>
    /// <param name="read">Reads the current row.</param>
    /// <returns>The rows, read one at a time.</returns>
    /// <exception cref="GenOrmException">SQLite reported an error, or a value cannot be read as its member's type.</exception>
    public static IEnumerable<T> Stream<T>(Connection connection, string sql, Action<Statement> bind, Func<Statement, T> read)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return StreamCore(connection, sql, bind, read, ownRead: false, CancellationToken.None);
    }

    /// <summary>
    /// Streams the rows of a checked <c>SELECT</c> (a <c>[Query]</c> method's, which names only declared tables and
    /// SQLite's own functions) as <see cref="Stream{T}"/> does, its statement marked as one of GenOrm's own reads
    /// (<see cref="Statement.IsOwnRead"/>): it changes nothing and locks no row.
    /// </summary>
    /// <typeparam name="T">The type of one row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <param name="bind">Binds the method's arguments to the statement.</param>
    /// <param name="read">Reads the current row.</param>
    /// <returns>The rows, read one at a time.</returns>
    /// <exception cref="GenOrmException">The database reported an error, or a value cannot be read as its member's type.</exception>
    public static IEnumerable<T> StreamRead<T>(Connection connection, string sql, Action<Statement> bind, Func<Statement, T> read)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return StreamCore(connection, sql, bind, read, ownRead: true, CancellationToken.None);
    }

    /// <summary>
    /// Streams the rows of a statement that is prepared and bound when enumeration starts, and given back when the
    /// enumerator is disposed.
    /// </summary>
    /// <typeparam name="T">The type of one row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <param name="bind">Binds the method's arguments to the statement.</param>
    /// <param name="read">Reads the current row.</param>
    /// <param name="cancellationToken">Stops the query; the enumerator's own token stops it too.</param>
    /// <returns>The rows, read one at a time.</returns>
    /// <exception cref="GenOrmException">SQLite reported an error, or a value cannot be read as its member's type.</exception>
    /// <exception cref="OperationCanceledException">A token was cancelled.</exception>
    public static IAsyncEnumerable<T> StreamAsync<T>(
        Connection connection, string sql, Action<Statement> bind, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return StreamAsyncCore(connection, sql, bind, read, ownRead: false, cancellationToken, default);
    }

    /// <summary>
    /// Streams the rows of a checked <c>SELECT</c> as <see cref="StreamAsync{T}"/> does, its statement marked as one of
    /// GenOrm's own reads (see <see cref="StreamRead{T}"/>).
    /// </summary>
    /// <typeparam name="T">The type of one row.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <param name="bind">Binds the method's arguments to the statement.</param>
    /// <param name="read">Reads the current row.</param>
    /// <param name="cancellationToken">Stops the query; the enumerator's own token stops it too.</param>
    /// <returns>The rows, read one at a time.</returns>
    /// <exception cref="GenOrmException">The database reported an error, or a value cannot be read as its member's type.</exception>
    /// <exception cref="OperationCanceledException">A token was cancelled.</exception>
    public static IAsyncEnumerable<T> StreamReadAsync<T>(
        Connection connection, string sql, Action<Statement> bind, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return StreamAsyncCore(connection, sql, bind, read, ownRead: true, cancellationToken, default);
    }

    /// <summary>Runs a statement that returns no rows, such as <c>UPDATE</c>.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The number of rows changed.</returns>
    /// <exception cref="GenOrmException">SQLite reported an error, such as a constraint violation.</exception>
    public static int Execute(Connection connection, Statement statement)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Run(statement, null, CancellationToken.None, connection, Change);
    }

    /// <summary>Runs a statement that returns no rows, such as <c>UPDATE</c>.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The number of rows changed.</returns>
    /// <exception cref="GenOrmException">SQLite reported an error, such as a constraint violation.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static ValueTask<int> ExecuteAsync(Connection connection, Statement statement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RunAsync(statement, null, cancellationToken, connection, ChangeAsync);
    }

    /// <summary>
    /// Finds, once per statement, the ordinal of each result column a member needs, by name (case-insensitive), for
    /// a <c>[Query(Verify = false)]</c> method whose columns are not known at compile time.
    /// </summary>
    /// <param name="statement">The prepared statement.</param>
    /// <param name="names">The column names the result type's members need, in member order.</param>
    /// <param name="method">The method's name, for the error message.</param>
    /// <returns>The ordinal of each name.</returns>
    /// <exception cref="GenOrmException">The result has no column of one of the names.</exception>
    public static int[] MapColumns(Statement statement, string[] names, string method)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(names);
        int count = statement.ColumnCount;
        var columns = new string[count];
        for (int j = 0; j < count; j++)
        {
            columns[j] = statement.GetName(j);
        }

        var ordinals = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            ordinals[i] = Array.FindIndex(columns, c => string.Equals(c, names[i], StringComparison.OrdinalIgnoreCase));
            if (ordinals[i] < 0)
            {
                throw new GenOrmException(
                    ErrorMessages.QueryColumnMissing(method, names[i], count == 0 ? "(none)" : string.Join(", ", columns), statement.Sql),
                    tableName: null,
                    columnName: names[i],
                    statement.Sql,
                    innerException: null);
            }
        }

        return ordinals;
    }

    /// <summary>Reads the current row as a whole <see cref="ITable{TSelf}"/> row, its columns in declaration order (<c>select *</c>).</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="statement">The statement, on a row.</param>
    /// <returns>The entity.</returns>
    public static T ReadTableRow<T>(Statement statement)
        where T : ITable<T> => T.ReadRow(statement);

    private static List<T> ReadRows<T>(Connection connection, Statement statement, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        bool first = true;
        while (connection.Step(statement, first))
        {
            first = false;
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add(read(statement));
        }

        return rows;
    }

    private static async ValueTask<List<T>> ReadRowsAsync<T>(Connection connection, Statement statement, Func<Statement, T> read, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        var rows = new List<T>();
        bool first = true;
        while (await use.Held(connection.StepAsync(statement, first, cancellationToken)))
        {
            first = false;
            cancellationToken.ThrowIfCancellationRequested();
            rows.Add(read(statement));
        }

        return rows;
    }

    private static async ValueTask<T?> ReadSingleAsync<T>(Connection connection, Statement statement, Func<Statement, T> read, bool required, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        if (!await use.Held(connection.StepAsync(statement, first: true, cancellationToken)))
        {
            return required ? throw NoRow(statement) : default;
        }

        T row = read(statement);
        if (await use.Held(connection.StepAsync(statement, first: false, cancellationToken)))
        {
            throw SeveralRows(statement);
        }

        return row;
    }

    private static async ValueTask<int> ChangeAsync(Connection connection, Statement statement, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        bool first = true;
        while (await use.Held(connection.StepAsync(statement, first, cancellationToken)))
        {
            first = false;
        }

        return connection.Changes();
    }

    private static NoResultFoundException NoRow(Statement statement) => new(ErrorMessages.NoRow(statement.Sql), statement.Sql);

    private static MultipleResultsFoundException SeveralRows(Statement statement) => new(ErrorMessages.SeveralRows(statement.Sql), null, statement.Sql);

    private static T? ReadSingle<T>(Connection connection, Statement statement, Func<Statement, T> read, bool required)
    {
        if (!connection.Step(statement, first: true))
        {
            return required ? throw NoRow(statement) : default;
        }

        T row = read(statement);
        if (connection.Step(statement, first: false))
        {
            throw SeveralRows(statement);
        }

        return row;
    }

    private static int Change(Connection connection, Statement statement)
    {
        // A DML statement with RETURNING declared as int: its rows are stepped through, and the changes counted.
        bool first = true;
        while (connection.Step(statement, first))
        {
            first = false;
        }

        return connection.Changes();
    }

    private static IEnumerable<T> StreamCore<T>(
        Connection connection, string sql, Action<Statement> bind, Func<Statement, T> read, bool ownRead, CancellationToken cancellationToken)
    {
        Statement statement = LendBound(connection, sql, bind, ownRead);
        using Connection.StatementStream stream = connection.OpenStream(statement, null, cancellationToken);
        while (stream.Read())
        {
            yield return read(statement);
        }
    }

    private static async IAsyncEnumerable<T> StreamAsyncCore<T>(
        Connection connection,
        string sql,
        Action<Statement> bind,
        Func<Statement, T> read,
        bool ownRead,
        CancellationToken cancellationToken,
        [EnumeratorCancellation] CancellationToken enumeratorCancellation)
    {
        using CancellationTokenSource? linked = enumeratorCancellation.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorCancellation)
            : null;
        CancellationToken token = linked?.Token ?? (enumeratorCancellation.CanBeCanceled ? enumeratorCancellation : cancellationToken);
        Statement statement = LendBound(connection, sql, bind, ownRead);
        using Connection.StatementStream stream = await connection.OpenStreamAsync(statement, null, token).ConfigureAwait(false); // not held: the connection is free between rows
        while (await stream.ReadAsync().ConfigureAwait(false)) // not held: each read holds the connection itself
        {
            yield return read(statement);
        }
    }

    /// <summary>Lends the statement of a stream and binds it; the statement is given back if binding throws.</summary>
    private static Statement LendBound(Connection connection, string sql, Action<Statement> bind, bool ownRead)
    {
        Statement statement = connection.Lend(sql);
        if (ownRead)
        {
            statement.IsOwnRead = true; // a property of the text: it is never unmarked
        }

        try
        {
            bind(statement);
            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }
}
