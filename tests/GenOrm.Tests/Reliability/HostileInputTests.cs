using System.Text;
using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// Odd and hostile values through every write and read path: generated Insert / GetById / GetBy{Index} / GetAll, and
/// Sql.Text with Params. Each value comes back exactly, or is refused before anything is written with an error that
/// says what and why.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string NaNMessage =
        "A double or float value is NaN (not a number), which SQLite cannot store: it would become NULL. " +
        "Store null in a nullable column (double?) instead, or check the value before writing it.";

    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;
    private readonly Connection _conn;

    public HostileInputTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("hostile.db"));
        _conn = _engine.Connect();
        OddValue.CreateTable(_conn);
        OddKey.CreateTable(_conn);
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
        _temp.Dispose();
    }

    /// <summary>Strings that must be stored byte for byte (as UTF-8) and found again by an exact lookup.</summary>
    public static readonly IReadOnlyDictionary<string, string> Strings = new Dictionary<string, string>
    {
        ["single quote"] = "O'Brien's",
        ["double quote"] = "say \"hi\"",
        ["sql injection"] = "'); drop table \"odd_values\"; --",
        ["comment"] = "-- not a comment /* nor this */",
        ["semicolons"] = ";;; select 1;",
        ["parameter lookalikes"] = ":id @id $id ?1 ?",
        ["nul inside"] = "a\0b",
        ["only nul"] = "\0",
        ["nul at end"] = "abc\0",
        ["empty"] = "",
        ["whitespace"] = " \t\r\n ",
        ["1 MB"] = OneMegabyte(),
        ["right-to-left"] = "مرحبا بالعالم · עברית",
        ["bidi override"] = "\u202Egnp.exe",
        ["combining marks"] = "e\u0301 a\u0308 Z\u0337\u0334\u0327",
        ["emoji sequences"] = "👩‍👩‍👧‍👦 🏳️‍🌈 👍🏽",
        ["supplementary planes"] = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎 🀄",
        ["bom and noncharacters"] = "\uFEFFstart \uFFFE \uFFFF",
        ["like wildcards"] = "100% _match_ \\ escape",
        ["line separators"] = "a\u2028b\u2029c\u0085d",
        ["control characters"] = "\u0001\u001b[31mred\u007f",
    };

    /// <summary>Strings with half of a surrogate pair: UTF-8 cannot hold them, so GenOrm refuses them.</summary>
    public static readonly IReadOnlyDictionary<string, (string Value, int Index)> LoneSurrogates = new Dictionary<string, (string, int)>
    {
        ["lone high"] = ("\uD800", 0),
        ["lone low inside"] = ("a\uDC00b", 1),
        ["half an emoji at the end"] = ("abc\uD83D", 3),
        ["reversed pair"] = ("x\uDE00\uD83D", 1),
        ["after a valid pair"] = ("😀\uDE00", 2),
    };

    public static TheoryData<string> StringNames => new(Strings.Keys);

    public static TheoryData<string> LoneSurrogateNames => new(LoneSurrogates.Keys);

    [Theory]
    [MemberData(nameof(StringNames))]
    public void HostileString_RoundTripsExactly_ThroughEveryPath(string name)
    {
        string value = Strings[name];

        OddValue.Insert(_conn, new OddValue { Id = 1, Text = value });
        OddKey.Insert(_conn, new OddKey { Key = value, Number = 1, Bytes = [] });
        _conn.Execute(Sql.Text("insert into odd_values (Id, Text) values (:id, :text)"), new Params { ["id"] = 2, ["text"] = value });
        _conn.Commit();

        Assert.Equal(value, OddValue.GetById(_conn, 1)?.Text);
        Assert.Equal(value, OddValue.GetById(_conn, 2)?.Text);
        Assert.Equal(value, OddKey.GetByKey(_conn, value)?.Key);
        Assert.Equal([1L, 2L], _conn.Query<OddValue>(Sql.Text("select * from odd_values where Text = :text order by Id"), new Params { ["text"] = value })
            .Select(v => v.Id));
        Assert.Equal(value, _conn.Execute(Sql.Text("select Text from odd_values where Id = 2")).Scalar<string>());
        Assert.All(OddValue.GetAll(_conn), row => Assert.Equal(value, row.Text));

        // Stored as the string's UTF-8 bytes, nothing added or dropped (NUL characters included).
        Assert.Equal(
            (long)Encoding.UTF8.GetByteCount(value),
            _conn.Execute(Sql.Text("select length(cast(Text as blob)) from odd_values where Id = 1")).Scalar<long>());
    }

    [Theory]
    [MemberData(nameof(LoneSurrogateNames))]
    public void LoneSurrogate_IsRefusedBeforeWriting_OnEveryPath(string name)
    {
        var (value, index) = LoneSurrogates[name];
        string rest =
            $" contains a lone UTF-16 surrogate at index {index} (half of a surrogate pair); SQLite stores text as UTF-8, " +
            "which cannot represent it, so it would be stored altered (as U+FFFD). Fix the string, or store such data in a byte[] column.";

        // Generated code (Insert, InsertMany, GetBy, an entity as parameter source) names the table and column; Params cannot.
        var errors = new (ArgumentException Error, string Prefix)[]
        {
            (Assert.Throws<ArgumentException>(() => OddValue.Insert(_conn, new OddValue { Id = 1, Text = value })), "The value for column 'Text' of table 'odd_values'"),
            (Assert.Throws<ArgumentException>(() => OddKey.Insert(_conn, new OddKey { Key = value, Bytes = [] })), "The value for column 'Key' of table 'odd_keys'"),
            (Assert.Throws<ArgumentException>(() => OddKey.InsertMany(_conn, [new OddKey { Key = "fine", Bytes = [] }, new OddKey { Key = value, Bytes = [] }])), "The value for column 'Key' of table 'odd_keys'"),
            (Assert.Throws<ArgumentException>(() => _conn.Execute(Sql.Text("insert into odd_values (Id, Text) values (1, :t)"), new Params { ["t"] = value })), "A string value"),
            (Assert.Throws<ArgumentException>(() => _conn.Execute(Sql.Text("insert into odd_values (Id, Text) values (1, :t)"), [new Params { ["t"] = value }])), "A string value"),
            (Assert.Throws<ArgumentException>(() => _conn.Execute(Sql.Text("insert into odd_values (Id, Text) values (:Id, :Text)"), new OddValue { Id = 1, Text = value })), "The value for column 'Text' of table 'odd_values'"),
            (Assert.Throws<ArgumentException>(() => OddValue.GetByText(_conn, value)), "The value for column 'Text' of table 'odd_values'"),
        };

        Assert.All(errors, e => Assert.Equal(e.Prefix + rest, e.Error.Message));
        _conn.Commit();
        Assert.Equal(0L, _engine.Count("odd_values") + _engine.Count("odd_keys"));
    }

    [Theory]
    [InlineData("empty", 0)]
    [InlineData("one zero byte", 1)]
    [InlineData("every byte value", 256)]
    [InlineData("10 MB", 10 * 1024 * 1024)]
    public void Bytes_RoundTripExactly_ThroughEveryPath(string name, int length)
    {
        byte[] value = name == "every byte value" ? Enumerable.Range(0, 256).Select(b => (byte)b).ToArray() : new byte[length];
        if (name == "10 MB")
        {
            new Random(length).NextBytes(value);
        }

        OddValue.Insert(_conn, new OddValue { Id = 1, Bytes = value });
        OddKey.Insert(_conn, new OddKey { Key = name, Bytes = value });
        _conn.Execute(Sql.Text("insert into odd_values (Id, Bytes) values (2, :b)"), new Params { ["b"] = value });
        _conn.Commit();

        Assert.Equal(value, OddValue.GetById(_conn, 1)?.Bytes);
        Assert.Equal(value, OddValue.GetById(_conn, 2)?.Bytes);
        Assert.Equal(value, OddKey.GetByKey(_conn, name)?.Bytes);
        Assert.Equal(value, _conn.Execute(Sql.Text("select Bytes from odd_values where Id = 2")).Scalar<byte[]>());
        Assert.Equal("[('blob', " + length + "), ('blob', " + length + ")]", _engine.Rows("select typeof(Bytes), length(Bytes) from odd_values order by Id"));
    }

    /// <summary>Edge values of every other stored kind, set on <see cref="OddValue"/> and bound as a parameter.</summary>
    public static readonly IReadOnlyDictionary<string, (Action<OddValue> Set, Func<OddValue, object?> Get, object Value)> Values = BuildValues();

    public static TheoryData<string> ValueNames => new(Values.Keys);

    [Theory]
    [MemberData(nameof(ValueNames))]
    public void EdgeValue_RoundTripsExactly_ThroughGeneratedCodeAndParams(string name)
    {
        var (set, get, value) = Values[name];
        var entity = new OddValue { Id = 1 };
        set(entity);
        OddValue.Insert(_conn, entity);
        string column = ColumnOf(name);
        _conn.Execute(Sql.Text($"insert into odd_values (Id, \"{column}\") values (2, :v)"), new Params { ["v"] = value });
        _conn.Commit();

        AssertSameValue(value, get(OddValue.GetById(_conn, 1)!), name + " (generated Insert)");
        AssertSameValue(value, get(OddValue.GetById(_conn, 2)!), name + " (Sql.Text + Params)");
        Assert.Equal(1L, _conn.Execute(Sql.Text($"select count(*) from odd_values where Id = 1 and \"{column}\" = (select \"{column}\" from odd_values where Id = 2)")).Scalar<long>());
    }

    [Fact]
    public void NegativeZero_IsStoredAsZero_WhichIsEqualToIt()
    {
        OddValue.Insert(_conn, new OddValue { Id = 1, Double = -0.0, Single = -0.0f });

        OddValue loaded = OddValue.GetById(_conn, 1)!;

        // SQLite keeps no sign on a zero REAL; -0.0 == 0.0 in C# and SQL, so GenOrm stores it rather than refuse it.
        Assert.Equal(0.0, loaded.Double);
        Assert.Equal(-0.0, loaded.Double);
        Assert.False(double.IsNegative(loaded.Double!.Value));
        Assert.Equal(0.0f, loaded.Single);
    }

    [Fact]
    public void NaN_IsRefusedBeforeWriting_OnEveryPath()
    {
        // Generated code names the table and column; a Params value has neither to name.
        var errors = new (ArgumentException Error, string? Column, string? Table)[]
        {
            (Assert.Throws<ArgumentException>(() => OddValue.Insert(_conn, new OddValue { Id = 1, Double = double.NaN })), "Double", "odd_values"),
            (Assert.Throws<ArgumentException>(() => OddValue.Insert(_conn, new OddValue { Id = 1, Single = float.NaN })), "Single", "odd_values"),
            (Assert.Throws<ArgumentException>(() => OddKey.Insert(_conn, new OddKey { Key = "k", Number = double.NaN, Bytes = [] })), "Number", "odd_keys"),
            (Assert.Throws<ArgumentException>(() => OddKey.Update(_conn, new OddKey { Key = "k", Number = -double.NaN, Bytes = [] })), "Number", "odd_keys"),
            (Assert.Throws<ArgumentException>(() => _conn.Execute(Sql.Text("insert into odd_values (Id, Double) values (1, :d)"), new Params { ["d"] = double.NaN })), null, null),
            (Assert.Throws<ArgumentException>(() => _conn.Execute(Sql.Text("insert into odd_values (Id, Single) values (1, :f)"), new Params { ["f"] = float.NaN })), null, null),
            (Assert.Throws<ArgumentException>(() => _conn.Execute(Sql.Text("select :d"), new Params { ["d"] = BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0001) })), null, null),
        };

        Assert.All(errors, e => Assert.Equal(
            e.Column is null ? NaNMessage : $"The value for column '{e.Column}' of table '{e.Table}'" + NaNMessage["A double or float value".Length..],
            e.Error.Message));
        _conn.Commit();
        Assert.Equal(0L, _engine.Count("odd_values") + _engine.Count("odd_keys"));
    }

    [Fact]
    public void AfterARefusedValue_TheConnectionAndItsTransactionStayUsable()
    {
        OddValue.Insert(_conn, new OddValue { Id = 1, Text = "kept" });
        Assert.Throws<ArgumentException>(() => OddValue.Insert(_conn, new OddValue { Id = 2, Double = double.NaN }));
        Assert.Throws<ArgumentException>(() => OddValue.InsertMany(_conn, [new OddValue { Id = 3 }, new OddValue { Id = 4, Text = "\uD800" }]));
        OddValue.Insert(_conn, new OddValue { Id = 5, Text = "also kept" });
        _conn.Commit();

        Assert.Equal("[(1, 'kept'), (5, 'also kept')]", _engine.Rows("select Id, Text from odd_values order by Id"));
    }

    private static string ColumnOf(string name) => name[..name.IndexOf(' ', StringComparison.Ordinal)];

    private static Dictionary<string, (Action<OddValue>, Func<OddValue, object?>, object)> BuildValues()
    {
        var values = new Dictionary<string, (Action<OddValue>, Func<OddValue, object?>, object)>();
        void Add<T>(string column, string label, T value, Action<OddValue, T> set, Func<OddValue, object?> get)
            where T : notnull =>
            values.Add(column + " " + label, (e => set(e, value), get, value));

        foreach (var (label, d) in new (string, decimal)[]
        {
            ("max", decimal.MaxValue), ("min", decimal.MinValue), ("smallest", 0.0000000000000000000000000001m),
            ("smallest negative", -0.0000000000000000000000000001m), ("scale 2", 1.50m), ("scale 28", 1.0000000000000000000000000000m), ("zero", 0m),
        })
        {
            Add("Decimal", label, d, (e, v) => e.Decimal = v, e => e.Decimal);
        }

        foreach (var (label, l) in new (string, long)[] { ("min", long.MinValue), ("max", long.MaxValue), ("zero", 0), ("minus one", -1) })
        {
            Add("Int64", label, l, (e, v) => e.Int64 = v, e => e.Int64);
        }

        foreach (var (label, u) in new (string, ulong)[] { ("max", ulong.MaxValue), ("above long max", (ulong)long.MaxValue + 1), ("zero", 0) })
        {
            Add("UInt64", label, u, (e, v) => e.UInt64 = v, e => e.UInt64);
        }

        foreach (var (label, d) in new (string, double)[]
        {
            ("+infinity", double.PositiveInfinity), ("-infinity", double.NegativeInfinity), ("max", double.MaxValue), ("min", double.MinValue),
            ("epsilon", double.Epsilon), ("-epsilon", -double.Epsilon), ("0.1", 0.1), ("1/3", 1.0 / 3), ("2^53+2", 9007199254740994.0),
            ("integral", 42.0), ("huge integral", 1e18),
        })
        {
            Add("Double", label, d, (e, v) => e.Double = v, e => e.Double);
        }

        foreach (var (label, f) in new (string, float)[]
        {
            ("+infinity", float.PositiveInfinity), ("-infinity", float.NegativeInfinity), ("max", float.MaxValue), ("min", float.MinValue),
            ("epsilon", float.Epsilon), ("0.1", 0.1f),
        })
        {
            Add("Single", label, f, (e, v) => e.Single = v, e => e.Single);
        }

        foreach (DateTimeKind kind in Enum.GetValues<DateTimeKind>())
        {
            Add("DateTime", "min " + kind, DateTime.SpecifyKind(DateTime.MinValue, kind), (e, v) => e.DateTime = v, e => e.DateTime);
            Add("DateTime", "max " + kind, DateTime.SpecifyKind(DateTime.MaxValue, kind), (e, v) => e.DateTime = v, e => e.DateTime);
            Add("DateTime", "fraction " + kind, new DateTime(2024, 7, 15, 12, 34, 56, kind).AddTicks(1_234_567), (e, v) => e.DateTime = v, e => e.DateTime);
        }

        foreach (var (label, o) in new (string, DateTimeOffset)[]
        {
            ("min", DateTimeOffset.MinValue), ("max", DateTimeOffset.MaxValue),
            ("max at +14:00", new DateTimeOffset(DateTime.MaxValue, TimeSpan.FromHours(14))),
            ("min at -14:00", new DateTimeOffset(DateTime.MinValue, TimeSpan.FromHours(-14))),
            ("+14:00", new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(14))),
            ("-14:00", new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(-14))),
            ("+05:45", new DateTimeOffset(2024, 5, 1, 12, 30, 0, new TimeSpan(5, 45, 0)).AddTicks(1)),
        })
        {
            Add("DateTimeOffset", label, o, (e, v) => e.DateTimeOffset = v, e => e.DateTimeOffset);
        }

        Add("DateOnly", "min", DateOnly.MinValue, (e, v) => e.DateOnly = v, e => e.DateOnly);
        Add("DateOnly", "max", DateOnly.MaxValue, (e, v) => e.DateOnly = v, e => e.DateOnly);
        Add("TimeOnly", "min", TimeOnly.MinValue, (e, v) => e.TimeOnly = v, e => e.TimeOnly);
        Add("TimeOnly", "max", TimeOnly.MaxValue, (e, v) => e.TimeOnly = v, e => e.TimeOnly);
        Add("TimeSpan", "min", TimeSpan.MinValue, (e, v) => e.TimeSpan = v, e => e.TimeSpan);
        Add("TimeSpan", "max", TimeSpan.MaxValue, (e, v) => e.TimeSpan = v, e => e.TimeSpan);
        Add("TimeSpan", "negative tick", TimeSpan.FromTicks(-1), (e, v) => e.TimeSpan = v, e => e.TimeSpan);
        Add("Guid", "empty", Guid.Empty, (e, v) => e.Guid = v, e => e.Guid);
        Add("Guid", "all bits", Guid.AllBitsSet, (e, v) => e.Guid = v, e => e.Guid);
        return values;
    }

    /// <summary>
    /// Exact equality: the same bits for floating point; decimals equal as decimals and in canonical form (no trailing
    /// fractional zeros), since the scale is not kept; for dates the same ticks or instant, read back as Unspecified or
    /// at offset 00:00.
    /// </summary>
    internal static void AssertSameValue(object? expected, object? actual, string what)
    {
        bool same = (expected, actual) switch
        {
            (double e, double a) => BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a),
            (float e, float a) => BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a),
            (decimal e, decimal a) => e == a && a.ToString(System.Globalization.CultureInfo.InvariantCulture) == Canonical(e),
            (DateTime e, DateTime a) => e.Ticks == a.Ticks && a.Kind == DateTimeKind.Unspecified,
            (DateTimeOffset e, DateTimeOffset a) => e.UtcTicks == a.UtcTicks && a.Offset == TimeSpan.Zero,
            (byte[] e, byte[] a) => e.AsSpan().SequenceEqual(a),
            (string e, string a) => string.Equals(e, a, StringComparison.Ordinal),
            _ => Equals(expected, actual),
        };
        Assert.True(same, $"{what}: wrote {Show(expected)}, read back {Show(actual)}");
    }

    /// <summary>The expected stored text of a decimal: no trailing fractional zeros, and "0" for any zero.</summary>
    private static string Canonical(decimal value)
    {
        string text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (text.Contains('.'))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + $" (bits {BitConverter.DoubleToInt64Bits(d):X})",
        DateTime dt => dt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + " " + dt.Kind,
        DateTimeOffset dto => dto.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        string s => $"\"{s}\" (length {s.Length})",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static string OneMegabyte()
    {
        const string block = "GenOrm ünïcødé 👍 \"'; -- ";
        var builder = new StringBuilder(1 << 20);
        while (builder.Length + block.Length <= 1 << 20)
        {
            builder.Append(block);
        }

        return builder.Append('x', (1 << 20) - builder.Length).ToString();
    }
}
