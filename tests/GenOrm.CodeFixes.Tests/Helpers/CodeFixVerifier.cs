using System.Collections.Immutable;
using System.Globalization;
using GenOrm.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.CodeFixes.Tests.Helpers;

/// <summary>
/// Tests a code fix for a diagnostic of the source generator. Microsoft.CodeAnalysis.Testing asks for an analyzer
/// that reports the diagnostic; GenOrm's come from a generator, so this runs the generator driver on an
/// <see cref="AdhocWorkspace"/> project, hands its diagnostic to the fix, applies the chosen action as the IDE does
/// (with simplification and formatting) and compares the documents' text.
/// </summary>
internal static class CodeFixVerifier
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    /// <summary>
    /// Asserts that the generator reports <paramref name="diagnosticId"/> once, that <paramref name="provider"/> offers
    /// an action titled <paramref name="title"/>, and that applying it turns <paramref name="sources"/> into
    /// <paramref name="expected"/>, on which the generator then reports nothing.
    /// </summary>
    public static async Task VerifyAsync(CodeFixProvider provider, string diagnosticId, string title, string[] sources, string[] expected)
    {
        Project project = CreateProject(sources);
        Diagnostic diagnostic = Assert.Single(await GeneratorDiagnosticsAsync(project), d => d.Id == diagnosticId);
        IReadOnlyList<CodeAction> actions = await GetActionsAsync(provider, project, diagnostic);
        CodeAction action = Assert.Single(actions);
        Assert.Equal(title, action.Title);

        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
        Project fixedProject = changed.GetProject(project.Id)!;
        for (int i = 0; i < sources.Length; i++)
        {
            Document document = fixedProject.Documents.Single(d => d.FilePath == PathOf(i));
            SourceText text = await document.GetTextAsync();
            Assert.Equal(expected[i].ReplaceLineEndings("\n"), text.ToString().ReplaceLineEndings("\n"));
        }

        Assert.Empty(await GeneratorDiagnosticsAsync(fixedProject));
    }

    /// <summary>Asserts that the generator reports <paramref name="diagnosticId"/> and that <paramref name="provider"/> offers nothing for it.</summary>
    public static async Task VerifyNoFixAsync(CodeFixProvider provider, string diagnosticId, params string[] sources)
    {
        Project project = CreateProject(sources);
        Diagnostic diagnostic = Assert.Single(await GeneratorDiagnosticsAsync(project), d => d.Id == diagnosticId);
        Assert.Empty(await GetActionsAsync(provider, project, diagnostic));
    }

    private static async Task<IReadOnlyList<CodeAction>> GetActionsAsync(CodeFixProvider provider, Project project, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);

        // A generator's diagnostic location is an external-file location: find its document by path, as the IDE does.
        string path = diagnostic.Location.GetLineSpan().Path;
        Document document = project.Documents.Single(d => d.FilePath == path);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(
            document,
            diagnostic.Location.SourceSpan,
            ImmutableArray.Create(diagnostic),
            (action, _) => actions.Add(action),
            CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnosticsAsync(Project project)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new TableGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        GeneratorDriverRunResult result = driver.RunGenerators(compilation).GetRunResult();
        Assert.Null(result.Results.Single().Exception);
        return result.Diagnostics;
    }

    private static Project CreateProject(string[] sources)
    {
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(),
            VersionStamp.Default,
            "TestProject",
            "TestProject",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: ParseOptions,
            metadataReferences: References));
        for (int i = 0; i < sources.Length; i++)
        {
            project = project.AddDocument($"File{i}.cs", SourceText.From(sources[i]), filePath: PathOf(i)).Project;
        }

        return project;
    }

    private static string PathOf(int index) => string.Format(CultureInfo.InvariantCulture, "/src/File{0}.cs", index);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(TableAttribute).Assembly.Location)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }
}
