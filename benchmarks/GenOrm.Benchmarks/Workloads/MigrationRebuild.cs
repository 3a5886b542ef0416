using System.Globalization;
using BenchmarkDotNet.Attributes;
using GenOrm.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// A table rebuild on 100,000 rows: <c>items.Amount</c> retyped from TEXT to INTEGER, which SQLite's <c>ALTER TABLE</c>
/// cannot do. GenOrm: <see cref="Migrator.Migrate"/> with the step the generator writes for it (create new, copy with
/// CAST, drop, rename; foreign keys off around it, <c>foreign_key_check</c> and the shape check before COMMIT). EF Core:
/// a hand-written migration (<c>MigrationBuilder.AlterColumn</c>, which EF's SQLite provider runs as its own rebuild)
/// applied with <c>Database.Migrate()</c>. Each invocation migrates a fresh copy of a v1 file made once in
/// <c>GlobalSetup</c>; the copy is made in <c>IterationSetup</c>, outside the measurement. Time and allocated memory
/// (MemoryDiagnoser) are reported; see docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class MigrationRebuild
{
    public const int Rows = 100_000;

    private string _directory = null!;
    private string _genOrmTemplate = null!;
    private string _efTemplate = null!;
    private string _file = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "genorm-bench-migrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _genOrmTemplate = Path.Combine(_directory, "genorm-v1.db");
        _efTemplate = Path.Combine(_directory, "ef-v1.db");
        _file = Path.Combine(_directory, "work.db");

        using (var engine = Engine.Create("sqlite:///" + _genOrmTemplate, new EngineOptions { UseWal = false }))
        using (Connection connection = engine.Connect())
        {
            Migrator.Migrate(connection, RebuildSchema.V1, new[] { RebuildSchema.V1 }, Array.Empty<MigrationStep>());
            Seed(connection);
        }

        using (var context = MigrationContext.Open(_efTemplate))
        {
            context.GetService<IMigrator>().Migrate(InitialItems.Id);
        }

        using (var engine = Engine.Create("sqlite:///" + _efTemplate, new EngineOptions { UseWal = false }))
        using (Connection connection = engine.Connect())
        {
            Seed(connection);
        }

        SqliteConnection.ClearAllPools();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [IterationSetup(Target = nameof(GenOrm))]
    public void CopyGenOrmTemplate() => File.Copy(_genOrmTemplate, _file, overwrite: true);

    [IterationSetup(Target = nameof(EfCore))]
    public void CopyEfTemplate() => File.Copy(_efTemplate, _file, overwrite: true);

    [IterationCleanup]
    public void IterationCleanup() => SqliteConnection.ClearAllPools();

    [Benchmark(Baseline = true, Description = "EF Core (AlterColumn + Database.Migrate)")]
    public void EfCore()
    {
        using var context = MigrationContext.Open(_file);
        context.Database.Migrate();
    }

    [Benchmark(Description = "GenOrm (Migrator.Migrate, rebuild step)")]
    public void GenOrm()
    {
        using var engine = Engine.Create("sqlite:///" + _file, new EngineOptions { UseWal = false });
        using Connection connection = engine.Connect();
        Migrator.Migrate(
            connection,
            RebuildSchema.V2,
            new[] { RebuildSchema.V1, RebuildSchema.V2 },
            new[] { new MigrationStep(2, RebuildSchema.RebuildStatements, rebuildsTables: true, Array.Empty<MigrationHook>()) });
    }

    private static void Seed(Connection connection)
    {
        connection.Execute(
            Sql.Text("INSERT INTO items (Label, Amount) VALUES (:label, :amount)"),
            Enumerable.Range(1, Rows).Select(i => new Params
            {
                { "label", "item " + i.ToString(CultureInfo.InvariantCulture) },
                { "amount", ((i * 7) - 5000).ToString(CultureInfo.InvariantCulture) },
            }));
        connection.Commit();
    }
}

/// <summary>The two versions of <c>items</c> as GenOrm's generator would record them, and its rebuild step.</summary>
public static class RebuildSchema
{
    private const string ItemsV1Sql = """
        CREATE TABLE "items" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Label" TEXT NOT NULL,
            "Amount" TEXT NOT NULL
        ) STRICT
        """;

    private const string ItemsV2Sql = """
        CREATE TABLE "items" (
            "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "Label" TEXT NOT NULL,
            "Amount" INTEGER NOT NULL
        ) STRICT
        """;

    public static SchemaModel V1 { get; } = new(1, new[] { Items("TEXT", "string", ItemsV1Sql) });

    public static SchemaModel V2 { get; } = new(2, new[] { Items("INTEGER", "long", ItemsV2Sql) });

    public static string[] RebuildStatements { get; } =
    {
        ItemsV2Sql.Replace("CREATE TABLE \"items\"", "CREATE TABLE \"new_items\"", StringComparison.Ordinal),
        "INSERT INTO \"new_items\" (\"Id\", \"Label\", \"Amount\") SELECT \"Id\", \"Label\", CAST(\"Amount\" AS INTEGER) FROM \"items\"",
        "DROP TABLE \"items\"",
        "ALTER TABLE \"new_items\" RENAME TO \"items\"",
    };

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

public sealed class MigrationItem
{
    public long Id { get; set; }

    public string Label { get; set; } = "";

    public long Amount { get; set; }
}

/// <summary>The EF Core side: a context whose migrations are the two hand-written ones below.</summary>
public sealed class MigrationContext(DbContextOptions<MigrationContext> options) : DbContext(options)
{
    public DbSet<MigrationItem> Items => Set<MigrationItem>();

    public static MigrationContext Open(string file) => new(new DbContextOptionsBuilder<MigrationContext>()
        .UseSqlite("Data Source=" + file)
        // No model snapshot is kept for two hand-written migrations; EF would otherwise refuse to migrate.
        .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
        .Options);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<MigrationItem>(item =>
        {
            item.ToTable("items");
            item.HasKey(i => i.Id);
        });
}

[DbContext(typeof(MigrationContext))]
[Microsoft.EntityFrameworkCore.Migrations.Migration(Id)]
public sealed class InitialItems : Migration
{
    public const string Id = "20260101000000_InitialItems";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: "items",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Label = table.Column<string>(type: "TEXT", nullable: false),
                Amount = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_items", x => x.Id));
}

[DbContext(typeof(MigrationContext))]
[Microsoft.EntityFrameworkCore.Migrations.Migration("20260102000000_RetypeAmount")]
public sealed class RetypeAmount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AlterColumn<long>(
            name: "Amount",
            table: "items",
            type: "INTEGER",
            nullable: false,
            oldClrType: typeof(string),
            oldType: "TEXT");

    /// <summary>
    /// The model after this migration, as `dotnet ef migrations add` would write it: EF's SQLite provider needs it to
    /// turn AlterColumn into its table rebuild (without it, Migrate throws NotSupportedException).
    /// </summary>
    protected override void BuildTargetModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity("GenOrm.Benchmarks.Workloads.MigrationItem", item =>
        {
            item.Property<long>("Id").ValueGeneratedOnAdd().HasColumnType("INTEGER");
            item.Property<string>("Label").IsRequired().HasColumnType("TEXT");
            item.Property<long>("Amount").HasColumnType("INTEGER");
            item.HasKey("Id");
            item.ToTable("items");
        });
}
