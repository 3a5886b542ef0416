using GenOrm.Generators.Model;
using GenOrm.Generators.Sql.Analysis;

namespace GenOrm.Generators.Tests.SqlChecker;

/// <summary>What the checker infers: result columns (name, type, nullability, origin, span) and parameter uses.</summary>
public class AnalysisTests
{
    private static SqlAnalysis Ok(string sql, string schema = "chinook")
    {
        SqlAnalysis analysis = SqlAnalyzer.Analyze(sql, TestSchemas.Catalog(schema));
        Assert.True(analysis.Problems.IsEmpty, string.Join("; ", analysis.Problems.Select(p => p.Message)));
        return analysis;
    }

    private static string Shape(SqlResultColumn c) =>
        $"{c.Name}:{c.Type}{(c.MayBeNull ? "?" : "")}{(c.Origin is { } o ? " <- " + o.Table + "." + o.Column : "")}";

    private static void AssertColumns(string sql, params string[] expected) =>
        Assert.Equal(expected, Ok(sql).Columns.Select(Shape));

    [Fact]
    public void IssueExample_TopArtists()
    {
        const string sql = """
            select ar.Name as Artist, count(*) as Albums, max(al.Title) as LastTitle
            from Artist ar join Album al on al.ArtistId = ar.ArtistId
            where ar.Name like :prefix
            group by ar.Name order by Albums desc limit :top
            """;
        SqlAnalysis analysis = Ok(sql);
        Assert.Equal(SqlStatementKind.Select, analysis.Kind);
        Assert.Equal(new[] { "Artist:Text? <- Artist.Name", "Albums:Integer", "LastTitle:Text" }, analysis.Columns.Select(Shape));
        SqlParameterUse prefix = analysis.Parameters[0];
        Assert.Equal(("prefix", ':', SqlValueType.Text), (prefix.Name, prefix.Prefix, prefix.Expected));
        Assert.Equal(new[] { new SqlSpan(sql.IndexOf(":prefix", StringComparison.Ordinal), 7) }, prefix.Occurrences);
        Assert.Equal(new SqlColumnOrigin("Artist", "Name", ColumnKind.String, "string?"), prefix.Meets);
        SqlParameterUse top = analysis.Parameters[1];
        Assert.Equal(("top", ':', SqlValueType.Integer), (top.Name, top.Prefix, top.Expected));
        Assert.Null(top.Meets);
    }

    [Fact]
    public void Star_ExpandsInDeclarationOrder_WithTheStarSpan()
    {
        SqlAnalysis analysis = Ok("select * from Artist");
        Assert.Equal(new[] { "ArtistId:Integer <- Artist.ArtistId", "Name:Text? <- Artist.Name" }, analysis.Columns.Select(Shape));
        Assert.All(analysis.Columns, c => Assert.Equal((7, 1), (c.Start, c.Length)));
        Assert.Equal(ColumnKind.Int64, analysis.Columns[0].Origin!.Kind);
    }

    [Fact]
    public void Star_UsingColumnAppearsOnce() =>
        AssertColumns("select * from Album join Artist using (ArtistId)",
            "AlbumId:Integer <- Album.AlbumId", "Title:Text <- Album.Title", "ArtistId:Integer <- Album.ArtistId", "Name:Text? <- Artist.Name");

    [Fact]
    public void LeftJoin_MakesTheOuterSideNullable() =>
        AssertColumns("select t.Name, a.Title, a.* from Track t left join Album a on a.AlbumId = t.AlbumId",
            "Name:Text <- Track.Name", "Title:Text? <- Album.Title", "AlbumId:Integer? <- Album.AlbumId", "Title:Text? <- Album.Title", "ArtistId:Integer? <- Album.ArtistId");

