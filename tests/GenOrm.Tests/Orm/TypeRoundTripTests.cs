using GenOrm;

namespace GenOrm.Tests.Orm;

public sealed class TypeRoundTripTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public TypeRoundTripTests()
    {
        _conn = _engine.Connect();
        AllTypes.CreateTable(_conn);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    public static TheoryData<string> Cases => new() { "min", "max", "zero", "unicode" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryType_RoundTripsExactly(string name)
    {
        AllTypes original = Make(name);

        AllTypes.Insert(_conn, original);
        AllTypes loaded = AllTypes.GetById(_conn, original.Id)!;

        AssertSame(original, loaded);
    }

    [Fact]
    public void NullableColumns_RoundTripNull()
    {
        var original = Make("zero");
        AllTypes.Insert(_conn, original);

        AllTypes loaded = AllTypes.GetById(_conn, original.Id)!;

        Assert.Null(loaded.NBool);
        Assert.Null(loaded.NInt64);
        Assert.Null(loaded.NString);
        Assert.Null(loaded.NBytes);
        Assert.Null(loaded.NDateTime);
        Assert.Null(loaded.NGuid);
        Assert.Null(loaded.NColor);
        Assert.Null(loaded.NHuge);
        Assert.Equal(0, _conn.Execute(Sql.Text("select count(*) from AllTypes where NString is not null or NBytes is not null")).Scalar<long>());
    }

    [Fact]
    public void StorageForms_AreTheDocumentedOnes()
    {
        var original = Make("unicode");
        original.Bool = true;
        original.Decimal = 1.50m;
        original.DateTime = new DateTime(2024, 5, 1, 12, 30, 0, DateTimeKind.Utc);
        original.DateTimeOffset = new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2));
        original.DateOnly = new DateOnly(2024, 5, 1);
        original.TimeOnly = new TimeOnly(12, 30, 5);
        original.TimeSpan = TimeSpan.FromSeconds(1);
        original.Guid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        original.Color = Color.Blue;
        original.UInt64 = ulong.MaxValue;
        AllTypes.Insert(_conn, original);

        Row row = _conn.Execute(Sql.Text(
            "select Decimal, DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid, Color, UInt64, Bool, typeof(Bytes) from AllTypes")).One();

        Assert.Equal(
            "('1.5', '2024-05-01 12:30:00', '2024-05-01 10:30:00', '2024-05-01', '12:30:05', 10000000, '0f8fad5b-d9cb-469f-a165-70867728950e', 3, -1, 1, 'blob')",
            row.ToString());
    }

    [Fact]
    public void DateTimeKinds_AreNotStored_ValuesReadBackEqualAndUnspecified()
    {
        var utc = Make("zero");
        utc.Id = 1;
        utc.DateTime = new DateTime(2020, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc).AddTicks(9);
        var local = Make("zero");
        local.Id = 2;
        local.DateTime = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Local);

        AllTypes.InsertMany(_conn, [utc, local]);

        Assert.Equal(utc.DateTime, AllTypes.GetById(_conn, 1)!.DateTime);
        Assert.Equal(DateTimeKind.Unspecified, AllTypes.GetById(_conn, 1)!.DateTime.Kind);
        Assert.Equal(local.DateTime, AllTypes.GetById(_conn, 2)!.DateTime);
        Assert.Equal(DateTimeKind.Unspecified, AllTypes.GetById(_conn, 2)!.DateTime.Kind);
        Assert.Equal(
            "[('2020-01-02 03:04:05.6780009',), ('2020-01-02 03:04:05',)]",
            _conn.Execute(Sql.Text("select DateTime from AllTypes order by Id")).All().ToString());
    }

    [Fact]
    public void Strings_AreStoredVerbatim_EvenWhenTheyLookLikeSql()
    {
        var hostile = Make("zero");
        hostile.String = "'); drop table \"user\"; --";
        hostile.NString = "O'Brien \"quoted\" ; -- /* */ :x @y $z";

        AllTypes.Insert(_conn, hostile);
        AllTypes loaded = AllTypes.GetById(_conn, hostile.Id)!;

        Assert.Equal(hostile.String, loaded.String);
        Assert.Equal(hostile.NString, loaded.NString);
        Assert.Equal(1, _conn.Execute(Sql.Text("select count(*) from AllTypes")).Scalar<long>());
    }

    private static AllTypes Make(string name) => name switch
    {
        "min" => new AllTypes
        {
            Id = 1, Bool = false, SByte = sbyte.MinValue, Byte = byte.MinValue, Int16 = short.MinValue, UInt16 = ushort.MinValue,
            Int32 = int.MinValue, UInt32 = uint.MinValue, Int64 = long.MinValue, UInt64 = ulong.MinValue,
            Single = float.MinValue, Double = double.MinValue, Decimal = decimal.MinValue, String = "", Bytes = [],
            DateTime = DateTime.MinValue, DateTimeOffset = DateTimeOffset.MinValue, DateOnly = DateOnly.MinValue,
            TimeOnly = TimeOnly.MinValue, TimeSpan = TimeSpan.MinValue, Guid = Guid.Empty, Color = Color.Red, Tiny = Tiny.Zero, Huge = Huge.None,
            NBool = false, NSByte = sbyte.MinValue, NByte = byte.MinValue, NInt16 = short.MinValue, NUInt16 = ushort.MinValue,
            NInt32 = int.MinValue, NUInt32 = uint.MinValue, NInt64 = long.MinValue, NUInt64 = ulong.MinValue,
            NSingle = float.MinValue, NDouble = double.MinValue, NDecimal = decimal.MinValue, NString = "", NBytes = [],
            NDateTime = DateTime.MinValue, NDateTimeOffset = DateTimeOffset.MinValue, NDateOnly = DateOnly.MinValue,
            NTimeOnly = TimeOnly.MinValue, NTimeSpan = TimeSpan.MinValue, NGuid = Guid.Empty, NColor = Color.Red, NTiny = Tiny.Zero, NHuge = Huge.None,
        },
        "max" => new AllTypes
        {
            Id = 2, Bool = true, SByte = sbyte.MaxValue, Byte = byte.MaxValue, Int16 = short.MaxValue, UInt16 = ushort.MaxValue,
            Int32 = int.MaxValue, UInt32 = uint.MaxValue, Int64 = long.MaxValue, UInt64 = ulong.MaxValue,
            Single = float.MaxValue, Double = double.MaxValue, Decimal = decimal.MaxValue, String = new string('x', 10_000), Bytes = [0, 1, 255],
            DateTime = DateTime.MaxValue, DateTimeOffset = DateTimeOffset.MaxValue, DateOnly = DateOnly.MaxValue,
            TimeOnly = TimeOnly.MaxValue, TimeSpan = TimeSpan.MaxValue, Guid = Guid.AllBitsSet, Color = Color.Blue, Tiny = Tiny.Max, Huge = Huge.Top,
            NBool = true, NSByte = sbyte.MaxValue, NByte = byte.MaxValue, NInt16 = short.MaxValue, NUInt16 = ushort.MaxValue,
            NInt32 = int.MaxValue, NUInt32 = uint.MaxValue, NInt64 = long.MaxValue, NUInt64 = ulong.MaxValue,
            NSingle = float.MaxValue, NDouble = double.MaxValue, NDecimal = decimal.MaxValue, NString = "max", NBytes = [255],
            NDateTime = DateTime.MaxValue, NDateTimeOffset = DateTimeOffset.MaxValue, NDateOnly = DateOnly.MaxValue,
            NTimeOnly = TimeOnly.MaxValue, NTimeSpan = TimeSpan.MaxValue, NGuid = Guid.AllBitsSet, NColor = Color.Blue, NTiny = Tiny.Max, NHuge = Huge.Top,
        },
        "zero" => new AllTypes { Id = 3 },
        "unicode" => new AllTypes
        {
            Id = 4, String = "Привет, мир! 你好 🎉 e\u0301 \u05e9\u05dc\u05d5\u05dd", NString = "tab\tnewline\nquote' \"",
            Decimal = -0.000000000000000000000000001m, NDecimal = 79228162514264337593543950335m, Double = Math.PI, Single = 1.1f,
            NDouble = -0.0, NSingle = float.Epsilon, DateTime = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Local),
            DateTimeOffset = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)),
            NDateTimeOffset = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(-14)),
            Guid = Guid.NewGuid(), TimeSpan = TimeSpan.FromTicks(-1), Color = (Color)42, Bytes = new byte[1024],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static void AssertSame(AllTypes expected, AllTypes actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Bool, actual.Bool);
        Assert.Equal(expected.SByte, actual.SByte);
        Assert.Equal(expected.Byte, actual.Byte);
        Assert.Equal(expected.Int16, actual.Int16);
        Assert.Equal(expected.UInt16, actual.UInt16);
        Assert.Equal(expected.Int32, actual.Int32);
        Assert.Equal(expected.UInt32, actual.UInt32);
        Assert.Equal(expected.Int64, actual.Int64);
        Assert.Equal(expected.UInt64, actual.UInt64);
        Assert.Equal(expected.Single, actual.Single);
        Assert.Equal(expected.Double, actual.Double);
        Assert.Equal(expected.Decimal, actual.Decimal);
        Assert.Equal(expected.String, actual.String);
        Assert.Equal(expected.Bytes, actual.Bytes);
        Assert.Equal(expected.DateTime, actual.DateTime);
        Assert.Equal(DateTimeKind.Unspecified, actual.DateTime.Kind);
        Assert.Equal(expected.DateTimeOffset, actual.DateTimeOffset);
        Assert.Equal(TimeSpan.Zero, actual.DateTimeOffset.Offset);
        Assert.Equal(expected.DateOnly, actual.DateOnly);
        Assert.Equal(expected.TimeOnly, actual.TimeOnly);
        Assert.Equal(expected.TimeSpan, actual.TimeSpan);
        Assert.Equal(expected.Guid, actual.Guid);
        Assert.Equal(expected.Color, actual.Color);
        Assert.Equal(expected.Tiny, actual.Tiny);
        Assert.Equal(expected.Huge, actual.Huge);
        Assert.Equal(expected.NBool, actual.NBool);
        Assert.Equal(expected.NSByte, actual.NSByte);
        Assert.Equal(expected.NByte, actual.NByte);
        Assert.Equal(expected.NInt16, actual.NInt16);
        Assert.Equal(expected.NUInt16, actual.NUInt16);
        Assert.Equal(expected.NInt32, actual.NInt32);
        Assert.Equal(expected.NUInt32, actual.NUInt32);
        Assert.Equal(expected.NInt64, actual.NInt64);
        Assert.Equal(expected.NUInt64, actual.NUInt64);
        Assert.Equal(expected.NSingle, actual.NSingle);
        Assert.Equal(expected.NDouble, actual.NDouble);
        Assert.Equal(expected.NDecimal, actual.NDecimal);
        Assert.Equal(expected.NString, actual.NString);
        Assert.Equal(expected.NBytes, actual.NBytes);
        Assert.Equal(expected.NDateTime, actual.NDateTime);
        Assert.Equal(expected.NDateTimeOffset, actual.NDateTimeOffset);
        Assert.Equal(expected.NDateOnly, actual.NDateOnly);
        Assert.Equal(expected.NTimeOnly, actual.NTimeOnly);
        Assert.Equal(expected.NTimeSpan, actual.NTimeSpan);
        Assert.Equal(expected.NGuid, actual.NGuid);
        Assert.Equal(expected.NColor, actual.NColor);
        Assert.Equal(expected.NTiny, actual.NTiny);
        Assert.Equal(expected.NHuge, actual.NHuge);
    }
}
