using GenOrm.Generators.Sql.Analysis;

namespace GenOrm.Generators.Tests.SqlChecker;

public class SmokeTests
{
    [Fact]
    public void MinimalSelect_Works()
    {
        SqlAnalysis analysis = SqlAnalyzer.Analyze("select Name, ArtistId from Artist where ArtistId = :id", TestSchemas.Catalog("chinook"));
        Assert.Empty(analysis.Problems);
        Assert.Equal(new[] { "Name", "ArtistId" }, analysis.Columns.Select(c => c.Name));
        Assert.Equal("ArtistId", analysis.Parameters.Single().Meets!.Column);
    }
}