    [Fact]
    public void Names_FollowSqlite_AliasColumnOrText()
    {
        const string sql = "select a.Name, (Name), Name as N, upper( Name ), Name collate nocase from Artist a";
        SqlAnalysis analysis = Ok(sql);
        Assert.Equal(new[] { "Name", "Name", "N", "upper( Name )", "Name collate nocase" }, analysis.Columns.Select(c => c.Name));
        Assert.Equal(new[] { "a.Name", "(Name)", "Name", "upper( Name )", "Name collate nocase" }, analysis.Columns.Select(c => sql.Substring(c.Start, c.Length)));
        Assert.Null(analysis.Columns[4].Origin);
    }

    [Fact]
    public void Names_DeclaredSpellingForABareColumn() =>
        Assert.Equal(new[] { "Name", "ArtistId" }, Ok("select NAME, artistid from ARTIST").Columns.Select(c => c.Name));

    [Fact]
    public void Names_SubqueryColumnsAreMadeUnique() =>
        Assert.Equal(new[] { "Title", "Title:1", "x", "x:1" }, Ok("select * from (select Title, Title, 1 as x, 2 as x from Album)").Columns.Select(c => c.Name));

    [Fact]
    public void Names_CompoundTakesTheFirstArm()
    {
        SqlAnalysis analysis = Ok("select ArtistId as Id, Name from Artist union select AlbumId, Title from Album");
        Assert.Equal(new[] { "Id:Integer <- Artist.ArtistId", "Name:Text? <- Artist.Name" }, analysis.Columns.Select(Shape));
    }

    [Fact]
    public void Cte_ColumnListNamesTheColumns_AndRecursionBinds() =>
        AssertColumns("with recursive cnt(x) as (select 1 union all select x + 1 from cnt where x < 10) select x, x * 2.0 from cnt", "x:Integer", "x * 2.0:Real");

    [Fact]
    public void Subquery_KeepsTheOrigin() =>
        AssertColumns("select x.Title from (select Title, ArtistId from Album) x", "Title:Text <- Album.Title");

    [Fact]
    public void Aggregates_NullOverNoRows_UnlessGroupedOrCount()
    {
        AssertColumns("select count(*), count(Name), total(Milliseconds), sum(Milliseconds), max(Name), avg(Milliseconds) from Track",
            "count(*):Integer", "count(Name):Integer", "total(Milliseconds):Real", "sum(Milliseconds):Integer?", "max(Name):Text?", "avg(Milliseconds):Real?");
        AssertColumns("select AlbumId, sum(Milliseconds), max(Name), max(Composer) from Track group by AlbumId",
            "AlbumId:Integer? <- Track.AlbumId", "sum(Milliseconds):Integer", "max(Name):Text", "max(Composer):Text?");
    }

    [Fact]
    public void Aggregates_BareColumnWithoutGroupBy_CanBeNull() =>
        AssertColumns("select Name, count(*) from Track", "Name:Text? <- Track.Name", "count(*):Integer");

    [Fact]
    public void Expressions_TypesAndNullability() =>
        AssertColumns(
            "select coalesce(Composer, 'x'), ifnull(Composer, Bytes), nullif(Name, ''), Milliseconds / 1000, Milliseconds * 2, Milliseconds / 2.0, "
            + "Name || Composer, cast(Milliseconds as text), (select max(TrackId) from Track), case when Bytes > 0 then 'big' end, "
            + "Composer is null, length(Name), -Milliseconds, x'00', null from Track",
            "coalesce(Composer, 'x'):Text", "ifnull(Composer, Bytes):Any?", "nullif(Name, ''):Text?", "Milliseconds / 1000:Integer", "Milliseconds * 2:Integer",
            "Milliseconds / 2.0:Real", "Name || Composer:Text?", "cast(Milliseconds as text):Text", "(select max(TrackId) from Track):Integer?",
            "case when Bytes > 0 then 'big' end:Text?", "Composer is null:Integer", "length(Name):Integer", "-Milliseconds:Integer", "x'00':Blob", "null:Null?");

    [Fact]
    public void Division_ByAColumnCanBeNull() =>
        AssertColumns("select Milliseconds / TrackId, Milliseconds % 7 from Track", "Milliseconds / TrackId:Integer?", "Milliseconds % 7:Integer");

