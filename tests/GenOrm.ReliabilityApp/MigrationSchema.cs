using GenOrm.Migrations;

namespace GenOrm.ReliabilityApp;

/// <summary>
/// Two schema versions for the migration reliability tests, built by hand as the generator would emit them: v1 has
/// <c>items.Amount</c> as TEXT; v2 rebuilds <c>items</c> to retype it INTEGER. <c>runs</c> records every run of the
/// step's hook, so a test can count them.
/// </summary>
public static class MigrationSchema
{
    public const string RunsSql = """
        CREATE TABLE "runs" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Process" TEXT NOT NULL
        ) STRICT
        """;

    public const string ItemsV1Sql = """
        CREATE TABLE "items" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Label" TEXT NOT NULL,
            "Amount" TEXT NOT NULL
        ) STRICT
        """;

    public const string ItemsV2Sql = """
        CREATE TABLE "items" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Label" TEXT NOT NULL,
            "Amount" INTEGER NOT NULL
        ) STRICT
        """;

    private static readonly TableModel Runs = new(
        "runs",
        new[]
        {
            new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true),
            new ColumnModel("Process", "TEXT", "string", isNullable: false),
        },
        new[] { "Id" },
        Array.Empty<IndexModel>(),
        Array.Empty<ForeignKeyModel>(),
        RunsSql);

    public static SchemaModel V1 { get; } = new(1, new[] { Runs, Items("TEXT", "string", ItemsV1Sql) });

    public static SchemaModel V2 { get; } = new(2, new[] { Runs, Items("INTEGER", "long", ItemsV2Sql) });

    /// <summary>The rebuild of <c>items</c>: create new, copy, drop, rename, as SQLite documents it.</summary>
    public static string[] RebuildStatements { get; } =
    {
        ItemsV2Sql.Replace("CREATE TABLE \"items\"", "CREATE TABLE \"new_items\"", StringComparison.Ordinal),
        "INSERT INTO \"new_items\" (\"Id\", \"Label\", \"Amount\") SELECT \"Id\", \"Label\", CAST(\"Amount\" AS INTEGER) FROM \"items\"",
        "DROP TABLE \"items\"",
        "ALTER TABLE \"new_items\" RENAME TO \"items\"",
    };

    /// <summary>Brings the database to v1, creating it when it is empty.</summary>
    public static void MigrateToV1(Connection connection) =>
        Migrator.Migrate(connection, V1, new[] { V1 }, Array.Empty<MigrationStep>());

    /// <summary>Brings the database to v2; <paramref name="hook"/> runs inside the rebuild step, after its statements.</summary>
    public static void MigrateToV2(Connection connection, Action<Connection> hook) =>
        Migrator.Migrate(connection, V2, new[] { V1, V2 }, new[] { new MigrationStep(2, RebuildStatements, rebuildsTables: true, new[] { new MigrationHook("MigrationSchema.FillAmounts", hook) }) });

    private static TableModel Items(string amountType, string amountClrType, string sql) => new(
        "items",
        new[]
        {
            new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true),
            new ColumnModel("Label", "TEXT", "string", isNullable: false),
            new ColumnModel("Amount", amountType, amountClrType, isNullable: false),
        },
        new[] { "Id" },
        Array.Empty<IndexModel>(),
        Array.Empty<ForeignKeyModel>(),
        sql);
}
