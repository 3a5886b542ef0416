using GenOrm;

namespace GenOrm.Tests.Query;

/// <summary>A table of dates and times, with lookups on each kind.</summary>
[Table("timed_events")]
public partial class TimedEvent
{
    [PrimaryKey]
    public int Id { get; set; }

    [Index]
    public DateTime At { get; set; }

    [Index]
    public DateTimeOffset? Instant { get; set; }

    public TimeOnly? Time { get; set; }
}

/// <summary>
/// Comparisons on dates and times agree with .NET's <c>==</c> and <c>&lt;</c>: <see cref="DateTime"/> by ticks whatever
/// the kind, <see cref="DateTimeOffset"/> by instant whatever the offset; rows in SQLite's own text forms (as in the
/// Chinook sample database) read and compare; SQLite's date functions read GenOrm's values.
/// </summary>
public sealed class DateTimeSemanticsTests : IDisposable
{
    private const string UnreadableTail =
        " The stored data does not fit the model (a database of an older shape, or written by another tool); "
        + "fix the row, or change the property's type to one that holds such values.";

    private static readonly DateTime Feb11 = new(2021, 2, 11, 0, 0, 0, DateTimeKind.Unspecified);

    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public DateTimeSemanticsTests()
    {
        _conn = _engine.Connect();
        TimedEvent.CreateTable(_conn);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void DateTimeBoundsOfEveryKind_FindTheRowWithTheSameTicks()
    {
        TimedEvent.Insert(_conn, new TimedEvent { Id = 1, At = Feb11 });
        TimedEvent.Insert(_conn, new TimedEvent { Id = 2, At = new DateTime(2021, 2, 12, 0, 0, 0, DateTimeKind.Utc) });

        foreach (DateTimeKind kind in Enum.GetValues<DateTimeKind>())
        {
            DateTime bound = DateTime.SpecifyKind(Feb11, kind);
            Assert.Equal([1], Ids(TimedEvent.Columns.At == bound));
            Assert.Equal([2], Ids(TimedEvent.Columns.At != bound));
            Assert.Equal([1], Ids(TimedEvent.Columns.At <= bound));
            Assert.Equal([2], Ids(TimedEvent.Columns.At > bound));
            Assert.Equal([1], Ids(TimedEvent.Columns.At.In(bound, bound.AddDays(-1))));
            Assert.Equal([1], TimedEvent.GetByAt(_conn, bound).Select(e => e.Id));
        }

        TimedEvent read = TimedEvent.GetById(_conn, 2)!;
        Assert.Equal(new DateTime(2021, 2, 12, 0, 0, 0, DateTimeKind.Utc), read.At);
        Assert.Equal(DateTimeKind.Unspecified, read.At.Kind);
    }

    [Fact]
    public void RowInSqlitesOwnFormat_IsFoundByEqualityAndBetween_AndSortsAmongGenOrmRows()
    {
        _conn.Execute(Sql.Text("insert into timed_events (Id, At) values (1, '2021-02-11 00:00:00')"));
        TimedEvent.InsertMany(_conn,
        [
            new TimedEvent { Id = 2, At = Feb11.AddSeconds(0.25) },
            new TimedEvent { Id = 3, At = Feb11.AddSeconds(-0.5) },
            new TimedEvent { Id = 4, At = Feb11.AddSeconds(0.5) },
            new TimedEvent { Id = 5, At = Feb11.AddSeconds(1) },
            new TimedEvent { Id = 6, At = new DateTime(2021, 1, 31, 23, 59, 59, DateTimeKind.Utc) },
        ]);

        Assert.Equal([1], Ids(TimedEvent.Columns.At == new DateTime(2021, 2, 11, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal([1, 3], Ids(TimedEvent.Columns.At.Between(new DateTime(2021, 2, 1), Feb11)));
        Assert.Equal([1], TimedEvent.GetByAt(_conn, Feb11).Select(e => e.Id));
        Assert.Equal([6, 3, 1, 2, 4, 5], TimedEvent.Query(_conn).OrderBy(TimedEvent.Columns.At).All().Select(e => e.Id).ToArray());
        Assert.Equal(Feb11, TimedEvent.GetById(_conn, 1)!.At);
    }

    [Fact]
    public void StoredText_IsSqlitesCanonicalForm_AndSortsChronologically()
    {
        TimedEvent.InsertMany(_conn,
        [
            new TimedEvent { Id = 1, At = Feb11.AddSeconds(0.5), Time = new TimeOnly(12, 30, 5, 500) },
            new TimedEvent { Id = 2, At = Feb11, Time = new TimeOnly(12, 30, 5) },
            new TimedEvent { Id = 3, At = Feb11.AddSeconds(0.25), Time = new TimeOnly(12, 30, 5, 250) },
            new TimedEvent { Id = 4, At = Feb11.AddTicks(1), Time = new TimeOnly(12, 30, 5).Add(TimeSpan.FromTicks(1)) },
        ]);

        Assert.Equal(
            ["2 2021-02-11 00:00:00 12:30:05", "4 2021-02-11 00:00:00.0000001 12:30:05.0000001", "3 2021-02-11 00:00:00.25 12:30:05.25", "1 2021-02-11 00:00:00.5 12:30:05.5"],
            _conn.Execute(Sql.Text("select Id || ' ' || At || ' ' || Time from timed_events order by At")).Select(r => r.Get<string>(0)).ToArray());
        Assert.Equal([2, 4, 3, 1], TimedEvent.Query(_conn).OrderBy(TimedEvent.Columns.At).All().Select(e => e.Id).ToArray());
        Assert.Equal([1, 3, 4, 2], TimedEvent.Query(_conn).OrderByDescending(TimedEvent.Columns.At).All().Select(e => e.Id).ToArray());
        Assert.Equal([2], Ids(TimedEvent.Columns.Time == new TimeOnly(12, 30, 5)));
        Assert.Equal(1, _conn.Execute(Sql.Text("select count(*) from timed_events where Time = time('12:30:05') and At = datetime('2021-02-11')")).Scalar<long>());
    }

    [Fact]
    public void DateTimeOffsets_AtOtherOffsets_CompareByInstant()
    {
        var nepal = new DateTimeOffset(2021, 2, 11, 5, 45, 0, new TimeSpan(5, 45, 0));
        var brazil = new DateTimeOffset(2021, 2, 10, 21, 0, 0, TimeSpan.FromHours(-3));
        Assert.Equal(nepal, brazil);
        TimedEvent.Insert(_conn, new TimedEvent { Id = 1, At = Feb11, Instant = nepal });
        TimedEvent.Insert(_conn, new TimedEvent { Id = 2, At = Feb11, Instant = brazil.AddMinutes(-1) });
        TimedEvent.Insert(_conn, new TimedEvent { Id = 3, At = Feb11, Instant = new DateTimeOffset(2021, 2, 11, 1, 1, 0, TimeSpan.FromHours(1)) });

        Assert.Equal([1], Ids(TimedEvent.Columns.Instant == brazil));
        Assert.Equal([1], Ids(TimedEvent.Columns.Instant == nepal.ToUniversalTime()));
        Assert.Equal([1], Ids(TimedEvent.Columns.Instant.In(brazil)));
        Assert.Equal([1], TimedEvent.GetByInstant(_conn, brazil).Select(e => e.Id));
        Assert.Equal([2], Ids(TimedEvent.Columns.Instant < brazil));
        Assert.Equal([1, 2], Ids(TimedEvent.Columns.Instant.Between(brazil.AddHours(-1), nepal)));
        Assert.Equal([2, 1, 3], TimedEvent.Query(_conn).OrderBy(TimedEvent.Columns.Instant).All().Select(e => e.Id).ToArray());

        DateTimeOffset read = TimedEvent.GetById(_conn, 1)!.Instant!.Value;
        Assert.Equal(nepal, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Equal("2021-02-11 00:00:00", _conn.Execute(Sql.Text("select Instant from timed_events where Id = 1")).Scalar<string>());
    }

    [Fact]
    public void SqliteDateFunctions_ReadGenOrmValues()
    {
        var at = new DateTime(2021, 12, 31, 23, 30, 15, DateTimeKind.Local).AddTicks(2_500_000);
        var instant = new DateTimeOffset(2022, 1, 1, 1, 0, 0, TimeSpan.FromHours(2));
        TimedEvent.Insert(_conn, new TimedEvent { Id = 1, At = at, Instant = instant });

        Row row = _conn.Execute(Sql.Text(
            "select strftime('%Y', At), julianday(At), date(At), strftime('%Y-%m-%d %H:%M:%f', At), datetime(Instant), strftime('%Y', Instant) from timed_events")).One();

        Assert.Equal("2021", row.Get<string>(0));
        Assert.Equal(2459580.479343, row.Get<double>(1), 6);
        Assert.Equal("2021-12-31", row.Get<string>(2));
        Assert.Equal("2021-12-31 23:30:15.250", row.Get<string>(3));
        Assert.Equal("2021-12-31 23:00:00", row.Get<string>(4));
        Assert.Equal("2021", row.Get<string>(5));
    }

    public static TheoryData<string, DateTime> SqliteForms => new()
    {
        { "2021-02-11", new DateTime(2021, 2, 11) },
        { "2021-02-11 13:45", new DateTime(2021, 2, 11, 13, 45, 0) },
        { "2021-02-11T13:45", new DateTime(2021, 2, 11, 13, 45, 0) },
        { "2021-02-11 13:45:30", new DateTime(2021, 2, 11, 13, 45, 30) },
        { "2021-02-11T13:45:30", new DateTime(2021, 2, 11, 13, 45, 30) },
        { "2021-02-11 13:45:30.5", new DateTime(2021, 2, 11, 13, 45, 30, 500) },
        { "2021-02-11T13:45:30.123", new DateTime(2021, 2, 11, 13, 45, 30, 123) },
        { "2021-02-11 13:45:30.123456789", new DateTime(2021, 2, 11, 13, 45, 30).AddTicks(1_234_567) },
        { "2021-02-11 13:45Z", new DateTime(2021, 2, 11, 13, 45, 0) },
        { "2021-02-11 13:45:30z", new DateTime(2021, 2, 11, 13, 45, 30) },
        { "2021-02-11T13:45:30+05:45", new DateTime(2021, 2, 11, 8, 0, 30) },
        { "2021-02-11 23:00:00.25-03:00", new DateTime(2021, 2, 12, 2, 0, 0, 250) },
        { "2021-02-11 13:45:30+00:00", new DateTime(2021, 2, 11, 13, 45, 30) },
        { "13:45", new DateTime(2000, 1, 1, 13, 45, 0) },
        { "13:45:30", new DateTime(2000, 1, 1, 13, 45, 30) },
        { "13:45:30.25", new DateTime(2000, 1, 1, 13, 45, 30, 250) },
        { "13:45:30.25+01:00", new DateTime(2000, 1, 1, 12, 45, 30, 250) },
        { "2021-02-11T13:45:30.1234567Z", new DateTime(2021, 2, 11, 13, 45, 30).AddTicks(1_234_567) },
        { "2021-02-11T13:45:30.1234567+02:00", new DateTime(2021, 2, 11, 11, 45, 30).AddTicks(1_234_567) },
        { "2021-02-11T13:45:30.1234567", new DateTime(2021, 2, 11, 13, 45, 30).AddTicks(1_234_567) },
        { "0001-01-01T00:00:00.0000000", DateTime.MinValue },
        { "9999-12-31T23:59:59.9999999Z", DateTime.MaxValue },
    };

    [Theory]
    [MemberData(nameof(SqliteForms))]
    public void SqliteTextForms_ReadAsDateTime_AsSqliteReadsThem(string text, DateTime expected)
    {
        _conn.Execute(Sql.Text("insert into timed_events (Id, At) values (1, :text)"), new Params { ["text"] = text });

        DateTime read = TimedEvent.GetById(_conn, 1)!.At;
        Row row = _conn.Execute(Sql.Text("select At, strftime('%Y-%m-%d %H:%M:%S', At) from timed_events")).One();

        Assert.Equal(expected, read);
        Assert.Equal(DateTimeKind.Unspecified, read.Kind);
        Assert.Equal(expected, row.Get<DateTime>(0));
        Assert.Equal(row.Get<string>(1), read.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2021-02-11 13:45:30", 13, 0)]
    [InlineData("2021-02-11T13:45:30.0000000+05:45", 13, 345)]
    [InlineData("2021-02-11T13:45:30.0000000-03:00", 13, -180)]
    [InlineData("2021-02-11T13:45:30Z", 13, 0)]
    public void SqliteTextForms_ReadAsDateTimeOffset_KeepTheirOffset(string text, int hour, int offsetMinutes)
    {
        _conn.Execute(Sql.Text("insert into timed_events (Id, At, Instant) values (1, '2021-02-11', :text)"), new Params { ["text"] = text });

        DateTimeOffset read = TimedEvent.GetById(_conn, 1)!.Instant!.Value;

        Assert.Equal(new DateTimeOffset(2021, 2, 11, hour, 45, 30, TimeSpan.FromMinutes(offsetMinutes)), read);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), read.Offset);
        Assert.Equal(read, _conn.Execute(Sql.Text("select Instant from timed_events")).One().Get<DateTimeOffset>(0));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("2021-02-30")]
    [InlineData("2021-02-11 24:00")]
    [InlineData("2021-02-11 13:60")]
    [InlineData("2021-02-11 13:45:30.")]
    [InlineData("2021-02-11Z")]
    [InlineData("2021-02-11 13:45:30+14:01")]
    [InlineData("2021-02-11 13:45:30+0545")]
    [InlineData("2021-02-11 13:45:30 ")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("0001-01-01 00:00:00+01:00")]
    [InlineData("2021-2-11")]
    [InlineData("11/02/2021")]
    public void TextThatIsNotADateAndTime_ThrowsNamingTheColumn(string text)
    {
        _conn.Execute(Sql.Text("insert into timed_events (Id, At, Instant) values (1, :text, :text)"), new Params { ["text"] = text });

        var error = Assert.Throws<GenOrmException>(() => TimedEvent.GetById(_conn, 1));
        Assert.Equal("Cannot read column 'At' of table 'timed_events' as DateTime: the row holds TEXT that is not a date and time." + UnreadableTail, error.Message);
        _conn.Execute(Sql.Text("update timed_events set At = '2021-02-11'"));
        error = Assert.Throws<GenOrmException>(() => TimedEvent.GetById(_conn, 1));
        Assert.Equal("Cannot read column 'Instant' of table 'timed_events' as DateTimeOffset: the row holds TEXT that is not a date and time." + UnreadableTail, error.Message);

        var cast = Assert.Throws<InvalidCastException>(() => _conn.Execute(Sql.Text("select Instant from timed_events")).One().Get<DateTime>(0));
        Assert.Equal("Column 'Instant' holds a TEXT value, which cannot be read as 'DateTime'.", cast.Message);
    }

    [Theory]
    [InlineData("1613001600", "an INTEGER")]
    [InlineData("2459256.5", "a REAL")]
    [InlineData("x'00'", "a BLOB")]
    public void NumbersAndBlobs_ThrowNamingTheStorageClass(string literal, string storageClass)
    {
        // A TEXT column turns numbers into text; a column declared without a type (another tool's table) keeps them.
        _conn.Execute(Sql.Text("drop table timed_events"));
        _conn.Execute(Sql.Text("create table timed_events (Id INTEGER PRIMARY KEY, At, Instant, Time)"));
        _conn.Execute(Sql.Text($"insert into timed_events (Id, At) values (1, {literal})"));

        var error = Assert.Throws<GenOrmException>(() => TimedEvent.GetById(_conn, 1));

        Assert.Equal($"Cannot read column 'At' of table 'timed_events' as DateTime: the row holds {storageClass}." + UnreadableTail, error.Message);
    }

    [Fact]
    public void CoreLayer_StoresAndReadsTheSameForms()
    {
        _conn.Execute(
            Sql.Text("insert into timed_events (Id, At, Instant, Time) values (1, :at, :instant, :time)"),
            new Params { ["at"] = new DateTime(2021, 2, 11, 0, 0, 0, DateTimeKind.Utc), ["instant"] = new DateTimeOffset(2021, 2, 11, 5, 45, 0, new TimeSpan(5, 45, 0)), ["time"] = new TimeOnly(12, 30) });

        Row row = _conn.Execute(Sql.Text("select At, Instant, Time from timed_events where At = :at"), new Params { ["at"] = Feb11 }).One();

        Assert.Equal("('2021-02-11 00:00:00', '2021-02-11 00:00:00', '12:30:00')", row.ToString());
        Assert.Equal(Feb11, row.Get<DateTime>("At"));
        Assert.Equal(DateTimeKind.Unspecified, row.Get<DateTime>("At").Kind);
        Assert.Equal(new DateTimeOffset(Feb11, TimeSpan.Zero), row.Get<DateTimeOffset>("Instant"));
        Assert.Equal(Feb11, row.Get<DateTime?>("Instant"));
        Assert.Equal(new TimeOnly(12, 30), row.Get<TimeOnly>("Time"));
    }

    private int[] Ids(Condition<TimedEvent> condition) =>
        TimedEvent.Query(_conn).Where(condition).OrderBy(TimedEvent.Columns.Id).All().Select(e => e.Id).ToArray();
}
