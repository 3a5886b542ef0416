using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>
/// What <see cref="SchemaVerifier"/>, <see cref="MigrationRunner"/> and <see cref="CreateTableGuard"/> need from one
/// database: reading its live shape into the model's types, the model in the form that reader writes (so that
/// <see cref="SchemaComparer"/>, the one comparer, compares like with like), and where the schema version lives and
/// how a step is locked, run and checked. <see cref="SqliteSchemaDialect"/> and <see cref="PostgresSchemaDialect"/>
/// are the two; <see cref="SchemaDialects.For"/> picks the connection's.
/// </summary>
internal interface ISchemaDialect
{
    /// <summary>Gets where the schema version is stored, as messages name it: <c>PRAGMA user_version</c>.</summary>
    string VersionSource { get; }

    /// <summary>Reads every table of the database (not the version's own storage), ordered by name.</summary>
    List<TableModel> Read(Connection connection);

    /// <summary>Reads one table, or returns <see langword="null"/> when the database has no table of that name.</summary>
    TableModel? ReadTable(Connection connection, string name);

    /// <summary>
    /// Gets <paramref name="tables"/> in the form <see cref="Read"/> gives live tables of those definitions: on SQLite
    /// the model itself, on PostgreSQL its PostgreSQL types and defaults.
    /// </summary>
    /// <exception cref="System.InvalidOperationException">The model has no form for this database.</exception>
    IReadOnlyList<TableModel> Expected(Connection connection, IReadOnlyList<TableModel> tables);

    /// <summary>Gets the statement that creates <paramref name="table"/> (without its indexes).</summary>
    string CreateSql(TableModel table);

    /// <summary>Gets the statements of <paramref name="step"/> for this database.</summary>
    IReadOnlyList<string> Statements(MigrationStep step);

    /// <summary>Reads the schema version; 0 when none was ever stored.</summary>
    int ReadVersion(Connection connection);

    /// <summary>Stores the schema version, inside the step's transaction.</summary>
    void WriteVersion(Connection connection, int version);

    /// <summary>Runs before the step's transaction begins (SQLite turns foreign keys off around a table rebuild).</summary>
    void BeforeStep(Connection connection, MigrationStep step);

    /// <summary>Begins the transaction in which the migrator decides and writes, holding the lock that serializes migrators.</summary>
    void BeginLocked(Connection connection);

    /// <summary>Checks, before a step commits, that no row breaks a foreign key; throws a <see cref="GenOrmException"/> naming it.</summary>
    void CheckForeignKeys(Connection connection, MigrationStep step);

    /// <summary>Runs after the step's transaction ended, committed or not (SQLite turns foreign keys back on).</summary>
    void AfterStep(Connection connection, MigrationStep step);
}

/// <summary>Picks the <see cref="ISchemaDialect"/> of a connection's database.</summary>
internal static class SchemaDialects
{
    /// <summary>Gets the dialect of <paramref name="connection"/>'s database.</summary>
    public static ISchemaDialect For(Connection connection) =>
        connection.IsPostgres ? PostgresSchemaDialect.Instance : SqliteSchemaDialect.Instance;

    /// <summary>Compares the live database with <paramref name="model"/>, each in the dialect's form, with the one comparer.</summary>
    public static List<SchemaDifference> Compare(this ISchemaDialect dialect, Connection connection, SchemaModel model) =>
        SchemaComparer.Compare(dialect.Expected(connection, model), dialect.Read(connection));

    /// <summary>Gets <paramref name="model"/> in the dialect's form (see <see cref="ISchemaDialect.Expected"/>).</summary>
    public static SchemaModel Expected(this ISchemaDialect dialect, Connection connection, SchemaModel model) =>
        new(model.Version, dialect.Expected(connection, model.Tables));
}
