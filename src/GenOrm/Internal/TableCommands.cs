using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace GenOrm.Internal;

/// <summary>
/// Runs the statements that generated code prepares: the implicit transaction, echo, prepared-statement caching,
/// error translation and cancellation all happen here. Used by generated code; not meant to be called directly.
/// </summary>
/// <remarks>
/// The <c>...Async</c> methods run synchronously, as Microsoft.Data.Sqlite's do (SQLite has no asynchronous I/O),
/// and honour their <see cref="CancellationToken"/>: cancelling interrupts the running statement, which then throws
/// <see cref="OperationCanceledException"/>; the connection stays usable.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TableCommands
{
    /// <summary>
    /// Lends the connection's prepared statement for <paramref name="sql"/> to one operation, preparing it on first
    /// use. Dispose it when the operation ends (generated code does so with <c>using</c>): until then the connection
    /// belongs to the calling thread and no other operation gets the statement.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <returns>The statement, lent until disposed.</returns>
    /// <exception cref="InvalidOperationException">Another thread is using the connection.</exception>
    public static Statement Prepare(Connection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Lend(sql);
    }

    /// <summary>
    /// Runs DDL such as <c>CREATE TABLE</c>. When the table exists with a definition other than the script's first
    /// <c>CREATE TABLE</c>, throws instead of passing silently.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The script.</param>
    /// <exception cref="Migrations.SchemaMismatchException">The table exists with another shape; the message says what differs and points at <c>Schema.Migrate</c>.</exception>
    public static void ExecuteScript<T>(Connection connection, string sql)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        Migrations.CreateTableGuard.Run(connection, T.TableName, sql, CancellationToken.None);
    }

    /// <summary>
    /// Runs DDL such as <c>CREATE TABLE</c>. When the table exists with a definition other than the script's first
    /// <c>CREATE TABLE</c>, throws instead of passing silently.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The script.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>A task that completes when the script has run.</returns>
    /// <exception cref="Migrations.SchemaMismatchException">The table exists with another shape; the message says what differs and points at <c>Schema.Migrate</c>.</exception>
    public static Task ExecuteScriptAsync<T>(Connection connection, string sql, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        Migrations.CreateTableGuard.Run(connection, T.TableName, sql, cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>Reads every row the statement returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">A statement that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <returns>The entities.</returns>
    public static List<T> ReadAll<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, s => ReadRows<T>(connection, s, CancellationToken.None));

    /// <summary>Reads every row the statement returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">A statement that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The entities.</returns>
    public static Task<List<T>> ReadAllAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Run(statement, T.TableName, cancellationToken, s => ReadRows<T>(connection, s, cancellationToken)));

    /// <summary>
    /// Reads the row a lookup on a unique key returns, or <see langword="null"/>: the key admits at most one row, so
    /// the statement is not stepped a second time.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">A statement that selects the columns of <typeparamref name="T"/> in order, by a unique key.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public static T? ReadUniqueOrDefault<T>(Connection connection, Statement statement)
        where T : class, ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, s => connection.Step(s, first: true) ? T.ReadRow(s) : null);

    /// <summary>Reads the row a lookup on a unique key returns, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">A statement that selects the columns of <typeparamref name="T"/> in order, by a unique key.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public static Task<T?> ReadUniqueOrDefaultAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : class, ITable<T> =>
        Task.FromResult(connection.Run(statement, T.TableName, cancellationToken, s => connection.Step(s, first: true) ? T.ReadRow(s) : null));

    /// <summary>Runs a statement that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteNonQuery<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, s => Change(connection, s));

    /// <summary>Runs a statement that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The number of rows changed.</returns>
    public static Task<int> ExecuteNonQueryAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Run(statement, T.TableName, cancellationToken, s => Change(connection, s)));

    /// <summary>Runs a statement that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The integer.</returns>
    public static long ExecuteInt64<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, s => ReadInt64(connection, s));

    /// <summary>Runs a statement that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The integer.</returns>
    public static Task<long> ExecuteInt64Async<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Run(statement, T.TableName, cancellationToken, s => ReadInt64(connection, s)));

    /// <summary>Runs an <c>INSERT</c> and returns the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>).</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The assigned key.</returns>
    public static long ExecuteInsertReadRowId<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, s => InsertReadRowId(connection, s));

    /// <summary>Runs an <c>INSERT</c> and returns the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>).</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The assigned key.</returns>
    public static Task<long> ExecuteInsertReadRowIdAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Run(statement, T.TableName, cancellationToken, s => InsertReadRowId(connection, s)));

    /// <summary>
    /// Runs a prepared statement once per entity inside a savepoint: if one fails, none of the batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="bind">Binds an entity's values to the statement's parameters.</param>
    /// <param name="assignGeneratedKey">Writes the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>) back into the entity, or <see langword="null"/>.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteMany<T>(
        Connection connection,
        Statement statement,
        IEnumerable<T> entities,
        Action<Statement, T> bind,
        Action<T, long>? assignGeneratedKey)
        where T : ITable<T> =>
        ExecuteManyCore(connection, statement, entities, bind, assignGeneratedKey, CancellationToken.None);

    /// <summary>
    /// Runs a prepared statement once per entity inside a savepoint: if one fails or the token is cancelled, none of
    /// the batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="bind">Binds an entity's values to the statement's parameters.</param>
    /// <param name="assignGeneratedKey">Writes the key the database generated back into the entity, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The number of rows changed.</returns>
    public static Task<int> ExecuteManyAsync<T>(
        Connection connection,
        Statement statement,
        IEnumerable<T> entities,
        Action<Statement, T> bind,
        Action<T, long>? assignGeneratedKey,
        CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(ExecuteManyCore(connection, statement, entities, bind, assignGeneratedKey, cancellationToken));

    private static int ExecuteManyCore<T>(
        Connection connection,
        Statement statement,
        IEnumerable<T> entities,
        Action<Statement, T> bind,
        Action<T, long>? assignGeneratedKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        Func<Statement, int> insert = s => Change(connection, s);
        Func<Statement, long> insertReadKey = s => InsertReadRowId(connection, s);
        return connection.RunBatch(statement.Sql, T.TableName, entities, nameof(entities), entity =>
        {
            bind(statement, entity);
            if (assignGeneratedKey is null)
            {
                return (statement, connection.Run(statement, T.TableName, cancellationToken, insert, Connection.BatchMarker));
            }

            assignGeneratedKey(entity, connection.Run(statement, T.TableName, cancellationToken, insertReadKey, Connection.BatchMarker));
            return (statement, 1);
        });
    }

    private static List<T> ReadRows<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        var entities = new List<T>();
        bool first = true;
        while (connection.Step(statement, first))
        {
            first = false;
            cancellationToken.ThrowIfCancellationRequested();
            entities.Add(T.ReadRow(statement));
        }

        return entities;
    }

    private static int Change(Connection connection, Statement statement)
    {
        connection.Step(statement, first: true);
        return connection.Changes();
    }

    private static long InsertReadRowId(Connection connection, Statement statement)
    {
        connection.Step(statement, first: true);
        return connection.LastInsertRowId();
    }

    private static long ReadInt64(Connection connection, Statement statement)
    {
        connection.Step(statement, first: true);
        long value = statement.GetInt64(0);
        while (connection.Step(statement, first: false))
        {
        }

        return value;
    }

    /// <summary>
    /// Inserts each entity of a table whose key the database generates, inside a savepoint, choosing the statement per
    /// entity: an entity whose key is unset runs <paramref name="generatedKeySql"/> (the key column left out) and gets the
    /// generated key written back; one whose key is set runs <paramref name="presetKeySql"/>, which stores the key as
    /// given. If one fails, none of the batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="hasKey">Returns whether an entity's key is set (not the default value 0).</param>
    /// <param name="generatedKeySql">The <c>INSERT</c> without the key column.</param>
    /// <param name="bindGeneratedKey">Binds an entity's values to <paramref name="generatedKeySql"/>.</param>
    /// <param name="assignGeneratedKey">Writes the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>) back into the entity.</param>
    /// <param name="presetKeySql">The <c>INSERT</c> with the key column.</param>
    /// <param name="bindPresetKey">Binds an entity's values, key included, to <paramref name="presetKeySql"/>.</param>
    /// <returns>The number of rows inserted.</returns>
    public static int ExecuteInsertMany<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey)
        where T : ITable<T> =>
        ExecuteInsertManyCore(
            connection, entities, hasKey, generatedKeySql, bindGeneratedKey, assignGeneratedKey, presetKeySql, bindPresetKey, CancellationToken.None);

    /// <summary>
    /// Inserts each entity of a table whose key the database generates, inside a savepoint, choosing the statement per
    /// entity as <see cref="ExecuteInsertMany{T}"/> does. If one fails or the token is cancelled, none of the batch's rows
    /// remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="hasKey">Returns whether an entity's key is set (not the default value 0).</param>
    /// <param name="generatedKeySql">The <c>INSERT</c> without the key column.</param>
    /// <param name="bindGeneratedKey">Binds an entity's values to <paramref name="generatedKeySql"/>.</param>
    /// <param name="assignGeneratedKey">Writes the rowid SQLite assigned back into the entity.</param>
    /// <param name="presetKeySql">The <c>INSERT</c> with the key column.</param>
    /// <param name="bindPresetKey">Binds an entity's values, key included, to <paramref name="presetKeySql"/>.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The number of rows inserted.</returns>
    public static Task<int> ExecuteInsertManyAsync<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(ExecuteInsertManyCore(
            connection, entities, hasKey, generatedKeySql, bindGeneratedKey, assignGeneratedKey, presetKeySql, bindPresetKey, cancellationToken));

    private static int ExecuteInsertManyCore<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        long start = Stopwatch.GetTimestamp();

        // Each kind of row echoes as its own batch: [0] generated keys, [1] preset keys.
        List<string>?[] shown = connection.IsEchoing ? new[] { new List<string>(), new List<string>() } : new List<string>?[2];
        int[] counts = new int[2];
        Statement?[] used = new Statement?[2];
        int index = 0;
        Func<Statement, int> insert = s => Change(connection, s);
        Func<Statement, long> insertReadKey = s => InsertReadRowId(connection, s);
        int affected;
        try
        {
            affected = connection.InSavepoint(() =>
            {
                int total = 0;
                foreach (T entity in entities)
                {
                    if (entity is null)
                    {
                        throw new ArgumentException(ErrorMessages.NullBatchItem(index), nameof(entities));
                    }

                    // Each statement is lent on its first row and kept to the end: a lent statement is never evicted.
                    int kind = hasKey(entity) ? 1 : 0;
                    Statement statement = used[kind] ??= kind == 1
                        ? connection.Lend(presetKeySql)
                        : connection.Lend(generatedKeySql);
                    if (kind == 1)
                    {
                        bindPresetKey(statement, entity);
                        total += connection.Run(statement, T.TableName, cancellationToken, insert, Connection.BatchMarker);
                    }
                    else
                    {
                        bindGeneratedKey(statement, entity);
                        assignGeneratedKey(entity, connection.Run(statement, T.TableName, cancellationToken, insertReadKey, Connection.BatchMarker));
                        total++;
                    }

                    if (shown[kind] is { } sets && EchoLog.ShowsSet(counts[kind]))
                    {
                        sets.Add(statement.FormatParameters());
                    }

                    counts[kind]++;
                    index++;
                }

                return total;
            });

            for (int kind = 0; kind < 2; kind++)
            {
                if (used[kind] is { } statement)
                {
                    connection.EchoBatch(statement.Sql, start, shown[kind] is { } sets ? EchoLog.FormatBatch(sets, counts[kind]) : null, T.TableName, counts[kind], counts[kind]);
                }
            }
        }
        finally
        {
            used[1]?.Dispose();
            used[0]?.Dispose();
        }

        return affected;
    }
}
