using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// The work behind <see cref="Migrator"/>, on either database: what differs between them (where the version lives,
/// the lock, foreign keys around a step, the statements) is the connection's <see cref="ISchemaDialect"/>. Every
/// decision that writes is taken again under the lock (<see cref="ISchemaDialect.BeginLocked"/>), after re-reading the
/// version: a process that waited for another one's step sees the new version and skips what is done.
/// </summary>
/// <remarks>
/// Written once for <see cref="Migrator.Migrate"/> and <see cref="Migrator.MigrateAsync"/>: with <c>async</c> every
/// statement, the lock, the version reads and writes, the shape checks and the commit await the driver's asynchronous
/// I/O (on PostgreSQL no thread waits for the server); without it they run synchronously and the task has completed
/// when it returns. The migration is one operation that holds the connection from start to end. A synchronous hook
/// (<c>static void X(Connection)</c>) runs its own statements synchronously; an asynchronous one
/// (<c>static Task X(Connection, CancellationToken)</c>, <see cref="Migrator.MigrateAsync"/> only) is lent the connection
/// while it runs. Both run inside the step's transaction.
/// </remarks>
internal static partial class MigrationRunner
{
    /// <summary>Migrates synchronously (<see cref="Migrator.Migrate"/>).</summary>
    public static void Run(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
    {
        CheckArguments(connection, current, history, steps);
        CheckNoAsyncHook(steps);
        Internal.SyncIo.Wait(Migrate(connection, current, history, steps, async: false, cancellationToken));
    }

    /// <summary>Migrates awaiting the driver's asynchronous I/O (<see cref="Migrator.MigrateAsync"/>); a bad argument throws before the task is returned.</summary>
    public static Task RunAsync(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
    {
        CheckArguments(connection, current, history, steps);
        return Migrate(connection, current, history, steps, async: true, cancellationToken).AsTask();
    }

    private static async ValueTask Migrate(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        ISchemaDialect dialect = SchemaDialects.For(connection);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int version = await use.Held(ReadVersionAlone(connection, dialect, async, cancellationToken));
            if (version > current.Version)
            {
                throw new SchemaMismatchException(ErrorMessages.DatabaseNewerThanCode(version, current.Version), version, Array.Empty<SchemaDifference>());
            }

            if (version == current.Version)
            {
                SchemaReport report = await use.Held(SchemaVerifier.VerifyEither(connection, current, async, cancellationToken));
                if (!report.IsMatch)
                {
                    throw new SchemaMismatchException(ErrorMessages.DatabaseShapeDiffers(version, dialect.VersionSource, report.Differences), version, report.Differences);
                }

                return;
            }

            bool done = version == 0
                ? await use.Held(CreateOrAdopt(connection, dialect, current, history, async, cancellationToken))
                : await use.Held(ApplyStep(connection, dialect, version, current, history, steps[version - 1], async, cancellationToken));
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>Checks the arguments, and that the history and the steps form one chain from v1 to <paramref name="current"/>.</summary>
    private static void CheckArguments(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(steps);
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i] is null || history[i].Version != i + 1)
            {
                throw new ArgumentException(ErrorMessages.MigrateHistoryOutOfOrder(i, history[i]?.Version ?? 0), nameof(history));
            }
        }

        if (current.Version != history.Count && current.Version != history.Count + 1)
        {
            throw new ArgumentException(ErrorMessages.MigrateCurrentNotNewest(current.Version, history.Count), nameof(current));
        }

        if (steps.Count != current.Version - 1)
        {
            throw new ArgumentException(ErrorMessages.MigrateStepCount(steps.Count, current.Version), nameof(steps));
        }

        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i] is null || steps[i].ToVersion != i + 2)
            {
                throw new ArgumentException(ErrorMessages.MigrateStepOutOfOrder(i, steps[i]?.ToVersion ?? 0), nameof(steps));
            }
        }

        if (connection.InTransaction)
        {
            throw new InvalidOperationException(ErrorMessages.MigrateInTransaction());
        }
    }

    /// <summary>
    /// <see cref="Migrator.Migrate"/> refuses steps with an asynchronous hook, whichever steps the database needs, so
    /// that the refusal shows on the first run and not only on the database that is behind.
    /// </summary>
    private static void CheckNoAsyncHook(IReadOnlyList<MigrationStep> steps)
    {
        foreach (MigrationStep step in steps)
        {
            foreach (MigrationHook hook in step.Hooks)
            {
                if (hook.IsAsync)
                {
                    throw new InvalidOperationException(ErrorMessages.AsyncHookNeedsMigrateAsync(hook.Name, step.FromVersion, step.ToVersion));
                }
            }
        }
    }

    /// <summary>The model of <paramref name="version"/>: a recorded one, or the compiled one when it is not recorded yet.</summary>
    private static SchemaModel ModelOf(int version, SchemaModel current, IReadOnlyList<SchemaModel> history) =>
        version == current.Version ? current : history[version - 1];

    /// <summary>Reads the version in a read transaction of its own, ended before it returns.</summary>
    private static async ValueTask<int> ReadVersionAlone(Connection connection, ISchemaDialect dialect, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        try
        {
            return await use.Held(dialect.ReadVersion(connection, async, cancellationToken));
        }
        finally
        {
            await use.Held(connection.RollbackEither(async));
        }
    }

    /// <summary>
    /// Version 0: an empty database is created at <paramref name="current"/>; one with tables is adopted at the
    /// newest version its shape equals (the compiled model first, then the recorded ones, newest first).
    /// </summary>
    /// <returns><see langword="true"/> when the database is now at the compiled version; <see langword="false"/> to look again.</returns>
    private static async ValueTask<bool> CreateOrAdopt(Connection connection, ISchemaDialect dialect, SchemaModel current, IReadOnlyList<SchemaModel> history, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        try
        {
            // Inside the try: a lock wait that fails or is cancelled leaves no transaction behind.
            await use.Held(dialect.BeginLocked(connection, async, cancellationToken));
            if (await use.Held(dialect.ReadVersion(connection, async, cancellationToken)) != 0)
            {
                // Another process created or adopted it while this one waited for the write lock.
                await use.Held(connection.RollbackEither(async));
                return false;
            }

            List<TableModel> live = await use.Held(dialect.Read(connection, async, cancellationToken));
            if (live.Count == 0)
            {
                foreach (TableModel table in current.Tables)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await use.Held(connection.ExecuteEither(Sql.Text(dialect.CreateSql(table)), null, async, cancellationToken));
                    foreach (IndexModel index in table.Indexes)
                    {
                        await use.Held(connection.ExecuteEither(Sql.Text(index.CreateSql(table.Name)), null, async, cancellationToken));
                    }
                }

                await use.Held(dialect.WriteVersion(connection, current.Version, async, cancellationToken));
                await use.Held(connection.CommitEither(async, cancellationToken));
                return true;
            }

            List<SchemaDifference>? closest = null;
            int closestVersion = 0;
            for (int version = current.Version; version >= 1; version--)
            {
                SchemaModel expected = await use.Held(dialect.Expected(connection, ModelOf(version, current, history), async, cancellationToken));
                List<SchemaDifference> differences = SchemaComparer.Compare(expected, live);
                if (differences.Count == 0)
                {
                    await use.Held(dialect.WriteVersion(connection, version, async, cancellationToken));
                    await use.Held(connection.CommitEither(async, cancellationToken));
                    return version == current.Version;
                }

                if (closest is null || differences.Count < closest.Count)
                {
                    closest = differences;
                    closestVersion = version;
                }
            }

            throw new SchemaMismatchException(ErrorMessages.DatabaseMatchesNoVersion(closestVersion, dialect.VersionSource, closest!), 0, closest!);
        }
        catch
        {
            await use.Held(connection.RollbackEither(async));
            throw;
        }
    }

    /// <summary>Applies one step in its own transaction, unless another process applied it meanwhile.</summary>
    /// <returns><see langword="true"/> when the database is now at the compiled version.</returns>
    private static async ValueTask<bool> ApplyStep(
        Connection connection, ISchemaDialect dialect, int version, SchemaModel current, IReadOnlyList<SchemaModel> history, MigrationStep step, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        IReadOnlyList<string> statements = dialect.Statements(step);
        await use.Held(dialect.BeforeStep(connection, step, async, cancellationToken));
        try
        {
            try
            {
                // Inside the try: a lock wait that fails or is cancelled leaves no transaction behind.
                await use.Held(dialect.BeginLocked(connection, async, cancellationToken));
                if (await use.Held(dialect.ReadVersion(connection, async, cancellationToken)) != version)
                {
                    await use.Held(connection.RollbackEither(async));
                    return false;
                }

                SchemaModel from = ModelOf(version, current, history);
                List<SchemaDifference> before = await use.Held(dialect.Compare(connection, from, async, cancellationToken));
                if (before.Count != 0)
                {
                    throw new SchemaMismatchException(ErrorMessages.DatabaseShapeDiffers(version, dialect.VersionSource, before), version, before);
                }

                await use.Held(RunStep(connection, step, statements, current, async, cancellationToken));
                await use.Held(dialect.CheckForeignKeys(connection, step, async, cancellationToken));
                SchemaModel to = ModelOf(step.ToVersion, current, history);
                List<SchemaDifference> after = await use.Held(dialect.Compare(connection, to, async, cancellationToken));
                if (after.Count != 0)
                {
                    throw new SchemaMismatchException(ErrorMessages.StepLeftOtherShape(step.FromVersion, step.ToVersion, after), version, after);
                }

                await use.Held(dialect.WriteVersion(connection, step.ToVersion, async, cancellationToken));
                await use.Held(connection.CommitEither(async, cancellationToken));
                return step.ToVersion == current.Version;
            }
            catch
            {
                await use.Held(connection.RollbackEither(async));
                throw;
            }
        }
        finally
        {
            await use.Held(dialect.AfterStep(connection, step, async));
        }
    }

    private static async ValueTask RunStep(Connection connection, MigrationStep step, IReadOnlyList<string> statements, SchemaModel current, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        try
        {
            foreach (string statement in statements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await use.Held(connection.ExecuteEither(Sql.Text(statement), null, async, cancellationToken));
            }

            foreach (MigrationHook hook in step.Hooks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (connection.EnterMigrationHook(step.ToVersion))
                {
                    if (hook.IsAsync)
                    {
                        await use.Held(RunAsyncHook(connection, hook, step.ToVersion, cancellationToken));
                    }
                    else
                    {
                        // A synchronous hook's own statements run synchronously, inside the step's transaction.
                        hook.Run(connection);
                    }
                }

                if (!connection.InTransaction)
                {
                    throw new InvalidOperationException(ErrorMessages.HookEndedTransaction(step.ToVersion));
                }
            }
        }
        catch (SchemaMismatchException)
        {
            throw;
        }
        catch (GenOrmException exception)
        {
            throw StepFailed(step, current, exception);
        }
    }

    /// <summary>
    /// Runs an asynchronous hook (only <see cref="Migrator.MigrateAsync"/> gets here): its awaited calls go on on
    /// whichever thread they resume on, so the migration lends the connection to it until it completes.
    /// </summary>
    private static async Task RunAsyncHook(Connection connection, MigrationHook hook, int toVersion, CancellationToken cancellationToken)
    {
        using Connection.HookLoan lent = connection.LendToHook();
        await hook.RunAsync(connection, cancellationToken).ConfigureAwait(false);
        if (lent.CallRunning)
        {
            // The step is rolled back, but only once that call has ended: a rollback sent meanwhile would meet a
            // connection still busy with it (PostgreSQL), and the call's own work would land after the rollback.
            await lent.CallEnded().ConfigureAwait(false);
            throw new InvalidOperationException(ErrorMessages.HookLeftCallRunning(hook.Name, toVersion));
        }
    }

    /// <summary>Words a failed statement of a step as a migration error: the table, column and constraint the existing data breaks.</summary>
    private static GenOrmException StepFailed(MigrationStep step, SchemaModel current, GenOrmException exception)
    {
        // A unique violation on PostgreSQL while the step adds the UNIQUE names only the constraint it is creating.
        string? reported = exception.ColumnName ?? (exception as ConstraintViolationException)?.ConstraintName;
        (string? failedTable, string? failedColumn) = exception.TableName is null && reported is null
            ? AlteredColumn(exception.Sql)
            : (exception.TableName, reported);
        string? table = failedTable is null ? null : ModelTableName(failedTable, current);
        string? column = failedColumn is null ? null : ModelColumnName(table, failedColumn, current);
        string message = exception switch
        {
            ConstraintViolationException violation => ErrorMessages.MigrationConstraintFailed(step.FromVersion, step.ToVersion, table, column, violation.Kind),
            // PostgreSQL's data exceptions (class 22: a value that does not convert to the new type, or does not fit it)
            // quote the value; the step's message names the statement instead, which holds none.
            { InnerException: System.Data.Common.DbException { SqlState: { Length: 5 } state } } when state.StartsWith("22", StringComparison.Ordinal) =>
                ErrorMessages.MigrationValueFailed(step.FromVersion, step.ToVersion, exception.Sql ?? string.Empty, state),
            _ => ErrorMessages.MigrationStatementFailed(step.FromVersion, step.ToVersion, exception.Message),
        };
        return new GenOrmException(message, table, column, exception.Sql, exception);
    }

    /// <summary>
    /// Gets the table and column of a generated <c>ALTER TABLE "t" ALTER COLUMN "c" ...</c> statement, for an error the
    /// server reports without them (PostgreSQL names no column when a value is too long for a new <c>varchar(n)</c>).
    /// </summary>
    private static (string? Table, string? Column) AlteredColumn(string? sql)
    {
        Match match = sql is null ? Match.Empty : AlterColumnStatement().Match(sql);
        return match.Success
            ? (match.Groups[1].Value.Replace("\"\"", "\"", StringComparison.Ordinal), match.Groups[2].Value.Replace("\"\"", "\"", StringComparison.Ordinal))
            : (null, null);
    }

    [GeneratedRegex("^ALTER TABLE \"((?:[^\"]|\"\")+)\" ALTER COLUMN \"((?:[^\"]|\"\")+)\" ", RegexOptions.CultureInvariant)]
    private static partial Regex AlterColumnStatement();

    /// <summary>
    /// Maps a constraint's name back to its column when the error could name only the constraint: PostgreSQL reports a
    /// unique violation while the step adds the <c>UNIQUE</c> by the constraint it is creating (<c>member_Email_key</c>,
    /// the server's default name), which no catalog holds yet.
    /// </summary>
    private static string ModelColumnName(string? table, string column, SchemaModel current)
    {
        if (table is null || current.FindTable(table) is not { } model || model.FindColumn(column) is not null)
        {
            return column;
        }

        foreach (ColumnModel candidate in model.Columns)
        {
            foreach (string suffix in new[] { "_key", "_fkey", "_pkey" })
            {
                if (string.Equals(column, model.Name + "_" + candidate.Name + suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate.Name;
                }
            }
        }

        return column;
    }

    /// <summary>
    /// Maps the name of a rebuild's new table (for example <c>new_users</c> or <c>users_new</c>) back to the
    /// model's table, so the error names the table the user knows.
    /// </summary>
    private static string ModelTableName(string name, SchemaModel current)
    {
        if (current.FindTable(name) is { } exact)
        {
            return exact.Name;
        }

        foreach (TableModel table in current.Tables)
        {
            if (name.EndsWith("_" + table.Name, StringComparison.OrdinalIgnoreCase))
            {
                return table.Name;
            }
        }

        foreach (TableModel table in current.Tables)
        {
            if (name.StartsWith(table.Name + "_", StringComparison.OrdinalIgnoreCase))
            {
                return table.Name;
            }
        }

        return name;
    }
}
