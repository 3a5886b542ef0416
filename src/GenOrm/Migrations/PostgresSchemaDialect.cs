using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// PostgreSQL's part: the live shape from <c>pg_catalog</c> (<see cref="PostgresLiveSchema"/>), the model's
/// PostgreSQL types and defaults (<see cref="ColumnModel.PostgresType"/>, <see cref="ColumnModel.PostgresDefaultSql"/>),
/// the version in the one-row table <c>genorm_schema_version</c>, and a transaction-scoped advisory lock that
/// serializes migrators. PostgreSQL checks a foreign key when the statement that adds or breaks it runs, and its DDL is
/// transactional, so a step needs no foreign-key switch around it and no check after it.
/// </summary>
/// <remarks>
/// Every statement runs on the connection's statement path in the form asked for: the asynchronous one awaits
/// Npgsql's asynchronous I/O, and its token cancels the running statement on the server (a migrator waiting for the
/// lock included).
/// </remarks>
internal sealed class PostgresSchemaDialect : ISchemaDialect
{
    private const string VersionExistsSql =
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c WHERE c.relname = '" + PostgresLiveSchema.VersionTable + "' " +
        "AND c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = current_schema()))";

    private const string ReadVersionSql = "SELECT \"version\" FROM \"" + PostgresLiveSchema.VersionTable + "\"";

    private const string CreateVersionTableSql =
        "CREATE TABLE IF NOT EXISTS \"" + PostgresLiveSchema.VersionTable + "\" (\"version\" integer NOT NULL, " +
        "\"single\" boolean PRIMARY KEY DEFAULT true CHECK (\"single\"))";

    private const string WriteVersionSql =
        "INSERT INTO \"" + PostgresLiveSchema.VersionTable + "\" (\"version\") VALUES (:version) " +
        "ON CONFLICT (\"single\") DO UPDATE SET \"version\" = excluded.\"version\"";

    // One lock per database and schema: a second migrator waits here (up to lock_timeout, Engine.BusyTimeout) until
    // the first one's step commits or rolls back, then reads the new version.
    private const string LockSql =
        "SELECT pg_advisory_xact_lock(hashtext('" + PostgresLiveSchema.VersionTable + "'), hashtext(current_schema()))";

    private PostgresSchemaDialect()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static PostgresSchemaDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string VersionSource => PostgresLiveSchema.VersionTable;

