using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Tests.Caching;

/// <summary>
/// The [Query] pipeline caches: typing in a method body re-checks no query and re-emits nothing (only the located
/// diagnostics move); editing one query's SQL re-checks that query alone; editing a table re-checks the queries.
/// </summary>
public sealed class QueryCachingTests
{
    private const string TableFile = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    private const string QueryFile = """
        using GenOrm;
        namespace App;
        public static partial class Reports
        {
            public static int Helper() { return 1; }

            [Query("select Name from user where Id = :id")]
            public static partial string? NameOf(Connection connection, long id);

            [Query("select Name from user where Id = :id")]
            public static partial string? Unused(Connection connection, long id, int extra);
        }
        """;

    [Fact]
    public void MethodBodyEditAboveQueries_RechecksNoQuery()
    {
        var (first, run) = RunThenEdit(QueryFile, "return 1;", "return\n            2 + 40;");

        Assert.NotEmpty(StepAssert.Reasons(run, TrackingNames.QueryCheck));
        Assert.All(StepAssert.Reasons(run, TrackingNames.QuerySpec), r => Assert.True(StepAssert.IsReused(r), $"QuerySpec ran with {r}"));
        Assert.All(StepAssert.Reasons(run, TrackingNames.QueryCheck), r => Assert.True(StepAssert.IsReused(r), $"QueryCheck ran with {r}"));
        Assert.All(StepAssert.Reasons(run, TrackingNames.QuerySchema), r => Assert.True(StepAssert.IsReused(r), $"QuerySchema ran with {r}"));
        Assert.Equal(
            first.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()),
            run.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));

        // The unused parameter's diagnostic moved with the text: located again, one line down.
        Diagnostic moved = Assert.Single(run.Diagnostics);
        Assert.Equal("GENORM038", moved.Id);
        Assert.Equal(Line(first.Diagnostics.Single()) + 1, Line(moved));
    }

    [Fact]
    public void EditingOneQuerysSql_RechecksOnlyThatQuery()
    {
        var (_, run) = RunThenEdit(QueryFile, "select Name from user where Id = :id\")]\n    public static partial string? Unused", "select Name  from user where Id = :id\")]\n    public static partial string? Unused");

        IncrementalStepRunReason[] reasons = StepAssert.Reasons(run, TrackingNames.QueryCheck);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(StepAssert.IsReused));
    }

    [Fact]
    public void EditingATable_RechecksTheQueries()
    {
        var (_, run) = RunThenEdit(TableFile, "public string Name", "public string? Name");

        Assert.Equal([IncrementalStepRunReason.Modified], StepAssert.Reasons(run, TrackingNames.QuerySchema));
        Assert.All(StepAssert.Reasons(run, TrackingNames.QueryCheck), r => Assert.False(StepAssert.IsReused(r) && r == IncrementalStepRunReason.Cached));
    }

    private static int Line(Diagnostic diagnostic) => diagnostic.Location.GetLineSpan().StartLinePosition.Line;

    private static (GeneratorDriverRunResult First, GeneratorDriverRunResult Second) RunThenEdit(string fileToEdit, string oldText, string newText)
    {
        Assert.Contains(oldText, fileToEdit, StringComparison.Ordinal);
        CSharpCompilation compilation = TestCompilation.Create(TableFile, QueryFile);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();

        SyntaxTree oldTree = compilation.SyntaxTrees.Single(t => t.ToString() == fileToEdit);
        SyntaxTree newTree = oldTree.WithChangedText(oldTree.GetText().Replace(fileToEdit.IndexOf(oldText, StringComparison.Ordinal), oldText.Length, newText));
        return (first, driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree)).GetRunResult());
    }
}
