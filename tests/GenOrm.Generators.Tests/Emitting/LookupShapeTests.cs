using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>A lookup returns one entity only when its column admits one row; otherwise every matching row.</summary>
public sealed class LookupShapeTests
{
    private const string Source = """
        using GenOrm;

        namespace Music;

        [Table("artists")]
        public partial class Artist
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
        }

        [Table("albums")]
        public partial class Album
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [Unique] public string Code { get; set; } = "";
            [Index, ForeignKey(typeof(Artist))] public long ArtistId { get; set; }
        }
        """;

    [Theory]
    [InlineData("GetById", "global::Music.Album?")]
    [InlineData("GetByIdAsync", "global::System.Threading.Tasks.Task<global::Music.Album?>")]
    [InlineData("GetByCode", "global::Music.Album?")]
    [InlineData("GetByCodeAsync", "global::System.Threading.Tasks.Task<global::Music.Album?>")]
    [InlineData("GetByArtistId", "global::System.Collections.Generic.List<global::Music.Album>")]
    [InlineData("GetByArtistIdAsync", "global::System.Threading.Tasks.Task<global::System.Collections.Generic.List<global::Music.Album>>")]
    public void IndexedColumn_GetsAListLookup_UniqueColumnsAndKey_GetASingleRowLookup(string method, string returnType)
    {
        GeneratorOutput output = TestCompilation.Run(Source);
        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();

        IMethodSymbol lookup = Assert.Single(output.OutputCompilation.GetTypeByMetadataName("Music.Album")!.GetMembers(method).OfType<IMethodSymbol>());
        var format = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);
        Assert.Equal(returnType, lookup.ReturnType.ToDisplayString(format));
    }

    [Fact]
    public void IndexedColumnLookup_DocumentsThatItReadsEveryMatchingRow()
    {
        string source = TestCompilation.Run(Source).Source("Music.Album.GenOrm.g.cs");

        Assert.Contains(
            """/// <summary>Reads every row of the <c>albums</c> table whose <c>ArtistId</c> column equals <paramref name="artistId"/>.</summary>""",
            source);
        Assert.Contains(
            """/// <returns>The matching rows as <see cref="global::Music.Album"/> entities, in the order the database returns them; an empty list when none matches.</returns>""",
            source);
        Assert.DoesNotContain("MultipleResultsFoundException", source);
        Assert.Contains("return global::GenOrm.Internal.TableCommands.ReadAll<global::Music.Album>(connection, statement);", source);
    }
}
