using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GenOrm.Internal;

/// <summary>
/// Runs the statements that generated code prepares: the implicit transaction, echo, prepared-statement caching and
/// error translation all happen here. Used by generated code; not meant to be called directly.
/// </summary>
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

    /// <summary>Reads every row the command returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">A command that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <returns>The entities.</returns>
    public static List<T> ReadAll<T>(Connection connection, SqliteCommand command)
        where T : ITable<T>
    {
        long start = connection.BeginCommand(command);
        try
        {
            var entities = new List<T>();
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                ReadOnlySpan<int> ordinals = Ordinals<T>.InOrder;
                while (reader.Read())
                {
                    entities.Add(T.ReadRow(reader, ordinals));
                }
            }

            connection.EndCommand(command, start);
            return entities;
        }
        catch (SqliteException e)
        {
            throw connection.Fail(e, command, start, T.TableName);
        }
    }

    /// <summary>Reads the only row the command returns, or <see langword="null"/> when it returns none.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">A command that selects the columns of <typeparamref name="T"/> in order.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    /// <exception cref="MultipleResultsFoundException">The command returned more than one row.</exception>
    public static T? ReadSingleOrDefault<T>(Connection connection, SqliteCommand command)
        where T : class, ITable<T>
    {
        long start = connection.BeginCommand(command);
        T? entity = null;
        bool several = false;
        try
        {
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    entity = T.ReadRow(reader, Ordinals<T>.InOrder);
                    several = reader.Read();
                }
            }

            connection.EndCommand(command, start);
        }
        catch (SqliteException e)
        {
            throw connection.Fail(e, command, start, T.TableName);
        }

        if (several)
        {
            throw new MultipleResultsFoundException(
                ErrorMessages.SeveralRowsForLookup(T.TableName, command.CommandText), T.TableName, command.CommandText);
        }

        return entity;
    }

    /// <summary>Runs a command that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command, its parameters bound.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteNonQuery<T>(Connection connection, SqliteCommand command)
        where T : ITable<T>
    {
        long start = connection.BeginCommand(command);
        try
        {
            int affected = command.ExecuteNonQuery();
            connection.EndCommand(command, start);
            return Math.Max(affected, 0);
        }
        catch (SqliteException e)
        {
            throw connection.Fail(e, command, start, T.TableName);
        }
    }

    /// <summary>Runs a command that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="command">The command, its parameters bound.</param>
    /// <returns>The integer.</returns>
    public static long ExecuteInt64<T>(Connection connection, SqliteCommand command)
        where T : ITable<T>
    {
        long start = connection.BeginCommand(command);
        try
        {
            long value;
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                reader.Read();
                value = reader.GetInt64(0);
            }

            connection.EndCommand(command, start);
            return value;
        }
        catch (SqliteException e)
        {
            throw connection.Fail(e, command, start, T.TableName);
        }
    }

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
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        long start = Stopwatch.GetTimestamp();
        List<string>? shown = connection.IsEchoing ? new List<string>() : null;
        int count = 0;
        int affected = connection.InSavepoint(() =>
        {
            int total = 0;
            foreach (T entity in entities)
            {
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
                    throw connection.Fail(e, command, start, T.TableName);
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

    /// <summary>The identity ordinal map 0, 1, ..., n-1 for a table whose columns are selected in order.</summary>
    private static class Ordinals<T>
        where T : ITable<T>
    {
        public static readonly int[] InOrder = CreateInOrder();

        private static int[] CreateInOrder()
        {
            var ordinals = new int[T.ColumnNames.Count];
            for (int i = 0; i < ordinals.Length; i++)
            {
                ordinals[i] = i;
            }

            return ordinals;
        }
    }
}