    [Fact]
    public void Windows_RankNeverNull_LagCanBe() =>
        AssertColumns("select row_number() over (order by TrackId) as rn, lag(Name) over (order by TrackId) as prev from Track", "rn:Integer", "prev:Text?");

    [Fact]
    public void Parameters_MeetTheColumnOnEitherSide_AndInLists()
    {
        SqlAnalysis analysis = Ok("select Name from Track where :album = AlbumId and TrackId in (:a, :b) and Milliseconds between :lo and :hi and Name = :a");
        Assert.Equal(
            new[] { ("album", "AlbumId"), ("a", "TrackId"), ("b", "TrackId"), ("lo", "Milliseconds"), ("hi", "Milliseconds") },
            analysis.Parameters.Select(p => (p.Name, p.Meets!.Column)));
        Assert.Equal(2, analysis.Parameters[1].Occurrences.Count);
        Assert.Equal(ColumnKind.Int32, analysis.Parameters[3].Meets!.Kind);
    }

    [Fact]
    public void Parameters_PrefixesAreDistinctNames() =>
        Assert.Equal(new[] { (':', "id"), ('@', "id"), ('$', "id") },
            Ok("select :id, @id, $id").Parameters.Select(p => (p.Prefix, p.Name)));

    [Fact]
    public void Parameters_InsertValuesAndUpdateSetMeetTheirColumns()
    {
        SqlAnalysis insert = Ok("insert into Invoice (CustomerId, InvoiceDate, Total) values (:c, :d, :t) returning InvoiceId, Total");
        Assert.Equal(SqlStatementKind.Insert, insert.Kind);
        Assert.Equal(new[] { ("c", ColumnKind.Int64), ("d", ColumnKind.DateTime), ("t", ColumnKind.Decimal) }, insert.Parameters.Select(p => (p.Name, p.Meets!.Kind)));
        Assert.Equal(new[] { "InvoiceId:Integer <- Invoice.InvoiceId", "Total:Text <- Invoice.Total" }, insert.Columns.Select(Shape));

        SqlAnalysis update = Ok("update Customer set (FirstName, LastName) = (:f, :l), Email = :e where CustomerId = :id");
        Assert.Equal(SqlStatementKind.Update, update.Kind);
        Assert.Equal(new[] { ("f", "FirstName"), ("l", "LastName"), ("e", "Email"), ("id", "CustomerId") }, update.Parameters.Select(p => (p.Name, p.Meets!.Column)));
        Assert.Empty(update.Columns);
    }

    [Fact]
    public void Parameters_UpsertExcludedAndDelete()
    {
        SqlAnalysis upsert = Ok("insert into Artist (ArtistId, Name) values (:id, :name) on conflict (ArtistId) do update set Name = excluded.Name where Name is null");
        Assert.Equal(new[] { "id", "name" }, upsert.Parameters.Select(p => p.Name));
        SqlAnalysis delete = Ok("delete from Artist where ArtistId = :id returning Name");
        Assert.Equal(SqlStatementKind.Delete, delete.Kind);
        Assert.Equal(new[] { "Name:Text? <- Artist.Name" }, delete.Columns.Select(Shape));
    }

    [Fact]
    public void Catalog_LooksNamesUpIgnoringCase()
    {
        SqlCatalog catalog = TestSchemas.Catalog("chinook");
        Assert.Equal("InvoiceLine", catalog.Find("invoiceline")!.Name);
        Assert.Equal("Email", catalog.Find("CUSTOMER")!.FindColumn("email")!.Name);
        Assert.True(catalog.Find("Customer")!.FindColumn("Email")!.IsUnique);
        Assert.Null(catalog.Find("Nope"));
        Assert.Equal(catalog.Tables.Select(t => t.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase), catalog.Tables.Select(t => t.Name));
        Assert.Equal(catalog, TestSchemas.Catalog("chinook"));
    }

    [Fact]
    public void Analysis_IsEquatable() =>
        Assert.Equal(Ok("select * from Track where TrackId = :id"), Ok("select * from Track where TrackId = :id"));
}
