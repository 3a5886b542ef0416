using GenOrm;

namespace GenOrm.Tests.Orm;

/// <summary>A parent table with a database-generated key.</summary>
[Table("artists")]
public partial class Artist
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A child table: its foreign key is indexed but not unique, as every foreign key of a real schema is.</summary>
[Table("albums")]
public partial class Album
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Index, ForeignKey(typeof(Artist))]
    public long ArtistId { get; set; }

    public string Title { get; set; } = "";
}
