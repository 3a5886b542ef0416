using GenOrm;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// The contract that holds on both databases: the same generated members, the same compiled code, the same outcomes
/// on an in-memory SQLite database and on the throwaway PostgreSQL server. Each test runs once per database; the
/// PostgreSQL cases exist where PostgreSQL's binaries do (always on CI, which requires them).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GeneratedCrudContractTests(PostgresFixture fixture)
{
    /// <summary>Gets the databases to run on: SQLite always, PostgreSQL unless its binaries are missing (and not required).</summary>
    public static TheoryData<string> Databases()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgresTests.SkipReason is null)
        {
            data.Add("postgresql");
        }

        return data;
    }

    private Engine Open(string database) =>
        Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);

    [Theory]
    [MemberData(nameof(Databases))]
    public void CreateAll_ThenCrud_GeneratedKeysLookupsUpdateDelete(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        GenOrm.Generated.Schema.CreateAll(connection);
        GenOrm.Generated.Schema.CreateAll(connection);

        var ann = new DdlAuthor { Name = "ann", Active = true, Email = "ann@example.com", Fee = 12.34m, Break = TimeSpan.FromMinutes(5) };
        var bob = new DdlAuthor { Name = "bob" };
        DdlAuthor.Insert(connection, ann);
        DdlAuthor.Insert(connection, bob);
        connection.Commit();

        Assert.Equal((1L, 2L), (ann.Id, bob.Id));
        DdlAuthor found = DdlAuthor.GetByEmail(connection, "ann@example.com")!;
        Assert.Equal(("ann", true, 12.34m, TimeSpan.FromMinutes(5)), (found.Name, found.Active, found.Fee, found.Break));
        Assert.Null(DdlAuthor.GetByEmail(connection, "nobody@example.com"));

        bob.Fee = 0.05m;
        Assert.Equal(1, DdlAuthor.Update(connection, bob));
        Assert.Equal(0.05m, DdlAuthor.GetById(connection, 2)!.Fee);
        Assert.Equal(1, DdlAuthor.Delete(connection, ann));
        Assert.Equal(["2 bob 0.05"], DdlAuthor.GetAll(connection).Select(a => $"{a.Id} {a.Name} {a.Fee}"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void ExplicitKeys_InsertUpsertInsertMany_NextGeneratedKeyIsPastTheLargest(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        DdlTicket.CreateTable(connection);

        DdlTicket.Insert(connection, new DdlTicket { Id = 10, Code = "ten", Seats = 1 });
        Assert.Equal(1, DdlTicket.Upsert(connection, new DdlTicket { Id = 20, Code = "twenty", Seats = 2 }));
        DdlTicket.Upsert(connection, new DdlTicket { Id = 20, Code = "twenty", Seats = 3 });
        var batch = new[] { new DdlTicket { Id = 30, Seats = 4 }, new DdlTicket { Seats = 5 }, new DdlTicket { Id = 25, Code = "b", Seats = 6 } };
        Assert.Equal(3, DdlTicket.InsertMany(connection, batch));
        var next = new DdlTicket { Code = "next", Seats = 7 };
        DdlTicket.Insert(connection, next);

        Assert.Equal(31L, batch[1].Id);
        Assert.Equal(32L, next.Id);
        Assert.Equal(["10 1", "20 3", "25 6", "30 4", "31 5", "32 7"], DdlTicket.GetAll(connection).OrderBy(t => t.Id).Select(t => $"{t.Id} {t.Seats}"));
        Assert.Equal("next", DdlTicket.GetById(connection, 32)!.Code);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void TypedQuery_WhereOrderLimitCount_SameRows(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);
        DdlAuthor.InsertMany(connection, Enumerable.Range(1, 20).Select(i => new DdlAuthor { Name = "n" + i.ToString("00"), Fee = i * 1.5m, Active = i % 2 == 0 }));

        var page = DdlAuthor.Query(connection)
            .Where(DdlAuthor.Columns.Name >= "n10")
            .OrderByDescending(DdlAuthor.Columns.Name)
            .Limit(3)
            .All();

        Assert.Equal(["n20 30.00", "n19 28.50", "n18 27.00"], page.Select(a => $"{a.Name} {a.Fee:0.00}"));
        Assert.Equal(9, DdlAuthor.Query(connection).Where(DdlAuthor.Columns.Name < "n10").Count());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void DuplicateUniqueValue_ConstraintViolationNamingTableAndColumn_AndTheConnectionGoesOn(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);
        DdlAuthor.Insert(connection, new DdlAuthor { Name = "ann", Email = "a@example.com" });
        connection.Commit();

        var error = Assert.Throws<ConstraintViolationException>(
            () => DdlAuthor.Insert(connection, new DdlAuthor { Name = "ann2", Email = "a@example.com" }));

        Assert.Equal((ConstraintKind.Unique, "ddl_author", "Email"), (error.Kind, error.TableName, error.ColumnName));
        connection.Rollback();
        Assert.Equal(["ann"], DdlAuthor.GetAll(connection).Select(a => a.Name));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void UncommittedWork_DisposedConnection_IsRolledBack(string database)
    {
        using Engine engine = Open(database);
        using (Connection setup = engine.Connect())
        {
            DdlAuthor.CreateTable(setup);
            setup.Commit();
        }

        using (Connection connection = engine.Connect())
        {
            DdlAuthor.Insert(connection, new DdlAuthor { Name = "lost" });
        }

        using Connection check = engine.Connect();
        Assert.Empty(DdlAuthor.GetAll(check));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void HostileAndUnicodeStrings_ReadBackAsWritten(string database)
    {
        string[] names = ["'; drop table ddl_author; --", "\"quoted\" and \\backslash\\", "emoji 🎉 and ß, 日本語", "", "line\nbreak\ttab"];
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        DdlAuthor.CreateTable(connection);

        DdlAuthor.InsertMany(connection, names.Select(n => new DdlAuthor { Name = n }));

        Assert.Equal(names, DdlAuthor.GetAll(connection).OrderBy(a => a.Id).Select(a => a.Name));
        Assert.Equal(names[0], DdlAuthor.Query(connection).Where(DdlAuthor.Columns.Name == names[0]).One().Name);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AsyncTwins_SameOutcomes(string database)
    {
        using Engine engine = Open(database);
        await using Connection connection = await engine.ConnectAsync();
        await DdlAuthor.CreateTableAsync(connection);
        var author = new DdlAuthor { Name = "ann", Fee = 1.25m };

        await DdlAuthor.InsertAsync(connection, author);
        await DdlAuthor.UpsertAsync(connection, new DdlAuthor { Id = 7, Name = "bob" });
        var later = new DdlAuthor { Name = "cy" };
        await DdlAuthor.InsertAsync(connection, later);
        await connection.CommitAsync();

        Assert.Equal((1L, 8L), (author.Id, later.Id));
        Assert.Equal(["1 ann 1.25", "7 bob 0.00", "8 cy 0.00"], (await DdlAuthor.GetAllAsync(connection)).OrderBy(a => a.Id).Select(a => $"{a.Id} {a.Name} {a.Fee:0.00}"));
    }

    /// <summary>
    /// A long sequence of awaited operations on one connection. On PostgreSQL each await is real network I/O and the
    /// operation resumes on whichever thread the runtime picks: every call must still be recognised as the connection's
    /// own operation (this sequence was refused as "used by another thread" before the ownership fix).
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AwaitedSequence_OnOneConnection_EveryOperationRuns(string database)
    {
        using Engine engine = Open(database);
        await using Connection connection = await engine.ConnectAsync();
        await DdlAuthor.CreateTableAsync(connection);
        await connection.CommitAsync();

        var streamedNames = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            var author = new DdlAuthor { Name = "a" + i.ToString("00") };
            await DdlAuthor.InsertAsync(connection, author);
            Assert.Equal(author.Name, (await DdlAuthor.GetByIdAsync(connection, author.Id))!.Name);
            Assert.Equal(1, await DdlAuthor.InsertManyAsync(connection, [new DdlAuthor { Name = "m" + i.ToString("00") }]));
            Assert.Equal(2L * (i + 1), await DdlAuthor.Query(connection).CountAsync());
            Assert.Equal($"[({i + 1},)]", (await connection.ExecuteAsync(Sql.Text("select count(*) from ddl_author where \"Name\" >= 'm'"))).ToString());
            await foreach (DdlAuthor streamed in DdlAuthor.Query(connection).Where(DdlAuthor.Columns.Name == author.Name).StreamAsync())
            {
                streamedNames.Add(streamed.Name);
            }

            await connection.CommitAsync();
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "a" + i.ToString("00")), streamedNames);
        using Connection check = engine.Connect();
        Assert.Equal(80L, DdlAuthor.Query(check).Count());
    }
}
