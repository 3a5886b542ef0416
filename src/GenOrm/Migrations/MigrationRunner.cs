using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;

namespace GenOrm.Migrations;

/// <summary>
/// The work behind <see cref="Migrator"/>, on either database: what differs between them (where the version lives,
/// the lock, foreign keys around a step, the statements) is the connection's <see cref="ISchemaDialect"/>. Every
/// decision that writes is taken again under the lock (<see cref="ISchemaDialect.BeginLocked"/>), after re-reading the
/// version: a process that waited for another one's step sees the new version and skips what is done.
/// </summary>
internal static partial class MigrationRunner
{
    public static void Run(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(steps);
        CheckArguments(current, history, steps);
        if (connection.InTransaction)
        {
            throw new InvalidOperationException(ErrorMessages.MigrateInTransaction());
        }

        ISchemaDialect dialect = SchemaDialects.For(connection);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int version = ReadVersionAlone(connection, dialect);
            if (version > current.Version)
            {
                throw new SchemaMismatchException(ErrorMessages.DatabaseNewerThanCode(version, current.Version), version, Array.Empty<SchemaDifference>());
            }

            if (version == current.Version)
            {
                SchemaReport report = SchemaVerifier.Verify(connection, current);
                if (!report.IsMatch)
                {
                    throw new SchemaMismatchException(ErrorMessages.DatabaseShapeDiffers(version, dialect.VersionSource, report.Differences), version, report.Differences);
                }

                return;
            }

            bool done = version == 0
                ? CreateOrAdopt(connection, dialect, current, history, cancellationToken)
                : ApplyStep(connection, dialect, version, current, history, steps[version - 1], cancellationToken);
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>Checks that the history and the steps form one chain from v1 to <paramref name="current"/>.</summary>
    private static void CheckArguments(SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps)
    {
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
    }

    /// <summary>The model of <paramref name="version"/>: a recorded one, or the compiled one when it is not recorded yet.</summary>
    private static SchemaModel ModelOf(int version, SchemaModel current, IReadOnlyList<SchemaModel> history) =>
        version == current.Version ? current : history[version - 1];

    /// <summary>Reads the version in a read transaction of its own, ended before it returns.</summary>
    private static int ReadVersionAlone(Connection connection, ISchemaDialect dialect)
    {
        try
        {
            return dialect.ReadVersion(connection);
        }
        finally
        {
            connection.Rollback();
        }
    }

    /// <summary>
    /// Version 0: an empty database is created at <paramref name="current"/>; one with tables is adopted at the
    /// newest version its shape equals (the compiled model first, then the recorded ones, newest first).
    /// </summary>
    /// <returns><see langword="true"/> when the database is now at the compiled version; <see langword="false"/> to look again.</returns>
    private static bool CreateOrAdopt(Connection connection, ISchemaDialect dialect, SchemaModel current, IReadOnlyList<SchemaModel> history, CancellationToken cancellationToken)
    {
        dialect.BeginLocked(connection);
        try
        {
            if (dialect.ReadVersion(connection) != 0)
            {
                // Another process created or adopted it while this one waited for the write lock.
                connection.Rollback();
                return false;
            }

            List<TableModel> live = dialect.Read(connection);
            if (live.Count == 0)
            {
                foreach (TableModel table in current.Tables)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    connection.Execute(Sql.Text(dialect.CreateSql(table)));
                    foreach (IndexModel index in table.Indexes)
                    {
                        connection.Execute(Sql.Text(index.CreateSql(table.Name)));
                    }
                }

                dialect.WriteVersion(connection, current.Version);
                connection.Commit();
                return true;
            }

            List<SchemaDifference>? closest = null;
            int closestVersion = 0;
            for (int version = current.Version; version >= 1; version--)
            {
                List<SchemaDifference> differences = SchemaComparer.Compare(dialect.Expected(connection, ModelOf(version, current, history)), live);
                if (differences.Count == 0)
                {
                    dialect.WriteVersion(connection, version);
                    connection.Commit();
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
            connection.Rollback();
            throw;
        }
    }

    /// <summary>Applies one step in its own transaction, unless another process applied it meanwhile.</summary>
    /// <returns><see langword="true"/> when the database is now at the compiled version.</returns>
    private static bool ApplyStep(Connection connection, ISchemaDialect dialect, int version, SchemaModel current, IReadOnlyList<SchemaModel> history, MigrationStep step, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> statements = dialect.Statements(step);
        dialect.BeforeStep(connection, step);
        try
        {
            dialect.BeginLocked(connection);
            try
            {
                if (dialect.ReadVersion(connection) != version)
                {
                    connection.Rollback();
                    return false;
                }

                SchemaModel from = ModelOf(version, current, history);
                List<SchemaDifference> before = dialect.Compare(connection, from);
                if (before.Count != 0)
                {
                    throw new SchemaMismatchException(ErrorMessages.DatabaseShapeDiffers(version, dialect.VersionSource, before), version, before);
                }

                RunStep(connection, step, statements, current, cancellationToken);
                dialect.CheckForeignKeys(connection, step);
                SchemaModel to = ModelOf(step.ToVersion, current, history);
                List<SchemaDifference> after = dialect.Compare(connection, to);
                if (after.Count != 0)
                {
                    throw new SchemaMismatchException(ErrorMessages.StepLeftOtherShape(step.FromVersion, step.ToVersion, after), version, after);
                }

                dialect.WriteVersion(connection, step.ToVersion);
                connection.Commit();
                return step.ToVersion == current.Version;
            }
            catch
            {
                connection.Rollback();
                throw;
            }
        }
        finally
        {
            dialect.AfterStep(connection, step);
        }
    }

    private static void RunStep(Connection connection, MigrationStep step, IReadOnlyList<string> statements, SchemaModel current, CancellationToken cancellationToken)
    {
        try
        {
            foreach (string statement in statements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                connection.Execute(Sql.Text(statement));
            }

            foreach (Action<Connection> hook in step.Hooks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (connection.EnterMigrationHook(step.ToVersion))
                {
                    hook(connection);
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

    /// <summary>Words a failed statement of a step as a migration error: the table, column and constraint the existing data breaks.</summary>
    private static GenOrmException StepFailed(MigrationStep step, SchemaModel current, GenOrmException exception)
    {
        (string? failedTable, string? failedColumn) = exception.TableName is null && exception.ColumnName is null
            ? AlteredColumn(exception.Sql)
            : (exception.TableName, exception.ColumnName);
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
