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

    [Default("2.50")]
    public decimal Fee { get; set; }
}

/// <summary>Money stored exactly as an integer count of cents: <c>[Column(Scale = 2)]</c>.</summary>
[Table("invoices")]
public partial class Invoice
{
    [PrimaryKey]
    public long Id { get; set; }

    [Column(Scale = 2)]
    public decimal Total { get; set; }

    [Column("tax", Scale = 4), Default("0.5")]
    public decimal? Tax { get; set; }

    [Column(Scale = 0)]
    public decimal Units { get; set; }
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
    public void Default_IsStoredInCanonicalForm()
    {
        _conn.Execute(Sql.Text("insert into tracks (Id, Price, Code) values (8, '1', '8')"));

        Assert.Contains("\"Fee\" TEXT NOT NULL DEFAULT '2.5'", Track.CreateTableSql, StringComparison.Ordinal);
        Assert.Equal([8], Ids(Track.Columns.Fee == 2.5m & Track.Columns.Id == 8));
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

    private string Rows(string sql) => "[" + string.Join(", ", _conn.Execute(Sql.Text(sql)).All().Select(r => r.ToString())) + "]";

    private void CreateInvoices()
    {
        Invoice.CreateTable(_conn);
        Invoice.InsertMany(_conn,
        [
            new Invoice { Id = 1, Total = 10m, Tax = 0.1m, Units = 3m },
            new Invoice { Id = 2, Total = 9.99m, Tax = null, Units = 1.000m },
            new Invoice { Id = 3, Total = 100.5m, Tax = -0.0001m, Units = -2m },
            new Invoice { Id = 4, Total = -0.01m, Tax = 1.2345m, Units = 0m },
        ]);
    }

    [Fact]
    public void Scale_StoresAnExactInteger()
    {
        CreateInvoices();

        Assert.Contains("\"Total\" INTEGER NOT NULL", Invoice.CreateTableSql, StringComparison.Ordinal);
        Assert.Contains("\"tax\" INTEGER DEFAULT 5000", Invoice.CreateTableSql, StringComparison.Ordinal);
        Assert.Equal(
            "[(1, 1000, 1000, 3), (2, 999, None, 1), (3, 10050, -1, -2), (4, -1, 12345, 0)]",
            Rows("select Id, Total, tax, Units from invoices order by Id"));
    }

    [Fact]
    public void Scale_ReadsBackWithExactlyThatScale()
    {
        CreateInvoices();

        Invoice invoice = Invoice.GetById(_conn, 1)!;
        Assert.Equal("10.00", invoice.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.1000", invoice.Tax!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3", invoice.Units.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-0.0001", Invoice.GetById(_conn, 3)!.Tax!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(Invoice.GetById(_conn, 2)!.Tax);
    }

    [Fact]
    public void Scale_ComparesOrdersAndSums()
    {
        CreateInvoices();

        Assert.Equal([1], Invoice.Query(_conn).Where(Invoice.Columns.Total == 10.000m).All().Select(i => i.Id).ToArray());
        Assert.Equal([2, 4], Invoice.Query(_conn).Where(Invoice.Columns.Total < 10m).OrderBy(Invoice.Columns.Id).All().Select(i => i.Id).ToArray());
        Assert.Equal([3, 1], Invoice.Query(_conn).Where(Invoice.Columns.Total.Between(10m, 1000m)).OrderByDescending(Invoice.Columns.Total).All().Select(i => i.Id).ToArray());
        Assert.Equal([4, 2, 1, 3], Invoice.Query(_conn).OrderBy(Invoice.Columns.Total).All().Select(i => i.Id).ToArray());
        Assert.Equal([1, 2], Invoice.Query(_conn).Where(Invoice.Columns.Total.In(9.99m, 10m)).OrderBy(Invoice.Columns.Id).All().Select(i => i.Id).ToArray());

        Row sum = _conn.Execute(Sql.Text("select sum(Total), typeof(sum(Total)) from invoices")).One();
        Assert.Equal("(12048, 'integer')", sum.ToString());
    }

    [Fact]
    public void Scale_RefusesAValueThatWouldBeRounded_NamingTableAndColumn()
    {
        CreateInvoices();

        var tooPrecise = Assert.Throws<ArgumentException>(() => Invoice.Insert(_conn, new Invoice { Id = 5, Total = 0.005m }));
        Assert.Equal(
            "The value for column 'Total' of table 'invoices' has more than 2 decimal places, but [Column(Scale = 2)] stores it as an exact integer count of 10^-2 and GenOrm never rounds. Round the value first (decimal.Round), or raise the column's Scale.",
            tooPrecise.Message);

        var tooLarge = Assert.Throws<ArgumentException>(() => Invoice.Update(_conn, new Invoice { Id = 1, Total = 1m, Tax = 1_000_000_000_000_000m }));
        Assert.Equal(
            "The value for column 'tax' of table 'invoices' is too large for [Column(Scale = 4)]: the column stores the value times 10^4 as a 64-bit integer, so it holds values between -922337203685477.5808 and 922337203685477.5807. Lower the column's Scale, or check the value before writing it.",
            tooLarge.Message);

        Assert.Throws<ArgumentException>(() => Invoice.Query(_conn).Where(Invoice.Columns.Units == 0.5m).All());
        Assert.Throws<ArgumentException>(() => Invoice.Insert(_conn, new Invoice { Id = 6, Total = decimal.MaxValue }));
        Assert.Equal(4L, Invoice.Query(_conn).Count());
        Assert.Equal(10m, Invoice.GetById(_conn, 1)!.Total);
    }

    [Fact]
    public void Scale_KeepsTheExtremesOfTheLongRange()
    {
        CreateInvoices();
        Invoice.Insert(_conn, new Invoice { Id = 7, Total = -92233720368547758.08m, Units = 9223372036854775807m });

        Invoice invoice = Invoice.GetById(_conn, 7)!;
        Assert.Equal(-92233720368547758.08m, invoice.Total);
        Assert.Equal(9223372036854775807m, invoice.Units);
    }
}
