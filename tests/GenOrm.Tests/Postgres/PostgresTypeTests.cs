using GenOrm.Internal;
using GenOrm.Testing;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// Every C# type through the driver's typed binds and reads (the calls generated code makes) and through
/// <c>Execute</c>'s parameters, on the column type GenOrm's PostgreSQL DDL gives it; strict reads refuse what does not fit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTypeTests(PostgresFixture fixture) : IDisposable
{
    private const string Table =
        "create table v (b boolean, i16 smallint, i32 integer, i64 bigint, u64 numeric(20,0), f4 real, f8 double precision, " +
        "m numeric, s text, vc varchar(5), bytes bytea, ts timestamp, tz timestamptz, d date, t time, iv interval, g uuid)";

    private readonly Engine _engine = Engine.Create(fixture.CreateDatabase().Url);

    public void Dispose() => _engine.Dispose();

    [PostgresFact]
    public void TheTextTypesTheDriverKnows_AreThoseNpgsqlReadsAsStrings_AndOtherTypesAreAskedOfNpgsql()
    {
        string[] known =
        [
            "text", "varchar(5)", "char(3)", "boolean", "bytea", "bigint", "smallint", "integer", "real", "double precision",
            "date", "time", "timestamp", "timestamptz", "interval", "numeric", "numeric(20,0)", "uuid",
        ];
        string[] asked = ["name", "json", "jsonb", "\"char\"", "xml", "oid", "inet", "int4[]"];
        using Connection conn = _engine.Connect();
        var connection = (global::Npgsql.NpgsqlConnection)conn.GetDbConnection();
        var answers = new List<string>();
        foreach (string type in known.Concat(asked))
        {
            using var command = new global::Npgsql.NpgsqlCommand($"select null::{type}", connection);
            using global::Npgsql.NpgsqlDataReader reader = command.ExecuteReader();
            uint oid = reader.GetDataTypeOID(0);
            bool? driver = GenOrm.Npgsql.NpgsqlStatement.IsTextType(oid);
            string npgsql;
            try
            {
                npgsql = reader.GetFieldType(0) == typeof(string) ? "string" : "not string";
            }
            catch (InvalidCastException)
            {
                npgsql = "unreadable";
            }

            answers.Add($"{type}: {(driver is null ? "asked" : (driver.Value ? "string" : "not string") == npgsql ? "same" : "DIFFERENT")}, {npgsql}");
        }

        Assert.Equal(
            [
                "text: same, string", "varchar(5): same, string", "char(3): same, string", "boolean: same, not string",
                "bytea: same, not string", "bigint: same, not string", "smallint: same, not string", "integer: same, not string",
                "real: same, not string", "double precision: same, not string", "date: same, not string", "time: same, not string",
                "timestamp: same, not string", "timestamptz: same, not string", "interval: same, not string",
                "numeric: same, not string", "numeric(20,0): same, not string", "uuid: same, not string",
                "name: asked, string", "json: asked, string", "jsonb: asked, string", "\"char\": asked, not string",
                "xml: asked, string", "oid: asked, not string", "inet: asked, unreadable", "int4[]: asked, unreadable",
            ],
            answers);
    }

    [PostgresFact]
    public void AColumnOfATypeGenOrmDoesNotRead_IsAnErrorNamingColumnAndType_AndItsCastReads()
    {
        using Connection conn = _engine.Connect();

        var inet = Assert.Throws<GenOrmException>(() => conn.Execute(Sql.Text("select 1 as a, '1.2.3.4'::inet as b")));
        var array = Assert.Throws<GenOrmException>(() => conn.Execute(Sql.Text("select 7 as n, array[1, 2] as arr")));
        Row cast = conn.Execute(Sql.Text("select 1 as a, '1.2.3.4'::inet::text as b")).One();

        Assert.Equal("Cannot read column 'b': GenOrm does not read PostgreSQL's inet values. Cast the column in the SQL to a type it reads, such as b::text.", inet.Message);
        Assert.Equal(("b", "select 1 as a, '1.2.3.4'::inet as b"), (inet.ColumnName, inet.Sql));
        Assert.Equal("Cannot read column 'arr': GenOrm does not read PostgreSQL's integer[] values. Cast the column in the SQL to a type it reads, such as arr::text.", array.Message);
        Assert.Equal("1.2.3.4/32", cast.Get<string>("b"));
    }

    [PostgresFact]
    public void TypedBindsAndReads_RoundTripMinMaxAndEdgeValuesExactly()
    {
        using Connection conn = _engine.Connect();
        conn.Execute(Sql.Text(Table));

        Assert.True(RoundTrip(conn, "b", s => s.BindBoolean(0, true), s => s.GetBoolean(0)));
        Assert.False(RoundTrip(conn, "b", s => s.BindBoolean(0, false), s => s.GetBoolean(0)));
        foreach (long value in new[] { short.MinValue, short.MaxValue, 0 })
        {
            Assert.Equal((short)value, RoundTrip(conn, "i16", s => s.BindInt64(0, value), s => s.GetInt16(0)));
        }

        Assert.Equal(sbyte.MinValue, RoundTrip(conn, "i16", s => s.BindInt64(0, sbyte.MinValue), s => s.GetSByte(0)));
        Assert.Equal(byte.MaxValue, RoundTrip(conn, "i16", s => s.BindInt64(0, byte.MaxValue), s => s.GetByte(0)));
        Assert.Equal(int.MinValue, RoundTrip(conn, "i32", s => s.BindInt64(0, int.MinValue), s => s.GetInt32(0)));
        Assert.Equal(int.MaxValue, RoundTrip(conn, "i32", s => s.BindInt64(0, int.MaxValue), s => s.GetInt32(0)));
        Assert.Equal(ushort.MaxValue, RoundTrip(conn, "i32", s => s.BindInt64(0, ushort.MaxValue), s => s.GetUInt16(0)));
        Assert.Equal(uint.MaxValue, RoundTrip(conn, "i64", s => s.BindInt64(0, uint.MaxValue), s => s.GetUInt32(0)));
        Assert.Equal(long.MinValue, RoundTrip(conn, "i64", s => s.BindInt64(0, long.MinValue), s => s.GetInt64(0)));
        Assert.Equal(long.MaxValue, RoundTrip(conn, "i64", s => s.BindInt64(0, long.MaxValue), s => s.GetInt64(0)));
        Assert.Equal(ulong.MaxValue, RoundTrip(conn, "u64", s => s.BindDecimal(0, ulong.MaxValue), s => s.GetUInt64(0)));
        Assert.Equal(float.MaxValue, RoundTrip(conn, "f4", s => s.BindDouble(0, float.MaxValue, "v", "f4"), s => s.GetFloat(0)));
        Assert.Equal(float.Epsilon, RoundTrip(conn, "f4", s => s.BindDouble(0, float.Epsilon, "v", "f4"), s => s.GetFloat(0)));
        Assert.Equal(double.MaxValue, RoundTrip(conn, "f8", s => s.BindDouble(0, double.MaxValue, "v", "f8"), s => s.GetDouble(0)));
        Assert.Equal(double.Epsilon, RoundTrip(conn, "f8", s => s.BindDouble(0, double.Epsilon, "v", "f8"), s => s.GetDouble(0)));
        Assert.Equal(double.NegativeInfinity, RoundTrip(conn, "f8", s => s.BindDouble(0, double.NegativeInfinity, "v", "f8"), s => s.GetDouble(0)));
        foreach (decimal value in new[] { decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 1.10m, -0.5m })
        {
            decimal read = RoundTrip(conn, "m", s => s.BindDecimal(0, value), s => s.GetDecimal(0));
            Assert.Equal(value, read);
            Assert.Equal(value.Scale, read.Scale);
        }

        foreach (string value in new[] { string.Empty, "ünïcødé 𝄞 ✓", "quote ' and \" and \\", new string('x', 100_000) })
        {
            Assert.Equal(value, RoundTrip(conn, "s", s => s.BindText(0, value, "v", "s"), s => s.GetString(0)));
        }

        byte[] large = new byte[5_000_000];
        new Random(14).NextBytes(large);
        Assert.Equal(large, RoundTrip(conn, "bytes", s => s.BindBytes(0, large), s => s.GetBytes(0)));
        Assert.Equal(Array.Empty<byte>(), RoundTrip(conn, "bytes", s => s.BindBytes(0, Array.Empty<byte>()), s => s.GetBytes(0)));
        foreach (DateTime value in new[] { DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 12, 7, 5, 52, 14, 123, DateTimeKind.Unspecified).AddTicks(4560) })
        {
            DateTime read = RoundTrip(conn, "ts", s => s.BindDateTime(0, value), s => s.GetDateTime(0));
            Assert.Equal(value, read);
            Assert.Equal(DateTimeKind.Unspecified, read.Kind);
        }

        var instant = new DateTimeOffset(2026, 12, 7, 8, 52, 14, 5, TimeSpan.FromHours(3));
        DateTimeOffset readInstant = RoundTrip(conn, "tz", s => s.BindDateTimeOffset(0, instant), s => s.GetDateTimeOffset(0));
        Assert.Equal(instant.UtcDateTime, readInstant.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, readInstant.Offset);
        foreach (DateOnly value in new[] { DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2024, 2, 29) })
        {
            Assert.Equal(value, RoundTrip(conn, "d", s => s.BindDateOnly(0, value), s => s.GetDateOnly(0)));
        }

        foreach (TimeOnly value in new[] { TimeOnly.MinValue, new TimeOnly(23, 59, 59, 999, 999) })
        {
            Assert.Equal(value, RoundTrip(conn, "t", s => s.BindTimeOnly(0, value), s => s.GetTimeOnly(0)));
        }

        foreach (TimeSpan value in new[] { TimeSpan.Zero, TimeSpan.FromDays(-36500.25), new TimeSpan(3, 4, 5, 6, 7, 8) })
        {
            Assert.Equal(value, RoundTrip(conn, "iv", s => s.BindTimeSpan(0, value), s => s.GetTimeSpan(0)));
        }

        Guid guid = Guid.NewGuid();
        Assert.Equal(guid, RoundTrip(conn, "g", s => s.BindGuid(0, guid), s => s.GetGuid(0)));
        Assert.True(RoundTrip(conn, "s", s => s.BindText(0, null, "v", "s"), s => s.IsDBNull(0)));
        Assert.True(RoundTrip(conn, "g", s => s.BindGuid(0, (Guid?)null), s => s.IsDBNull(0)));
    }

    [PostgresFact]
    public void ExecuteParams_OfEveryType_RoundTripThroughRow()
    {
        using Connection conn = _engine.Connect();
        conn.Execute(Sql.Text(Table));
        var values = new Params
        {
            ["b"] = true, ["i16"] = short.MinValue, ["i32"] = int.MaxValue, ["i64"] = long.MinValue, ["u64"] = ulong.MaxValue,
            ["f4"] = float.MinValue, ["f8"] = Math.PI, ["m"] = 79228162514264337593543950335m, ["s"] = "ünï 𝄞", ["vc"] = "abcde",
            ["bytes"] = new byte[] { 0, 255, 1 }, ["ts"] = new DateTime(2000, 1, 2, 3, 4, 5), ["tz"] = new DateTimeOffset(2000, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ["d"] = new DateOnly(1999, 12, 31), ["t"] = new TimeOnly(12, 0, 1), ["iv"] = TimeSpan.FromMinutes(90), ["g"] = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        };
        conn.Execute(Sql.Text("insert into v values (:b, :i16, :i32, :i64, :u64, :f4, :f8, :m, :s, :vc, :bytes, :ts, :tz, :d, :t, :iv, :g)"), values);

        Row row = conn.Execute(Sql.Text("select * from v")).One();

        Assert.True(row.Get<bool>("b"));
        Assert.Equal(short.MinValue, row.Get<short>("i16"));
        Assert.Equal(int.MaxValue, row.Get<int>("i32"));
        Assert.Equal(long.MinValue, row.Get<long>("i64"));
        Assert.Equal((decimal)ulong.MaxValue, row.Get<decimal>("u64"));
        Assert.Equal(float.MinValue, row.Get<float>("f4"));
        Assert.Equal(Math.PI, row.Get<double>("f8"));
        Assert.Equal(79228162514264337593543950335m, row.Get<decimal>("m"));
        Assert.Equal("ünï 𝄞", row.Get<string>("s"));
        Assert.Equal("abcde", row.Get<string>("vc"));
        Assert.Equal(new byte[] { 0, 255, 1 }, row.Get<byte[]>("bytes"));
        Assert.Equal(new DateTime(2000, 1, 2, 3, 4, 5), row.Get<DateTime>("ts"));
        Assert.Equal(new DateTimeOffset(2000, 1, 2, 3, 4, 5, TimeSpan.Zero), row.Get<DateTimeOffset>("tz"));
        Assert.Equal(new DateOnly(1999, 12, 31), row.Get<DateOnly>("d"));
        Assert.Equal(new TimeOnly(12, 0, 1), row.Get<TimeOnly>("t"));
        Assert.Equal(TimeSpan.FromMinutes(90), row.Get<TimeSpan>("iv"));
        Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), row.Get<Guid>("g"));

        conn.Execute(Sql.Text("delete from v"));
        conn.Execute(Sql.Text("insert into v (s, g, ts) values (:s, :g, :ts)"), new Params { ["s"] = null, ["g"] = null, ["ts"] = DBNull.Value });
        Row nulls = conn.Execute(Sql.Text("select s, g, ts from v")).One();
        Assert.Null(nulls["s"]);
        Assert.Null(nulls["g"]);
        Assert.Null(nulls["ts"]);
    }

    [PostgresFact]
    public void StrictReads_RefuseOutOfRangeAndOtherTypes_NamingTableAndColumn()
    {
        using Connection conn = _engine.Connect();
        conn.Execute(Sql.Text(Table));
        conn.Execute(Sql.Text("insert into v (i16, i32, i64, m, s, f8, iv, t) values (-1, 70000, 2147483648, 1.5, 'text', 1e300, '1 month', '24:00')"));
        conn.Commit();

        Assert.Equal(
            "Cannot read column 'i64' of table 'v' as int: the row holds a number outside the range of int. " +
            "The stored data does not fit the model (a database of an older shape, or written by another tool); " +
            "fix the row, or change the property's type to one that holds such values.",
            ReadError(conn, "i64", s => s.GetInt32(0)).Message);
        Assert.StartsWith("Cannot read column 'i16' of table 'v' as byte: the row holds a number outside the range of byte.", ReadError(conn, "i16", s => s.GetByte(0)).Message);
        Assert.StartsWith("Cannot read column 'i32' of table 'v' as short: the row holds a number outside the range of short.", ReadError(conn, "i32", s => s.GetInt16(0)).Message);
        Assert.StartsWith("Cannot read column 'i16' of table 'v' as ulong: the row holds a number outside the range of ulong.", ReadError(conn, "i16", s => s.GetUInt64(0)).Message);
        Assert.StartsWith("Cannot read column 'm' of table 'v' as long: the row holds a numeric that is not a whole number in the range of long.", ReadError(conn, "m", s => s.GetInt64(0)).Message);
        Assert.StartsWith("Cannot read column 's' of table 'v' as int: the row holds a text value.", ReadError(conn, "s", s => s.GetInt32(0)).Message);
        Assert.StartsWith("Cannot read column 'i32' of table 'v' as string: the row holds an integer value.", ReadError(conn, "i32", s => s.GetString(0)).Message);
        Assert.StartsWith("Cannot read column 'f8' of table 'v' as float: the row holds a number outside the range of float.", ReadError(conn, "f8", s => s.GetFloat(0)).Message);
        Assert.StartsWith("Cannot read column 'b' of table 'v' as bool: the row holds NULL.", ReadError(conn, "b", s => s.GetBoolean(0)).Message);
        Assert.StartsWith("Cannot read column 'iv' of table 'v' as TimeSpan: the row holds an interval with months or years", ReadError(conn, "iv", s => s.GetTimeSpan(0)).Message);
        Assert.StartsWith("Cannot read column 't' of table 'v' as TimeOnly: the row holds the time 24:00:00.", ReadError(conn, "t", s => s.GetTimeOnly(0)).Message);
        Assert.StartsWith("Cannot read column 'i64' of table 'v' as Guid: the row holds a bigint value.", ReadError(conn, "i64", s => s.GetGuid(0)).Message);
        GenOrmException error = ReadError(conn, "s", s => s.GetDecimal(0));
        Assert.Equal(("v", "s"), (error.TableName, error.ColumnName));

        // NULL in a column of the right type: the getters that do not ask IsDBNull first say NULL all the same.
        conn.Execute(Sql.Text("delete from v"));
        conn.Execute(Sql.Text("insert into v (b) values (true)"));
        conn.Commit();
        foreach ((string column, Action<Statement> read, string clrType) in new (string, Action<Statement>, string)[]
        {
            ("i64", s => s.GetInt64(0), "long"),
            ("i32", s => s.GetInt32(0), "int"),
            ("i16", s => s.GetInt16(0), "short"),
            ("i16", s => s.GetByte(0), "byte"),
            ("u64", s => s.GetInt64(0), "long"),
            ("u64", s => s.GetUInt64(0), "ulong"),
            ("m", s => s.GetDecimal(0), "decimal"),
            ("m", s => s.GetInt32(0), "int"),
            ("s", s => s.GetString(0), "string"),
            ("vc", s => s.GetString(0), "string"),
            ("f8", s => s.GetDouble(0), "double"),
        })
        {
            GenOrmException nullError = ReadError(conn, column, read);
            Assert.StartsWith($"Cannot read column '{column}' of table 'v' as {clrType}: the row holds NULL.", nullError.Message);
            Assert.Equal(("v", column), (nullError.TableName, nullError.ColumnName));
        }
    }

    [PostgresFact]
    public void Binds_RefuseWhatWouldReadBackDifferent()
    {
        using Connection conn = _engine.Connect();
        conn.Execute(Sql.Text(Table));
        using Statement statement = conn.Lend("insert into v (ts, f8, s) values (@ts, @f8, @s)");

        var fraction = Assert.Throws<ArgumentException>(() => statement.BindDateTime(0, new DateTime(2026, 1, 1).AddTicks(1)));
        Assert.StartsWith("A DateTime value has a fraction of a microsecond, which PostgreSQL cannot store", fraction.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => statement.BindTimeSpan(0, TimeSpan.FromTicks(5)));
        Assert.Throws<ArgumentException>(() => statement.BindTimeOnly(0, TimeOnly.MaxValue));
        var nan = Assert.Throws<ArgumentException>(() => statement.BindDouble(1, double.NaN, "v", "f8"));
        Assert.StartsWith("The value for column 'f8' of table 'v' is NaN", nan.Message, StringComparison.Ordinal);
        var surrogate = Assert.Throws<ArgumentException>(() => statement.BindText(2, "a\ud800b", "v", "s"));
        Assert.StartsWith("The value for column 's' of table 'v' contains a lone UTF-16 surrogate at index 1", surrogate.Message, StringComparison.Ordinal);
        var unsupported = Assert.Throws<ArgumentException>(() => conn.Execute(Sql.Text("select :x"), new Params { ["x"] = new Uri("http://x") }));
        Assert.StartsWith("A parameter value of type 'Uri' cannot be stored", unsupported.Message, StringComparison.Ordinal);
    }

    private static T RoundTrip<T>(Connection conn, string column, Action<Statement> bind, Func<Statement, T> read)
    {
        conn.Execute(Sql.Text("delete from v"));
        using (Statement insert = conn.Lend($"insert into v ({column}) values (@value)"))
        {
            bind(insert);
            conn.Run(insert, "v", CancellationToken.None, conn, static (c, s) => c.Step(s, first: true));
        }

        using Statement select = conn.Lend($"select {column} from v");
        return conn.Run(select, "v", CancellationToken.None, read, (read, s) =>
        {
            Assert.True(conn.Step(s, first: true));
            T value = read(s);
            Assert.False(conn.Step(s, first: false));
            return value;
        });
    }

    private static GenOrmException ReadError(Connection conn, string column, Action<Statement> read)
    {
        using Statement select = conn.Lend($"select {column} from v");
        return Assert.ThrowsAny<GenOrmException>(() => conn.Run(select, "v", CancellationToken.None, read, (read, s) =>
        {
            Assert.True(conn.Step(s, first: true));
            read(s);
            return 0;
        }));
    }
}
