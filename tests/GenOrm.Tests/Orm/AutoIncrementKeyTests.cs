using GenOrm;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Orm;

/// <summary>
/// The key rule of <c>[AutoIncrement]</c> tables, for Insert, InsertMany and Upsert alike: an unset key (0) is generated
/// by the database and written back; a set key (anything else, negative included) is stored exactly.
/// </summary>
public sealed class AutoIncrementKeyTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Engine _engine;
    private readonly Connection _conn;

    public AutoIncrementKeyTests()
    {
        _engine = Engine.Create(_directory.SqliteUrl("keys.db"));
        _conn = _engine.Connect();
        Artist.CreateTable(_conn);
        Album.CreateTable(_conn);
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Import_WithGapsInTheKeys_KeepsTheKeys_AndTheChildRowsStillPointAtTheirParents()
    {
        Artist.InsertMany(_conn, new[] { new Artist { Id = 1, Name = "a" }, new Artist { Id = 5, Name = "e" }, new Artist { Id = 9, Name = "i" } });
        Album.InsertMany(_conn, new[]
        {
            new Album { Id = 2, ArtistId = 5, Title = "e1" },
            new Album { Id = 4, ArtistId = 9, Title = "i1" },
            new Album { Id = 7, ArtistId = 5, Title = "e2" },
        });
        _conn.Commit();

        using (Connection reader = _engine.Connect())
        {
            Assert.Equal(new[] { (1L, "a"), (5L, "e"), (9L, "i") }, Artist.GetAll(reader).Select(a => (a.Id, a.Name)).OrderBy(a => a.Item1));
            Assert.Equal(
                new[] { (2L, "e"), (4L, "i"), (7L, "e") },
                Album.GetAll(reader).OrderBy(a => a.Id).Select(a => (a.Id, a.GetArtist(reader)!.Name)));
        }

        var next = new Artist { Name = "new" };
        Artist.Insert(_conn, next);

        Assert.Equal(10L, next.Id);
        Assert.Equal("new", Artist.GetById(_conn, 10)?.Name);
    }

    [Fact]
    public void Insert_WithASetKey_KeepsIt_NegativeIncluded()
    {
        var negative = new Artist { Id = -3, Name = "neg" };
        var positive = new Artist { Id = 42, Name = "pos" };

        Artist.Insert(_conn, negative);
        Artist.Insert(_conn, positive);

        Assert.Equal((-3L, 42L), (negative.Id, positive.Id));
        Assert.Equal(new[] { (-3L, "neg"), (42L, "pos") }, Artist.GetAll(_conn).Select(a => (a.Id, a.Name)).OrderBy(a => a.Item1));
    }

    [Fact]
    public void Insert_WithASetKeyThatExists_ThrowsTheUsualPrimaryKeyViolation()
    {
        Artist.Insert(_conn, new Artist { Id = 5, Name = "first" });

        var error = Assert.Throws<ConstraintViolationException>(() => Artist.Insert(_conn, new Artist { Id = 5, Name = "second" }));

        Assert.Equal("artists", error.TableName);
        Assert.Equal("Id", error.ColumnName);
        Assert.Equal("Cannot insert into table 'artists': a row with the same primary key (Id) already exists. Update the existing row instead, or use a different key.", error.Message);
        Assert.Equal("first", Artist.GetById(_conn, 5)?.Name);
    }

    [Fact]
    public async Task InsertAsync_WithSetAndUnsetKeys_FollowsTheSameRule()
    {
        var set = new Artist { Id = 20, Name = "set" };
        var unset = new Artist { Name = "unset" };

        await Artist.InsertAsync(_conn, set);
        await Artist.InsertAsync(_conn, unset);

        Assert.Equal((20L, 21L), (set.Id, unset.Id));
    }

    [Fact]
    public void Upsert_OfTwoNewEntitiesWithUnsetKeys_InsertsTwoRowsWithDistinctGeneratedKeys()
    {
        var first = new Artist { Name = "first" };
        var second = new Artist { Name = "second" };

        Assert.Equal(1, Artist.Upsert(_conn, first));
        Assert.Equal(1, Artist.Upsert(_conn, second));

        Assert.Equal((1L, 2L), (first.Id, second.Id));
        Assert.Equal(new[] { (1L, "first"), (2L, "second") }, Artist.GetAll(_conn).Select(a => (a.Id, a.Name)).OrderBy(a => a.Item1));
    }

    [Fact]
    public async Task UpsertAsync_OfANewEntityWithAnUnsetKey_WritesTheGeneratedKeyBack()
    {
        Artist.Insert(_conn, new Artist { Id = 7, Name = "seven" });
        var fresh = new Artist { Name = "fresh" };

        Assert.Equal(1, await Artist.UpsertAsync(_conn, fresh));

        Assert.Equal(8L, fresh.Id);
        Assert.Equal("fresh", Artist.GetById(_conn, 8)?.Name);
    }

    [Fact]
    public void Upsert_WithASetKey_UpdatesTheRow_OrInsertsItWithThatKey()
    {
        var artist = new Artist { Name = "before" };
        Artist.Insert(_conn, artist);

        Assert.Equal(1, Artist.Upsert(_conn, new Artist { Id = artist.Id, Name = "after" }));
        Assert.Equal(1, Artist.Upsert(_conn, new Artist { Id = -8, Name = "imported" }));

        Assert.Equal(new[] { (-8L, "imported"), (1L, "after") }, Artist.GetAll(_conn).Select(a => (a.Id, a.Name)).OrderBy(a => a.Item1));
    }

    [Fact]
    public void InsertMany_MixingSetAndUnsetKeys_KeepsTheSetKeys_AndWritesTheGeneratedOnesBack()
    {
        var artists = new[]
        {
            new Artist { Id = 100, Name = "set 100" },
            new Artist { Name = "unset a" },
            new Artist { Id = -3, Name = "set -3" },
            new Artist { Name = "unset b" },
        };

        Assert.Equal(4, Artist.InsertMany(_conn, artists));

        Assert.Equal(new[] { 100L, 101L, -3L, 102L }, artists.Select(a => a.Id));
        Assert.Equal(
            new[] { (-3L, "set -3"), (100L, "set 100"), (101L, "unset a"), (102L, "unset b") },
            Artist.GetAll(_conn).Select(a => (a.Id, a.Name)).OrderBy(a => a.Item1));
    }

    [Fact]
    public async Task InsertManyAsync_MixingSetAndUnsetKeys_FollowsTheSameRule()
    {
        var artists = new[] { new Artist { Name = "unset" }, new Artist { Id = 50, Name = "set" }, new Artist { Name = "unset 2" } };

        Assert.Equal(3, await Artist.InsertManyAsync(_conn, artists));

        Assert.Equal(new[] { 1L, 50L, 51L }, artists.Select(a => a.Id));
    }

    [Fact]
    public void InsertMany_WithADuplicateSetKey_RollsTheWholeBatchBack()
    {
        Artist.Insert(_conn, new Artist { Id = 3, Name = "existing" });
        _conn.Commit();
        var batch = new[] { new Artist { Name = "unset" }, new Artist { Id = 3, Name = "duplicate" } };

        var error = Assert.Throws<ConstraintViolationException>(() => Artist.InsertMany(_conn, batch));

        Assert.Equal("artists", error.TableName);
        Assert.Equal("Cannot insert into table 'artists': a row with the same primary key (Id) already exists. Update the existing row instead, or use a different key.", error.Message);
        Assert.Equal(new[] { (3L, "existing") }, Artist.GetAll(_conn).Select(a => (a.Id, a.Name)));
    }
}
