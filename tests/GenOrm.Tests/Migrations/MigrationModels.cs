using GenOrm.Migrations;

namespace GenOrm.Tests.Migrations;

/// <summary>
/// Three hand-built schema versions and the steps between them, as the generator would emit them:
/// v1 (teams, users), v2 (additive: users.Login and an index), v3 (a rebuild of users: Email becomes UNIQUE, Score
/// is retyped TEXT to INTEGER, Name is dropped, TeamId gains a foreign key).
/// </summary>
public static class MigrationModels
{
    public const string TeamsSql = """
        CREATE TABLE "teams" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Name" TEXT NOT NULL
        ) STRICT
        """;

    public const string UsersV1Sql = """
        CREATE TABLE "users" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Email" TEXT NOT NULL,
            "Name" TEXT CHECK (length("Name") <= 50),
            "Score" TEXT NOT NULL DEFAULT '0',
            "TeamId" INTEGER
        ) STRICT
        """;

    public const string UsersV3Sql = """
        CREATE TABLE "users" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Email" TEXT NOT NULL UNIQUE,
            "Score" INTEGER NOT NULL DEFAULT 0,
            "TeamId" INTEGER,
            "Login" TEXT,
            FOREIGN KEY ("TeamId") REFERENCES "teams" ("Id") ON DELETE SET NULL
        ) STRICT
        """;

    public static TableModel Teams { get; } = new(
        "teams",
        new[]
        {
            new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true),
            new ColumnModel("Name", "TEXT", "string", isNullable: false),
        },
        new[] { "Id" },
        Array.Empty<IndexModel>(),
        Array.Empty<ForeignKeyModel>(),
        TeamsSql);

    public static SchemaModel V1 { get; } = new(1, new[]
    {
        Teams,
        new TableModel(
            "users",
            new[]
            {
                new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true),
                new ColumnModel("Email", "TEXT", "string", isNullable: false),
                new ColumnModel("Name", "TEXT", "string?", isNullable: true, maxLength: 50),
                new ColumnModel("Score", "TEXT", "string", isNullable: false, defaultSql: "'0'"),
                new ColumnModel("TeamId", "INTEGER", "long?", isNullable: true),
            },
            new[] { "Id" },
            Array.Empty<IndexModel>(),
            Array.Empty<ForeignKeyModel>(),
            UsersV1Sql),
    });

    public static SchemaModel V2 { get; } = new(2, new[]
    {
        Teams,
        new TableModel(
            "users",
            new[]
            {
                new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true),
                new ColumnModel("Email", "TEXT", "string", isNullable: false),
                new ColumnModel("Name", "TEXT", "string?", isNullable: true, maxLength: 50),
                new ColumnModel("Score", "TEXT", "string", isNullable: false, defaultSql: "'0'"),
                new ColumnModel("TeamId", "INTEGER", "long?", isNullable: true),
                new ColumnModel("Login", "TEXT", "string?", isNullable: true),
            },
            new[] { "Id" },
            new[] { new IndexModel("ix_users_Email", new[] { "Email" }, isUnique: false) },
            Array.Empty<ForeignKeyModel>(),
            UsersV1Sql.Replace("\"TeamId\" INTEGER\n", "\"TeamId\" INTEGER,\n    \"Login\" TEXT\n", StringComparison.Ordinal)),
    });

    public static SchemaModel V3 { get; } = new(3, new[]
    {
        Teams,
        new TableModel(
            "users",
            new[]
            {
                new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true),
                new ColumnModel("Email", "TEXT", "string", isNullable: false, isUnique: true),
                new ColumnModel("Score", "INTEGER", "int", isNullable: false, defaultSql: "0"),
                new ColumnModel("TeamId", "INTEGER", "long?", isNullable: true),
                new ColumnModel("Login", "TEXT", "string?", isNullable: true),
            },
            new[] { "Id" },
            new[] { new IndexModel("ix_users_Email", new[] { "Email" }, isUnique: false) },
            new[] { new ForeignKeyModel("TeamId", "teams", "Id", "SET NULL") },
            UsersV3Sql),
    });

    public static string[] StepToV2Statements { get; } =
    {
        "ALTER TABLE \"users\" ADD COLUMN \"Login\" TEXT",
        "CREATE INDEX \"ix_users_Email\" ON \"users\" (\"Email\")",
    };

    public static string[] StepToV3Statements { get; } =
    {
        UsersV3Sql.Replace("CREATE TABLE \"users\"", "CREATE TABLE \"new_users\"", StringComparison.Ordinal),
        "INSERT INTO \"new_users\" (\"Id\", \"Email\", \"Score\", \"TeamId\", \"Login\") SELECT \"Id\", \"Email\", CAST(\"Score\" AS INTEGER), \"TeamId\", \"Login\" FROM \"users\"",
        "DROP TABLE \"users\"",
        "ALTER TABLE \"new_users\" RENAME TO \"users\"",
        "CREATE INDEX \"ix_users_Email\" ON \"users\" (\"Email\")",
    };

    public static MigrationStep StepToV2(params Action<Connection>[] hooks) => new(2, StepToV2Statements, rebuildsTables: false, Hooks(hooks));

    public static MigrationStep StepToV3(params Action<Connection>[] hooks) => new(3, StepToV3Statements, rebuildsTables: true, Hooks(hooks));

    /// <summary>The synchronous hooks, named <c>Hook1</c>, <c>Hook2</c>, ... as messages would name them.</summary>
    private static MigrationHook[] Hooks(Action<Connection>[] hooks) =>
        hooks.Select((hook, i) => new MigrationHook("Hook" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), hook)).ToArray();

    /// <summary>Migrates to v1 (creating the tables).</summary>
    public static void MigrateToV1(Connection connection) => Migrator.Migrate(connection, V1, Array.Empty<SchemaModel>(), Array.Empty<MigrationStep>());

    /// <summary>Migrates to v2, with v1 and v2 recorded.</summary>
    public static void MigrateToV2(Connection connection, params Action<Connection>[] hooks) =>
        Migrator.Migrate(connection, V2, new[] { V1, V2 }, new[] { StepToV2(hooks) });

    /// <summary>Migrates to v3, with v1 and v2 recorded and v3 the compiled, unrecorded model.</summary>
    public static void MigrateToV3(Connection connection, params Action<Connection>[] hooks) =>
        Migrator.Migrate(connection, V3, new[] { V1, V2 }, new[] { StepToV2(), StepToV3(hooks) });
}
