using GenOrm;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// This assembly references GenOrm.Npgsql, so its tables' generated code passes both dialects' texts to the runtime.
/// On SQLite the runtime must pick SQLite's: these tests run the tables whose texts differ most (a nullable identity
/// key, a nullable unique lookup, explicit keys) through the generated API, sync and async.
/// </summary>
public sealed class DialectTextsOnSqliteTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _connection;

    public DialectTextsOnSqliteTests()
    {
        _connection = _engine.Connect();
        DdlAuthor.CreateTable(_connection);
        DdlTicket.CreateTable(_connection);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void CreateTable_RunsSqlitesDdl()
    {
        string stored = _connection.Execute(Sql.Text("select sql from sqlite_master where name = 'ddl_ticket'")).Scalar<string>();

        Assert.Equal(DdlTicket.CreateTableSql.Replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE", StringComparison.Ordinal).TrimEnd(';'), stored);
        Assert.NotEqual(DdlTicket.CreateTableSql, DdlTicket.CreateTableSqlPostgres);
    }

    [Fact]
    public void NullableKeyAndLookup_GeneratedKeysAndNullSafeComparisons()
    {
        var withoutCode = new DdlTicket { Seats = 1 };
        var withCode = new DdlTicket { Code = "A", Seats = 2 };

        DdlTicket.Insert(_connection, withoutCode);
        DdlTicket.Insert(_connection, withCode);

        Assert.Equal((1L, 2L), (withoutCode.Id, withCode.Id));
        Assert.Equal(1, DdlTicket.GetByCode(_connection, null)?.Seats);
        Assert.Equal(2, DdlTicket.GetByCode(_connection, "A")?.Seats);
        Assert.Equal("A", DdlTicket.GetById(_connection, 2)?.Code);
        Assert.Equal(1, DdlTicket.Delete(_connection, withoutCode));
        Assert.Null(DdlTicket.GetByCode(_connection, null));
    }

    [Fact]
    public void ExplicitKeys_InsertUpsertAndInsertMany_NextGeneratedKeyIsPastTheLargest()
    {
        var first = new DdlTicket { Id = 10, Code = "ten", Seats = 1 };
        DdlTicket.Insert(_connection, first);
        Assert.Equal(1, DdlTicket.Upsert(_connection, new DdlTicket { Id = 20, Code = "twenty", Seats = 2 }));
        Assert.Equal(1, DdlTicket.Upsert(_connection, new DdlTicket { Id = 20, Code = "twenty", Seats = 3 }));
        var batch = new[] { new DdlTicket { Id = 30, Seats = 4 }, new DdlTicket { Seats = 5 }, new DdlTicket { Id = 25, Code = "b", Seats = 6 } };

        Assert.Equal(3, DdlTicket.InsertMany(_connection, batch));

        Assert.Equal(31L, batch[1].Id);
        var next = new DdlTicket { Code = "next", Seats = 7 };
        DdlTicket.Insert(_connection, next);
        Assert.Equal(32L, next.Id);
        Assert.Equal(
            ["10 1", "20 3", "25 6", "30 4", "31 5", "32 7"],
            DdlTicket.GetAll(_connection).OrderBy(t => t.Id).Select(t => $"{t.Id} {t.Seats}"));
    }

    [Fact]
    public async Task AsyncTwins_PickSqlitesTextsToo()
    {
        await DdlAuthor.CreateTableAsync(_connection);
        var author = new DdlAuthor { Name = "ann", Fee = 1.25m, Break = TimeSpan.FromMinutes(5) };

        await DdlAuthor.InsertAsync(_connection, author);
        await DdlAuthor.UpsertAsync(_connection, new DdlAuthor { Id = 7, Name = "bob" });
        var later = new DdlAuthor { Name = "cy" };
        await DdlAuthor.InsertAsync(_connection, later);
        var ticket = new DdlTicket { Seats = 9 };
        await DdlTicket.InsertAsync(_connection, ticket);

        Assert.Equal((1L, 8L, 1L), (author.Id, later.Id, ticket.Id!.Value));
        Assert.Equal(9, (await DdlTicket.GetByCodeAsync(_connection, null))?.Seats);
        Assert.Equal(["1 ann 1.25", "7 bob 0.00", "8 cy 0.00"], (await DdlAuthor.GetAllAsync(_connection)).OrderBy(a => a.Id).Select(a => $"{a.Id} {a.Name} {a.Fee}"));
    }
}
