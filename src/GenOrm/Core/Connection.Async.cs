using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>The asynchronous twins of the connection's operations.</summary>
/// <remarks>
/// They await the database driver: on PostgreSQL the network round trips are awaited and no thread waits for them; SQLite
/// has no asynchronous I/O, so there every await completes at once, on the calling thread, as Microsoft.Data.Sqlite's
/// asynchronous methods do. An operation holds the connection from its start to its end, across the threads its
/// awaits resume on: another operation started meanwhile (from any thread) gets the documented
/// <see cref="InvalidOperationException"/>. Their <see cref="CancellationToken"/> really cancels: it stops the running
/// statement (SQLite interrupts it; PostgreSQL cancels it on the server), which throws
/// <see cref="OperationCanceledException"/>, and the connection stays usable.
/// </remarks>
public sealed partial class Connection
{
    /// <summary>Runs a statement that takes no parameters.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The rows it returned and the number of rows it changed.</returns>
    /// <exception cref="GenOrmException">The statement failed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<Result> ExecuteAsync(Sql sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return ExecuteTextAsync(sql, NoValues, (object?)null, null, cancellationToken).AsTask();
    }

    /// <summary>Runs a statement with named parameter values.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">The values, by name.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The rows it returned and the number of rows it changed.</returns>
    /// <exception cref="GenOrmException">The statement failed, or a parameter has no value.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<Result> ExecuteAsync(Sql sql, Params parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(parameters);
        return ExecuteTextAsync(sql, ParamsValue, parameters, null, cancellationToken).AsTask();
    }

    /// <summary>Runs a statement once per parameter set; if any set fails or the token is cancelled, none of the batch's changes remain.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="batch">The parameter sets.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>A result whose <see cref="Result.RowsAffected"/> is the total over all sets.</returns>
    /// <exception cref="GenOrmException">A set failed or lacks a value; the batch was undone.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the batch was undone.</exception>
    public Task<Result> ExecuteAsync(Sql sql, IEnumerable<Params> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(batch);
        return ExecuteBatchAsync(sql, batch, ParamsValue, null, cancellationToken).AsTask();
    }

    /// <summary>Runs a statement whose parameters take their values from an entity's columns.</summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The statement.</param>
    /// <param name="entity">The entity that supplies the values.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The rows it returned and the number of rows it changed.</returns>
    /// <exception cref="GenOrmException">The statement failed, or a parameter matches no column.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<Result> ExecuteAsync<T>(Sql sql, T entity, CancellationToken cancellationToken = default)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(entity);
        return ExecuteTextAsync(sql, EntityValue<T>, entity, T.TableName, cancellationToken).AsTask();
    }

    /// <summary>Runs a statement once per entity; if any fails or the token is cancelled, none of the batch's changes remain.</summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The statement.</param>
    /// <param name="entities">The entities that supply the values.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>A result whose <see cref="Result.RowsAffected"/> is the total over all entities.</returns>
    /// <exception cref="GenOrmException">A statement failed; the batch was undone.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the batch was undone.</exception>
    public Task<Result> ExecuteAsync<T>(Sql sql, IEnumerable<T> entities, CancellationToken cancellationToken = default)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(entities);
        return ExecuteBatchAsync(sql, entities, EntityValue<T>, T.TableName, cancellationToken).AsTask();
    }

    /// <summary>Runs a query and maps each row onto <typeparamref name="T"/> by column name.</summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">The parameter values, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>One entity per row.</returns>
    /// <exception cref="GenOrmException">The query failed, a parameter has no value, or a mapped column is missing.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public Task<List<T>> QueryAsync<T>(Sql sql, Params? parameters = null, CancellationToken cancellationToken = default)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        return QueryCoreAsync<T>(sql, parameters, cancellationToken).AsTask();
    }

    /// <summary>Commits the transaction in progress.</summary>
    /// <param name="cancellationToken">Checked before committing; a commit that has begun is not interrupted.</param>
    /// <returns>A task that completes when the work is permanent.</returns>
    /// <exception cref="GenOrmException">SQLite could not commit.</exception>
    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return CommitCoreAsync(cancellationToken);
    }

    /// <summary>Rolls back the transaction in progress.</summary>
    /// <param name="cancellationToken">Checked before rolling back.</param>
    /// <returns>A task that completes when the work is undone.</returns>
    public Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return RollbackCoreAsync(cancellationToken);
    }

    /// <summary>
    /// Runs a query and maps rows onto <typeparamref name="T"/> one at a time as they are enumerated, without holding
    /// the whole result in memory. Other statements may run on this connection between rows; on PostgreSQL, which runs
    /// one statement at a time, the rest of the result is then read into memory first.
    /// </summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">The parameter values, or <see langword="null"/>.</param>
    /// <returns>The entities, read lazily.</returns>
    /// <exception cref="GenOrmException">The query failed, a parameter has no value, or a mapped column is missing.</exception>
    public IEnumerable<T> Stream<T>(Sql sql, Params? parameters = null)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        return StreamCore<T>(sql, parameters, CancellationToken.None);
    }

    /// <summary>
    /// Runs a query and maps rows onto <typeparamref name="T"/> one at a time as they are enumerated asynchronously.
    /// Other statements may run on this connection between rows; on PostgreSQL the rest of the result is then read into
    /// memory first.
    /// </summary>
    /// <typeparam name="T">A <see cref="TableAttribute"/> class.</typeparam>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">The parameter values, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the query and the enumeration.</param>
    /// <returns>The entities, read lazily.</returns>
    public async IAsyncEnumerable<T> StreamAsync<T>(Sql sql, Params? parameters = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(sql);
        (Statement statement, int[] ordinals) = PrepareStream<T>(sql, parameters);
        using StatementStream stream = await OpenStreamAsync(statement, T.TableName, cancellationToken).ConfigureAwait(false); // not held: the connection is free between rows
        while (await stream.ReadAsync().ConfigureAwait(false)) // not held: each read holds the connection itself
        {
            yield return T.ReadRow(statement, ordinals);
        }
    }

    private IEnumerable<T> StreamCore<T>(Sql sql, Params? parameters, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        (Statement statement, int[] ordinals) = PrepareStream<T>(sql, parameters);
        using StatementStream stream = OpenStream(statement, T.TableName, cancellationToken);
        while (stream.Read())
        {
            yield return T.ReadRow(statement, ordinals);
        }
    }

    /// <summary>Lends and binds the statement of a stream, and maps its columns; the statement is given back if mapping fails.</summary>
    private (Statement Statement, int[] Ordinals) PrepareStream<T>(Sql sql, Params? parameters)
        where T : ITable<T>
    {
        Statement statement = PrepareQuery(sql, parameters);
        try
        {
            return (statement, MapOrdinals<T>(statement, sql.CommandText));
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }
}
