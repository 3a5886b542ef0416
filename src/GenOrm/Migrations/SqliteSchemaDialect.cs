using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// SQLite's part: the live shape from <c>sqlite_master</c> and the table pragmas (<see cref="LiveSchema"/>), the
/// version in <c>PRAGMA user_version</c>, <c>BEGIN IMMEDIATE</c> as the lock, and <c>PRAGMA foreign_keys</c> off
/// around a step that rebuilds tables, with <c>PRAGMA foreign_key_check</c> before it commits.
/// </summary>
/// <remarks>
/// SQLite has no asynchronous I/O: every member runs the connection's synchronous statements and returns a completed
/// task in either form, as every await on SQLite completes at once.
/// </remarks>
internal sealed class SqliteSchemaDialect : ISchemaDialect
{
    private const string ForeignKeysOffSql = "PRAGMA foreign_keys = OFF";
    private const string ForeignKeysOnSql = "PRAGMA foreign_keys = ON";
    private const string ForeignKeyCheckSql = "PRAGMA foreign_key_check";

    private SqliteSchemaDialect()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static SqliteSchemaDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string VersionSource => "PRAGMA user_version";

    /// <inheritdoc/>
    public ValueTask<List<TableModel>> Read(Connection connection, bool async, CancellationToken cancellationToken) =>
        new(LiveSchema.Read(connection));

    /// <inheritdoc/>
    public ValueTask<TableModel?> ReadTable(Connection connection, string name, bool async, CancellationToken cancellationToken) =>
        new(LiveSchema.ReadTable(connection, name));

    /// <inheritdoc/>
    /// <remarks>
    /// The model as it is, except that a table's only primary-key column of type <c>INTEGER</c> is <c>NOT NULL</c>:
    /// it is the rowid, which cannot be NULL whatever its declaration says, and <see cref="LiveSchema"/> reads it so.
    /// </remarks>
    public ValueTask<IReadOnlyList<TableModel>> Expected(Connection connection, IReadOnlyList<TableModel> tables, bool async, CancellationToken cancellationToken) =>
        new(Expected(tables));

    private static IReadOnlyList<TableModel> Expected(IReadOnlyList<TableModel> tables)
    {
        var expected = new TableModel[tables.Count];
        for (int t = 0; t < expected.Length; t++)
        {
            TableModel table = tables[t];
            ColumnModel? key = table.PrimaryKey.Count == 1 ? table.FindColumn(table.PrimaryKey[0]) : null;
            if (key is null || !key.IsNullable || !key.SqlType.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            {
                expected[t] = table;
                continue;
            }

            var columns = new ColumnModel[table.Columns.Count];
            for (int i = 0; i < columns.Length; i++)
            {
                ColumnModel c = table.Columns[i];
                columns[i] = ReferenceEquals(c, key)
                    ? new ColumnModel(c.Name, c.SqlType, c.ClrType, isNullable: false, c.DefaultSql, c.IsUnique, c.MaxLength, c.IsAutoIncrement, c.PostgresType, c.PostgresDefaultSql)
                    : c;
            }

            expected[t] = new TableModel(table.Name, columns, table.PrimaryKey, table.Indexes, table.ForeignKeys, table.CreateSql, table.PostgresCreateSql);
        }

        return expected;
    }

    /// <inheritdoc/>
    public string CreateSql(TableModel table) => table.CreateSql;

    /// <inheritdoc/>
    public IReadOnlyList<string> Statements(MigrationStep step) => step.Statements;

    /// <inheritdoc/>
    public ValueTask<int> ReadVersion(Connection connection, bool async, CancellationToken cancellationToken) =>
        new(checked((int)connection.Execute(Sql.Text("PRAGMA user_version")).Scalar<long>()));

    /// <inheritdoc/>
    public ValueTask WriteVersion(Connection connection, int version, bool async, CancellationToken cancellationToken)
    {
        connection.Execute(Sql.Text("PRAGMA user_version = " + version.ToString(CultureInfo.InvariantCulture)));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask BeforeStep(Connection connection, MigrationStep step, bool async, CancellationToken cancellationToken)
    {
        if (step.RebuildsTables)
        {
            // Only outside a transaction does SQLite honour this; dropping a referenced table with foreign keys on
            // would delete or refuse its referring rows.
            connection.ExecuteOutsideTransaction(ForeignKeysOffSql);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks><c>Begin()</c> is <c>BEGIN IMMEDIATE</c> on SQLite: it takes the write lock.</remarks>
    public ValueTask BeginLocked(Connection connection, bool async, CancellationToken cancellationToken)
    {
        connection.Begin();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask CheckForeignKeys(Connection connection, MigrationStep step, bool async, CancellationToken cancellationToken)
    {
        Result result = connection.Execute(Sql.Text(ForeignKeyCheckSql));
        if (result.First() is not { } row)
        {
            return ValueTask.CompletedTask;
        }

        string table = row.Get<string>(0);
        string parent = row.Get<string>(2);
        long keyId = row.Get<long>(3);
        string? column = null;
        foreach (Row key in connection.Execute(Sql.Text("SELECT id, \"from\" FROM pragma_foreign_key_list(:table) ORDER BY seq"), new Params { { "table", table } }))
        {
            if (key.Get<long>(0) == keyId)
            {
                column = column is null ? key.Get<string>(1) : column + ", " + key.Get<string>(1);
            }
        }

        throw new GenOrmException(
            ErrorMessages.MigrationForeignKeyFailed(step.FromVersion, step.ToVersion, table, column ?? "?", parent),
            table,
            column,
            ForeignKeyCheckSql,
            innerException: null);
    }

    /// <inheritdoc/>
    public ValueTask AfterStep(Connection connection, MigrationStep step, bool async)
    {
        if (step.RebuildsTables)
        {
            connection.ExecuteOutsideTransaction(ForeignKeysOnSql);
        }

        return ValueTask.CompletedTask;
    }
}
