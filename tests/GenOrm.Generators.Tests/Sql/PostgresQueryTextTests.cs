using GenOrm.Generators.Sql.Analysis;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Tests.SqlChecker;

namespace GenOrm.Generators.Tests.Sql;

/// <summary>
/// The PostgreSQL text of a <c>[Query]</c> statement, on the Chinook schema: declared table and column names quoted
/// with their declared case (PostgreSQL folds unquoted names to lower case), everything else exactly as written.
/// </summary>
public sealed class PostgresQueryTextTests
{
    [Theory]
    [InlineData(
        "select * from Track where AlbumId = :albumId order by TrackId",
        "select * from \"Track\" where \"AlbumId\" = :albumId order by \"TrackId\"")]
    [InlineData(
        "select ar.Name as Artist, count(*) as Albums, max(al.title) from artist ar join Album al on al.ArtistId = ar.ArtistId group by ar.Name",
        "select ar.\"Name\" as Artist, count(*) as Albums, max(al.\"Title\") from \"Artist\" ar join \"Album\" al on al.\"ArtistId\" = ar.\"ArtistId\" group by ar.\"Name\"")]
    [InlineData(
        "select Title from Album order by Title desc nulls last limit @top offset $skip",
        "select \"Title\" from \"Album\" order by \"Title\" desc nulls last limit @top offset $skip")]
    [InlineData(
        "select 'Title', \"Title\", [AlbumId] from Album -- Title\n/* AlbumId */",
        "select 'Title', \"Title\", [AlbumId] from \"Album\" -- Title\n/* AlbumId */")]
    [InlineData(
        "update Track set Composer = :composer where TrackId = :id returning Name",
        "update \"Track\" set \"Composer\" = :composer where \"TrackId\" = :id returning \"Name\"")]
    [InlineData(
        "insert into Artist(Name) values (:name) returning ArtistId",
        "insert into \"Artist\"(\"Name\") values (:name) returning \"ArtistId\"")]
    [InlineData(
        "INSERT INTO Genre (Name) SELECT upper(Name) FROM Genre",
        "INSERT INTO \"Genre\" (\"Name\") SELECT upper(\"Name\") FROM \"Genre\"")]
    [InlineData(
        "select cast(Name as text) as Name, Name as Title from Genre",
        "select cast(\"Name\" as text) as Name, \"Name\" as Title from \"Genre\"")]
    public void DeclaredNames_AreQuotedWithTheirDeclaredCase(string sql, string expected)
    {
        Assert.Equal(expected, PostgresQueryText.Rewrite(sql, TestSchemas.Catalog("chinook")));
    }

    [Fact]
    public void NothingToQuote_TheSameText()
    {
        const string Sql = "select 1 as one, count(*) from \"Album\" where 'x' = :x";

        Assert.Same(Sql, PostgresQueryText.Rewrite(Sql, TestSchemas.Catalog("chinook")));
    }

    [Fact]
    public void ANameDeclaredInTwoSpellings_IsQuotedInTheOneItIsWrittenIn()
    {
        SqlCatalog catalog = SqlCatalog.From(TestSchemas.Parse("""
            using GenOrm;
            namespace Two;
            [Table("tag")] public partial class Tag { [PrimaryKey, Column("id")] public long Id { get; set; } [Column("name")] public string Label { get; set; } = ""; }
            [Table] public partial class Genre { [PrimaryKey] public long GenreId { get; set; } public string Name { get; set; } = ""; }
            """));

        Assert.Equal("select \"name\" from \"tag\"", PostgresQueryText.Rewrite("select name from tag", catalog));
        Assert.Equal("select \"Name\" from \"Genre\"", PostgresQueryText.Rewrite("select Name from Genre", catalog));
    }
}
