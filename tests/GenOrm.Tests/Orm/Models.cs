using GenOrm;

namespace GenOrm.Tests.Orm;

/// <summary>The seed's User: composite key (id, email), every string limited to 100 characters.</summary>
[Table("user")]
public partial class SeedUser
{
    [PrimaryKey, Column("id")]
    public long Id { get; set; }

    [MaxLength(100), Column("name")]
    public string Name { get; set; } = "";

    [PrimaryKey, MaxLength(100), Column("email")]
    public string Email { get; set; } = "";

    [MaxLength(100), Column("login")]
    public string Login { get; set; } = "";
}

/// <summary>A table with a database-generated key, a unique column, an index and a nullable column.</summary>
[Table("accounts")]
public partial class Account
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Unique, MaxLength(20)]
    public string Email { get; set; } = "";

    [Index]
    public string Login { get; set; } = "";

    public string? Nickname { get; set; }

    public int Score { get; set; }

    [Ignore]
    public string Transient { get; set; } = "not stored";

    /// <summary>A computed property: no setter, so it is not a column.</summary>
    public string Display => Email + " (" + Login + ")";
}

public enum Color
{
    Red = 1,
    Green = 2,
    Blue = 3,
}

public enum Tiny : byte
{
    Zero = 0,
    Max = 255,
}

public enum Huge : ulong
{
    None = 0,
    Top = ulong.MaxValue,
}

/// <summary>Every supported type, not null and nullable.</summary>
[Table]
public partial class AllTypes
{
    [PrimaryKey]
    public int Id { get; set; }

    public bool Bool { get; set; }
    public sbyte SByte { get; set; }
    public byte Byte { get; set; }
    public short Int16 { get; set; }
    public ushort UInt16 { get; set; }
    public int Int32 { get; set; }
    public uint UInt32 { get; set; }
    public long Int64 { get; set; }
    public ulong UInt64 { get; set; }
    public float Single { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public string String { get; set; } = "";
    public byte[] Bytes { get; set; } = [];
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public DateOnly DateOnly { get; set; }
    public TimeOnly TimeOnly { get; set; }
    public TimeSpan TimeSpan { get; set; }
    public Guid Guid { get; set; }
    public Color Color { get; set; }
    public Tiny Tiny { get; set; }
    public Huge Huge { get; set; }

    public bool? NBool { get; set; }
    public sbyte? NSByte { get; set; }
    public byte? NByte { get; set; }
    public short? NInt16 { get; set; }
    public ushort? NUInt16 { get; set; }
    public int? NInt32 { get; set; }
    public uint? NUInt32 { get; set; }
    public long? NInt64 { get; set; }
    public ulong? NUInt64 { get; set; }
    public float? NSingle { get; set; }
    public double? NDouble { get; set; }
    public decimal? NDecimal { get; set; }
    public string? NString { get; set; }
    public byte[]? NBytes { get; set; }
    public DateTime? NDateTime { get; set; }
    public DateTimeOffset? NDateTimeOffset { get; set; }
    public DateOnly? NDateOnly { get; set; }
    public TimeOnly? NTimeOnly { get; set; }
    public TimeSpan? NTimeSpan { get; set; }
    public Guid? NGuid { get; set; }
    public Color? NColor { get; set; }
    public Tiny? NTiny { get; set; }
    public Huge? NHuge { get; set; }
}

/// <summary>Identifiers that need quoting: a keyword, a space, a double quote.</summary>
[Table("order items")]
public partial class OrderItem
{
    [PrimaryKey, Column("order")]
    public int Order { get; set; }

    [Column("select")]
    public string Select { get; set; } = "";

    [Column("say \"hi\"")]
    public string? Quoted { get; set; }
}

/// <summary>A class with init-only properties and a private parameterless constructor.</summary>
[Table("notes")]
public sealed partial class Note
{
    private Note()
    {
    }

    public Note(long id, string text)
    {
        Id = id;
        Text = text;
    }

    [PrimaryKey]
    public long Id { get; init; }

    public string Text { get; init; } = "";
}

/// <summary>A table for typed queries: ordered, nullable and boolean columns.</summary>
[Table("products")]
public partial class Product
{
    [PrimaryKey]
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public double Price { get; set; }

    [Default(0)]
    public int? Stock { get; set; }

    [Default(true)]
    public bool Active { get; set; }

    public DateOnly Added { get; set; }

    [Default("misc")]
    public string? Category { get; set; }

    [Default(Color.Green)]
    public Color Color { get; set; }
}
