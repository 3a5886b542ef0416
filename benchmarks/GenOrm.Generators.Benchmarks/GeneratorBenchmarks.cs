using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Benchmarks;

/// <summary>
/// The generator on a synthetic assembly of 500 <c>[Table]</c> classes and 200 <c>[Query]</c> methods (a join and a
/// GROUP BY each). Every iteration gets a new compilation (the
/// syntax trees are parsed once and shared), so binding starts cold as in a build or after an IDE edit; what is
/// measured is <c>GeneratorDriver.RunGenerators</c> alone.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int TableCount = 500;
    private const int EditedTable = 250;
    private const int QueryCount = 200;
    private const int EditedQuery = 100;

    private SyntaxTree[] _trees = Array.Empty<SyntaxTree>();
    private SyntaxTree _methodBodyEdit = null!;
    private SyntaxTree _columnEdit = null!;
    private SyntaxTree _queryMethodBodyEdit = null!;
    private GeneratorDriver _warmDriver = null!;
    private Compilation _compilation = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _trees = SyntheticAssembly.ParseAll(TableCount, QueryCount);
        _methodBodyEdit = SyntheticAssembly.Parse(EditedTable, SyntheticAssembly.Variant.MethodBodyEdit);
        _columnEdit = SyntheticAssembly.Parse(EditedTable, SyntheticAssembly.Variant.ColumnEdit);
        _queryMethodBodyEdit = SyntheticAssembly.ParseQuery(EditedQuery, SyntheticAssembly.Variant.MethodBodyEdit);

        // The driver after one full run: the state an IDE or a build server holds when the user edits one line.
        // It writes one file per table and per query, GenOrm.Schema.g.cs and GenOrm.SchemaRecord.g.cs.
        _warmDriver = SyntheticAssembly.CreateDriver().RunGenerators(SyntheticAssembly.Compile(_trees));
        GeneratorDriverRunResult result = _warmDriver.GetRunResult();
        if (!result.Diagnostics.IsEmpty || result.GeneratedTrees.Length != TableCount + 2 + QueryCount)
        {
            throw new InvalidOperationException(
                $"The synthetic assembly must generate {TableCount + 2 + QueryCount} files without diagnostics; got {result.GeneratedTrees.Length} files and {result.Diagnostics.Length} diagnostics.");
        }
    }

    /// <summary>Gets a new compilation of the synthetic assembly.</summary>
    public Compilation FullCompilation() => SyntheticAssembly.Compile(_trees);

    /// <summary>Gets a new compilation of the synthetic assembly after the method-body edit.</summary>
    public Compilation MethodBodyEditCompilation() => SyntheticAssembly.Compile(_trees).ReplaceSyntaxTree(_trees[EditedTable], _methodBodyEdit);

    [IterationSetup(Target = nameof(FullRun))]
    public void SetupFullRun() => _compilation = SyntheticAssembly.Compile(_trees);

    [IterationSetup(Target = nameof(RunAfterMethodBodyEdit))]
    public void SetupMethodBodyEdit() => _compilation = SyntheticAssembly.Compile(_trees).ReplaceSyntaxTree(_trees[EditedTable], _methodBodyEdit);

    [IterationSetup(Target = nameof(RunAfterColumnEdit))]
    public void SetupColumnEdit() => _compilation = SyntheticAssembly.Compile(_trees).ReplaceSyntaxTree(_trees[EditedTable], _columnEdit);

    [IterationSetup(Target = nameof(RunAfterQueryMethodBodyEdit))]
    public void SetupQueryMethodBodyEdit() => _compilation = SyntheticAssembly.Compile(_trees).ReplaceSyntaxTree(_trees[TableCount + EditedQuery], _queryMethodBodyEdit);

    /// <summary>A first run: parses all 500 classes and 200 queries, checks the queries and emits 701 files.</summary>
    [Benchmark(Baseline = true)]
    public GeneratorDriver FullRun() => SyntheticAssembly.CreateDriver().RunGenerators(_compilation);

    /// <summary>A warm driver after a one-line edit in a method body of one table: every output is cached.</summary>
    [Benchmark]
    public GeneratorDriver RunAfterMethodBodyEdit() => _warmDriver.RunGenerators(_compilation);

    /// <summary>A warm driver after a one-line edit that renames a column of one table: one table file and the schema are re-emitted.</summary>
    [Benchmark]
    public GeneratorDriver RunAfterColumnEdit() => _warmDriver.RunGenerators(_compilation);

    /// <summary>
    /// A warm driver after a one-line edit in a method body beside a <c>[Query]</c> method: its spec is unchanged, so no
    /// query is checked again and nothing is re-emitted.
    /// </summary>
    [Benchmark]
    public GeneratorDriver RunAfterQueryMethodBodyEdit() => _warmDriver.RunGenerators(_compilation);
}
