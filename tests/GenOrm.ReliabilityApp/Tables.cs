namespace GenOrm.ReliabilityApp;

/// <summary>
/// A row written by the concurrency tests: writer <see cref="Writer"/> writes its rows <see cref="Seq"/> = 0, 1, ...
/// in transactions; every row of one transaction has the same <see cref="Batch"/> and knows the batch's size, so a
/// reader can tell a whole transaction from part of one.
/// </summary>
[Table("reliability_rows")]
public partial class ReliabilityRow
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Index]
    public int Writer { get; set; }

    public int Seq { get; set; }

    [Index]
    public long Batch { get; set; }

    public int BatchSize { get; set; }

    public string Payload { get; set; } = "";
}

/// <summary>A row written by the crash test's child: every row of commit <see cref="CommitId"/> is written in one transaction.</summary>
[Table("crash_rows")]
public partial class CrashRow
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Index]
    public long CommitId { get; set; }

    public int Item { get; set; }

    public int ItemsInCommit { get; set; }

    public string Payload { get; set; } = "";
}

/// <summary>One nullable column of every stored kind, for hand-picked odd values.</summary>
[Table("odd_values")]
public partial class OddValue
{
    [PrimaryKey]
    public long Id { get; set; }

    [Index]
    public string? Text { get; set; }

    public byte[]? Bytes { get; set; }

    public decimal? Decimal { get; set; }

    public long? Int64 { get; set; }

    public ulong? UInt64 { get; set; }

    public double? Double { get; set; }

    public float? Single { get; set; }

    public DateTime? DateTime { get; set; }

    public DateTimeOffset? DateTimeOffset { get; set; }

    public DateOnly? DateOnly { get; set; }

    public TimeOnly? TimeOnly { get; set; }

    public TimeSpan? TimeSpan { get; set; }

    public Guid? Guid { get; set; }
}

/// <summary>A string key, so that odd strings go through a generated GetBy lookup too.</summary>
[Table("odd_keys")]
public partial class OddKey
{
    [PrimaryKey]
    public string Key { get; set; } = "";

    public double Number { get; set; }

    public byte[] Bytes { get; set; } = [];
}

/// <summary>Every stored kind as NOT NULL columns, for the randomized round trip.</summary>
[Table("random_rows")]
public partial class RandomRow
{
    [PrimaryKey]
    public long Id { get; set; }

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
    public string? NullableString { get; set; }
    public long? NullableInt64 { get; set; }
    public double? NullableDouble { get; set; }
}

/// <summary>A table and columns whose names need quoting: double quotes, spaces, SQL comment and statement separators.</summary>
[Table("we\"ird; tab--le")]
public partial class WeirdIdentifiers
{
    [PrimaryKey, Column("id \"quoted\"")]
    public long Id { get; set; }

    [Unique, Column("sel\"ect; --")]
    public string Select { get; set; } = "";

    [Index, Column("order")]
    public int Order { get; set; }

    [MaxLength(5), Column("short text")]
    public string Short { get; set; } = "";
}

/// <summary>A table named with an SQL keyword, with keyword columns.</summary>
[Table("group")]
public partial class KeywordTable
{
    [PrimaryKey, Column("where")]
    public long Where { get; set; }

    [Unique, Column("from")]
    public string From { get; set; } = "";

    [Column("values")]
    public string? Values { get; set; }
}

/// <summary>Non-ASCII letters in the table and column names.</summary>
[Table("Ünïcødé Tåble ж")]
public partial class UnicodeTable
{
    [PrimaryKey, Column("ключ")]
    public long Key { get; set; }

    [Unique, Column("名前")]
    public string Name { get; set; } = "";

    [Column("naïve café")]
    public string? Note { get; set; }
}
