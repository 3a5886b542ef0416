using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Tests.Caching;

/// <summary>
/// A [Table] class or [Query] method is bound again only when its own node is new or the declarations it can read
/// changed; and a warm driver, edit after edit, gives exactly what a fresh driver gives on the same compilation.
/// </summary>
public sealed class RebindingTests
{
    private const string LimitsPath = "/src/Limits.cs";
    private const string LimitsFile = """
        namespace App;
        public static class Limits
        {
            public const int Name = 100;

            public static int Twice(int x) { return x * 2; }
        }
        """;

    private const string StatusPath = "/src/Status.cs";
    private const string StatusFile = """
        namespace App.Kinds;
        public enum Status : int { Open = 1, Closed = 2 }
        """;

    private const string UserPath = "/src/User.cs";
    private const string UserFile = """
        using GenOrm;
        using App.Kinds;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [MaxLength(Limits.Name)] public string Name { get; set; } = "";
            public Status Status { get; set; }

            public int Score() { return 1; }
        }
        """;

    /// <summary>Its Priority column's type resolves only through a global using that the script adds.</summary>
    private const string OrderPath = "/src/Order.cs";
    private const string OrderFile = """
        using GenOrm;
        namespace App;
        public static class Before
        {
            public static int Helper() { return 1; }
        }

        [Table("order")]
        public partial class Order
        {
            [PrimaryKey] public long Id { get; set; }
            public string Note { get; set; } = "";
            public Priority Priority { get; set; }
        }
        """;

    private const string PriorityPath = "/src/Priority.cs";
    private const string PriorityFile = """
        namespace App.Other;
        public enum Priority { Low, High }
        """;

    /// <summary>A table with errors, declared in two files: no primary key (here) and an unstorable property (there).</summary>
    private const string AuditPath = "/src/Audit.cs";
    private const string AuditFile = """
        using GenOrm;
        namespace App;
        public static class AboveAudit
        {
            public static int Helper() { return 1; }
        }

        [Table("audit")]
        public partial class Audit
        {
            public long Id { get; set; }
        }
        """;

    private const string AuditPartPath = "/src/Audit.Part.cs";
    private const string AuditPartFile = """
        namespace App;
        public partial class Audit
        {
            public int Helper() { return 1; }

            public System.Uri? Website { get; set; }
        }
        """;

    /// <summary>A table whose source base class, in another file, has an unstorable property.</summary>
    private const string EntityPath = "/src/Entity.cs";
    private const string EntityFile = """
        namespace App;
        public abstract class Entity
        {
            public int Helper() { return 1; }

            public System.Uri? Link { get; set; }
        }
        """;

    private const string PagePath = "/src/Page.cs";
    private const string PageFile = """
        using GenOrm;
        namespace App;
        [Table("page")]
        public partial class Page : Entity
        {
            [PrimaryKey] public long Id { get; set; }
        }
        """;

    private const string QueryPath = "/src/Reports.cs";
    private const string QueryFile = """
        using GenOrm;
        namespace App;
        public static partial class Reports
        {
            public static int Helper() { return 1; }

            [Query("select Name from user where Id = :id")]
            public static partial string? NameOf(Connection connection, long id);
        }
        """;

    private const string TagPath = "/src/Tag.cs";
    private const string TagFile = """
        using GenOrm;
        namespace App;
        [Table("tag")]
        public partial class Tag
        {
            [PrimaryKey] public long Id { get; set; }
            [MaxLength(Limits.Name)] public string Label { get; set; } = "";
        }
        """;

    private static readonly (string Path, string Text)[] Files =
    [
        (LimitsPath, LimitsFile), (StatusPath, StatusFile), (UserPath, UserFile), (OrderPath, OrderFile),
        (PriorityPath, PriorityFile), (AuditPath, AuditFile), (AuditPartPath, AuditPartFile), (EntityPath, EntityFile),
        (PagePath, PageFile), (QueryPath, QueryFile),
    ];

    [Fact]
    public void MethodBodyEditInOneTable_BindsOnlyThatTable()
    {
        CSharpCompilation compilation = TestCompilation.Create(Files);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);
        GeneratorDriverRunResult first = driver.GetRunResult();
        Assert.Equal(4, StepAssert.Reasons(first, TrackingNames.Parse).Length);

