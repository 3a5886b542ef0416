using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// Brings a database to the compiled schema version: creates an empty database at <see cref="SchemaModel.Version"/>,
/// adopts one made before versioning when its shape equals a recorded version, and applies each generated
/// <see cref="MigrationStep"/> in order, each version in its own transaction. The generated <c>Schema.Migrate</c> calls it.
/// </summary>
/// <seealso href="https://github.com/genorm/genorm/blob/main/docs/migrations.md"/>
public static class Migrator
{
    /// <summary>Brings the database to <paramref name="current"/>'s version.</summary>
    /// <param name="connection">A connection with no open transaction.</param>
    /// <param name="current">The compiled model (<c>Schema.Current</c>).</param>
    /// <param name="history">Every recorded version, v1 first (<c>Schema.History</c>).</param>
    /// <param name="steps">The steps, the one to v2 first (<c>Schema.Migrations</c>).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// The connection has an open transaction, or a step has an asynchronous hook (<see cref="MigrationHook.IsAsync"/>),
    /// which only <see cref="MigrateAsync"/> can run; either way nothing was migrated.
    /// </exception>
    /// <exception cref="SchemaMismatchException">The database is newer than the code, or its shape is not the version it claims.</exception>
    /// <exception cref="GenOrmException">A step failed; its version was rolled back whole.</exception>
    public static void Migrate(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps) =>
        MigrationRunner.Run(connection, current, history, steps, CancellationToken.None);

    /// <summary>Brings the database to <paramref name="current"/>'s version.</summary>
    /// <param name="connection">A connection with no open transaction.</param>
    /// <param name="current">The compiled model (<c>Schema.Current</c>).</param>
    /// <param name="history">Every recorded version, v1 first (<c>Schema.History</c>).</param>
    /// <param name="steps">The steps, the one to v2 first (<c>Schema.Migrations</c>).</param>
    /// <param name="cancellationToken">
    /// Stops the running statement (SQLite interrupts it; PostgreSQL cancels it on the server, a wait for a lock
    /// included) or the migration between statements; the running version is rolled back whole.
    /// </param>
    /// <returns>A task that completes when the database is at <paramref name="current"/>'s version.</returns>
    /// <remarks>
    /// The same work as <see cref="Migrate"/>, through the same code, with every statement, the lock, the version reads
    /// and writes, the shape checks and the commit awaited: on PostgreSQL they are Npgsql's asynchronous I/O and no thread
    /// waits for the server; on SQLite, which has no asynchronous I/O, every await completes at once. A
    /// synchronous <c>[Migration]</c> hook runs its own statements synchronously; an asynchronous one is awaited and
    /// receives <paramref name="cancellationToken"/>. Both run inside the step's transaction. The
    /// migration holds the connection until the task completes. Bad arguments and an open transaction throw before the
    /// task is returned.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The connection has an open transaction.</exception>
    /// <exception cref="SchemaMismatchException">The database is newer than the code, or its shape is not the version it claims.</exception>
    /// <exception cref="GenOrmException">A step failed; its version was rolled back whole.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task MigrateAsync(
        Connection connection,
        SchemaModel current,
        IReadOnlyList<SchemaModel> history,
        IReadOnlyList<MigrationStep> steps,
        CancellationToken cancellationToken = default) =>
        MigrationRunner.RunAsync(connection, current, history, steps, cancellationToken);
}
