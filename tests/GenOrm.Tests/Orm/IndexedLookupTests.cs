using GenOrm;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Orm;

/// <summary>A lookup on an <c>[Index]</c> column that is not unique reads every matching row.</summary>
public sealed class IndexedLookupTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Engine _engine;
    private readonly Connection _conn;

    public IndexedLookupTests()
    {
        _engine = Engine.Create(_directory.SqliteUrl("catalog.db"));
        _conn = _engine.Connect();
        Artist.CreateTable(_conn);
        Album.CreateTable(_conn);
        Artist.InsertMany(_conn, new[] { new Artist { Name = "none" }, new Artist { Name = "one" }, new Artist { Name = "three" } });
        Album.InsertMany(_conn, new[]
        {
            new Album { ArtistId = 3, Title = "c1" },
            new Album { ArtistId = 2, Title = "b1" },
            new Album { ArtistId = 3, Title = "c2" },
            new Album { ArtistId = 3, Title = "c3" },
        });
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void GetByIndexedColumn_ReturnsEveryMatchingRow_ForZeroOneAndThreeChildren()
    {
        List<Album> none = Album.GetByArtistId(_conn, 1);
        List<Album> one = Album.GetByArtistId(_conn, 2);
        List<Album> three = Album.GetByArtistId(_conn, 3);

        Assert.Empty(none);
        Assert.Equal(new[] { (2L, 2L, "b1") }, one.Select(a => (a.Id, a.ArtistId, a.Title)));
        Assert.Equal(
            new[] { (1L, 3L, "c1"), (3L, 3L, "c2"), (4L, 3L, "c3") },
            three.Select(a => (a.Id, a.ArtistId, a.Title)).OrderBy(a => a.Item1));
    }

    [Fact]
    public async Task GetByIndexedColumnAsync_ReturnsEveryMatchingRow()
    {
        List<Album> three = await Album.GetByArtistIdAsync(_conn, 3);
        List<Album> none = await Album.GetByArtistIdAsync(_conn, 99);

        Assert.Equal(new[] { "c1", "c2", "c3" }, three.Select(a => a.Title).Order());
        Assert.Empty(none);
    }

    [Fact]
    public void GetByUniqueKey_StillReturnsOneEntityOrNull()
    {
        Album? album = Album.GetById(_conn, 2);

        Assert.Equal("b1", album?.Title);
        Assert.Null(Album.GetById(_conn, 99));
    }
}