    /// <inheritdoc/>
    public ValueTask<List<TableModel>> Read(Connection connection, bool async, CancellationToken cancellationToken) =>
        PostgresLiveSchema.Read(connection, async, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<TableModel?> ReadTable(Connection connection, string name, bool async, CancellationToken cancellationToken) =>
        PostgresLiveSchema.ReadTable(connection, name, async, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The defaults are evaluated by the server, in one statement for all tables: <c>CAST((default) AS type)::text</c>
    /// is the text a stored default's constant prints, whatever the literal's form (<c>'5400.5 seconds'</c> is
    /// <c>01:30:00.5</c>) and in the session's time zone, as <see cref="PostgresLiveSchema"/> reads the live one.
    /// </remarks>
    public async ValueTask<IReadOnlyList<TableModel>> Expected(Connection connection, IReadOnlyList<TableModel> tables, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        var casts = new StringBuilder();
        int count = 0;
        foreach (TableModel table in tables)
        {
            foreach (ColumnModel column in table.Columns)
            {
                string type = TypeOf(table, column);
                if (column.PostgresDefaultSql is { } literal && !string.Equals(literal, "NULL", StringComparison.OrdinalIgnoreCase))
                {
                    casts.Append(count++ == 0 ? "SELECT " : ", ").Append("CAST((").Append(literal).Append(") AS ").Append(CastType(type)).Append(")::text");
                }
            }
        }

        Row? values = count == 0 ? null : (await use.Held(connection.ExecuteEither(Sql.Text(casts.ToString()), null, async, cancellationToken))).First();
        var expected = new TableModel[tables.Count];
        int next = 0;
        for (int t = 0; t < tables.Count; t++)
        {
            TableModel table = tables[t];
            var columns = new ColumnModel[table.Columns.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                ColumnModel column = table.Columns[i];
                string? defaultSql = column.PostgresDefaultSql switch
                {
                    null => null,
                    { } literal when string.Equals(literal, "NULL", StringComparison.OrdinalIgnoreCase) => "NULL",
                    _ => values!.Get<string?>(next++) is { } value ? PostgresLiveSchema.ValueText(value) : "NULL",
                };
                columns[i] = new ColumnModel(
                    column.Name,
                    PostgresLiveSchema.NormalizeType(TypeOf(table, column)),
                    column.ClrType,
                    // A primary-key column is NOT NULL on PostgreSQL, whatever its declaration says.
                    column.IsNullable && !Contains(table.PrimaryKey, column.Name),
                    defaultSql,
                    column.IsUnique,
                    column.MaxLength,
                    column.IsAutoIncrement);
            }

            expected[t] = new TableModel(table.Name, columns, table.PrimaryKey, table.Indexes, table.ForeignKeys, table.PostgresCreateSql ?? string.Empty);
        }

        return expected;
    }

    /// <inheritdoc/>
    public string CreateSql(TableModel table) =>
        table.PostgresCreateSql ?? throw new InvalidOperationException(ErrorMessages.ModelHasNoPostgresForm("Table '" + table.Name + "'"));

    /// <inheritdoc/>
    public IReadOnlyList<string> Statements(MigrationStep step) =>
        step.PostgresStatements ?? throw new InvalidOperationException(ErrorMessages.ModelHasNoPostgresForm("The migration step " + step));

    /// <inheritdoc/>
    public async ValueTask<int> ReadVersion(Connection connection, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        return (await use.Held(connection.ExecuteEither(Sql.Text(VersionExistsSql), null, async, cancellationToken))).Scalar<bool>()
            ? checked((int)(await use.Held(connection.ExecuteEither(Sql.Text(ReadVersionSql), null, async, cancellationToken))).Scalar<long>())
            : 0;
    }

    /// <inheritdoc/>
    public async ValueTask WriteVersion(Connection connection, int version, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        await use.Held(connection.ExecuteEither(Sql.Text(CreateVersionTableSql), null, async, cancellationToken));
        await use.Held(connection.ExecuteEither(Sql.Text(WriteVersionSql), new Params { { "version", version } }, async, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask BeforeStep(Connection connection, MigrationStep step, bool async, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public async ValueTask BeginLocked(Connection connection, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        await use.Held(connection.BeginEither(async, cancellationToken));
        await use.Held(connection.ExecuteEither(Sql.Text(LockSql), null, async, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask CheckForeignKeys(Connection connection, MigrationStep step, bool async, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask AfterStep(Connection connection, MigrationStep step, bool async) => ValueTask.CompletedTask;

    private static string TypeOf(TableModel table, ColumnModel column) =>
        column.PostgresType ?? throw new InvalidOperationException(ErrorMessages.ModelHasNoPostgresForm("Column '" + column.Name + "' of table '" + table.Name + "'"));

    /// <summary>
    /// Gets the type to evaluate a default as: without its <c>COLLATE</c> clause and its modifier (a stored default
    /// keeps its constant as written, <c>9.5</c> in a <c>numeric(19,2)</c> column, not <c>9.50</c>).
    /// </summary>
    private static string CastType(string type)
    {
        int collate = type.IndexOf(" COLLATE ", StringComparison.Ordinal);
        string bare = collate < 0 ? type : type[..collate];
        int modifier = bare.IndexOf('(', StringComparison.Ordinal);
        return modifier < 0 ? bare : bare[..modifier];
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (string item in names)
        {
            if (string.Equals(item, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
