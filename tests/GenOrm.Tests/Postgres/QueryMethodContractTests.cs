using GenOrm.Tests.Queries;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// The generated <c>[Query]</c> methods on both databases: SQL written as it runs on SQLite (unquoted, mixed-case
/// names such as <c>AlbumId</c>) runs on PostgreSQL too, whose text the generator writes with the declared names
/// quoted (PostgreSQL would fold <c>AlbumId</c> to <c>albumid</c>, a column its DDL does not have).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QueryMethodContractTests(PostgresFixture fixture)
{
    /// <summary>Gets the databases to run on: SQLite always, PostgreSQL unless its binaries are missing (and not required).</summary>
    public static TheoryData<string> Databases() => GeneratedCrudContractTests.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task EveryShape_SameRows(string database)
    {
        using Engine engine = Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);
        using Connection connection = engine.Connect();
        Seed(connection);

        Assert.Equal([new ArtistAlbums("AC/DC", 3, "Powerage"), new ArtistAlbums("Abba", 2, "Voulez-Vous")], MusicQueries.TopArtists(connection, "A%", 2));
        Assert.Equal(["Dancing Queen", "Knowing Me"], MusicQueries.TracksOf(connection, 1).Select(t => t.Name));
        Assert.Equal(["Dancing Queen", "Knowing Me"], (await MusicQueries.TrackListAsync(connection, 1)).Select(t => t.Name));
        Assert.Equal(("Hells Bells", 312000), MusicQueries.FindTrack(connection, 3));
        Assert.Null(MusicQueries.FindTrack(connection, 99));
        Assert.Equal(("Dancing Queen", 1L), (MusicQueries.FirstTrack(connection, 1).Name, MusicQueries.FirstTrack(connection, 1).Id));
        Assert.Equal(3L, MusicQueries.CountTracks(connection));
        Assert.Equal(3L, await MusicQueries.CountTracksAsync(connection, CancellationToken.None));
        Assert.Equal("Beatles", MusicQueries.ArtistName(connection, 3));
        Assert.Equal(2, MusicQueries.SetComposer(connection, 1, "Ulvaeus"));
        Assert.Equal(2, await MusicQueries.SetComposerAsync(connection, 1, "Andersson", CancellationToken.None));
        Assert.Equal("Hells Bells", MusicQueries.DeleteReturningName(connection, 3));
        Assert.Equal(new QArtistRow(4, "Ramones"), MusicQueries.InsertArtist(connection, "Ramones"));
        Assert.Equal(
            ["Dancing Queen Andersson", "Knowing Me Andersson"],
            MusicQueries.UncheckedSummaries(connection, 1).Select(s => $"{s.Name} {s.Composer}"));
        connection.Commit();
        Assert.Equal(2L, MusicQueries.CountTracks(connection));
    }

    private static void Seed(Connection connection)
    {
        QArtist.CreateTable(connection);
        QAlbum.CreateTable(connection);
        QTrack.CreateTable(connection);
        foreach (string name in new[] { "Abba", "AC/DC", "Beatles" })
        {
            QArtist.Insert(connection, new QArtist { Name = name });
        }

        (long Artist, string Title)[] albums = [(1, "Arrival"), (1, "Voulez-Vous"), (2, "Back in Black"), (2, "Highway to Hell"), (2, "Powerage"), (3, "Help!")];
        foreach (var (artist, title) in albums)
        {
            QAlbum.Insert(connection, new QAlbum { ArtistId = artist, Title = title });
        }

        QTrack.Insert(connection, new QTrack { AlbumId = 1, Name = "Dancing Queen", Milliseconds = 230000 });
        QTrack.Insert(connection, new QTrack { AlbumId = 1, Name = "Knowing Me", Composer = "Andersson", Milliseconds = 242000 });
        QTrack.Insert(connection, new QTrack { AlbumId = 3, Name = "Hells Bells", Milliseconds = 312000 });
        connection.Commit();
    }
}
