using GenOrm;

namespace GenOrm.Tests.Query;

public enum Mood : ulong
{
    Calm = 1,
    Wild = ulong.MaxValue,
}

/// <summary>One column of every storage form, to check that values keep their type through the JSON of an IN list.</summary>
[Table("in_values")]
public partial class InValue
{
    [PrimaryKey]
    public long Id { get; set; }

    public long Number { get; set; }

    public double Real { get; set; }

    public string Text { get; set; } = "";

    public decimal Money { get; set; }

    [Column(Scale = 3)]
    public decimal Exact { get; set; }

    public byte[] Bytes { get; set; } = [];

    public Guid Guid { get; set; }

    public DateTime When { get; set; }

    public bool Flag { get; set; }

    public ulong Big { get; set; }

    public Mood Mood { get; set; }
}

public sealed class InListTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public InListTests()
    {
        _conn = _engine.Connect();
        InValue.CreateTable(_conn);
        InValue.InsertMany(_conn,
        [
            new InValue { Id = 1, Number = long.MinValue, Real = double.Epsilon, Text = "quote \" and \\ backslash", Money = 1.50m, Exact = -0.001m, Bytes = [], Guid = Guid.Empty, When = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Flag = true, Big = ulong.MaxValue, Mood = Mood.Wild },
            new InValue { Id = 2, Number = long.MaxValue, Real = double.MaxValue, Text = "tab\tnewline\nNUL\0bell\a", Money = -0m, Exact = 12345678.901m, Bytes = [0, 255, 16], Guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), When = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Local), Flag = false, Big = 0, Mood = Mood.Calm },
            new InValue { Id = 3, Number = 0, Real = 0.1, Text = "emoji 😀, é, \u2028, 中文", Money = 79228162514264337593543950335m, Exact = 0m, Bytes = [1], Guid = Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), When = DateTime.MaxValue, Flag = true, Big = 1, Mood = Mood.Calm },
            new InValue { Id = 4, Number = -1, Real = double.NegativeInfinity, Text = "", Money = 0.0000000000000000000000000001m, Exact = 9223372036854775.807m, Bytes = [1, 2], Guid = Guid.Parse("00000000-0000-0000-0000-000000000001"), When = DateTime.MinValue, Flag = false, Big = 2, Mood = Mood.Wild },
            new InValue { Id = 5, Number = 9007199254740993, Real = double.PositiveInfinity, Text = "'%_", Money = 2m, Exact = -9223372036854775.808m, Bytes = [2], Guid = Guid.Parse("00000000-0000-0000-0000-000000000002"), When = new DateTime(2000, 2, 29), Flag = true, Big = 3, Mood = Mood.Calm },
        ]);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    private long[] Ids(Condition<InValue> condition) =>
        InValue.Query(_conn).Where(condition).OrderBy(InValue.Columns.Id).All().Select(v => v.Id).ToArray();

    [Fact]
    public void In_KeepsEveryStorageTypeExact()
    {
        Assert.Equal([1, 2, 5], Ids(InValue.Columns.Number.In(long.MinValue, long.MaxValue, 9007199254740993, 9007199254740992)));
        Assert.Equal([1, 2, 3, 4, 5], Ids(InValue.Columns.Real.In(double.Epsilon, double.MaxValue, 0.1, double.NegativeInfinity, double.PositiveInfinity)));
        Assert.Empty(Ids(InValue.Columns.Real.In(0.30000000000000004, 0.1 + 1e-17 * 2, double.MinValue)));
        Assert.Equal([1, 2, 3, 4, 5], Ids(InValue.Columns.Text.In("quote \" and \\ backslash", "tab\tnewline\nNUL\0bell\a", "emoji 😀, é, \u2028, 中文", "", "'%_")));
        Assert.Empty(Ids(InValue.Columns.Text.In("tab\tnewline\nNUL", "emoji 😀, e", "QUOTE \" AND \\ BACKSLASH")));
        Assert.Equal([1, 2, 3, 4], Ids(InValue.Columns.Money.In(1.5000m, 0.00m, 79228162514264337593543950335m, 0.0000000000000000000000000001m)));
        Assert.Equal([1, 2, 4, 5], Ids(InValue.Columns.Exact.In(-0.001m, 12345678.901m, 9223372036854775.807m, -9223372036854775.808m)));
        Assert.Equal([1, 2, 3], Ids(InValue.Columns.Bytes.In(new byte[][] { [], [0, 255, 16], [1] })));
        Assert.Equal([1, 3], Ids(InValue.Columns.Guid.In(Guid.Empty, Guid.Parse("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"))));
        // Row 2's Local midnight has the same ticks as the Utc bound, and .NET calls the two equal.
        Assert.Equal([1, 2, 3, 4], Ids(InValue.Columns.When.In(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.MaxValue, DateTime.MinValue)));
        Assert.Equal([2, 4], Ids(InValue.Columns.Flag.In(false)));
        Assert.Equal([1, 4], Ids(InValue.Columns.Big.In(ulong.MaxValue, 2UL)));
        Assert.Equal([1, 4], Ids(InValue.Columns.Mood.In(Mood.Wild)));
    }

    [Fact]
    public void In_BindsOneParameter_WhateverTheLength()
    {
        string one = InValue.Query(_conn).Where(InValue.Columns.Id.In(1)).ToSql();
        string many = InValue.Query(_conn).Where(InValue.Columns.Id.In(Enumerable.Range(0, 1000).Select(i => (long)i))).ToSql();

        Assert.EndsWith(" FROM \"in_values\" WHERE \"Id\" IN (SELECT value FROM json_each(@p0))", one, StringComparison.Ordinal);
        Assert.Equal(one, many);
        Assert.EndsWith(
            " WHERE (\"Bytes\" IN (SELECT unhex(value) FROM json_each(@p0)) OR \"Text\" IN (SELECT value FROM json_each(@p1)))",
            InValue.Query(_conn).Where(InValue.Columns.Bytes.In(new byte[][] { [1] }) | InValue.Columns.Text.In("a")).ToSql(),
            StringComparison.Ordinal);
        Assert.EndsWith(" WHERE 1 = 0", InValue.Query(_conn).Where(InValue.Columns.Id.In()).ToSql(), StringComparison.Ordinal);
    }

    [Fact]
    public void In_With100000Values_FindsExactlyTheRows()
    {
        Track.CreateTable(_conn);
        Track.InsertMany(_conn, Enumerable.Range(0, 50_000).Select(i => new Track { Id = i, Price = i / 100m, Code = i }).ToList());
        long[] evens = Enumerable.Range(0, 100_000).Select(i => 2L * i).ToArray();

        Assert.Equal(25_000, Track.Query(_conn).Where(Track.Columns.Id.In(evens)).Count());
        Assert.Equal(25_000, Track.Query(_conn).Where(!Track.Columns.Id.In(evens)).Count());
        Assert.Equal(25_000, Track.Query(_conn).Where(Track.Columns.Code.In(evens.Select(e => (decimal)e))).Count());
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => 2L * i).ToArray(),
            Track.Query(_conn).Where(Track.Columns.Id.In(evens)).OrderBy(Track.Columns.Id).Limit(5).All().Select(t => t.Id).ToArray());
        Assert.Equal(50_000, Track.Query(_conn).Where(Track.Columns.Discount.In(new decimal?[] { null, 1m })).Count());
    }

    [Fact]
    public void ErrorMessage_QuotesOnlyTheStartOfAHugeStatement()
    {
        string sql = "select count(*) from no_such_table where x in (" + string.Join(", ", Enumerable.Range(0, 100_000)) + ")";

        var error = Assert.Throws<GenOrmException>(() => _conn.Execute(Sql.Text(sql)));

        Assert.Equal(
            "SQLite rejected the statement: no such table: no_such_table. SQL: " + sql[..200] + "… (" + sql.Length + " characters in all)",
            error.Message);
        Assert.Equal(sql, error.Sql);
    }
}
