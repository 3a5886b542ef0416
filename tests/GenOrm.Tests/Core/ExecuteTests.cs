using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Core;

public sealed class ExecuteTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite+pysqlite:///:memory:");
    private readonly Connection _connection;

    public ExecuteTests() => _connection = _engine.Connect();

    public enum Color
    {
        Red = 1,
        Green = 2,
        Blue = 40,
    }

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void SelectLiteral_PrintsLikePythonTupleList()
    {
        Result result = _connection.Execute(Sql.Text("select 'result'"));

        Assert.Equal("[('result',)]", result.ToString());
        Assert.Equal("[('result',)]", result.All().ToString());
        Assert.Equal("('result',)", Assert.Single(result.All()).ToString());
    }

    [Fact]
    public void SeedMyTableFlow_PrintsInsertedRows()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Sql.Text("create table my_table (x integer primary key, y integer)"));
            connection.Execute(
                Sql.Text("insert into my_table (x, y) values (:x, :y)"),
                new[] { new Params { ["x"] = 1, ["y"] = 2 }, new Params { ["x"] = 3, ["y"] = 4 } });
            connection.Commit();

            Result result = connection.Execute(Sql.Text("select * from my_table"));

            Assert.Equal("[(1, 2), (3, 4)]", result.All().ToString());
            Assert.Equal(new[] { "x", "y" }, result.Columns);
        }

        Assert.Equal("[(1, 2), (3, 4)]", _engine.Rows("select * from my_table"));
    }

    [Theory]
    [InlineData(":x")]
    [InlineData("@x")]
    [InlineData("$x")]
    public void NamedParameter_IsBoundInEveryPrefixForm(string token)
    {
        Result result = _connection.Execute(Sql.Text($"select {token} + 1"), new Params { ["x"] = 41 });

        Assert.Equal(42L, result.Scalar<long>());
    }

    [Theory]
    [InlineData(":x")]
    [InlineData("@x")]
    [InlineData("$x")]
    public void ParamsName_MayCarryAnyPrefix(string key)
    {
        var parameters = new Params { [key] = "v" };

        Result result = _connection.Execute(Sql.Text("select :x, @x, $x"), parameters);

        Assert.Equal("[('v', 'v', 'v')]", result.ToString());
    }

    [Fact]
    public void ParameterUsedTwice_IsBoundToTheSameValue()
    {
        Result result = _connection.Execute(Sql.Text("select :x, :x * 2"), new Params { ["x"] = 5 });

        Assert.Equal("[(5, 10)]", result.ToString());
    }

    [Fact]
    public void ColonInsideQuotes_IsNotAParameter()
    {
        Result result = _connection.Execute(Sql.Text("select ':x', :y"), new Params { ["y"] = 2 });

        Assert.Equal("[(':x', 2)]", result.ToString());
    }

    [Fact]
    public void MissingParameter_ThrowsGenOrmExceptionNamingIt()
    {
        var error = Assert.Throws<GenOrmException>(
            () => _connection.Execute(Sql.Text("select :x, :y"), new Params { ["x"] = 1 }));

        Assert.Equal(
            "The SQL uses parameter ':y', but no value was given for 'y'. Add it, for example new Params { [\"y\"] = ... }. SQL: select :x, :y",
            error.Message);
        Assert.Equal("select :x, :y", error.Sql);
        Assert.Null(error.InnerException);
        Assert.Equal(0, error.SqliteErrorCode);
    }

    [Fact]
    public void ParameterizedSql_WithoutParams_ThrowsGenOrmExceptionNamingTheParameter()
    {
        var error = Assert.Throws<GenOrmException>(() => _connection.Execute(Sql.Text("select @limit")));

        Assert.StartsWith("The SQL uses parameter '@limit', but no value was given for 'limit'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterNames_AreCaseSensitive()
    {
        var error = Assert.Throws<GenOrmException>(
            () => _connection.Execute(Sql.Text("select :X"), new Params { ["x"] = 1 }));

        Assert.StartsWith("The SQL uses parameter ':X', but no value was given for 'X'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraParams_AreIgnored()
    {
        Result result = _connection.Execute(Sql.Text("select :a"), new Params { ["a"] = 1, ["unused"] = 2 });

        Assert.Equal("[(1,)]", result.ToString());
    }

    [Fact]
    public void SameStatementRunAgain_BindsTheNewValues()
    {
        var sql = Sql.Text("select :x * 10");

        long[] values = [1, 2, 3];
        long[] results = values.Select(x => _connection.Execute(sql, new Params { ["x"] = x }).Scalar<long>()).ToArray();

        Assert.Equal(new[] { 10L, 20L, 30L }, results);
    }

    [Fact]
    public void RowsAffected_CountsInsertedUpdatedAndDeletedRows()
    {
        Assert.Equal(0, _connection.Execute(Sql.Text("create table t (x integer, y text)")).RowsAffected);
        Assert.Equal(3, _connection.Execute(Sql.Text("insert into t values (1, 'a'), (2, 'a'), (3, 'b')")).RowsAffected);
        Assert.Equal(2, _connection.Execute(Sql.Text("update t set y = 'c' where y = :y"), new Params { ["y"] = "a" }).RowsAffected);
        Assert.Equal(0, _connection.Execute(Sql.Text("update t set y = 'c' where x = 99")).RowsAffected);
        Assert.Equal(1, _connection.Execute(Sql.Text("delete from t where x = :x"), new Params { ["x"] = 3 }).RowsAffected);
        Assert.Equal(0, _connection.Execute(Sql.Text("select * from t")).RowsAffected);
    }

    [Fact]
    public void InsertReturning_ReturnsRowsAndCountsThem()
    {
        _connection.Execute(Sql.Text("create table t (id integer primary key, name text)"));

        Result result = _connection.Execute(Sql.Text("insert into t (name) values (:name) returning id, name"), new Params { ["name"] = "ann" });

        Assert.Equal("[(1, 'ann')]", result.ToString());
        Assert.Equal(1, result.RowsAffected);
    }

    [Fact]
    public void SeveralStatementsInOneText_AllRun()
    {
        _connection.Execute(Sql.Text("create table t (x integer); insert into t values (:a); insert into t values (:b)"), new Params { ["a"] = 1, ["b"] = 2 });

        Assert.Equal("[(1,), (2,)]", _connection.Execute(Sql.Text("select x from t order by x")).ToString());
    }

    [Fact]
    public void Script_RunsEveryStatementInTurn_ReadsTheFirstResult_AndCountsEveryWrite()
    {
        Result result = _connection.Execute(Sql.Text(
            "create table s (x integer); insert into s values (1), (2); select x from s order by x; insert into s values (3); select 'ignored'"));

        // The rows are the first result's; the insert after it ran too, and counts (ADO.NET's count stopped at the
        // first result, missing it).
        Assert.Equal("[(1,), (2,)]", result.ToString());
        Assert.Equal(new[] { "x" }, result.Columns);
        Assert.Equal(3, result.RowsAffected);
        Assert.Equal(3L, _connection.Execute(Sql.Text("select count(*) from s")).Scalar<long>());
    }

    [Fact]
    public void Script_ForeignKeyError_IsExplainedForTheStatementThatFailed()
    {
        _connection.Execute(Sql.Text(
            "create table parent (id integer primary key); create table child (pid integer references parent (id)); " +
            "insert into parent values (1), (2); insert into child values (1)"));

        var error = Assert.Throws<ConstraintViolationException>(
            () => _connection.Execute(Sql.Text("insert into child values (2); delete from parent where id = 1")));

        // The DELETE failed, not the INSERT before it: the parent's row is still referred to.
        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        Assert.Equal("parent", error.TableName);
        Assert.StartsWith(
            "Cannot delete from table 'parent': rows of table 'child' still refer to it through column 'pid' (which refers to column 'id').",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal("insert into child values (2); delete from parent where id = 1", error.Sql);
    }

    [Theory]
    [InlineData("select ?")]
    [InlineData("select ?1")]
    [InlineData("select :x, ?")]
    public void NamelessParameter_IsAnError_NotANull(string text)
    {
        var error = Assert.Throws<GenOrmException>(() => _connection.Execute(Sql.Text(text), new Params { ["x"] = 1 }));

        string token = text.EndsWith("?1", StringComparison.Ordinal) ? "?1" : "?";
        Assert.Equal(
            $"The SQL uses parameter '{token}', which has no name, so no value can be given for it (it would run as NULL). " +
            $"Write it as a named parameter, such as :name, and give its value in a Params. SQL: {text}",
            error.Message);
        Assert.Equal(text, error.Sql);
    }

    [Fact]
    public void EmptyText_IsAnArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => _connection.Execute(Sql.Text("-- nothing here")));

        Assert.StartsWith("The SQL holds no statement (only white space, comments or ';').", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_KnowsItsSqlAndColumns()
    {
        Result result = _connection.Execute(Sql.Text("select 1 as one, 'b' as Two"));

        Assert.Equal("select 1 as one, 'b' as Two", result.Sql);
        Assert.Equal(new[] { "one", "Two" }, result.Columns);
        Assert.Equal(new[] { "one", "Two" }, result.One().Columns);
    }

    [Fact]
    public void NullParameter_IsStoredAsSqlNull()
    {
        Result result = _connection.Execute(Sql.Text("select :x is null, typeof(:x)"), new Params { ["x"] = null });

        Assert.Equal("[(1, 'null')]", result.ToString());
    }

    [Fact]
    public void DateTimeValues_RoundTripAsEqualValues_WithoutKindOrOffset()
    {
        var utc = new DateTime(2024, 2, 29, 13, 45, 10, 123, DateTimeKind.Utc);
        var unspecified = new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Unspecified);
        var offset = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));

        Row row = _connection.Execute(Sql.Text("select :utc as utc, :plain as plain, :offset as offset"), new Params
        {
            ["utc"] = utc, ["plain"] = unspecified, ["offset"] = offset,
        }).One();

        Assert.Equal("2024-02-29 13:45:10.123", row["utc"]);
        Assert.Equal("2024-01-02 01:04:05", row["offset"]);
        Assert.Equal(utc, row.Get<DateTime>("utc"));
        Assert.Equal(DateTimeKind.Unspecified, row.Get<DateTime>("utc").Kind);
        Assert.Equal(unspecified, row.Get<DateTime>("plain"));
        Assert.Equal(DateTimeKind.Unspecified, row.Get<DateTime>("plain").Kind);
        Assert.Equal(offset, row.Get<DateTimeOffset>("offset"));
        Assert.Equal(TimeSpan.Zero, row.Get<DateTimeOffset>("offset").Offset);
        Assert.Equal(utc, row.Get<DateTime?>("utc"));
    }

    [Fact]
    public void DateOnlyTimeOnlyAndTimeSpan_RoundTrip()
    {
        var date = new DateOnly(2024, 7, 14);
        var time = new TimeOnly(8, 30, 15, 250);
        var span = TimeSpan.FromMinutes(90);

        Row row = _connection.Execute(Sql.Text("select :d, :t, :s"), new Params { ["d"] = date, ["t"] = time, ["s"] = span }).One();

        Assert.Equal("('2024-07-14', '08:30:15.25', 54000000000)", row.ToString());
        Assert.Equal(date, row.Get<DateOnly>(0));
        Assert.Equal(time, row.Get<TimeOnly>(1));
        Assert.Equal(span, row.Get<TimeSpan>(2));
    }

    [Fact]
    public void GuidValue_IsStoredAsLowerCaseText_AndReadBack()
    {
        var id = Guid.Parse("8F2C0E7A-52A4-4B69-9E0F-3C6F1D2B7A90");

        Row row = _connection.Execute(Sql.Text("select :id"), new Params { ["id"] = id }).One();

        Assert.Equal("8f2c0e7a-52a4-4b69-9e0f-3c6f1d2b7a90", row[0]);
        Assert.Equal(id, row.Get<Guid>(0));
        Assert.Equal(id, row.Get<Guid?>(0));
    }

    [Fact]
    public void DecimalValue_IsBoundInCanonicalForm()
    {
        Row row = _connection.Execute(Sql.Text("select :a, :b, :c, :zero"), new Params { ["a"] = 1.50m, ["b"] = 1.5m, ["c"] = -100.000m, ["zero"] = -0.00m }).One();

        Assert.Equal("('1.5', '1.5', '-100', '0')", row.ToString());
        Assert.Equal(1.50m, row.Get<decimal>(0));
    }

    [Fact]
    public void EnumValue_IsStoredAsItsNumber_AndReadBack()
    {
        Row row = _connection.Execute(Sql.Text("select :c, :d"), new Params { ["c"] = Color.Blue, ["d"] = DayOfWeek.Friday }).One();

        Assert.Equal("(40, 5)", row.ToString());
        Assert.Equal(Color.Blue, row.Get<Color>(0));
        Assert.Equal(Color.Blue, row.Get<Color?>(0));
        Assert.Equal(DayOfWeek.Friday, row.Get<DayOfWeek>(1));
    }

    [Fact]
    public void BoolValue_IsStoredAsZeroOrOne_AndReadBack()
    {
        Row row = _connection.Execute(Sql.Text("select :yes, :no"), new Params { ["yes"] = true, ["no"] = false }).One();

        Assert.Equal("(1, 0)", row.ToString());
        Assert.True(row.Get<bool>(0));
        Assert.False(row.Get<bool>(1));
        Assert.False(row.Get<bool?>(1));
    }

    [Fact]
    public void ByteArray_IsStoredAsBlob_AndReadBack()
    {
        byte[] bytes = [0, 1, 2, 255];

        Row row = _connection.Execute(Sql.Text("select :b, typeof(:b)"), new Params { ["b"] = bytes }).One();

        Assert.Equal("(<4 bytes>, 'blob')", row.ToString());
        Assert.Equal(bytes, row.Get<byte[]>(0));
    }

    [Fact]
    public void NumericValues_RoundTrip()
    {
        Row row = _connection.Execute(Sql.Text("select :i, :l, :u, :f, :d, :s, :c"), new Params
        {
            ["i"] = int.MinValue, ["l"] = long.MaxValue, ["u"] = ulong.MaxValue, ["f"] = 1.5f, ["d"] = 0.1, ["s"] = (short)-7, ["c"] = 'z',
        }).One();

        Assert.Equal(int.MinValue, row.Get<int>(0));
        Assert.Equal(long.MaxValue, row.Get<long>(1));
        Assert.Equal(ulong.MaxValue, row.Get<ulong>(2));
        Assert.Equal(1.5f, row.Get<float>(3));
        Assert.Equal(0.1, row.Get<double>(4));
        Assert.Equal((short)-7, row.Get<short>(5));
        Assert.Equal("z", row.Get<string>(6));
    }

    [Fact]
    public void UnicodeAndLongText_IsStoredVerbatim()
    {
        string text = "Grüße, 世界 🌍 " + new string('x', 5000) + " 'quoted' \"double\" \\ back";
        _connection.Execute(Sql.Text("create table t (v text)"));

        _connection.Execute(Sql.Text("insert into t values (:v)"), new Params { ["v"] = text });

        Assert.Equal(text, _connection.Execute(Sql.Text("select v from t")).Scalar<string>());
    }

    [Fact]
    public void UnsupportedParameterType_ThrowsArgumentException_BeforeAnythingRuns()
    {
        var error = Assert.Throws<ArgumentException>(
            () => _connection.Execute(Sql.Text("select :x"), new Params { ["x"] = new Uri("https://example.com") }));

        Assert.StartsWith("A parameter value of type 'Uri' cannot be stored in SQLite.", error.Message, StringComparison.Ordinal);
        Assert.False(_connection.InTransaction);
        Assert.Equal("[(1,)]", _connection.Execute(Sql.Text("select 1")).ToString());
    }

    [Fact]
    public void SqlText_RejectsEmptyText_AndPrintsItsText()
    {
        Assert.Throws<ArgumentException>(() => Sql.Text(" "));
        Assert.Equal("select 1", Sql.Text("select 1").ToString());
        Assert.Equal("select 1", Sql.Text("select 1").CommandText);
    }

    [Fact]
    public void Params_RejectsDuplicateNames_AndPrintsLikeADictionary()
    {
        var parameters = new Params { { "x", 1 }, { "y", "a" }, { "z", null } };

        Assert.Throws<ArgumentException>(() => parameters.Add(":x", 2));
        Assert.Equal(3, parameters.Count);
        Assert.Equal(1, parameters["@x"]);
        Assert.Equal("{x: 1, y: 'a', z: None}", parameters.ToString());
    }
}
