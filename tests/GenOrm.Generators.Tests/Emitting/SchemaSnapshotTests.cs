using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>The assembly-wide <c>GenOrm.Schema.g.cs</c>.</summary>
public sealed class SchemaSnapshotTests
{
    [Fact]
    public void TwoTables_OrderedByClassName()
    {
        GeneratorOutput output = TestCompilation.Run(
            """
            using GenOrm;

            namespace Shop;

            [Table("product")]
            public partial class Product
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [Index] public string Name { get; set; } = "";
            }
            """,
            """
            using GenOrm;

            namespace Crm;

            [Table("customer")]
            public partial class Customer
            {
                [PrimaryKey] public long Id { get; set; }
                [Unique] public string Email { get; set; } = "";
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("GenOrm.Schema.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void NoTables_NoSchemaFile()
    {
        GeneratorOutput output = TestCompilation.Run("public class Plain { }");

        output.AssertNoDiagnostics();
        Assert.Empty(output.HintNames);
    }

    [Fact]
    public void TableWithErrors_LeftOutOfSchema()
    {
        GeneratorOutput output = TestCompilation.Run(
            """
            using GenOrm;
            [Table] public partial class Good { [PrimaryKey] public long Id { get; set; } }
            """,
            """
            using GenOrm;
            [Table] public partial class Bad { public long Id { get; set; } }
            """);

        Assert.Equal(["GenOrm.Schema.g.cs", "GenOrm.SchemaRecord.g.cs", "Good.GenOrm.g.cs"], output.HintNames.Order(StringComparer.Ordinal));
        Assert.Contains("\"Good\"", output.Source("GenOrm.Schema.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bad", output.Source("GenOrm.Schema.g.cs"), StringComparison.Ordinal);
    }
}
