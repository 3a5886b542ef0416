using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>
/// The generated files of a compilation that references GenOrm.Npgsql (an in-memory stub with the driver's public
/// entry): PostgreSQL's text of each statement that differs, the calls that pass both texts, the schema's PostgreSQL
/// DDL and the module initializer that registers the driver; and, without the reference, none of it.
/// </summary>
public sealed class PostgresEmitTests
{
    private const string ProductSource = """
        using GenOrm;

        namespace Shop;

        [Table("product")]
        public partial class Product
        {
            [PrimaryKey, AutoIncrement] public int Id { get; set; }
            [Unique, MaxLength(40)] public string Sku { get; set; } = "";
            public double? Price { get; set; }
        }
        """;

    /// <summary>A nullable auto-increment key and a nullable unique column: null-safe comparisons differ between the dialects.</summary>
    private const string TicketSource = """
        using GenOrm;

        namespace Events;

        [Table("ticket")]
        public partial class Ticket
        {
            [PrimaryKey, AutoIncrement] public long? Id { get; set; }
            [Unique] public string? Code { get; set; }
            public int Seats { get; set; }
        }
        """;

    /// <summary>A composite key and no auto-increment key: every statement but CREATE TABLE has one text.</summary>
    private const string MembershipSource = """
        using GenOrm;

        namespace Crm;

        [Table("membership")]
        public partial class Membership
        {
            [PrimaryKey] public long GroupId { get; set; }
            [PrimaryKey, MaxLength(100)] public string Email { get; set; } = "";
            [Index] public System.DateTimeOffset Joined { get; set; }
        }
        """;

    private const string AuthorSource = """
        using GenOrm;

        namespace Books;

        [Table("author")]
        public partial class Author
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
        }

        [Table("book")]
        public partial class Book
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [ForeignKey(typeof(Author), OnDelete = OnDelete.Cascade)] public long AuthorId { get; set; }
            [Index] public decimal Price { get; set; }
        }
        """;

    [Fact]
    public void EverySupportedType_PostgresDdlBesideSqlite()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(TableSnapshotTests.AllTypesSource);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Types.AllTypes.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void AutoIncrementKey_ReturningInsertAndSetvalAfterExplicitKeys()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(ProductSource);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Shop.Product.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void NullableKeyAndLookup_NullSafeComparisonsPerDialect()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(TicketSource);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Events.Ticket.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void CompositeKey_OnlyCreateTableDiffers()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(MembershipSource);

