using GenOrm;

namespace GenOrm.Tests.Orm;

/// <summary>A UInt64 enum whose largest member needs all 64 bits.</summary>
public enum Magnitude : ulong
{
    /// <summary>Zero.</summary>
    None,

    /// <summary>Every bit set.</summary>
    All = ulong.MaxValue,
}

/// <summary>Columns whose <c>[Default]</c> is written in a form other than the one GenOrm binds.</summary>
[Table("defaulted")]
public partial class Defaulted
{
    [PrimaryKey]
    public long Id { get; set; }

    [Default("6F9619FF-8B86-D011-B42D-00CF4FC964FF")]
    public Guid Token { get; set; }

    [Default("2024-01-02T03:04")]
    public DateTime Created { get; set; }

    [Default("2024-01-02 03:04:05+02:00")]
    public DateTimeOffset Seen { get; set; }

    [Default("07:30")]
    public TimeOnly Opens { get; set; }

    [Default(ulong.MaxValue)]
    public ulong Mask { get; set; }

    [Default(Magnitude.All)]
    public Magnitude Size { get; set; }

    [Default(double.PositiveInfinity)]
    public double Limit { get; set; }
}

/// <summary>
/// A row that takes its defaults holds the same values as one written with them: they read back equal, and a query
/// that binds the value finds the row (a default stored in another text form would silently match nothing).
/// </summary>
public sealed class DefaultValueTests : IDisposable
{
    private static readonly Guid Token = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");
    private static readonly DateTime Created = new(2024, 1, 2, 3, 4, 0);
    private static readonly DateTimeOffset Seen = new(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public DefaultValueTests()
    {
        _conn = _engine.Connect();
        Defaulted.CreateTable(_conn);
        _conn.Execute(Sql.Text("insert into defaulted (Id) values (1)"));
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void RowThatTookTheDefaults_ReadsBackTheDefaultValues()
    {
        Defaulted row = Assert.Single(Defaulted.GetAll(_conn));
        Assert.Equal(Token, row.Token);
        Assert.Equal(Created, row.Created);
        Assert.Equal(Seen, row.Seen);
        Assert.Equal(new TimeOnly(7, 30), row.Opens);
        Assert.Equal(ulong.MaxValue, row.Mask);
        Assert.Equal(Magnitude.All, row.Size);
        Assert.Equal(double.PositiveInfinity, row.Limit);
    }

    [Fact]
    public void RowThatTookTheDefaults_IsFoundByEachDefaultValue()
    {
        Assert.Equal(1, Defaulted.Query(_conn).Where(Defaulted.Columns.Token == Token).One().Id);
        Assert.Equal(1, Defaulted.Query(_conn).Where(Defaulted.Columns.Created == Created).One().Id);
        Assert.Equal(1, Defaulted.Query(_conn).Where(Defaulted.Columns.Seen == Seen).One().Id);
        Assert.Equal(1, Defaulted.Query(_conn).Where(Defaulted.Columns.Opens == new TimeOnly(7, 30)).One().Id);
        Assert.Equal(1, Defaulted.Query(_conn).Where(Defaulted.Columns.Mask == ulong.MaxValue).One().Id);
        Assert.Equal(1, Defaulted.Query(_conn).Where(Defaulted.Columns.Size == Magnitude.All).One().Id);
    }

    [Fact]
    public void RowThatTookTheDefaults_EqualsARowWrittenWithTheSameValues()
    {
        Defaulted.Insert(_conn, new Defaulted
        {
            Id = 2, Token = Token, Created = Created, Seen = Seen, Opens = new TimeOnly(7, 30),
            Mask = ulong.MaxValue, Size = Magnitude.All, Limit = double.PositiveInfinity,
        });

        var distinct = _conn.Execute(Sql.Text(
            "select count(*) from (select distinct Token, Created, Seen, Opens, Mask, Size, \"Limit\" from defaulted)")).Scalar<long>();
        Assert.Equal(1, distinct);
    }
}