        GeneratorDriverRunResult run = driver.RunGenerators(Edit(compilation, UserPath, "return 1;", "return 2;")).GetRunResult();

        // Only User's node is new: it is bound again (to an equal draft), and so is Page, whose base list makes every tree
        // one whose positions its draft may keep; Order and Audit are found again as the same nodes, and not bound at all.
        var parse = run.Results.Single().TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(
            [IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Cached],
            parse.Select(o => o.Reason).Order());
        Assert.Equal(
            ["global::App.Page", "global::App.User"],
            parse.Where(o => o.Reason == IncrementalStepRunReason.Unchanged).Select(o => ((GenOrm.Generators.Model.TableDraft)o.Value).Class.FullyQualifiedName).Order(StringComparer.Ordinal));
        Assert.Equal([IncrementalStepRunReason.Cached], StepAssert.Reasons(run, TrackingNames.QueryParse));
        Assert.Equal(
            [IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged],
            StepAssert.Reasons(run, TrackingNames.TableCandidate).Order());
        Assert.Equal([IncrementalStepRunReason.Unchanged], StepAssert.Reasons(run, TrackingNames.DeclarationKey));
        StepAssert.NothingRegenerated(run);
        Assert.Equal(Sources(first), Sources(run));
        Assert.Equal(Diagnostics(first), Diagnostics(run));
    }

    [Fact]
    public void DeclarationEditInAnotherFile_BindsEveryTableAndQuery()
    {
        CSharpCompilation compilation = TestCompilation.Create(Files);
        GeneratorDriver driver = TestCompilation.CreateDriver().RunGenerators(compilation);

        GeneratorDriverRunResult run = driver.RunGenerators(Edit(compilation, LimitsPath, "Name = 100", "Name = 50")).GetRunResult();

        Assert.Equal([IncrementalStepRunReason.Modified], StepAssert.Reasons(run, TrackingNames.DeclarationKey));
        Assert.Equal(4, StepAssert.Reasons(run, TrackingNames.Parse).Count(r => r != IncrementalStepRunReason.Cached));
        Assert.Equal([IncrementalStepRunReason.Unchanged], StepAssert.Reasons(run, TrackingNames.QueryParse));
        Assert.Contains("length(\"Name\") <= 50", Sources(run).Single(s => s.HintName == "GenOrm.Schema.g.cs").Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// The key test: after each edit of the script, the warm driver's sources and diagnostics (id, message, file, line
    /// and column) equal a fresh driver's on the same compilation. Each step states whether it changes the output, so
    /// that a step that tests nothing fails too.
    /// </summary>
    [Fact]
    public void EditScript_WarmDriverEqualsFreshDriverAfterEveryStep()
    {
        var steps = new (string Name, bool ChangesOutput, Func<CSharpCompilation, CSharpCompilation> Apply)[]
        {
            ("body edit in a table", false, c => Edit(c, UserPath, "return 1;", "return 2 + 40;")),
            ("body edit above a table with errors", true, c => Edit(c, AuditPath, "return 1;", "return\n\n 1;")),
            ("body edit in another file's part of that table", true, c => Edit(c, AuditPartPath, "return 1;", "return\n\n 1;")),
            ("body edit in a table's base class, above its property", true, c => Edit(c, EntityPath, "return 1;", "return\n\n 1;")),
            ("body edit in the file of the const", false, c => Edit(c, LimitsPath, "return x * 2;", "return x + x;")),
            ("const value", true, c => Edit(c, LimitsPath, "Name = 100", "Name = 60")),
            ("enum underlying type", true, c => Edit(c, StatusPath, "Status : int", "Status : byte")),
            ("enum members", false, c => Edit(c, StatusPath, "Closed = 2", "Closed = 2, Archived = 3")),
            ("rename a column's type", true, c => Edit(c, StatusPath, "enum Status", "enum State")),
            ("rename it back", true, c => Edit(c, StatusPath, "enum State", "enum Status")),
            ("add a global using", true, c => c.AddSyntaxTrees(Parse("/src/Usings.cs", "global using App.Other;\n"))),
            ("body edit above the table it fixed", false, c => Edit(c, OrderPath, "return 1;", "return 3;")),
            ("remove a using", true, c => Edit(c, UserPath, "using App.Kinds;\n", "")),
            ("add the using back", true, c => Edit(c, UserPath, "using GenOrm;\n", "using GenOrm;\nusing App.Kinds;\n")),
            ("remove the global using", true, c => c.RemoveSyntaxTrees(c.SyntaxTrees.Single(t => t.FilePath == "/src/Usings.cs"))),
            ("nullable context off", true, c => c.WithOptions(c.Options.WithNullableContextOptions(NullableContextOptions.Disable))),
            ("body edit with nullable off", false, c => Edit(c, UserPath, "return 2 + 40;", "return 7;")),
            ("nullable context on", true, c => c.WithOptions(c.Options.WithNullableContextOptions(NullableContextOptions.Enable))),
            ("add GenOrm.Npgsql", true, c => c.AddReferences(TestCompilation.NpgsqlStub)),
            ("remove GenOrm.Npgsql", true, c => c.RemoveReferences(TestCompilation.NpgsqlStub)),
            ("add a file", true, c => c.AddSyntaxTrees(Parse(TagPath, TagFile))),
            ("const value again", true, c => Edit(c, LimitsPath, "Name = 60", "Name = 70")),
            ("delete a file", true, c => c.RemoveSyntaxTrees(c.SyntaxTrees.Single(t => t.FilePath == LimitsPath))),
            ("delete the other part of a table", true, c => c.RemoveSyntaxTrees(c.SyntaxTrees.Single(t => t.FilePath == AuditPartPath))),
        };

        CSharpCompilation compilation = TestCompilation.Create(Files);
        GeneratorDriver warm = TestCompilation.CreateDriver().RunGenerators(compilation);
        Output previous = Output.Of(warm.GetRunResult());
        Assert.Equal(Output.Of(TestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult()), previous);
        foreach ((string name, bool changesOutput, Func<CSharpCompilation, CSharpCompilation> apply) in steps)
        {
            compilation = apply(compilation);
            warm = warm.RunGenerators(compilation);
            Output fresh = Output.Of(TestCompilation.CreateDriver().RunGenerators(compilation).GetRunResult());
            Output actual = Output.Of(warm.GetRunResult());
            Assert.True(fresh.Equals(actual), $"After '{name}', the warm driver differs from a fresh one:\n{fresh.Difference(actual)}");
            Assert.True(changesOutput != fresh.Equals(previous), $"'{name}' was expected to {(changesOutput ? "change" : "keep")} the output.");
            previous = fresh;
        }
    }

    private static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, TestCompilation.ParseOptions, path);

    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string oldText, string newText)
    {
        SyntaxTree oldTree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        string text = oldTree.ToString();
        int at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' is not in {path}.");
        SyntaxTree newTree = oldTree.WithChangedText(oldTree.GetText().Replace(at, oldText.Length, newText));
        return compilation.ReplaceSyntaxTree(oldTree, newTree);
    }

    private static List<(string HintName, string Text)> Sources(GeneratorDriverRunResult run) =>
        run.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    private static List<string> Diagnostics(GeneratorDriverRunResult run) =>
        run.Diagnostics.Select(Describe).Order(StringComparer.Ordinal).ToList();

    private static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}): {diagnostic.GetMessage()}";
    }

    /// <summary>What a run produced: the generated sources, and the diagnostics with their locations.</summary>
    private sealed record Output(List<(string HintName, string Text)> Sources, List<string> Diagnostics)
    {
        public static Output Of(GeneratorDriverRunResult run) => new(RebindingTests.Sources(run), RebindingTests.Diagnostics(run));

        public bool Equals(Output? other) =>
            other is not null && Sources.SequenceEqual(other.Sources) && Diagnostics.SequenceEqual(other.Diagnostics);

        public override int GetHashCode() => Sources.Count;

        public string Difference(Output other) =>
            string.Join("\n", Sources.Except(other.Sources).Select(s => $"- source {s.HintName}")
                .Concat(other.Sources.Except(Sources).Select(s => $"+ source {s.HintName}"))
                .Concat(Diagnostics.Except(other.Diagnostics).Select(d => "- " + d))
                .Concat(other.Diagnostics.Except(Diagnostics).Select(d => "+ " + d)));
    }
}
