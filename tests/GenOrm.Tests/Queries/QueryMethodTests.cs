using GenOrm;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Queries;

/// <summary>Generated [Query] methods on real SQLite: every return shape, the opt-out, errors, cancellation and echo.</summary>
public sealed class QueryMethodTests : IDisposable
{
    private readonly StringWriter _echo = new();
    private readonly Engine _engine;
    private readonly Connection _conn;

    public QueryMethodTests()
    {
        _engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = _echo });
        _conn = _engine.Connect();
        QArtist.CreateTable(_conn);
        QAlbum.CreateTable(_conn);
        QTrack.CreateTable(_conn);
        foreach (string name in new[] { "Abba", "AC/DC", "Beatles", "Accept" })
        {
            QArtist.Insert(_conn, new QArtist { Name = name });
        }

        // Abba: 2 albums, AC/DC: 3, Beatles: 1, Accept: 3.
        (long Artist, string Title)[] albums = [(1, "Arrival"), (1, "Voulez-Vous"), (2, "Back in Black"), (2, "Highway to Hell"), (2, "Powerage"), (3, "Help!"), (4, "Balls"), (4, "Restless"), (4, "Metal Heart")];
        foreach (var (artist, title) in albums)
        {
            QAlbum.Insert(_conn, new QAlbum { ArtistId = artist, Title = title });
        }

        QTrack.Insert(_conn, new QTrack { AlbumId = 1, Name = "Dancing Queen", Milliseconds = 230000 });
        QTrack.Insert(_conn, new QTrack { AlbumId = 1, Name = "Knowing Me", Composer = "Andersson", Milliseconds = 242000 });
        QTrack.Insert(_conn, new QTrack { AlbumId = 3, Name = "Hells Bells", Milliseconds = 312000 });
        _conn.Commit();
        _echo.GetStringBuilder().Clear();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void JoinGroupByReport_IntoRecord()
    {
        List<ArtistAlbums> top = MusicQueries.TopArtists(_conn, "A%", 2);

        Assert.Equal([new ArtistAlbums("AC/DC", 3, "Powerage"), new ArtistAlbums("Accept", 3, "Restless")], top);
    }

    [Fact]
    public void SelectStar_IntoTableClass_Streams()
    {
        using IEnumerator<QTrack> tracks = MusicQueries.TracksOf(_conn, 1).GetEnumerator();
        Assert.True(tracks.MoveNext());
        Assert.Equal((1L, "Dancing Queen", null, 230000), (tracks.Current.TrackId, tracks.Current.Name, tracks.Current.Composer, tracks.Current.Milliseconds));

        // Between rows the connection runs other work.
        Assert.Equal(3, MusicQueries.CountTracks(_conn));
        Assert.True(tracks.MoveNext());
        Assert.Equal("Knowing Me", tracks.Current.Name);
        Assert.False(tracks.MoveNext());
    }

    [Fact]
    public void StreamingEnumerable_RunsNothingUntilEnumerated()
    {
        IEnumerable<QTrack> tracks = MusicQueries.TracksOf(_conn, 1);
        Assert.Equal(string.Empty, _echo.ToString());

        Assert.Equal(["Dancing Queen", "Knowing Me"], tracks.Select(t => t.Name).ToArray());
        Assert.Equal(["Dancing Queen", "Knowing Me"], tracks.Select(t => t.Name).ToArray());
    }

    [Fact]
    public async Task AsyncShapes_ReturnTheSameRows()
    {
        var names = new List<string>();
        await foreach (QTrack track in MusicQueries.TracksOfAsync(_conn, 1))
        {
            names.Add(track.Name);
        }

        Assert.Equal(["Dancing Queen", "Knowing Me"], names);
        Assert.Equal(["Dancing Queen", "Knowing Me"], (await MusicQueries.TrackListAsync(_conn, 1)).Select(t => t.Name));
        Assert.Equal(3, await MusicQueries.CountTracksAsync(_conn, CancellationToken.None));
        Assert.Equal(2, await MusicQueries.SetComposerAsync(_conn, 1, "Ulvaeus", CancellationToken.None));
    }

    [Fact]
    public void ValueTuple_ZeroOrOne()
    {
        Assert.Equal(("Hells Bells", 312000), MusicQueries.FindTrack(_conn, 3));
        Assert.Null(MusicQueries.FindTrack(_conn, 99));
    }

    [Fact]
    public void ExactlyOne_ThrowsNoResultFoundForNone()
    {
        TrackSummary first = MusicQueries.FirstTrack(_conn, 1);
        Assert.Equal(("Dancing Queen", 1L, (string?)null), (first.Name, first.Id, first.Composer));

        var error = Assert.Throws<NoResultFoundException>(() => MusicQueries.FirstTrack(_conn, 2));
        Assert.Equal(
            "The statement returned no row, but exactly one was required. SQL: select Name, TrackId as Id, Composer from q_track where AlbumId = :albumId order by TrackId limit 1",
            error.Message);
    }

    [Fact]
    public void ZeroOrOne_ThrowsMultipleResultsFoundForTwo()
    {
        Assert.Null(MusicQueries.OnlyTrack(_conn, 2));
        Assert.Equal("Hells Bells", MusicQueries.OnlyTrack(_conn, 3)!.Name);

        var error = Assert.Throws<MultipleResultsFoundException>(() => MusicQueries.OnlyTrack(_conn, 1));
        Assert.Equal(
            "The statement returned more than one row, but at most one was expected. SQL: select Name, TrackId as Id, Composer from q_track where AlbumId = :albumId",
            error.Message);
    }

    [Fact]
    public void Scalars()
    {
        Assert.Equal(3, MusicQueries.CountTracks(_conn));
        Assert.Equal("Beatles", MusicQueries.ArtistName(_conn, 3));
        Assert.Null(MusicQueries.ArtistName(_conn, 99));
    }

    [Fact]
    public void Dml_ReturnsRowsAffected_AndReturningRows()
    {
        Assert.Equal(2, MusicQueries.SetComposer(_conn, 1, "Ulvaeus"));
        Assert.Equal(0, MusicQueries.SetComposer(_conn, 42, null));
        Assert.Equal(["Ulvaeus", "Ulvaeus"], QTrack.GetAll(_conn).Where(t => t.AlbumId == 1).Select(t => t.Composer));

        Assert.Equal("Hells Bells", MusicQueries.DeleteReturningName(_conn, 3));
        Assert.Null(MusicQueries.DeleteReturningName(_conn, 3));
        Assert.Equal(new QArtistRow(5, "Queen"), MusicQueries.InsertArtist(_conn, "Queen"));
    }

    [Fact]
    public void VerifyFalse_MapsColumnsByName()
    {
        List<TrackSummary> rows = MusicQueries.UncheckedSummaries(_conn, 1);

        Assert.Equal([("Dancing Queen", 1L, (string?)null), ("Knowing Me", 2L, "Andersson")], rows.Select(r => (r.Name, r.Id, r.Composer)));
    }

    [Fact]
    public void VerifyFalse_MissingColumn_NamesTheMethodAndTheColumn()
    {
        var error = Assert.Throws<GenOrmException>(() => MusicQueries.UncheckedMissingColumn(_conn));

        Assert.Equal(
            "The result of [Query] method 'MusicQueries.UncheckedMissingColumn' has no column named 'Id', which a member of its result type needs. " +
            "Its columns are: Name. Select the column (or alias an expression AS Id), or remove the member. SQL: select Name from q_track",
            error.Message);
        Assert.Equal("Id", error.ColumnName);
        Assert.Equal(3, MusicQueries.CountTracks(_conn));
    }

    [Fact]
    public void Echo_ShowsTheSqlAndTheBoundParameters()
    {
        MusicQueries.TopArtists(_conn, "B%", 5);

        Assert.Equal(
            [
                "[genorm] BEGIN (implicit)",
                "[genorm] select ar.Name as Artist, count(*) as Albums, max(al.Title) as LastTitle",
                "[genorm] from q_artist ar join q_album al on al.ArtistId = ar.ArtistId",
                "[genorm] where lower(ar.Name) like lower(:prefix)",
                "[genorm] group by ar.Name order by Albums desc, ar.Name limit :top",
                "[genorm] [executed in X ms] {prefix: 'B%', top: 5}",
            ],
            Echo.Lines(_echo.ToString()));
    }

    [Fact]
    public async Task CancelledToken_StopsTheQueryBeforeItRuns()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MusicQueries.CountTracksAsync(_conn, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (QTrack unused in MusicQueries.TracksOfAsync(_conn, 1, cancelled.Token))
            {
            }
        });
        Assert.Equal(3, MusicQueries.CountTracks(_conn));
    }

    [Fact]
    public async Task CancellingARunningQuery_InterruptsIt_AndTheConnectionStaysUsable()
    {
        using var cancellation = new CancellationTokenSource();

        // The SQL function cancels the token from inside the running statement; only the interrupt can end the query.
        _conn.DbConnection.CreateFunction("cancel_now", () =>
        {
            cancellation.Cancel();
            return 1;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MusicQueries.EndlessAsync(_conn, cancellation.Token));
        Assert.Equal(3, MusicQueries.CountTracks(_conn));
    }
}
