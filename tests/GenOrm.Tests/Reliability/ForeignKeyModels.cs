using GenOrm;

namespace GenOrm.Tests.Reliability;

[Table("artist")]
public partial class Artist
{
    [PrimaryKey]
    public long ArtistId { get; set; }

    public string Name { get; set; } = "";
}

[Table("album")]
public partial class Album
{
    [PrimaryKey]
    public long AlbumId { get; set; }

    public string Title { get; set; } = "";
}

[Table("genre")]
public partial class Genre
{
    [PrimaryKey]
    public long GenreId { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A table with three foreign keys, for the errors that must say which one failed.</summary>
[Table("track")]
public partial class Track
{
    [PrimaryKey]
    public long TrackId { get; set; }

    [ForeignKey(typeof(Album))]
    public long AlbumId { get; set; }

    [ForeignKey(typeof(Genre))]
    public long GenreId { get; set; }

    [ForeignKey(typeof(Artist))]
    public long? ComposerId { get; set; }

    public string Name { get; set; } = "";
}
