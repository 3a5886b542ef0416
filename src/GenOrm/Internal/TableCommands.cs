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
    /// <summary>Gets the connection's cached prepared command for <paramref name="sql"/>, creating it on first use.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <param name="parameterNames">The parameter names, in the order generated code fills <c>command.Parameters[i]</c>.</param>
    /// <returns>The command.</returns>
    public static SqliteCommand Prepare(Connection connection, string sql, string[] parameterNames)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.GetStatement(sql, parameterNames);
    }

    /// <summary>Runs DDL such as <c>CREATE TABLE</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The script.</param>
    public static void ExecuteScript<T>(Connection connection, string sql)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ExecuteNonQuery<T>(connection, connection.GetStatement(sql, Array.Empty<string>()));
    }

    /// <summary>Runs DDL such as <c>CREATE TABLE</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The script.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>A task that completes when the script has run.</returns>
    public static Task ExecuteScriptAsync<T>(Connection connection, string sql, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        return ExecuteNonQueryAsync<T>(connection, connection.GetStatement(sql, Array.Empty<string>()), cancellationToken);
    }

    /// <summary>Reads every row the command returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">A command that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <returns>The entities.</returns>
    public static List<T> ReadAll<T>(Connection connection, SqliteCommand command)
        where T : ITable<T> =>
        connection.Execute(command, T.TableName, CancellationToken.None, static c => ReadRows<T>(c, CancellationToken.None));

    /// <summary>Reads every row the command returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">A command that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The entities.</returns>
    public static Task<List<T>> ReadAllAsync<T>(Connection connection, SqliteCommand command, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Execute(command, T.TableName, cancellationToken, c => ReadRows<T>(c, cancellationToken)));

    /// <summary>Reads the only row the command returns, or <see langword="null"/> when it returns none.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">A command that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    /// <exception cref="MultipleResultsFoundException">The command returned more than one row.</exception>
    public static T? ReadSingleOrDefault<T>(Connection connection, SqliteCommand command)
        where T : class, ITable<T> =>
        connection.Execute(command, T.TableName, CancellationToken.None, ReadSingle<T>);

    /// <summary>Reads the only row the command returns, or <see langword="null"/> when it returns none.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">A command that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    /// <exception cref="MultipleResultsFoundException">The command returned more than one row.</exception>
    public static Task<T?> ReadSingleOrDefaultAsync<T>(Connection connection, SqliteCommand command, CancellationToken cancellationToken)
        where T : class, ITable<T> =>
        Task.FromResult(connection.Execute(command, T.TableName, cancellationToken, ReadSingle<T>));

    /// <summary>Runs a command that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command, its parameters bound.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteNonQuery<T>(Connection connection, SqliteCommand command)
        where T : ITable<T> =>
        connection.Execute(command, T.TableName, CancellationToken.None, static c => Math.Max(c.ExecuteNonQuery(), 0));

    /// <summary>Runs a command that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The number of rows changed.</returns>
    public static Task<int> ExecuteNonQueryAsync<T>(Connection connection, SqliteCommand command, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Execute(command, T.TableName, cancellationToken, static c => Math.Max(c.ExecuteNonQuery(), 0)));

    /// <summary>Runs a command that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command, its parameters bound.</param>
    /// <returns>The integer.</returns>
    public static long ExecuteInt64<T>(Connection connection, SqliteCommand command)
        where T : ITable<T> =>
        connection.Execute(command, T.TableName, CancellationToken.None, ReadInt64);

    /// <summary>Runs a command that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The integer.</returns>
    public static Task<long> ExecuteInt64Async<T>(Connection connection, SqliteCommand command, CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(connection.Execute(command, T.TableName, cancellationToken, ReadInt64));

    /// <summary>
    /// Runs a prepared command once per entity inside a savepoint: if one fails, none of the batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="bind">Binds an entity's values to the command's parameters.</param>
    /// <param name="assignGeneratedKey">Writes the key the database generated back into the entity, or <see langword="null"/>.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteMany<T>(
        Connection connection,
        SqliteCommand command,
        IEnumerable<T> entities,
        Action<SqliteParameterCollection, T> bind,
        Action<T, long>? assignGeneratedKey)
        where T : ITable<T> =>
        ExecuteManyCore(connection, command, entities, bind, assignGeneratedKey, CancellationToken.None);

    /// <summary>
    /// Runs a prepared command once per entity inside a savepoint: if one fails or the token is cancelled, none of the
    /// batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="bind">Binds an entity's values to the command's parameters.</param>
    /// <param name="assignGeneratedKey">Writes the key the database generated back into the entity, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The number of rows changed.</returns>
    public static Task<int> ExecuteManyAsync<T>(
        Connection connection,
        SqliteCommand command,
        IEnumerable<T> entities,
        Action<SqliteParameterCollection, T> bind,
        Action<T, long>? assignGeneratedKey,
        CancellationToken cancellationToken)
        where T : ITable<T> =>
        Task.FromResult(ExecuteManyCore(connection, command, entities, bind, assignGeneratedKey, cancellationToken));

    private static int ExecuteManyCore<T>(
        Connection connection,
        SqliteCommand command,
        IEnumerable<T> entities,
        Action<SqliteParameterCollection, T> bind,
        Action<T, long>? assignGeneratedKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        long start = Stopwatch.GetTimestamp();
        List<string>? shown = connection.IsEchoing ? new List<string>() : null;
        int count = 0;
        int affected = connection.InSavepoint(() =>
        {
            int total = 0;
            using CancellationTokenRegistration registration = connection.RegisterInterrupt(cancellationToken);
            foreach (T entity in entities)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entity is null)
                {
                    throw new ArgumentException(ErrorMessages.NullBatchItem(count), nameof(entities));
                }

                bind(command.Parameters, entity);
                connection.BeginCommand(command);
                try
                {
                    if (assignGeneratedKey is null)
                    {
                        total += Math.Max(command.ExecuteNonQuery(), 0);
                    }
                    else
                    {
                        assignGeneratedKey(entity, Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
                        total++;
                    }
                }
                catch (SqliteException e)
                {
                    throw connection.FailOrCancel(e, command, start, T.TableName, cancellationToken);
                }

                if (shown is not null && EchoLog.ShowsSet(count))
                {
                    shown.Add(EchoLog.FormatParameters(command.Parameters));
                }

                count++;
            }

            return total;
        });

        if (shown is not null)
        {
            connection.EndCommand(command, start, EchoLog.FormatBatch(shown, count));
        }

        return affected;
    }

    private static List<T> ReadRows<T>(SqliteCommand command, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        var entities = new List<T>();
        using SqliteDataReader reader = command.ExecuteReader();
        ReadOnlySpan<int> ordinals = TableOrdinals<T>.InOrder;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            entities.Add(T.ReadRow(reader, ordinals));
        }

        return entities;
    }

    private static T? ReadSingle<T>(SqliteCommand command)
        where T : class, ITable<T>
    {
        using SqliteDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        T entity = T.ReadRow(reader, TableOrdinals<T>.InOrder);
        if (reader.Read())
        {
            throw new MultipleResultsFoundException(
                ErrorMessages.SeveralRowsForLookup(T.TableName, command.CommandText), T.TableName, command.CommandText);
        }

        return entity;
    }

    private static long ReadInt64(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0);
    }
}
