using GenOrm;

namespace GenOrm.Tests.Query;

/// <summary>A table of texts holding LIKE's wildcards and its escape character.</summary>
[Table("labels")]
public partial class Label
{
    [PrimaryKey]
    public long Id { get; set; }

    public string Text { get; set; } = "";

    public string? Note { get; set; }
}

public sealed class LikeEscapeTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public LikeEscapeTests()
    {
        _conn = _engine.Connect();
        Label.CreateTable(_conn);
        Label.InsertMany(_conn,
        [
            new Label { Id = 1, Text = "100%" },
            new Label { Id = 2, Text = "1000@example.com" },
            new Label { Id = 3, Text = "a_b" },
            new Label { Id = 4, Text = "axb" },
            new Label { Id = 5, Text = "C:\\temp" },
            new Label { Id = 6, Text = "C:temp" },
            new Label { Id = 7, Text = "A_B it's 100% sure" },
            new Label { Id = 8, Text = "Él" },
        ]);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    private long[] Ids(Condition<Label> condition) =>
        Label.Query(_conn).Where(condition).OrderBy(Label.Columns.Id).All().Select(l => l.Id).ToArray();

    [Fact]
    public void StartsWith_TakesTheTextLiterally()
    {
        Assert.Equal([1], Ids(Label.Columns.Text.StartsWith("100%")));
        Assert.Equal([3, 7], Ids(Label.Columns.Text.StartsWith("a_")));
        Assert.Equal([5], Ids(Label.Columns.Text.StartsWith("C:\\")));
        Assert.Equal([1, 2], Ids(Label.Columns.Text.StartsWith("100")));
    }

    [Fact]
    public void Contains_TakesTheTextLiterally()
    {
        Assert.Equal([1, 7], Ids(Label.Columns.Text.Contains("100%")));
        Assert.Equal([3, 7], Ids(Label.Columns.Text.Contains("_")));
        Assert.Equal([5], Ids(Label.Columns.Text.Contains("\\")));
        Assert.Equal([7], Ids(Label.Columns.Text.Contains("'s 1")));
        Assert.Empty(Ids(Label.Columns.Note.Contains("")));
    }

    [Fact]
    public void EndsWith_TakesTheTextLiterally()
    {
        Assert.Equal([1], Ids(Label.Columns.Text.EndsWith("0%")));
        Assert.Equal([3], Ids(Label.Columns.Text.EndsWith("_b")));
        Assert.Equal([5, 6], Ids(Label.Columns.Text.EndsWith("temp")));
        Assert.Equal([5], Ids(Label.Columns.Text.EndsWith("\\temp")));
    }

    [Fact]
    public void LikeFamily_IgnoresCaseForAsciiLettersOnly()
    {
        Assert.Equal([3, 7], Ids(Label.Columns.Text.StartsWith("A_b")));
        Assert.Equal([8], Ids(Label.Columns.Text.StartsWith("Él")));
        Assert.Empty(Ids(Label.Columns.Text.StartsWith("él")));
    }

    [Fact]
    public void Like_WithAnEscape_MatchesWildcardsLiterally()
    {
        Assert.Equal([1, 2], Ids(Label.Columns.Text.Like("100%")));
        Assert.Equal([1], Ids(Label.Columns.Text.Like("100\\%", escape: '\\')));
        Assert.Equal([1, 7], Ids(Label.Columns.Text.Like("%100!%%", escape: '!')));
        Assert.Equal([3, 7], Ids(Label.Columns.Text.Like("a'_%", escape: '\'')));
        Assert.Equal([5], Ids(Label.Columns.Text.Like("C:\\\\%", escape: '\\')));
    }

    [Fact]
    public void LikeFamily_RendersLikeWithEscape()
    {
        Assert.Equal(
            "SELECT \"Id\", \"Text\", \"Note\" FROM \"labels\" WHERE ((\"Text\" LIKE @p0 ESCAPE '\\' OR \"Text\" LIKE @p1 ESCAPE '\\') OR \"Text\" LIKE @p2 ESCAPE '\\')",
            Label.Query(_conn).Where(Label.Columns.Text.StartsWith("a") | Label.Columns.Text.Contains("b") | Label.Columns.Text.EndsWith("c")).ToSql());
        Assert.Equal(
            "SELECT \"Id\", \"Text\", \"Note\" FROM \"labels\" WHERE (\"Text\" LIKE @p0 ESCAPE '!' AND \"Text\" LIKE @p1 ESCAPE '''')",
            Label.Query(_conn).Where(Label.Columns.Text.Like("a!%", '!') & Label.Columns.Text.Like("b", '\'')).ToSql());
    }

    [Fact]
    public void Like_RefusesAnEscapeThatIsNotOneCharacter()
    {
        var error = Assert.Throws<ArgumentException>(() => Label.Columns.Text.Like("x", '\uD800'));

        Assert.Equal("A LIKE escape must be one whole character: not NUL, and not half of a surrogate pair. Use a character such as '\\' or '!'. (Parameter 'escape')", error.Message);
        Assert.Throws<ArgumentException>(() => Label.Columns.Text.Like("x", '\0'));
        Assert.Throws<ArgumentException>(() => Label.Columns.Text.Contains("\uDC00"));
    }
}
