using GenOrm;

namespace GenOrm.Tests.Queries;

[Table("q_artist")]
public partial class QArtist
{
    [PrimaryKey, AutoIncrement] public long ArtistId { get; set; }
    public string Name { get; set; } = "";
}

[Table("q_album")]
public partial class QAlbum
{
    [PrimaryKey, AutoIncrement] public long AlbumId { get; set; }
    public string Title { get; set; } = "";
    public long ArtistId { get; set; }
}

[Table("q_track")]
public partial class QTrack
{
    [PrimaryKey, AutoIncrement] public long TrackId { get; set; }
    public string Name { get; set; } = "";
    public long AlbumId { get; set; }
    public string? Composer { get; set; }
    public int Milliseconds { get; set; }
}

public sealed record ArtistAlbums(string Artist, long Albums, string? LastTitle);

public sealed class TrackSummary
{
    public required string Name { get; init; }
    public long Id { get; set; }
    public string? Composer { get; set; }
}

public static partial class MusicQueries
{
    [Query("""
        select ar.Name as Artist, count(*) as Albums, max(al.Title) as LastTitle
        from q_artist ar join q_album al on al.ArtistId = ar.ArtistId
        where lower(ar.Name) like lower(:prefix)
        group by ar.Name order by Albums desc, ar.Name limit :top
        """)]
    public static partial List<ArtistAlbums> TopArtists(Connection connection, string prefix, int top);

    [Query("select * from q_track where AlbumId = :albumId order by TrackId")]
    public static partial IEnumerable<QTrack> TracksOf(Connection connection, long albumId);

    [Query("select * from q_track where AlbumId = :albumId order by TrackId")]
    public static partial IAsyncEnumerable<QTrack> TracksOfAsync(Connection connection, long albumId, CancellationToken cancellationToken = default);

    [Query("select * from q_track where AlbumId = :albumId order by TrackId")]
    public static partial Task<List<QTrack>> TrackListAsync(Connection connection, long albumId, CancellationToken cancellationToken = default);

    [Query("select Name, Milliseconds from q_track where TrackId = :id")]
    public static partial (string Name, int Milliseconds)? FindTrack(Connection connection, long id);

    [Query("select Name, TrackId as Id, Composer from q_track where AlbumId = :albumId order by TrackId limit 1")]
    public static partial TrackSummary FirstTrack(Connection connection, long albumId);

    [Query("select Name, TrackId as Id, Composer from q_track where AlbumId = :albumId")]
    public static partial TrackSummary? OnlyTrack(Connection connection, long albumId);

    [Query("select count(*) from q_track")]
    public static partial long CountTracks(Connection connection);

    [Query("select count(*) from q_track")]
    public static partial Task<long> CountTracksAsync(Connection connection, CancellationToken cancellationToken);

    [Query("select Name from q_artist where ArtistId = :id")]
    public static partial string? ArtistName(Connection connection, long id);

    [Query("update q_track set Composer = :composer where AlbumId = :albumId")]
    public static partial int SetComposer(Connection connection, long albumId, string? composer);

    [Query("update q_track set Composer = :composer where AlbumId = :albumId")]
    public static partial Task<int> SetComposerAsync(Connection connection, long albumId, string? composer, CancellationToken cancellationToken);

    [Query("delete from q_track where TrackId = :id returning Name")]
    public static partial string? DeleteReturningName(Connection connection, long id);

    [Query("insert into q_artist (Name) values (:name) returning ArtistId, Name")]
    public static partial QArtistRow InsertArtist(Connection connection, string name);

    [Query("select TrackId as Id, Name, Composer from q_track where AlbumId = :albumId order by TrackId", Verify = false)]
    public static partial List<TrackSummary> UncheckedSummaries(Connection connection, long albumId);

    [Query("select Name from q_track", Verify = false)]
    public static partial List<TrackSummary> UncheckedMissingColumn(Connection connection);

    [Query("with recursive n(i) as (select 1 union all select i + 1 from n where cancel_now() >= 0) select count(*) from n", Verify = false)]
    public static partial Task<long> EndlessAsync(Connection connection, CancellationToken cancellationToken);
}

public sealed record QArtistRow(long ArtistId, string Name);
