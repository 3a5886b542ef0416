using GenOrm;
using GenOrm.Tests.Orm;

namespace GenOrm.Tests.Query;

public sealed class AsyncStreamingUpsertTests : IDisposable
{
    private const string EndlessCount =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c";

    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public AsyncStreamingUpsertTests()
    {
        _conn = _engine.Connect();
        Product.CreateTable(_conn);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public async Task GeneratedAsyncTwins_DoWhatTheSyncMethodsDo()
    {
        await Account.CreateTableAsync(_conn);
        var account = new Account { Email = "a@x.org", Login = "a" };

        await Account.InsertAsync(_conn, account);
        int many = await Account.InsertManyAsync(_conn, [new Account { Email = "b@x.org", Login = "b" }, new Account { Email = "c@x.org", Login = "c" }]);
        account.Score = 42;
        int updated = await Account.UpdateAsync(_conn, account);
        Account? byEmail = await Account.GetByEmailAsync(_conn, "a@x.org");
        List<Account> all = await Account.GetAllAsync(_conn);
        int deleted = await Account.DeleteAsync(_conn, all[^1]);
        await _conn.CommitAsync();

        Assert.Equal(1, account.Id);
        Assert.Equal((2, 1, 42, 3, 1), (many, updated, byEmail?.Score, all.Count, deleted));
        Assert.Equal(2, await Account.Query(_conn).CountAsync());
    }

    [Fact]
    public async Task EngineAndConnection_HaveAsyncTwins()
    {
        using var engine = Engine.Create("sqlite://");
        await using (Connection conn = await engine.BeginAsync())
        {
            Assert.True(conn.InTransaction);
            await Product.CreateTableAsync(conn);
            await conn.ExecuteAsync(Sql.Text("insert into products (Id, Name, Price, Added) values (:id, 'a', 1.0, '2024-01-01')"), new Params { ["id"] = 1 });
            await conn.CommitAsync();
        }

        await using (Connection conn = await engine.ConnectAsync())
        {
            await conn.ExecuteAsync(Sql.Text("delete from products"));
            await conn.RollbackAsync();
            List<Product> rows = await conn.QueryAsync<Product>(Sql.Text("select * from products"));
            Assert.Equal([1], rows.Select(p => p.Id));
        }
    }

    [Fact]
    public async Task QueryAsyncTerminals_MatchTheirSyncForms()
    {
        Product.InsertMany(_conn, Enumerable.Range(1, 10).Select(i => new Product { Id = i, Name = "p" + i, Price = i }));
        var query = Product.Query(_conn).Where(Product.Columns.Price > 5.0).OrderBy(Product.Columns.Id);

        Assert.Equal([6, 7, 8, 9, 10], (await query.AllAsync()).Select(p => p.Id));
        Assert.Equal(6, (await query.FirstAsync()).Id);
        Assert.Null(await query.Where(Product.Columns.Id == 99).FirstOrDefaultAsync());
        Assert.Equal(7, (await query.Where(Product.Columns.Id == 7).OneAsync()).Id);
        Assert.Equal(5, await query.CountAsync());
        Assert.True(await query.ExistsAsync());
        Assert.Equal(["p6", "p7"], await query.Limit(2).Select(Product.Columns.Name).AllAsync());
        Assert.Equal(5, await query.UpdateAsync([Product.Columns.Active.Set(true)]));
        Assert.Equal(5, await Product.Query(_conn).Where(Product.Columns.Active == true).DeleteAsync());
    }

    [Fact]
    public async Task CancellingALongQuery_StopsIt_AndTheConnectionStaysUsable()
    {
        Product.Insert(_conn, new Product { Id = 1, Name = "kept" });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // The query counts to two billion; only the cancellation can end it with OperationCanceledException.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _conn.ExecuteAsync(Sql.Text(EndlessCount), cancellation.Token));

        Assert.Equal(1L, _conn.Execute(Sql.Text("select 1")).Scalar<long>());
        Assert.Equal("kept", Product.GetById(_conn, 1)?.Name);
    }

    [Fact]
    public async Task CancelledToken_StopsGeneratedAndTypedQueriesBeforeTheyRun()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Product.GetAllAsync(_conn, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Product.Query(_conn).CountAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Product.InsertManyAsync(_conn, [new Product { Id = 1 }], cancelled.Token));
        Assert.Equal(0, Product.Query(_conn).Count());
    }

    [Fact]
    public async Task StreamAsync_AndTextSqlStreams_ReadLazily()
    {
        Product.InsertMany(_conn, Enumerable.Range(1, 100).Select(i => new Product { Id = i, Name = "p" + i }));
        var seen = new List<int>();

        await foreach (Product product in Product.Query(_conn).Where(Product.Columns.Id <= 3).OrderBy(Product.Columns.Id).StreamAsync())
        {
            seen.Add(product.Id);
        }

        await foreach (Product product in _conn.StreamAsync<Product>(Sql.Text("select * from products where Id > :min order by Id"), new Params { ["min"] = 98 }))
        {
            seen.Add(product.Id);
        }

        seen.AddRange(_conn.Stream<Product>(Sql.Text("select * from products where Id = 50")).Select(p => p.Id));
        Assert.Equal([1, 2, 3, 99, 100, 50], seen);
    }

    [Fact]
    public void Upsert_InsertsThenUpdatesTheRowWithTheSameKey()
    {
        Assert.Equal(1, Product.Upsert(_conn, new Product { Id = 7, Name = "first", Price = 1.0 }));
        Assert.Equal(1, Product.Upsert(_conn, new Product { Id = 7, Name = "second", Price = 2.0, Stock = 5 }));

        Product stored = Assert.Single(Product.GetAll(_conn));
        Assert.Equal((7, "second", 2.0, (int?)5), (stored.Id, stored.Name, stored.Price, stored.Stock));
    }

    [Fact]
    public void Upsert_OnACompositeKey_UpdatesOnlyTheMatchingRow()
    {
        SeedUser.CreateTable(_conn);
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" });
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann2@example.com", Login = "ann2" });

        SeedUser.Upsert(_conn, new SeedUser { Id = 1, Name = "Ann B.", Email = "ann2@example.com", Login = "annb" });

        Assert.Equal(["Ann", "Ann B."], SeedUser.GetAll(_conn).OrderBy(u => u.Email).Select(u => u.Name));
    }
}
