using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Benchmarks;

/// <summary>
/// A synthetic assembly of <c>[Table]</c> classes, one file each, shaped like application code: an auto-increment
/// key, a unique and an indexed column, nullable and non-nullable columns of several types, an ignored property and
/// a method, spread over ten namespaces.
/// </summary>
public static class SyntheticAssembly
{
    /// <summary>The parse options of the SDK's C# build (latest language version).</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    /// <summary>Gets the file path of table <paramref name="index"/>.</summary>
    public static string PathOf(int index) => string.Format(CultureInfo.InvariantCulture, "/src/Entity{0:D3}.cs", index);

    /// <summary>Gets the source of table <paramref name="index"/>; <paramref name="variant"/> changes one line.</summary>
    public static string Source(int index, Variant variant = Variant.Original)
    {
        string name = string.Format(CultureInfo.InvariantCulture, "Entity{0:D3}", index);
        string body = variant == Variant.MethodBodyEdit ? "=> $\"{Name} <{Email}> (edited)\";" : "=> $\"{Name} <{Email}>\";";
        string extraColumn = variant == Variant.ColumnEdit ? "public string? Nickname { get; set; }" : "public string? Notes { get; set; }";
        return $$"""
            using System;
            using GenOrm;

            namespace App.Module{{index % 10}};

            [Table("{{name.ToLowerInvariant()}}")]
            public partial class {{name}}
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [MaxLength(100)] public string Name { get; set; } = "";
                [Unique, MaxLength(200)] public string Email { get; set; } = "";
                [Index] public int Rank { get; set; }
                public decimal Balance { get; set; }
                public DateTime CreatedAt { get; set; }
                public Guid? ExternalId { get; set; }
                public bool IsActive { get; set; }
                {{extraColumn}}
                [Ignore] public string Display => Describe();

                public string Describe() {{body}}
            }
            """;
    }

    /// <summary>Gets the file path of query class <paramref name="index"/>.</summary>
    public static string QueryPathOf(int index) => string.Format(CultureInfo.InvariantCulture, "/src/Queries{0:D3}.cs", index);

    /// <summary>
    /// Gets the source of query class <paramref name="index"/>: a <c>[Query]</c> report (a join and a GROUP BY over two
    /// tables) into a record, beside a helper method whose body <see cref="Variant.MethodBodyEdit"/> changes.
    /// </summary>
    public static string QuerySource(int index, Variant variant = Variant.Original)
    {
        string name = string.Format(CultureInfo.InvariantCulture, "Queries{0:D3}", index);
        string table = string.Format(CultureInfo.InvariantCulture, "entity{0:D3}", index);
        string other = string.Format(CultureInfo.InvariantCulture, "entity{0:D3}", (index + 1) % 500);
        string body = variant == Variant.MethodBodyEdit ? "=> \"edited\";" : "=> \"original\";";
        return $$""""
            using System.Collections.Generic;
            using GenOrm;

            namespace App.Module{{index % 10}};

            public static partial class {{name}}
            {
                public static string Helper() {{body}}

                [Query("""
                    select e.Name, e.Email, count(*) as Total, max(f.Balance) as TopBalance
                    from {{table}} e join {{other}} f on f.Rank = e.Rank
                    where e.IsActive = :active and e.Name like :prefix
                    group by e.Name, e.Email
                    order by Total desc
                    limit :top
                    """)]
                public static partial List<{{name}}Row> Top(Connection connection, bool active, string prefix, int top);
            }

            public sealed record {{name}}Row(string Name, string Email, long Total, decimal? TopBalance);
            """";
    }

    /// <summary>Parses every table's file.</summary>
    public static SyntaxTree[] ParseAll(int count) =>
        Enumerable.Range(0, count).Select(i => Parse(i, Variant.Original)).ToArray();

    /// <summary>Parses every table's file, then <paramref name="queryCount"/> query classes' files.</summary>
    public static SyntaxTree[] ParseAll(int count, int queryCount) =>
        ParseAll(count).Concat(Enumerable.Range(0, queryCount).Select(i => ParseQuery(i, Variant.Original))).ToArray();

    /// <summary>Parses query class <paramref name="index"/>'s file in the given variant.</summary>
    public static SyntaxTree ParseQuery(int index, Variant variant) =>
        CSharpSyntaxTree.ParseText(QuerySource(index, variant), ParseOptions, QueryPathOf(index));

    /// <summary>Parses table <paramref name="index"/>'s file in the given variant.</summary>
    public static SyntaxTree Parse(int index, Variant variant) =>
        CSharpSyntaxTree.ParseText(Source(index, variant), ParseOptions, PathOf(index));

    /// <summary>Creates a new compilation of <paramref name="trees"/>, with no semantic caches yet, as a build starts.</summary>
    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "SyntheticApp",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Creates a driver for the generator, as the compiler hosts it (no step tracking).</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new TableGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

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

    /// <summary>A one-line edit of a table's file.</summary>
    public enum Variant
    {
        /// <summary>The file as first written.</summary>
        Original,

        /// <summary>A string in a method body changed: no column changes, so no output should change.</summary>
        MethodBodyEdit,

        /// <summary>A mapped property renamed: that table's file and the schema file change.</summary>
        ColumnEdit,
    }
}
