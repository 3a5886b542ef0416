namespace GenOrm.Tests.Postgres;

/// <summary>An enum stored as its <c>int</c> value.</summary>
public enum Shade
{
    Red = 1,
    Green = 2,
}

/// <summary>An enum over <c>ulong</c>, whose values use all 64 bits.</summary>
public enum Huge : ulong
{
    Small = 1,
    Top = ulong.MaxValue,
}

/// <summary>A column of each type whose stored form differs between SQLite and PostgreSQL, for the typed-value contract.</summary>
[Table("typed_values")]
public partial class TypedValue
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    public bool Flag { get; set; }

    public Guid Key { get; set; }

    public decimal Amount { get; set; }

    [Column(Scale = 2)]
    public decimal Price { get; set; }

    [Column(Scale = 2)]
    public decimal? MaybePrice { get; set; }

    public ulong Big { get; set; }

    public ulong? MaybeBig { get; set; }

    public Shade Shade { get; set; }

    public Huge Huge { get; set; }

    public DateTime At { get; set; }

    public DateTimeOffset Stamp { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly Time { get; set; }

    public TimeSpan Span { get; set; }

    public byte[] Blob { get; set; } = [];

    public short Small { get; set; }
}
