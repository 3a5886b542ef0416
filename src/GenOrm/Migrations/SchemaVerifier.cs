using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// Compares a live database with a <see cref="SchemaModel"/>: tables, columns (type, nullability, default, unique,
/// maximum length, <c>AUTOINCREMENT</c> or identity), primary keys, indexes, foreign keys and (on SQLite)
/// <c>STRICT</c>. On SQLite they are read from <c>sqlite_master</c> and <c>PRAGMA table_xinfo</c>, <c>index_list</c>,
/// <c>index_info</c> and <c>foreign_key_list</c>; on PostgreSQL from <c>pg_catalog</c>, for the tables of
/// <c>current_schema()</c>, and compared with the model's PostgreSQL types and defaults. The generated
/// <c>Schema.Verify</c> calls it.
/// </summary>
/// <remarks>
/// Names are compared as SQLite compares them, ignoring ASCII case; the C# types of the model are not compared (the
/// database does not store them). Every read is a statement on the connection, echoed like every other.
/// </remarks>
public static class SchemaVerifier
{
    /// <summary>Reports every difference between the database and the model.</summary>
    /// <param name="connection">
    /// The connection. The reads join its transaction when one is in progress; otherwise they run in one read
    /// transaction that ends before this method returns.
    /// </param>
    /// <param name="model">The model to compare with (<c>Schema.Current</c>).</param>
    /// <returns>The report; <see cref="SchemaReport.IsMatch"/> is <see langword="true"/> when nothing differs.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection is to PostgreSQL and the model has no PostgreSQL form (its assembly does not reference GenOrm.Npgsql).</exception>
    /// <exception cref="GenOrmException">The database reported an error.</exception>
    public static SchemaReport Verify(Connection connection, SchemaModel model)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        return Internal.SyncIo.Result(VerifyEither(connection, model, async: false, CancellationToken.None));
    }

    /// <summary>
    /// Reports every difference between the database and the model, as <see cref="Verify(Connection, SchemaModel)"/>
    /// does; on PostgreSQL the catalog reads await Npgsql's I/O.
    /// </summary>
    /// <param name="connection">
    /// The connection. The reads join its transaction when one is in progress; otherwise they run in one read
    /// transaction that ends before the task completes.
    /// </param>
    /// <param name="model">The model to compare with (<c>Schema.Current</c>).</param>
    /// <param name="cancellationToken">Stops the catalog read in progress (the server cancels it); the connection stays usable.</param>
    /// <returns>A task whose result is the report; <see cref="SchemaReport.IsMatch"/> is <see langword="true"/> when nothing differs.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection is to PostgreSQL and the model has no PostgreSQL form (its assembly does not reference GenOrm.Npgsql).</exception>
    /// <exception cref="GenOrmException">The database reported an error.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<SchemaReport> VerifyAsync(Connection connection, SchemaModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        return VerifyEither(connection, model, async: true, cancellationToken).AsTask();
    }

    /// <summary>The work of <see cref="Verify(Connection, SchemaModel)"/>, in either form (see <see cref="ISchemaDialect"/>).</summary>
    internal static async ValueTask<SchemaReport> VerifyEither(Connection connection, SchemaModel model, bool async, CancellationToken cancellationToken)
    {
        // SQLite's catalog reads do not watch the token (they complete at once): a token cancelled before the call stops it on both.
        cancellationToken.ThrowIfCancellationRequested();
        using var use = connection.Enter();
        bool ownTransaction = !connection.InTransaction;
        try
        {
            return new SchemaReport(model.Version, await use.Held(SchemaDialects.For(connection).Compare(connection, model, async, cancellationToken)));
        }
        finally
        {
            if (ownTransaction)
            {
                await use.Held(connection.RollbackEither(async));
            }
        }
    }
}
