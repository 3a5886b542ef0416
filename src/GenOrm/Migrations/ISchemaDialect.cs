using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// What <see cref="SchemaVerifier"/>, <see cref="MigrationRunner"/> and <see cref="CreateTableGuard"/> need from one
/// database: reading its live shape into the model's types, the model in the form that reader writes (so that
/// <see cref="SchemaComparer"/>, the one comparer, compares like with like), and where the schema version lives and
/// how a step is locked, run and checked. <see cref="SqliteSchemaDialect"/> and <see cref="PostgresSchemaDialect"/>
/// are the two; <see cref="SchemaDialects.For"/> picks the connection's.
/// </summary>
/// <remarks>
/// Every member that talks to the database is written once for both forms: <c>async</c> <see langword="false"/> runs
/// the connection's synchronous statements and returns a completed task (see <see cref="Internal.SyncIo"/>);
/// <see langword="true"/> awaits the driver's asynchronous I/O. <c>cancellationToken</c> stops the running
/// statement (PostgreSQL cancels it on the server).
/// </remarks>
internal interface ISchemaDialect
{
    /// <summary>Gets where the schema version is stored, as messages name it: <c>PRAGMA user_version</c>.</summary>
    string VersionSource { get; }

    /// <summary>Reads every table of the database (not the version's own storage), ordered by name.</summary>
    ValueTask<List<TableModel>> Read(Connection connection, bool async, CancellationToken cancellationToken);

    /// <summary>Reads one table, or returns <see langword="null"/> when the database has no table of that name.</summary>
    ValueTask<TableModel?> ReadTable(Connection connection, string name, bool async, CancellationToken cancellationToken);

    /// <summary>
    /// Gets <paramref name="tables"/> in the form <see cref="Read"/> gives live tables of those definitions: on SQLite
    /// the model itself, on PostgreSQL its PostgreSQL types and defaults.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">The model has no form for this database.</exception>
    ValueTask<IReadOnlyList<TableModel>> Expected(Connection connection, IReadOnlyList<TableModel> tables, bool async, CancellationToken cancellationToken);

    /// <summary>Gets the statement that creates <paramref name="table"/> (without its indexes).</summary>
    string CreateSql(TableModel table);

    /// <summary>Gets the statements of <paramref name="step"/> for this database.</summary>
    IReadOnlyList<string> Statements(MigrationStep step);

    /// <summary>Reads the schema version; 0 when none was ever stored.</summary>
    ValueTask<int> ReadVersion(Connection connection, bool async, CancellationToken cancellationToken);

    /// <summary>Stores the schema version, inside the step's transaction.</summary>
    ValueTask WriteVersion(Connection connection, int version, bool async, CancellationToken cancellationToken);

    /// <summary>Runs before the step's transaction begins (SQLite turns foreign keys off around a table rebuild).</summary>
    ValueTask BeforeStep(Connection connection, MigrationStep step, bool async, CancellationToken cancellationToken);

    /// <summary>Begins the transaction in which the migrator decides and writes, holding the lock that serializes migrators.</summary>
    ValueTask BeginLocked(Connection connection, bool async, CancellationToken cancellationToken);

    /// <summary>Checks, before a step commits, that no row breaks a foreign key; throws a <see cref="GenOrmException"/> naming it.</summary>
    ValueTask CheckForeignKeys(Connection connection, MigrationStep step, bool async, CancellationToken cancellationToken);

    /// <summary>Runs after the step's transaction ended, committed or not (SQLite turns foreign keys back on); never cancelled.</summary>
    ValueTask AfterStep(Connection connection, MigrationStep step, bool async);
}

/// <summary>Picks the <see cref="ISchemaDialect"/> of a connection's database.</summary>
internal static class SchemaDialects
{
    /// <summary>Gets the dialect of <paramref name="connection"/>'s database.</summary>
    public static ISchemaDialect For(Connection connection) =>
        connection.IsPostgres ? PostgresSchemaDialect.Instance : SqliteSchemaDialect.Instance;

    /// <summary>Compares the live database with <paramref name="model"/>, each in the dialect's form, with the one comparer.</summary>
    public static async ValueTask<List<SchemaDifference>> Compare(this ISchemaDialect dialect, Connection connection, SchemaModel model, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        SchemaModel expected = await use.Held(dialect.Expected(connection, model, async, cancellationToken));
        return SchemaComparer.Compare(expected, await use.Held(dialect.Read(connection, async, cancellationToken)));
    }

    /// <summary>Gets <paramref name="model"/> in the dialect's form (see <see cref="ISchemaDialect.Expected"/>).</summary>
    public static async ValueTask<SchemaModel> Expected(this ISchemaDialect dialect, Connection connection, SchemaModel model, bool async, CancellationToken cancellationToken)
    {
        using var use = connection.Enter();
        return new SchemaModel(model.Version, await use.Held(dialect.Expected(connection, model.Tables, async, cancellationToken)));
    }
}
