using GenOrm;

namespace GenOrm.Tests.Postgres;

/// <summary>An author: an identity key, a bounded name, a nullable unique email, defaults and a scaled decimal.</summary>
[Table("ddl_author")]
public partial class DdlAuthor
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [MaxLength(80)]
    public string Name { get; set; } = "";

    [Unique]
    public string? Email { get; set; }

    [Default(true)]
    public bool Active { get; set; }

    [Column(Scale = 2), Default("9.5")]
    public decimal Fee { get; set; }

    [Default(54_000_000_000L)]
    public TimeSpan Break { get; set; }
}

/// <summary>A book: an identity key of <c>int</c>, foreign keys with each <c>ON DELETE</c> action, and an index.</summary>
[Table("ddl_book")]
public partial class DdlBook
{
    [PrimaryKey, AutoIncrement]
    public int Id { get; set; }

    [ForeignKey(typeof(DdlAuthor), OnDelete = OnDelete.Cascade)]
    public long AuthorId { get; set; }

    [ForeignKey(typeof(DdlAuthor), OnDelete = OnDelete.SetNull, Navigation = "Editor")]
    public long? EditorId { get; set; }

    [ForeignKey(typeof(DdlAuthor), OnDelete = OnDelete.Restrict, Navigation = "Reviewer")]
    public long ReviewerId { get; set; }

    [ForeignKey(typeof(DdlAuthor), Navigation = "Translator")]
    public long? TranslatorId { get; set; }

    [Index]
    public decimal Price { get; set; }
}

/// <summary>A nullable identity key and a nullable unique code: the lookups compare null-safely.</summary>
[Table("ddl_ticket")]
public partial class DdlTicket
{
    [PrimaryKey, AutoIncrement]
    public long? Id { get; set; }

    [Unique]
    public string? Code { get; set; }

    public int Seats { get; set; }
}
