using GenOrm;

namespace GenOrm.Tests.Orm;

public sealed class QueryAndParameterTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public QueryAndParameterTests()
    {
        _conn = _engine.Connect();
        SeedUser.CreateTable(_conn);
        SeedUser.InsertMany(_conn,
        [
            new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" },
            new SeedUser { Id = 2, Name = "Bob", Email = "bob@example.com", Login = "bob" },
            new SeedUser { Id = 3, Name = "Bob", Email = "bob2@example.com", Login = "bobby" },
        ]);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void QueryT_WithANamelessParameter_Throws_InsteadOfMatchingNull()
    {
        // It used to run with the parameter NULL and return no row: a plausible, wrong answer.
        var error = Assert.Throws<GenOrmException>(() => _conn.Query<SeedUser>(Sql.Text("select * from \"user\" where NAME = ?")));

        Assert.StartsWith("The SQL uses parameter '?', which has no name,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryT_MapsAnySqlOntoTheEntityByColumnName()
    {
        List<SeedUser> bobs = _conn.Query<SeedUser>(
            Sql.Text("select login, email, name, id, 42 as extra from \"user\" where name = :name order by id"),
            new Params { ["name"] = "Bob" });

        Assert.Equal([(2L, "bob@example.com", "bob"), (3L, "bob2@example.com", "bobby")], bobs.Select(u => (u.Id, u.Email, u.Login)));
    }

    [Fact]
    public void QueryT_ColumnNamesAreMatchedIgnoringCase()
    {
        var users = _conn.Query<SeedUser>(Sql.Text("select ID, NAME, EMAIL, LOGIN from \"user\" where ID = 1"));

        Assert.Equal("Ann", Assert.Single(users).Name);
    }

    [Fact]
    public void ExecuteWithEntity_BindsParametersFromColumnsAndProperties()
    {
        var probe = new SeedUser { Id = 2, Name = "ignored", Email = "bob@example.com", Login = "ignored" };

        long byColumn = _conn.Execute(Sql.Text("select count(*) from \"user\" where email = :email"), probe).Scalar<long>();
        long byProperty = _conn.Execute(Sql.Text("select count(*) from \"user\" where id = @Id and email = $Email"), probe).Scalar<long>();

        Assert.Equal(1, byColumn);
        Assert.Equal(1, byProperty);
    }

    [Fact]
    public void ExecuteWithEntities_RunsOncePerEntity()
    {
        var renamed = new[]
        {
            new SeedUser { Id = 1, Name = "Ann B.", Email = "ann@example.com" },
            new SeedUser { Id = 2, Name = "Bob B.", Email = "bob@example.com" },
        };

        Result result = _conn.Execute(Sql.Text("update \"user\" set name = :name where id = :id and email = :email"), renamed);

        Assert.Equal(2, result.RowsAffected);
        Assert.Equal(["Ann B.", "Bob B.", "Bob"], SeedUser.GetAll(_conn).OrderBy(u => u.Id).Select(u => u.Name));
    }
}
