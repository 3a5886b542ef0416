using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Tests.Caching;

/// <summary>
/// The pipeline caches: a second run on an equal compilation recomputes nothing, edits that change no table re-emit
/// nothing, and editing one table re-emits only that table's file and the schema.
/// </summary>
public sealed class IncrementalCachingTests
{
    private const string UserFile = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [Unique, MaxLength(100)] public string Name { get; set; } = "";

            public int Score() { return 1; }
        }
        """;

    private const string OrderFile = """
        using GenOrm;
        namespace App;
        [Table("order")]
        public partial class Order
        {
            [PrimaryKey] public long Id { get; set; }
            [Index] public string Status { get; set; } = "";
        }
        """;

    private const string BrokenFile = """
        using GenOrm;
        namespace App;
        [Table("audit")]
        public partial class Audit
        {
            public long Id { get; set; }
        }
        """;

    private const string HooksFile = """
        using GenOrm;
        [assembly: DroppedColumn("order", "Note")]
        [assembly: DroppedTable("audit_old")]
        namespace App;
        public static class Hooks
        {
            [Migration(From = 1)] public static void Backfill(Connection connection) { }
        }
        """;

    /// <summary>Schema v1: the order table with a column since dropped; the user table is new since.</summary>
    private static readonly (string Path, string Text)[] History =
    [
        ("/src/schema/v1.json", """
            {
              "version": 1,
              "tables": [
                {
                  "name": "order",
                  "columns": [
                    { "name": "Id", "sqlType": "INTEGER", "clrType": "long", "isNullable": false, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": false },
                    { "name": "Status", "sqlType": "TEXT", "clrType": "string", "isNullable": false, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": false },
                    { "name": "Note", "sqlType": "TEXT", "clrType": "string?", "isNullable": true, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": false }
                  ],
                  "primaryKey": ["Id"],
                  "indexes": [],
                  "foreignKeys": [],
                  "createSql": "CREATE TABLE \"order\" (\n    \"Id\" INTEGER NOT NULL,\n    \"Status\" TEXT NOT NULL,\n    \"Note\" TEXT,\n    PRIMARY KEY (\"Id\")\n) STRICT"
                }
              ]
            }

            """),
    ];

    /// <summary>Query methods: one clean, one with an unused parameter, so that every query step has outputs.</summary>
    internal const string QueryFile = """
        using System.Collections.Generic;
        using GenOrm;
        namespace App;
        public static partial class Reports
        {
            public static int Helper() { return 1; }

            public static Sql Text() => Sql.Text("select Nmae from user");

            [Query("select Name from user where Id = :id")]
            public static partial string? NameOf(Connection connection, long id);

            [Query("select Name from user where Id = :id")]
            public static partial string? Unused(Connection connection, long id, int extra);
        }
        """;

    private const string UnrelatedFile = """
        namespace App;
        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    [Fact]
    public void SecondRunOnClonedCompilation_EveryStepCached()
    {
        CSharpCompilation compilation = TestCompilation.Create(UserFile, OrderFile, BrokenFile, UnrelatedFile, HooksFile, QueryFile);
        GeneratorDriver driver = TestCompilation.CreateDriver(History).RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();
        GeneratorDriverRunResult second = driver.RunGenerators(compilation.Clone()).GetRunResult();

        foreach (string name in StepAssert.AllTrackingNames)
        {
            var firstSteps = first.Results.Single().TrackedSteps;
            var secondSteps = second.Results.Single().TrackedSteps;
            Assert.True(firstSteps.ContainsKey(name), $"Step '{name}' did not run; every tracked step should take part in this test.");
            Assert.Equal(
                firstSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value),
                secondSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value));
            Assert.All(StepAssert.Reasons(second, name), reason => Assert.True(StepAssert.IsReused(reason), $"Step '{name}' ran with reason {reason}."));
        }

        StepAssert.NothingRegenerated(second);
    }

    [Fact]
    public void StepOutputs_HoldNoSymbolsOrSyntax()
    {
        GeneratorDriverRunResult run = TestCompilation.CreateDriver(History)
            .RunGenerators(TestCompilation.Create(UserFile, OrderFile, BrokenFile, HooksFile, QueryFile))
            .GetRunResult();

        foreach (string name in StepAssert.AllTrackingNames.Except(StepAssert.IdentityKeyedSteps))
        {
            foreach (IncrementalGeneratorRunStep step in run.Results.Single().TrackedSteps[name])
            {
                foreach ((object value, _) in step.Outputs)
                {
                    StepAssert.HoldsNoRoslynObjects(value, name);
                }
            }
        }
    }

    [Fact]
    public void IdentityKeyedSteps_HoldOnlyCurrentNodesAndKeys()
    {
        CSharpCompilation compilation = TestCompilation.Create(UserFile, OrderFile, BrokenFile, HooksFile, QueryFile);
        GeneratorDriverRunResult run = TestCompilation.CreateDriver(History).RunGenerators(compilation).GetRunResult();

        // The steps before the bind hold a declaration's node (compared by identity) or the declaration key (options and
        // references); the nodes are those of the compilation's own trees, and no step holds a Compilation.
        foreach (string name in new[] { TrackingNames.TableCandidate, TrackingNames.QueryCandidate })
        {
            var outputs = run.Results.Single().TrackedSteps[name].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, value => Assert.Contains(((SyntaxNode)value).SyntaxTree, compilation.SyntaxTrees));
        }

        var key = (GenOrm.Generators.Parsing.DeclarationKey)run.Results.Single().TrackedSteps[TrackingNames.DeclarationKey].Single().Outputs.Single().Value;
        Assert.Same(compilation.Options, key.Options);
        Assert.Equal(compilation.SyntaxTrees.Select(t => t.FilePath), key.Trees.Select(t => t.FilePath));
        Assert.Equal([TrackingNames.DeclarationKey, TrackingNames.TableCandidate, TrackingNames.QueryCandidate], StepAssert.IdentityKeyedSteps);
    }

    [Fact]
    public void UnrelatedEdit_RegeneratesNothing()
    {
        GeneratorDriverRunResult run = RunThenEdit(UnrelatedFile, "x * 2", "x + x");

        StepAssert.NothingRegenerated(run);
        Assert.All(StepAssert.Reasons(run, TrackingNames.Spec), r => Assert.True(StepAssert.IsReused(r)));
    }

    [Fact]
    public void MethodBodyEditInTable_RegeneratesNothing()
    {
        GeneratorDriverRunResult run = RunThenEdit(UserFile, "return 1;", "return 2 + 40;");

        StepAssert.NothingRegenerated(run);
        Assert.Contains(IncrementalStepRunReason.Unchanged, StepAssert.Reasons(run, TrackingNames.Parse));

        // The parse re-ran (Roslyn re-runs it on every compilation) and gave an equal draft, so the build did not run.
        Assert.Equal(3, StepAssert.Reasons(run, TrackingNames.Build).Length);
        Assert.All(StepAssert.Reasons(run, TrackingNames.Build), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(StepAssert.Reasons(run, TrackingNames.Spec), r => Assert.True(StepAssert.IsReused(r)));
        Assert.All(StepAssert.Reasons(run, TrackingNames.Schema), r => Assert.True(StepAssert.IsReused(r)));
        Assert.All(StepAssert.Reasons(run, TrackingNames.MigrationPlan), r => Assert.True(StepAssert.IsReused(r)));
    }

    [Fact]
    public void MethodBodyEditInHook_RegeneratesNothing()
    {
        GeneratorDriverRunResult run = RunThenEdit(HooksFile, "connection) { }", "connection) { _ = connection; }");

        StepAssert.NothingRegenerated(run);
        Assert.All(StepAssert.Reasons(run, TrackingNames.Hook), r => Assert.True(StepAssert.IsReused(r)));
        Assert.All(StepAssert.Reasons(run, TrackingNames.MigrationPlan), r => Assert.True(StepAssert.IsReused(r)));
    }

    [Fact]
    public void LinesShiftedAboveATable_RebuildsOnlyThatTable_AndMovesItsDiagnostic()
    {
        GeneratorDriverRunResult run = RunThenEdit(BrokenFile, "namespace App;", "namespace App;\n\n");

        // Its draft holds the class's location, so only its result is built again; the spec it feeds is unchanged.
        Assert.Equal(
            [IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached],
            StepAssert.Reasons(run, TrackingNames.Build).Order());
        Assert.All(StepAssert.Reasons(run, TrackingNames.Spec), r => Assert.True(StepAssert.IsReused(r)));
        Diagnostic noKey = Assert.Single(run.Diagnostics, d => d.Id == GenOrm.Generators.Diagnostics.DiagnosticDescriptors.NoPrimaryKey.Id);
        Assert.Equal(5, noKey.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void RenamingPropertyInOneTable_RegeneratesOnlyThatTable()
    {
        GeneratorDriverRunResult run = RunThenEdit(OrderFile, "Status", "State");

        var specOutputs = run.Results.Single().TrackedSteps[TrackingNames.Spec].SelectMany(s => s.Outputs).ToList();
        var modified = specOutputs.Where(o => !StepAssert.IsReused(o.Reason)).ToList();
        var (value, reason) = Assert.Single(modified);
        Assert.Equal(IncrementalStepRunReason.Modified, reason);
        Assert.Contains("global::App.Order", value.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            [IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached],
            StepAssert.Reasons(run, TrackingNames.Build).Order());
        Assert.Equal([IncrementalStepRunReason.Modified], StepAssert.Reasons(run, TrackingNames.Schema));
        Assert.Contains("\"State\"", run.Results.Single().GeneratedSources.Single(s => s.HintName == "App.Order.GenOrm.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Runs the generator on the test files, replaces text in one of them, and runs it again.</summary>
    private static GeneratorDriverRunResult RunThenEdit(string fileToEdit, string oldText, string newText)
    {
        Assert.Contains(oldText, fileToEdit, StringComparison.Ordinal);
        CSharpCompilation compilation = TestCompilation.Create(UserFile, OrderFile, BrokenFile, UnrelatedFile, HooksFile, QueryFile);
        GeneratorDriver driver = TestCompilation.CreateDriver(History).RunGenerators(compilation);

        SyntaxTree oldTree = compilation.SyntaxTrees.Single(t => t.ToString() == fileToEdit);
        SyntaxTree newTree = oldTree.WithChangedText(oldTree.GetText().Replace(fileToEdit.IndexOf(oldText, StringComparison.Ordinal), oldText.Length, newText));
        return driver.RunGenerators(compilation.ReplaceSyntaxTree(oldTree, newTree)).GetRunResult();
    }
}
