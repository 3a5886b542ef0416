namespace GenOrm.Tests.Core;

public sealed class ResultAndRowTests : IDisposable
{
    private const string NoRows = "select id, name from person where id < 0";
    private const string OneRowSql = "select id, name from person where id = 1";
    private const string TwoRows = "select id, name from person order by id";

    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _connection;

    public ResultAndRowTests()
    {
        _connection = _engine.Connect();
        _connection.Execute(Sql.Text("create table person (id integer primary key, name text, score real, photo blob, born text)"));
        _connection.Execute(Sql.Text("insert into person values (1, 'Ann', 2.5, x'010203', '2000-01-02'), (2, NULL, NULL, NULL, NULL)"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void One_WithOneRow_ReturnsIt()
    {
        Row row = Run(OneRowSql).One();

        Assert.Equal("(1, 'Ann')", row.ToString());
    }

    [Fact]
    public void One_WithNoRow_ThrowsNoResultFound()
    {
        var error = Assert.Throws<NoResultFoundException>(() => Run(NoRows).One());

        Assert.Equal("The statement returned no row, but exactly one was required. SQL: " + NoRows, error.Message);
        Assert.Equal(NoRows, error.Sql);
    }

    [Fact]
    public void One_WithTwoRows_ThrowsMultipleResultsFound()
    {
        var error = Assert.Throws<MultipleResultsFoundException>(() => Run(TwoRows).One());

        Assert.Equal("The statement returned more than one row, but at most one was expected. SQL: " + TwoRows, error.Message);
        Assert.Equal(TwoRows, error.Sql);
    }

    [Fact]
    public void OneOrNone_ReturnsNullForNoRow_TheRowForOne_AndThrowsForTwo()
    {
        Assert.Null(Run(NoRows).OneOrNone());
        Assert.Equal("(1, 'Ann')", Run(OneRowSql).OneOrNone()?.ToString());
        Assert.Throws<MultipleResultsFoundException>(() => Run(TwoRows).OneOrNone());
    }

    [Fact]
    public void First_ReturnsNullForNoRow_AndTheFirstOfSeveral()
    {
        Assert.Null(Run(NoRows).First());
        Assert.Equal("(1, 'Ann')", Run(OneRowSql).First()?.ToString());
        Assert.Equal("(1, 'Ann')", Run(TwoRows).First()?.ToString());
    }

    [Fact]
    public void Scalar_ReturnsFirstColumnOfFirstRow()
    {
        Assert.Equal(1L, Run(OneRowSql).Scalar<long>());
        Assert.Equal(1, Run(TwoRows).Scalar<int>());
        Assert.Equal("Ann", Run("select name, id from person where id = 1").Scalar<string>());
    }

    [Fact]
    public void Scalar_WithNoRow_ThrowsNoResultFound()
    {
        var error = Assert.Throws<NoResultFoundException>(() => Run(NoRows).Scalar<long>());

        Assert.Equal("The statement returned no row, but exactly one was required. SQL: " + NoRows, error.Message);
    }

    [Fact]
    public void Scalar_OfNull_IsNullForNullableTypes_AndInvalidCastOtherwise()
    {
        Result result = Run("select max(id) as top from person where id < 0");

        Assert.Null(result.Scalar<long?>());
        Assert.Null(result.Scalar<string?>());
        var error = Assert.Throws<InvalidCastException>(() => result.Scalar<long>());
        Assert.Equal(
            "Column 'top' is NULL, which cannot be read as 'Int64'. Read it as a nullable type (for example long? or string?).",
            error.Message);
    }

    [Fact]
    public void Get_ByOrdinalAndByName_ReturnTheSameValues()
    {
        Row row = Run("select id, name, score from person where id = 1").One();

        Assert.Equal(1L, row.Get<long>(0));
        Assert.Equal(1L, row.Get<long>("id"));
        Assert.Equal("Ann", row.Get<string>(1));
        Assert.Equal("Ann", row.Get<string>("name"));
        Assert.Equal(2.5, row.Get<double>("score"));
    }

    [Fact]
    public void Get_ByName_IgnoresCase()
    {
        Row row = Run("select id as Id, name from person where id = 1").One();

        Assert.Equal("Ann", row.Get<string>("NAME"));
        Assert.Equal("Ann", row["nAmE"]);
        Assert.Equal(1L, row.Get<long>("ID"));
    }

    [Fact]
    public void Indexer_ReturnsTheStoredSqliteValue()
    {
        Row row = Run("select id, name, score, photo, born from person where id = 1").One();

        Assert.IsType<long>(row[0]);
        Assert.IsType<string>(row[1]);
        Assert.IsType<double>(row[2]);
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<byte[]>(row[3]));
        Assert.Equal("2000-01-02", row["born"]);
        Assert.Equal(1L, row.Get<object>(0));
    }

    [Fact]
    public void Null_ReadAsNullableTypes_IsNull()
    {
        Row row = Run("select id, name, score, photo, born from person where id = 2").One();

        Assert.Null(row[1]);
        Assert.Null(row.Get<string?>("name"));
        Assert.Null(row.Get<double?>("score"));
        Assert.Null(row.Get<byte[]?>("photo"));
        Assert.Null(row.Get<DateTime?>("born"));
        Assert.Null(row.Get<Guid?>("born"));
        Assert.Null(row.Get<int?>(1));
    }

    [Fact]
    public void Null_ReadAsNonNullableType_ThrowsInvalidCastExceptionNamingTheColumn()
    {
        Row row = Run("select id, score from person where id = 2").One();

        var error = Assert.Throws<InvalidCastException>(() => row.Get<double>("score"));
        Assert.Equal(
            "Column 'score' is NULL, which cannot be read as 'Double'. Read it as a nullable type (for example long? or string?).",
            error.Message);
        Assert.Throws<InvalidCastException>(() => row.Get<DateTime>(1));
    }

    [Fact]
    public void UnknownColumn_ThrowsArgumentExceptionListingTheColumns()
    {
        Row row = Run(OneRowSql).One();

        var error = Assert.Throws<ArgumentException>(() => row.Get<string>("email"));
        Assert.Equal("column", error.ParamName);
        Assert.Equal("The row has no column named 'email'. Its columns are: id, name. (Parameter 'column')", error.Message);
        Assert.Throws<ArgumentException>(() => row["email"]);
    }

    [Fact]
    public void OrdinalOutsideTheRow_ThrowsArgumentOutOfRange()
    {
        Row row = Run(OneRowSql).One();

        Assert.Throws<ArgumentOutOfRangeException>(() => row[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => row[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => row.Get<long>(2));
    }

    [Fact]
    public void ValueOfAnotherType_ThrowsInvalidCastExceptionNamingColumnAndTypes()
    {
        Row row = Run("select name, id, 300 as big from person where id = 1").One();

        var text = Assert.Throws<InvalidCastException>(() => row.Get<long>("name"));
        Assert.Equal("Column 'name' holds a TEXT value, which cannot be read as 'Int64'.", text.Message);
        var uri = Assert.Throws<InvalidCastException>(() => row.Get<Uri>("id"));
        Assert.Equal("Column 'id' holds an INTEGER value, which cannot be read as 'Uri'.", uri.Message);
        var overflow = Assert.Throws<InvalidCastException>(() => row.Get<byte>("big"));
        Assert.IsType<OverflowException>(overflow.InnerException);
    }

    [Fact]
    public void Row_PrintsLikeAPythonTuple()
    {
        Assert.Equal("(1, 'Ann', 2.5, <3 bytes>, '2000-01-02')", Run("select * from person where id = 1").One().ToString());
        Assert.Equal("(2, None, None, None, None)", Run("select * from person where id = 2").One().ToString());
        Assert.Equal("('it\\'s',)", Run("select 'it''s'").One().ToString());
    }

    [Fact]
    public void RealValue_PrintsWithADecimalPoint_LikePython()
    {
        // Python prints a float 2.0 as 2.0; "2" would look like the INTEGER 2.
        Assert.Equal("[(2.0, 2, 0.5)]", Run("select 2.0, 2, 0.5").ToString());
    }

    [Fact]
    public void Result_EnumeratesRowsInOrder_AndPrintsEmptyAsEmptyList()
    {
        Result result = Run(TwoRows);

        Assert.Equal(new[] { 1L, 2L }, result.Select(row => row.Get<long>("id")));
        Assert.Equal(2, result.All().Count);
        Assert.Equal("[(1, 'Ann'), (2, None)]", result.ToString());
        Assert.Equal("[]", Run(NoRows).ToString());
    }

    [Fact]
    public void Row_ExposesItsColumnsAndValues()
    {
        Row row = Run(OneRowSql).One();

        Assert.Equal(2, row.Count);
        Assert.Equal(new[] { "id", "name" }, row.Columns);
        Assert.Equal(new object?[] { 1L, "Ann" }, row.ToArray());
    }

    [Fact]
    public void DuplicateColumnNames_ByName_ReturnsTheFirst()
    {
        Row row = Run("select 1 as a, 2 as a").One();

        Assert.Equal(1L, row.Get<long>("a"));
        Assert.Equal(2L, row.Get<long>(1));
    }

    private Result Run(string sql) => _connection.Execute(Sql.Text(sql));
}
