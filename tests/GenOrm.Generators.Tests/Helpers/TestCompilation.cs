using System.Collections.Immutable;
using GenOrm.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Data.Sqlite;

namespace GenOrm.Generators.Tests.Helpers;

/// <summary>Builds compilations of test sources against the .NET runtime, GenOrm and Microsoft.Data.Sqlite.</summary>
internal static class TestCompilation
{
    /// <summary>C# as the SDK compiles it, with doc comments parsed so that bad XML docs in generated code are reported.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    /// <summary>The SDK's default NoWarn: assembly version unification notes.</summary>
    private static readonly Dictionary<string, ReportDiagnostic> SdkDefaultNoWarn = new()
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    };

    /// <summary>Creates a compilation with one syntax tree per source; file paths are <c>/src/File{n}.cs</c>.</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        Create(sources.Select((text, i) => ($"/src/File{i}.cs", text)).ToArray());

    /// <summary>Creates a compilation with one syntax tree per (path, text) pair.</summary>
    public static CSharpCompilation Create(params (string Path, string Text)[] files) =>
        CSharpCompilation.Create(
            "TestAssembly",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                specificDiagnosticOptions: SdkDefaultNoWarn));

    /// <summary>The image of the <see cref="NpgsqlStub"/> assembly, for a real build to reference as a file.</summary>
    public static byte[] NpgsqlStubImage => s_npgsqlStubImage.Value;

    private static readonly Lazy<byte[]> s_npgsqlStubImage = new(CompileNpgsqlStub);

    /// <summary>
    /// A reference to an assembly named <c>GenOrm.Npgsql</c>, compiled in memory: the PostgreSQL driver's public entry
    /// (<c>NpgsqlDriver.Register()</c>) and nothing else, which is all the generator looks for and calls.
    /// </summary>
    public static readonly MetadataReference NpgsqlStub = MetadataReference.CreateFromImage(NpgsqlStubImage);

    /// <summary>Creates a compilation as <see cref="Create(string[])"/> does, referencing <see cref="NpgsqlStub"/>.</summary>
    public static CSharpCompilation CreateWithNpgsql(params string[] sources) => Create(sources).AddReferences(NpgsqlStub);

    /// <summary>Runs the generator on sources, one file each, in a compilation that references GenOrm.Npgsql.</summary>
    public static GeneratorOutput RunWithNpgsql(params string[] sources) => Run(CreateWithNpgsql(sources));

    /// <summary>Runs the generator once with MSBuild properties, as <c>build_property.Name</c> global options give them.</summary>
    public static GeneratorOutput Run(Compilation compilation, IReadOnlyDictionary<string, string> buildProperties)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new TableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            optionsProvider: new BuildPropertiesProvider(buildProperties),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorOutput(driver, driver.GetRunResult(), output);
    }

    /// <summary>Runs the generator once, tracking every step.</summary>
    public static GeneratorOutput Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorOutput(driver, driver.GetRunResult(), output);
    }

    /// <summary>Runs the generator once with additional files (such as <c>/src/schema/v1.json</c>), tracking every step.</summary>
    public static GeneratorOutput Run(Compilation compilation, params (string Path, string Text)[] additionalFiles)
    {
        GeneratorDriver driver = CreateDriver(additionalFiles);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        return new GeneratorOutput(driver, driver.GetRunResult(), output);
    }

    /// <summary>Runs the generator on sources, one file each.</summary>
    public static GeneratorOutput Run(params string[] sources) => Run(Create(sources));

    /// <summary>Creates a driver for <see cref="TableGenerator"/> that tracks its incremental steps.</summary>
    public static GeneratorDriver CreateDriver(params (string Path, string Text)[] additionalFiles) =>
        CSharpGeneratorDriver.Create(
            new[] { new TableGenerator().AsSourceGenerator() },
            additionalTexts: additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static byte[] CompileNpgsqlStub()
    {
        CSharpCompilation stub = CSharpCompilation.Create(
            "GenOrm.Npgsql",
            [CSharpSyntaxTree.ParseText("namespace GenOrm.Npgsql { public static class NpgsqlDriver { public static void Register() { } } }", ParseOptions)],
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = stub.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return image.ToArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        IEnumerable<string> paths = trusted.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(typeof(TableAttribute).Assembly.Location)
            .Append(typeof(SqliteConnection).Assembly.Location);
        // GenOrm.Npgsql is a dependency of this test project (the PostgreSQL migration and checker tests run on a real
        // server), but a test compilation references it only when a test asks (CreateWithNpgsql, MigrationHarness.CompileForPostgres).
        return paths
            .Where(p => p.Length > 0 && !string.Equals(Path.GetFileName(p), "GenOrm.Npgsql.dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .GroupBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToImmutableArray();
    }
}

/// <summary>The result of one generator run.</summary>
/// <param name="Driver">The driver after the run, to run again incrementally.</param>
/// <param name="RunResult">The run result: generated sources, diagnostics and tracked steps.</param>
/// <param name="OutputCompilation">The input compilation plus the generated sources.</param>
internal sealed record GeneratorOutput(GeneratorDriver Driver, GeneratorDriverRunResult RunResult, Compilation OutputCompilation)
{
    /// <summary>Gets the generator's own diagnostics.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => RunResult.Diagnostics;

    /// <summary>Gets the generated source with <paramref name="hintName"/>.</summary>
    public string Source(string hintName)
    {
        GeneratedSourceResult[] matches = RunResult.Results.Single().GeneratedSources.Where(s => s.HintName == hintName).ToArray();
        Assert.True(
            matches.Length == 1,
            $"Expected one generated file '{hintName}'; the generator produced: {string.Join(", ", RunResult.Results.Single().GeneratedSources.Select(s => s.HintName))}");
        return matches[0].SourceText.ToString();
    }

    /// <summary>Gets the hint names of all generated files.</summary>
    public IReadOnlyList<string> HintNames => RunResult.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();

    /// <summary>Asserts that the generator threw nothing and reported nothing.</summary>
    public void AssertNoDiagnostics()
    {
        Assert.Null(RunResult.Results.Single().Exception);
        Assert.Empty(Diagnostics);
    }

    /// <summary>
    /// Asserts that the sources plus the generated code compile with no error or warning. User sources may lack XML docs
    /// (CS1591); generated code may not.
    /// </summary>
    public void AssertCompilesCleanly()
    {
        HashSet<SyntaxTree> generated = RunResult.GeneratedTrees.ToHashSet();
        Diagnostic[] problems = OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Id != "CS1591" || (d.Location.SourceTree is { } tree && generated.Contains(tree)))
            .ToArray();
        Assert.True(problems.Length == 0, "The output does not compile cleanly:\n" + string.Join("\n", problems.Select(p => p.ToString())));
    }
}

/// <summary>An additional file held in memory, as MSBuild's <c>AdditionalFiles</c> item would give it.</summary>
/// <param name="path">The file's path.</param>
/// <param name="text">The file's text.</param>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly Microsoft.CodeAnalysis.Text.SourceText _text = Microsoft.CodeAnalysis.Text.SourceText.From(text, System.Text.Encoding.UTF8);

    /// <inheritdoc/>
    public override string Path => path;

    /// <inheritdoc/>
    public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Global analyzer options holding MSBuild properties, as the SDK passes <c>CompilerVisibleProperty</c> items.</summary>
/// <param name="properties">The properties by name, without the <c>build_property.</c> prefix.</param>
internal sealed class BuildPropertiesProvider(IReadOnlyDictionary<string, string> properties) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    /// <inheritdoc/>
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

    /// <inheritdoc/>
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    /// <inheritdoc/>
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public static readonly Options Empty = new([]);

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