        output.AssertNoDiagnostics();
        string source = output.Source("Crm.Membership.GenOrm.g.cs");
        string[] postgresConstants = source.Split('\n').Where(l => l.Contains("Postgres =", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray();
        Assert.Equal(["public const string CreateTableSqlPostgres = \"\"\""], postgresConstants);
        Assert.Contains("ExecuteScript<global::Crm.Membership>(connection, CreateTableSql, CreateTableSqlPostgres, global::GenOrm.Generated.Schema.Current);", source, StringComparison.Ordinal);
        Assert.Contains("Prepare(connection, SelectAllSql);", source, StringComparison.Ordinal);
        Assert.Contains("Prepare(connection, DeleteSql);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("On PostgreSQL:", source, StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void Schema_CreateAllSqlPerDialect()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(AuthorSource);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("GenOrm.Schema.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void Registration_ModuleInitializerCallsRegister()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(ProductSource);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("GenOrm.Npgsql.Registration.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void Registration_EmittedWithoutTablesToo()
    {
        // The application that calls Engine.Create may hold no [Table] class of its own.
        GeneratorOutput output = TestCompilation.RunWithNpgsql("public class Plain { }");

        output.AssertNoDiagnostics();
        Assert.Equal(["GenOrm.Npgsql.Registration.g.cs"], output.HintNames);
        output.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData(" FALSE ")]
    public void Registration_OptOutProperty_NoRegistrationButStillPostgresTexts(string value)
    {
        GeneratorOutput output = TestCompilation.Run(
            TestCompilation.CreateWithNpgsql(ProductSource),
            new Dictionary<string, string> { ["GenOrmRegisterNpgsql"] = value });

        output.AssertNoDiagnostics();
        Assert.Equal(["GenOrm.Schema.g.cs", "GenOrm.SchemaRecord.g.cs", "Shop.Product.GenOrm.g.cs"], output.HintNames.Order(StringComparer.Ordinal));
        Assert.Contains("private const string InsertSqlPostgres = ", output.Source("Shop.Product.GenOrm.g.cs"), StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("true")]
    [InlineData("")]
    public void Registration_PropertyTrueOrEmpty_Registers(string value)
    {
        GeneratorOutput output = TestCompilation.Run(
            TestCompilation.CreateWithNpgsql(ProductSource),
            new Dictionary<string, string> { ["GenOrmRegisterNpgsql"] = value });

        Assert.Contains("GenOrm.Npgsql.Registration.g.cs", output.HintNames);
    }

    [Fact]
    public void OptOutProperty_WithoutNpgsql_NoRegistration()
    {
        GeneratorOutput output = TestCompilation.Run(
            TestCompilation.Create(ProductSource),
            new Dictionary<string, string> { ["GenOrmRegisterNpgsql"] = "true" });

        Assert.DoesNotContain("GenOrm.Npgsql.Registration.g.cs", output.HintNames);
    }

    [Fact]
    public void WithoutNpgsql_NoPostgresTextAnywhere()
    {
        GeneratorOutput output = TestCompilation.Run(TableSnapshotTests.AllTypesSource, ProductSource, TicketSource, MembershipSource, AuthorSource);

        output.AssertNoDiagnostics();
        Assert.Equal(
            [
                "Books.Author.GenOrm.g.cs", "Books.Book.GenOrm.g.cs", "Crm.Membership.GenOrm.g.cs", "Events.Ticket.GenOrm.g.cs",
                "GenOrm.Schema.g.cs", "GenOrm.SchemaRecord.g.cs", "Shop.Product.GenOrm.g.cs", "Types.AllTypes.GenOrm.g.cs",
            ],
            output.HintNames.Order(StringComparer.Ordinal));
        foreach (string hintName in output.HintNames)
        {
            string source = output.Source(hintName);
            Assert.DoesNotContain("Postgres", source, StringComparison.Ordinal);
            Assert.DoesNotContain("ExecuteInsertReadKey", source, StringComparison.Ordinal);
            Assert.DoesNotContain("ExecuteWithExplicitKey", source, StringComparison.Ordinal);
        }

        output.AssertCompilesCleanly();
    }

    [Fact]
    public void WithNpgsql_EveryTableFileSaysPostgresOnlyWhereTextsDiffer()
    {
        GeneratorOutput output = TestCompilation.RunWithNpgsql(ProductSource, TicketSource);

        // Product: a non-null key, so Update and Delete are one text; Ticket: a nullable key, so they are two.
        string product = output.Source("Shop.Product.GenOrm.g.cs");
        Assert.DoesNotContain("DeleteSqlPostgres", product, StringComparison.Ordinal);
        Assert.Contains("Prepare(connection, DeleteSql);", product, StringComparison.Ordinal);
        string ticket = output.Source("Events.Ticket.GenOrm.g.cs");
        Assert.Contains("private const string DeleteSqlPostgres = \"DELETE FROM \\\"ticket\\\" WHERE \\\"Id\\\" IS NOT DISTINCT FROM @Id\";", ticket, StringComparison.Ordinal);
        Assert.Contains("Prepare(connection, DeleteSql, DeleteSqlPostgres);", ticket, StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void TargetsPostgres_EditsRegenerateNothing()
    {
        CSharpCompilation compilation = TestCompilation.CreateWithNpgsql(ProductSource, TicketSource, "namespace App; public static class Helpers { public static int Twice(int x) => x * 2; }");
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);
        SyntaxTree helpers = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(helpers, helpers.WithChangedText(helpers.GetText().Replace(helpers.ToString().IndexOf("x * 2", StringComparison.Ordinal), 5, "x + x")));

        GeneratorDriverRunResult run = driver.RunGenerators(edited).GetRunResult();

        Assert.Equal([IncrementalStepRunReason.Unchanged], StepAssert.Reasons(run, TrackingNames.TargetsPostgres));
        Assert.All(StepAssert.Reasons(run, TrackingNames.RegistersNpgsql), r => Assert.True(StepAssert.IsReused(r), $"RegistersNpgsql ran with reason {r}."));
        StepAssert.NothingRegenerated(run);
        StepAssert.HoldsNoRoslynObjects(run.Results.Single().TrackedSteps[TrackingNames.TargetsPostgres].Single().Outputs.Single().Value, TrackingNames.TargetsPostgres);
    }

    [Fact]
    public void TargetsPostgres_AddingTheReference_RegeneratesEveryTableAndTheSchema()
    {
        CSharpCompilation compilation = TestCompilation.Create(ProductSource, TicketSource);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);

        GeneratorDriverRunResult run = driver.RunGenerators(compilation.AddReferences(TestCompilation.NpgsqlStub)).GetRunResult();

        Assert.Equal([IncrementalStepRunReason.Modified], StepAssert.Reasons(run, TrackingNames.TargetsPostgres));
        Assert.All(StepAssert.Reasons(run, TrackingNames.Spec), r => Assert.True(StepAssert.IsReused(r)));
        Assert.Contains("InsertSqlPostgres", run.Results.Single().GeneratedSources.Single(s => s.HintName == "Shop.Product.GenOrm.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Contains("CreateAllSqlPostgres", run.Results.Single().GeneratedSources.Single(s => s.HintName == "GenOrm.Schema.g.cs").SourceText.ToString(), StringComparison.Ordinal);
        Assert.Contains(run.Results.Single().GeneratedSources, s => s.HintName == "GenOrm.Npgsql.Registration.g.cs");
    }
}
