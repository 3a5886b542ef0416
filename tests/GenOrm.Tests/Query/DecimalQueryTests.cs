using GenOrm;

namespace GenOrm.Tests.Query;

/// <summary>A table of decimal columns stored as canonical text: equality follows decimal equality.</summary>
[Table("tracks")]
public partial class Track
{
    [PrimaryKey]
    public long Id { get; set; }

    public decimal Price { get; set; }

    [Unique]
    public decimal Code { get; set; }

    public decimal? Discount { get; set; }
}

public sealed class DecimalQueryTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public DecimalQueryTests()
    {
        _conn = _engine.Connect();
        Track.CreateTable(_conn);
        Track.InsertMany(_conn,
        [
            new Track { Id = 1, Price = 0.99m, Code = 1.50m, Discount = 0.10m },
            new Track { Id = 2, Price = 0.990m, Code = 2m, Discount = null },
            new Track { Id = 3, Price = 1.5m, Code = 3.000m, Discount = -0.00m },
        ]);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    private long[] Ids(Condition<Track> condition) =>
        Track.Query(_conn).Where(condition).OrderBy(Track.Columns.Id).All().Select(t => t.Id).ToArray();

    [Fact]
    public void Equality_FollowsDecimalEquality_WhateverTheScale()
    {
        Assert.Equal([1, 2], Ids(Track.Columns.Price == 0.99m));
        Assert.Equal([1, 2], Ids(Track.Columns.Price == 0.99m * 1.00m));
        Assert.Equal([3], Ids(Track.Columns.Price == 1.500m));
        Assert.Equal([3], Ids(Track.Columns.Price != 0.9900m));
        Assert.Equal([1, 3], Ids(Track.Columns.Price.In(0.9900000m, 1.5m) & Track.Columns.Code.In(1.5m, 3m)));
        Assert.Equal([3], Ids(Track.Columns.Discount == 0m));
        Assert.Equal([1], Ids(Track.Columns.Discount == 0.1m));
    }

    [Fact]
    public void Lookup_FindsTheRowWhateverTheScale()
    {
        Assert.Equal(1, Track.GetByCode(_conn, 1.5m)!.Id);
        Assert.Equal(2, Track.GetByCode(_conn, 2.00m)!.Id);
        Assert.Equal(3, Track.GetByCode(_conn, 3m)!.Id);
    }

    [Fact]
    public void EveryWritePath_StoresTheCanonicalText()
    {
        Track.Upsert(_conn, new Track { Id = 4, Price = 10.0m, Code = 4.40m, Discount = 100m });
        Track.Update(_conn, new Track { Id = 2, Price = -1.230m, Code = 2.0m, Discount = -0.0m });
        Track.Query(_conn).Where(Track.Columns.Id == 1).Update(Track.Columns.Discount.Set(0.500m));
        _conn.Execute(Sql.Text("insert into tracks (Id, Price, Code) values (5, :price, :code)"), new Params { ["price"] = 7.70m, ["code"] = 5.0m });

        IReadOnlyList<Row> rows = _conn.Execute(Sql.Text("select Price, Code, Discount from tracks order by Id")).All();

        Assert.Equal(
            ["('0.99', '1.5', '0.5')", "('-1.23', '2', '0')", "('1.5', '3', '0')", "('10', '4.4', '100')", "('7.7', '5', None)"],
            rows.Select(r => r.ToString()).ToArray());
    }

    [Fact]
    public void ValuesReadBack_AreEqualToTheValuesWritten()
    {
        Track track = Track.GetById(_conn, 2)!;

        Assert.Equal(0.990m, track.Price);
        Assert.Equal("0.99", track.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2m, track.Code);
    }

    [Fact]
    public void OldNonCanonicalText_IsStillRead()
    {
        _conn.Execute(Sql.Text("insert into tracks (Id, Price, Code, Discount) values (9, '1.50', '9.000', '-0.0')"));

        Track track = Track.GetById(_conn, 9)!;

        Assert.Equal(1.5m, track.Price);
        Assert.Equal(9m, track.Code);
        Assert.Equal(0m, track.Discount);
    }
}
