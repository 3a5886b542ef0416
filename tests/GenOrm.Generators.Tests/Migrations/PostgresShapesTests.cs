using GenOrm.Generators.Model;
using GenOrm.Generators.Tests.Emitting;
using GenOrm.Generators.Tests.Helpers;
using GenOrm.Migrations;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// The PostgreSQL forms of a recorded version are derived from its shape (SQLite's types and the C# types): for every
/// type and every kind of default they must be exactly what <c>PostgresDialect</c> writes from the spec itself, and
/// what cannot be derived is left out rather than guessed.
/// </summary>
public sealed class PostgresShapesTests
{
    private const string Defaults = """
        using System;
        using GenOrm;
        namespace Defaults;
        public enum Size : ulong { None = 0, All = ulong.MaxValue }
        public enum Level : short { Low = -1, High = 2 }
        [Table("with_defaults")] public partial class WithDefaults
        {
            [PrimaryKey, AutoIncrement] public ulong Id { get; set; }
            [Default(true)] public bool Flag { get; set; }
            [Default(-3)] public int Count { get; set; }
            [Default(ulong.MaxValue)] public ulong Mask { get; set; }
            [Default(double.PositiveInfinity)] public double Limit { get; set; }
            [Default(1.25f)] public float Ratio { get; set; }
            [Default("12.50")] public decimal Price { get; set; }
            [Column(Scale = 3), Default("-0.125")] public decimal Rate { get; set; }
            [Default("it's")] public string Text { get; set; } = "";
            [MaxLength(8), Default("short")] public string Code { get; set; } = "";
            [Default("6F9619FF-8B86-D011-B42D-00CF4FC964FF")] public Guid Token { get; set; }
            [Default("2024-01-02T03:04")] public DateTime Created { get; set; }
            [Default("2024-01-02 03:04:05+02:00")] public DateTimeOffset Seen { get; set; }
            [Default("2024-01-02")] public DateOnly Day { get; set; }
            [Default("07:30")] public TimeOnly Opens { get; set; }
            [Default(54005000000L)] public TimeSpan Break { get; set; }
            [Default(Size.All)] public Size Size { get; set; }
            [Default(Level.Low)] public Level Level { get; set; }
            [Default(null)] public string? Note { get; set; }
        }
        """;

    [Fact]
    public void RecordedVersion_EveryTypeAndDefault_SameDdlAsTheSpec()
    {
        foreach (string source in new[] { Defaults, TableSnapshotTests.AllTypesSource })
        {
            GeneratorOutput first = MigrationHarness.CompileForPostgres([], source);
            first.AssertNoDiagnostics();
            string v1 = MigrationHarness.Record(first);
            GeneratorOutput recorded = MigrationHarness.CompileForPostgres([v1], source);
            MigrationHarness.AssertNoErrors(recorded);

            MigrationPlan plan = MigrationHarness.Plan(recorded);
            Assert.True(plan.IsRecorded);
            SchemaModel current = MigrationHarness.Current(MigrationHarness.LoadSchema(recorded));
            TableModel table = Assert.Single(current.Tables);
            string fromSpec = Assert.Single(plan.PostgresVersions).Tables[0].CreateSql!;
            Assert.Equal(fromSpec, table.PostgresCreateSql);
            Assert.Equal(ExpectedCreateTable(recorded), fromSpec + ";");
        }
    }

    [Fact]
    public void ScaledDecimalNoCurrentColumnRecords_HasNoPostgresForm()
    {
        const string v1Source = """
            using GenOrm;
            namespace Shop;
            [Table("item")] public partial class Item
            {
                [PrimaryKey] public long Id { get; set; }
                [Column(Scale = 2)] public decimal Price { get; set; }
            }
            """;
        const string v2Source = """
            using GenOrm;
            namespace Shop;
            [Table("item")] public partial class Item
            {
                [PrimaryKey] public long Id { get; set; }
                public long Price { get; set; }
            }
            """;
        string v1 = MigrationHarness.Record(MigrationHarness.CompileForPostgres([], v1Source));

        GeneratorOutput output = MigrationHarness.CompileForPostgres([v1], v2Source);
        Type schema = MigrationHarness.LoadSchema(output);

        // v1's Price is INTEGER holding a decimal times 10^n, and no current column says what n was.
        SchemaModel history = ((IReadOnlyList<SchemaModel>)schema.GetProperty("History")!.GetValue(null)!)[0];
        Assert.Null(history.Tables[0].PostgresCreateSql);
        Assert.Null(history.Tables[0].FindColumn("Price")!.PostgresType);
        Assert.Null(MigrationHarness.Steps(schema)[0].PostgresStatements);
        Assert.Equal("bigint", MigrationHarness.Current(schema).Tables[0].FindColumn("Price")!.PostgresType);
    }

    /// <summary>The table's <c>CREATE TABLE</c> as <c>CreateTableSqlPostgres</c> writes it from the spec, without <c>IF NOT EXISTS</c> and its indexes.</summary>
    private static string ExpectedCreateTable(GeneratorOutput output)
    {
        string schema = output.Source("GenOrm.Schema.g.cs");
        int start = schema.IndexOf("public const string CreateAllSqlPostgres = \"\"\"", StringComparison.Ordinal);
        int end = schema.IndexOf("\"\"\";", start + 50, StringComparison.Ordinal);
        string[] lines = schema[start..end].Split('\n').Skip(1).Select(l => l.Trim() is var t && t.StartsWith("CREATE", StringComparison.Ordinal) || t.StartsWith(')') ? t : "    " + t).ToArray();
        string text = string.Join("\n", lines).TrimEnd();
        string create = text[..(text.IndexOf(");", StringComparison.Ordinal) + 2)];
        return create.Replace("CREATE TABLE IF NOT EXISTS ", "CREATE TABLE ", StringComparison.Ordinal);
    }
}
