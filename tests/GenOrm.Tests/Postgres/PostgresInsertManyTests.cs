using GenOrm;
using GenOrm.Testing;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>A table whose key the application sets: its <c>InsertMany</c> sends no <c>RETURNING</c>.</summary>
[Table("batch_pair")]
public partial class BatchPair
{
    [PrimaryKey]
    public string Code { get; set; } = "";

    public int Seats { get; set; }
}

/// <summary>
/// <c>InsertMany</c> on PostgreSQL: a chunk of rows per round trip (one <c>NpgsqlBatch</c> of the prepared
/// <c>INSERT</c>), keys in order, set keys moving the identity as one row at a time would, and a failure or a
/// cancellation undoing the whole call and nothing before it. The round trips are counted by Npgsql itself: its
/// <c>Npgsql</c> meter adds one to <c>db.client.operation.npgsql.executing</c> per command (or batch) it sends and waits for.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresInsertManyTests(PostgresFixture fixture)
{
    private const int Rows = 2500;

    /// <summary>Gets the databases to run on: SQLite (the row-at-a-time reference) always, PostgreSQL unless its binaries are missing.</summary>
    public static TheoryData<string> Databases() => GeneratedCrudContractTests.Databases();

    private Engine Open(string database) =>
        Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);

    private static List<DdlAuthor> Authors(int count, Func<int, string?>? email = null) =>
        Enumerable.Range(0, count).Select(i => new DdlAuthor { Name = "a" + i.ToString("0000"), Email = email?.Invoke(i) }).ToList();

    [PostgresFact]
    public void InsertMany_MoreRowsThanAChunk_KeysInOrder_OneRoundTripPerChunk()
    {
        using Engine engine = Open("postgresql");
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);
        DdlAuthor.Insert(connection, new DdlAuthor { Name = "first" });
        List<DdlAuthor> authors = Authors(Rows);

        int inserted;
        using (var commands = new NpgsqlCommandCount())
        {
            inserted = DdlAuthor.InsertMany(connection, authors);

            // SAVEPOINT, 1,000 + 1,000 + 500 rows, RELEASE SAVEPOINT (row at a time, it was 2,502).
            Assert.Equal(5, commands.Count);
        }

        connection.Commit();
        Assert.Equal(Rows, inserted);
        Assert.Equal(Enumerable.Range(2, Rows).Select(i => (long)i), authors.Select(a => a.Id));
        Assert.Equal(
            authors.Select(a => $"{a.Id} {a.Name}"),
            DdlAuthor.GetAll(connection).Where(a => a.Name != "first").OrderBy(a => a.Id).Select(a => $"{a.Id} {a.Name}"));
    }

    [PostgresFact]
    public async Task InsertManyAsync_MoreRowsThanAChunk_KeysInOrder_OneRoundTripPerChunk()
    {
        using Engine engine = Open("postgresql");
        await using Connection connection = await engine.ConnectAsync();
        await DdlAuthor.CreateTableAsync(connection);
        await DdlAuthor.InsertAsync(connection, new DdlAuthor { Name = "first" });
        List<DdlAuthor> authors = Authors(Rows);

        int inserted;
        using (var commands = new NpgsqlCommandCount())
        {
            inserted = await DdlAuthor.InsertManyAsync(connection, authors);
            Assert.Equal(5, commands.Count);
        }

        await connection.CommitAsync();
        Assert.Equal(Rows, inserted);
        Assert.Equal(Enumerable.Range(2, Rows).Select(i => (long)i), authors.Select(a => a.Id));
        Assert.Equal(Rows + 1L, DdlAuthor.Query(connection).Count());
        Assert.Equal("a2499", DdlAuthor.GetById(connection, Rows + 1)!.Name);
    }

    [PostgresFact]
    public void InsertMany_NullsAndValuesAlternating_AcrossChunks_EachRowReadsBackItsOwnValues()
    {
        using Engine engine = Open("postgresql");
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);

        // A parameter that is NULL in one row and text in the next changes type: the sets must not mix their values.
        List<DdlAuthor> authors = Enumerable.Range(0, 2100).Select(i => new DdlAuthor
        {
            Name = "a" + i.ToString("0000"),
            Email = i % 3 == 0 ? null : $"e{i}@example.com",
            Active = i % 2 == 0,
            Fee = i / 100m,
            Break = TimeSpan.FromSeconds(i),
        }).ToList();
        Assert.Equal(2100, DdlAuthor.InsertMany(connection, authors));
        connection.Commit();

        Assert.Equal(
            authors.Select(a => $"{a.Id} {a.Name} {a.Email ?? "null"} {a.Active} {a.Fee:0.00} {a.Break}"),
            DdlAuthor.GetAll(connection).OrderBy(a => a.Id).Select(a => $"{a.Id} {a.Name} {a.Email ?? "null"} {a.Active} {a.Fee:0.00} {a.Break}"));
        Assert.Equal(Enumerable.Range(1, 2100).Select(i => (long)i), authors.Select(a => a.Id));
    }

    [PostgresFact]
    public void InsertMany_SetKeys_NoReturning_OneRoundTripPerChunk()
    {
        using Engine engine = Open("postgresql");
        using Connection connection = engine.Connect();
        BatchPair.CreateTable(connection);
        BatchPair.Insert(connection, new BatchPair { Code = "first" });
        var pairs = Enumerable.Range(0, 1500).Select(i => new BatchPair { Code = "c" + i.ToString("0000"), Seats = i }).ToList();

        using (var commands = new NpgsqlCommandCount())
        {
            Assert.Equal(1500, BatchPair.InsertMany(connection, pairs));
            Assert.Equal(4, commands.Count);
        }

        Assert.Equal(1501L, BatchPair.Query(connection).Count());
        Assert.Equal(1234, BatchPair.GetByCode(connection, "c1234")!.Seats);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void InsertMany_MixedSetAndGeneratedKeys_SameKeysAsOneRowAtATime(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        DdlTicket.CreateTable(connection);
        var batch = new List<DdlTicket>
        {
            new() { Seats = 1 },
            new() { Id = 30, Seats = 2 },
            new() { Seats = 3 },
            new() { Id = 25, Seats = 4 },
            new() { Id = 40, Seats = 5 },
        };
        batch.AddRange(Enumerable.Range(0, 1200).Select(i => new DdlTicket { Seats = 100 + i }));
        batch.Add(new DdlTicket { Id = -7, Seats = 6 });
        batch.Add(new DdlTicket { Seats = 7 });

        Assert.Equal(1207, DdlTicket.InsertMany(connection, batch));
        var next = new DdlTicket { Seats = 8 };
        DdlTicket.Insert(connection, next);

        // Each generated key is past every set key before it (30, then 40), as SQLite's AUTOINCREMENT gives them.
        Assert.Equal((1L, 31L, 41L, 1240L, 1241L, 1242L), (batch[0].Id!.Value, batch[2].Id!.Value, batch[5].Id!.Value, batch[1204].Id!.Value, batch[1206].Id!.Value, next.Id!.Value));
        Assert.Equal(Enumerable.Range(41, 1200).Select(i => (long?)i), batch.Skip(5).Take(1200).Select(t => t.Id));
        List<DdlTicket> stored = DdlTicket.GetAll(connection).OrderBy(t => t.Id).ToList();
        Assert.Equal(1208, stored.Count);
        Assert.Equal(["-7 6", "1 1", "25 4", "30 2", "31 3", "40 5", "41 100"], stored.Take(7).Select(t => $"{t.Id} {t.Seats}"));
        Assert.Equal(["1240 1299", "1241 7", "1242 8"], stored.TakeLast(3).Select(t => $"{t.Id} {t.Seats}"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void InsertMany_DuplicateInTheSecondChunk_ConstraintViolation_NothingOfTheCallRemains_EarlierWorkDoes(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);
        connection.Commit();
        DdlAuthor.Insert(connection, new DdlAuthor { Name = "kept", Email = "kept@example.com" });

        // Row 1,200 (in the middle of the second chunk of 1,000) has row 700's email.
        List<DdlAuthor> authors = Authors(Rows, i => i == 1200 ? "e700@example.com" : $"e{i}@example.com");
        var error = Assert.Throws<ConstraintViolationException>(() => DdlAuthor.InsertMany(connection, authors));

        Assert.Equal((ConstraintKind.Unique, "ddl_author", "Email"), (error.Kind, error.TableName, error.ColumnName));
        Assert.Equal(["kept"], DdlAuthor.GetAll(connection).Select(a => a.Name));

        // The same statement (its commands from the failed batch bound again) then inserts a batch of its own.
        List<DdlAuthor> after = Authors(1500, i => $"f{i}@example.com");
        Assert.Equal(1500, DdlAuthor.InsertMany(connection, after));
        connection.Commit();
        Assert.Equal(
            new[] { "kept kept@example.com" }.Concat(after.Select(a => $"{a.Name} {a.Email}")),
            DdlAuthor.GetAll(connection).OrderBy(a => a.Id).Select(a => $"{a.Name} {a.Email}"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task InsertManyAsync_DuplicateInTheSecondChunk_ConstraintViolation_NothingOfTheCallRemains_EarlierWorkDoes(string database)
    {
        using Engine engine = Open(database);
        await using Connection connection = await engine.ConnectAsync();
        await DdlAuthor.CreateTableAsync(connection);
        await connection.CommitAsync();
        await DdlAuthor.InsertAsync(connection, new DdlAuthor { Name = "kept", Email = "kept@example.com" });

        List<DdlAuthor> authors = Authors(Rows, i => i == 1200 ? "kept@example.com" : $"e{i}@example.com");
        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => DdlAuthor.InsertManyAsync(connection, authors));

        Assert.Equal((ConstraintKind.Unique, "ddl_author", "Email"), (error.Kind, error.TableName, error.ColumnName));
        Assert.Equal(["kept"], (await DdlAuthor.GetAllAsync(connection)).Select(a => a.Name));
        await DdlAuthor.InsertAsync(connection, new DdlAuthor { Name = "after" });
        await connection.CommitAsync();
        Assert.Equal(2L, DdlAuthor.Query(connection).Count());
    }

    [PostgresFact]
    public void InsertMany_RefusedBindAfterSetsWereKept_NothingRemains_AndTheNextCallSendsOnlyItsOwnRows()
    {
        using Engine engine = Open("postgresql");
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);
        connection.Commit();
        DdlAuthor.Insert(connection, new DdlAuthor { Name = "kept" });

        // Row 1,500 holds a lone surrogate: 1,000 rows ran and 499 more sets were kept when its bind is refused.
        List<DdlAuthor> authors = Authors(Rows);
        authors[1500].Name = "bad\uD800";
        var refused = Assert.Throws<ArgumentException>(() => DdlAuthor.InsertMany(connection, authors));
        Assert.Contains("'ddl_author'", refused.Message);

        Assert.Equal(["kept"], DdlAuthor.GetAll(connection).Select(a => a.Name));
        List<DdlAuthor> next = Authors(3);
        Assert.Equal(3, DdlAuthor.InsertMany(connection, next));
        connection.Commit();
        Assert.Equal(["kept", "a0000", "a0001", "a0002"], DdlAuthor.GetAll(connection).OrderBy(a => a.Id).Select(a => a.Name));
    }

    [PostgresFact]
    public void InsertMany_FailedSet_EchoesItsOwnValues_AndTheBatchOnce()
    {
        var writer = new StringWriter();
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url, new EngineOptions { Echo = true, EchoWriter = writer });
        using Connection connection = engine.Connect();
        DdlTicket.CreateTable(connection);
        connection.Commit();
        writer.GetStringBuilder().Clear();

        DdlTicket.InsertMany(connection, [new DdlTicket { Code = "a", Seats = 1 }, new DdlTicket { Code = "b", Seats = 2 }]);
        Assert.Throws<ConstraintViolationException>(
            () => DdlTicket.InsertMany(connection, [new DdlTicket { Code = "c", Seats = 3 }, new DdlTicket { Code = "a", Seats = 4 }, new DdlTicket { Code = "d", Seats = 5 }]));

        Assert.Equal(
            "[genorm] BEGIN (implicit)\n" +
            "[genorm] INSERT INTO \"ddl_ticket\" (\"Code\", \"Seats\") VALUES (@Code, @Seats) RETURNING \"Id\"\n" +
            "[genorm] [executed in N ms] 2 parameter sets: [{Code: 'a', Seats: 1}, {Code: 'b', Seats: 2}]\n" +
            "[genorm] INSERT INTO \"ddl_ticket\" (\"Code\", \"Seats\") VALUES (@Code, @Seats) RETURNING \"Id\"\n" +
            "[genorm] [failed after N ms] {Code: 'a', Seats: 4}\n",
            System.Text.RegularExpressions.Regex.Replace(writer.ToString(), @"\d+(\.\d+)? ms", "N ms").ReplaceLineEndings("\n"));
    }

    [PostgresFact]
    public async Task InsertManyAsync_CancelledMidBatch_NothingOfTheCallRemains_ConnectionStaysUsable()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        using Engine engine = Engine.Create(database.Url);
        await using Connection connection = await engine.ConnectAsync();
        await DdlAuthor.CreateTableAsync(connection);
        await connection.CommitAsync();

        // Row 1,500 (the second chunk) sleeps on the server until the cancel comes.
        Execute(
            database.ConnectionString,
            "create function slow_author() returns trigger language plpgsql as $$ begin if new.\"Name\" = 'a1500' then perform pg_sleep(60); end if; return new; end $$",
            "create trigger slow_author before insert on ddl_author for each row execute function slow_author()");
        await DdlAuthor.InsertAsync(connection, new DdlAuthor { Name = "kept" });

        using var cancel = new CancellationTokenSource();
        Task<int> insert = DdlAuthor.InsertManyAsync(connection, Authors(Rows), cancel.Token);
        while (Scalar<long>(database.ConnectionString, "select count(*) from pg_stat_activity where wait_event = 'PgSleep'") == 0)
        {
            Assert.False(insert.IsCompleted, "the batch ended before it reached the sleeping row");
            await Task.Delay(20);
        }

        await cancel.CancelAsync();
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => insert);

        var server = Assert.IsType<global::Npgsql.PostgresException>(Assert.IsAssignableFrom<GenOrmException>(cancelled.InnerException).InnerException);
        Assert.Equal("57014", server.SqlState);
        Assert.Equal(["kept"], (await DdlAuthor.GetAllAsync(connection)).Select(a => a.Name));
        await DdlAuthor.InsertManyAsync(connection, Authors(3));
        await connection.CommitAsync();
        Assert.Equal(4L, DdlAuthor.Query(connection).Count());
    }
}
