using GenOrm;
using Microsoft.Data.Sqlite;

namespace GenOrm.Tests.Orm;

public sealed class OrmErrorTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public OrmErrorTests()
    {
        _conn = _engine.Connect();
        SeedUser.CreateTable(_conn);
        Account.CreateTable(_conn);
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void DuplicatePrimaryKey_NamesTableAndKeyColumns()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" });

        var error = Assert.Throws<ConstraintViolationException>(
            () => SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" }));

        Assert.Equal(ConstraintKind.PrimaryKey, error.Kind);
        Assert.Equal("user", error.TableName);
        Assert.Equal("id, email", error.ColumnName);
        Assert.Equal(
            "Cannot insert into table 'user': a row with the same primary key (id, email) already exists. Update the existing row instead, or use a different key.",
            error.Message);
        Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(19, error.SqliteErrorCode);
    }

    [Fact]
    public void DuplicateUniqueValue_NamesTheColumn()
    {
        Account.Insert(_conn, new Account { Email = "a@x.org", Login = "a" });

        var error = Assert.Throws<ConstraintViolationException>(() => Account.Insert(_conn, new Account { Email = "a@x.org", Login = "b" }));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal(("accounts", "Email"), (error.TableName, error.ColumnName));
        Assert.StartsWith("Cannot write to table 'accounts': column 'Email' must be unique", error.Message);
        Assert.DoesNotContain("a@x.org", error.Message);
    }

    [Fact]
    public void TooLongString_IsRefusedWithTheColumnAndLimit()
    {
        var error = Assert.Throws<ConstraintViolationException>(
            () => SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = new string('n', 101), Email = "e", Login = "l" }));

        Assert.Equal(ConstraintKind.MaxLength, error.Kind);
        Assert.Equal(("user", "name"), (error.TableName, error.ColumnName));
        Assert.Equal(
            "The value for column 'name' of table 'user' is longer than its maximum length of 100 characters. Shorten the value, or raise [MaxLength] on the property.",
            error.Message);
    }

    [Fact]
    public void StringAtTheLimit_IsAccepted()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = new string('n', 100), Email = "e", Login = "l" });

        Assert.Equal(100, Assert.Single(SeedUser.GetByEmail(_conn, "e")).Name.Length);
    }

    [Fact]
    public void NullInANotNullColumn_NamesTheColumn()
    {
        var error = Assert.Throws<ConstraintViolationException>(
            () => Account.Insert(_conn, new Account { Email = "a@x.org", Login = null! }));

        Assert.Equal(ConstraintKind.NotNull, error.Kind);
        Assert.Equal(("accounts", "Login"), (error.TableName, error.ColumnName));
        Assert.StartsWith("Column 'Login' of table 'accounts' cannot be NULL.", error.Message);
    }

    [Fact]
    public void WrongTypeForAColumn_IsRefusedByTheStrictTable()
    {
        var error = Assert.Throws<ConstraintViolationException>(
            () => _conn.Execute(Sql.Text("insert into accounts (Email, Login, Score) values ('a', 'b', 'many')")));

        Assert.Equal(ConstraintKind.DataType, error.Kind);
        Assert.Equal(("accounts", "Score"), (error.TableName, error.ColumnName));
        Assert.Equal(
            "Column 'Score' of table 'accounts' holds INTEGER values; a TEXT value cannot be stored in it. Pass a value of the column's type.",
            error.Message);
    }

    [Fact]
    public void AfterAnError_TheConnectionIsUsableAndCommittedWorkRemains()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" });
        _conn.Commit();
        SeedUser.Insert(_conn, new SeedUser { Id = 2, Name = "Bob", Email = "bob@example.com", Login = "bob" });

        Assert.Throws<ConstraintViolationException>(
            () => SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" }));
        SeedUser.Insert(_conn, new SeedUser { Id = 3, Name = "Cy", Email = "cy@example.com", Login = "cy" });
        _conn.Commit();

        Assert.Equal([1L, 2L, 3L], SeedUser.GetAll(_conn).Select(u => u.Id).Order());
    }

    [Fact]
    public void QueryT_MissingMappedColumn_IsAnErrorListingIt()
    {
        var error = Assert.Throws<GenOrmException>(() => _conn.Query<SeedUser>(Sql.Text("select id, name from \"user\"")));

        Assert.Equal(
            "The result cannot be read as 'user': it has no column 'email', 'login'. Select every mapped column (SELECT * or the full column list). SQL: select id, name from \"user\"",
            error.Message);
    }

    [Fact]
    public void ExecuteWithEntity_UnknownParameter_NamesIt()
    {
        var ann = new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" };

        // Not a constant, so that GENORM046 does not flag the missing column at compile time: this test is about run time.
        string sql = "select * from \"user\" where phone = :phone";
        var error = Assert.Throws<GenOrmException>(() => _conn.Execute(Sql.Text(sql), ann));

        Assert.StartsWith("The SQL uses parameter ':phone', but the entity of table 'user' has no column or property named 'phone'.", error.Message);
    }
}

public sealed class RefusedValueTests
{
    [Fact]
    public void NaNAndLoneSurrogates_ThroughGeneratedCode_NameTheTableAndColumn()
    {
        using var engine = Engine.Create("sqlite://");
        using var conn = engine.Connect();
        Product.CreateTable(conn);

        var nan = Assert.Throws<ArgumentException>(() => Product.Insert(conn, new Product { Id = 1, Price = double.NaN }));
        var surrogate = Assert.Throws<ArgumentException>(() => Product.Insert(conn, new Product { Id = 2, Name = "a\ud800b" }));

        Assert.Contains("'Price'", nan.Message);
        Assert.Contains("'products'", nan.Message);
        Assert.Contains("'Name'", surrogate.Message);
        Assert.Contains("'products'", surrogate.Message);
        Assert.Equal(0, Product.Query(conn).Count());
    }
}
