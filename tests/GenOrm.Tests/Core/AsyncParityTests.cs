using System.Globalization;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Core;

/// <summary>A row with a generated key and a unique code, for the async-versus-sync tests.</summary>
[Table("async_items")]
public partial class AsyncItem
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Unique]
    public string Code { get; set; } = "";

    public int Amount { get; set; }
}

/// <summary>A row whose key is given, not generated (its <c>InsertMany</c> runs one prepared statement per row).</summary>
[Table("async_tags")]
public partial class AsyncTag
{
    [PrimaryKey]
    public string Name { get; set; } = "";

    public int Uses { get; set; }
}

/// <summary>
/// Every <c>...Async</c> entry point gives what its synchronous twin gives: the same rows, the same number of rows
/// changed, the same database afterwards, the same exception with the same message. Each case runs once through the
/// sync API and once through the async one, each on its own fresh database seeded the same way, and both outcomes
/// (the result, then the table) are compared, and checked against the expected text.
/// </summary>
public sealed class AsyncParityTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private int _databases;

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Cases() => new(Scenarios.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AsyncOutcome_EqualsTheSyncOutcome(string name)
    {
        Scenario scenario = Scenarios[name];
        string sync = await RunOnFreshDatabase(conn => Task.FromResult(Outcome(() => scenario.Sync(conn))));
        string async = await RunOnFreshDatabase(async conn => await OutcomeAsync(() => scenario.Async(conn)));

        Assert.Equal(sync, async);
        Assert.Equal(scenario.Expected, sync);
    }

    private sealed record Scenario(Func<Connection, string> Sync, Func<Connection, Task<string>> Async, string Expected);

    private static readonly Dictionary<string, Scenario> Scenarios = new()
    {
        ["GetAll"] = new(
            c => Show(AsyncItem.GetAll(c)),
            async c => Show(await AsyncItem.GetAllAsync(c)),
            "1:a:10 2:b:20 3:c:30 | 1:a:10 2:b:20 3:c:30"),
        ["GetById"] = new(
            c => Show(AsyncItem.GetById(c, 2)) + "," + Show(AsyncItem.GetById(c, 9)),
            async c => Show(await AsyncItem.GetByIdAsync(c, 2)) + "," + Show(await AsyncItem.GetByIdAsync(c, 9)),
            "2:b:20,null | 1:a:10 2:b:20 3:c:30"),
        ["GetByCode"] = new(
            c => Show(AsyncItem.GetByCode(c, "c")),
            async c => Show(await AsyncItem.GetByCodeAsync(c, "c")),
            "3:c:30 | 1:a:10 2:b:20 3:c:30"),
        ["Insert"] = new(
            c => Keyed(c, item => AsyncItem.Insert(c, item)),
            async c => await KeyedAsync(c, item => AsyncItem.InsertAsync(c, item)),
            "id 4 | 1:a:10 2:b:20 3:c:30 4:new:7"),
        ["InsertDuplicate"] = new(
            c => { AsyncItem.Insert(c, new AsyncItem { Code = "a" }); return "inserted"; },
            async c => { await AsyncItem.InsertAsync(c, new AsyncItem { Code = "a" }); return "inserted"; },
            "ConstraintViolationException: Cannot write to table 'async_items': column 'Code' must be unique and another row already has this value. Load and update the existing row instead, or use a different value. | 1:a:10 2:b:20 3:c:30"),
        ["InsertMany"] = new(
            c => Show(AsyncItem.InsertMany(c, Many())),
            async c => Show(await AsyncItem.InsertManyAsync(c, Many())),
            "3 | 1:a:10 2:b:20 3:c:30 4:m1:1 9:m2:2 10:m3:3"),
        ["InsertManyFailsHalfWay"] = new(
            c => Show(AsyncItem.InsertMany(c, [new AsyncItem { Code = "x" }, new AsyncItem { Code = "b" }])),
            async c => Show(await AsyncItem.InsertManyAsync(c, [new AsyncItem { Code = "x" }, new AsyncItem { Code = "b" }])),
            "ConstraintViolationException: Cannot write to table 'async_items': column 'Code' must be unique and another row already has this value. Load and update the existing row instead, or use a different value. | 1:a:10 2:b:20 3:c:30"),
        ["InsertManyInsideATransaction_FailsAndKeepsEarlierWork"] = new(
            c => { AsyncItem.Delete(c, new AsyncItem { Id = 3 }); return Show(AsyncItem.InsertMany(c, [new AsyncItem { Code = "x" }, new AsyncItem { Code = "a" }])); },
            async c => { await AsyncItem.DeleteAsync(c, new AsyncItem { Id = 3 }); return Show(await AsyncItem.InsertManyAsync(c, [new AsyncItem { Code = "x" }, new AsyncItem { Code = "a" }])); },
            "ConstraintViolationException: Cannot write to table 'async_items': column 'Code' must be unique and another row already has this value. Load and update the existing row instead, or use a different value. | 1:a:10 2:b:20"),
        ["InsertManyOfGivenKeys"] = new(
            c =>
            {
                AsyncTag.CreateTable(c);
                int inserted = AsyncTag.InsertMany(c, [new AsyncTag { Name = "x", Uses = 1 }, new AsyncTag { Name = "y", Uses = 2 }]);
                string failed = Outcome(() => Show(AsyncTag.InsertMany(c, [new AsyncTag { Name = "z" }, new AsyncTag { Name = "x" }])));
                return Show(inserted) + "," + failed + "," + string.Join(" ", AsyncTag.GetAll(c).Select(t => t.Name + "=" + t.Uses));
            },
            async c =>
            {
                await AsyncTag.CreateTableAsync(c);
                int inserted = await AsyncTag.InsertManyAsync(c, [new AsyncTag { Name = "x", Uses = 1 }, new AsyncTag { Name = "y", Uses = 2 }]);
                string failed = await OutcomeAsync(async () => Show(await AsyncTag.InsertManyAsync(c, [new AsyncTag { Name = "z" }, new AsyncTag { Name = "x" }])));
                return Show(inserted) + "," + failed + "," + string.Join(" ", (await AsyncTag.GetAllAsync(c)).Select(t => t.Name + "=" + t.Uses));
            },
            "2,ConstraintViolationException: Cannot insert into table 'async_tags': a row with the same primary key (Name) already exists. Update the existing row instead, or use a different key.,x=1 y=2 | 1:a:10 2:b:20 3:c:30"),
        ["Update"] = new(
            c => Show(AsyncItem.Update(c, new AsyncItem { Id = 2, Code = "B", Amount = 21 })) + "," + Show(AsyncItem.Update(c, new AsyncItem { Id = 9, Code = "z" })),
            async c => Show(await AsyncItem.UpdateAsync(c, new AsyncItem { Id = 2, Code = "B", Amount = 21 })) + "," + Show(await AsyncItem.UpdateAsync(c, new AsyncItem { Id = 9, Code = "z" })),
            "1,0 | 1:a:10 2:B:21 3:c:30"),
        ["Delete"] = new(
            c => Show(AsyncItem.Delete(c, new AsyncItem { Id = 1 })),
            async c => Show(await AsyncItem.DeleteAsync(c, new AsyncItem { Id = 1 })),
            "1 | 2:b:20 3:c:30"),
        ["Upsert"] = new(
            c => Show(AsyncItem.Upsert(c, new AsyncItem { Id = 3, Code = "c", Amount = 33 })) + "," + Keyed(c, item => AsyncItem.Upsert(c, item)),
            async c => Show(await AsyncItem.UpsertAsync(c, new AsyncItem { Id = 3, Code = "c", Amount = 33 })) + "," + await KeyedAsync(c, item => AsyncItem.UpsertAsync(c, item)),
            "1,id 4 | 1:a:10 2:b:20 3:c:33 4:new:7"),
        ["QueryTerminals"] = new(
            c =>
            {
                var q = AsyncItem.Query(c).Where(AsyncItem.Columns.Amount >= 20).OrderBy(AsyncItem.Columns.Id);
                return string.Join(",", Show(q.All()), Show(q.First()), Show(q.FirstOrDefault()), Show(q.Limit(1).One()), Show(q.Where(AsyncItem.Columns.Amount > 99).OneOrNone()),
                    Show(q.Count()), Show(q.Exists()), Show(q.Select(AsyncItem.Columns.Code).All()), Show(q.Stream().ToList()));
            },
            async c =>
            {
                var q = AsyncItem.Query(c).Where(AsyncItem.Columns.Amount >= 20).OrderBy(AsyncItem.Columns.Id);
                return string.Join(",", Show(await q.AllAsync()), Show(await q.FirstAsync()), Show(await q.FirstOrDefaultAsync()), Show(await q.Limit(1).OneAsync()),
                    Show(await q.Where(AsyncItem.Columns.Amount > 99).OneOrNoneAsync()), Show(await q.CountAsync()), Show(await q.ExistsAsync()),
                    Show(await q.Select(AsyncItem.Columns.Code).AllAsync()), Show(await q.StreamAsync().ToListAsync()));
            },
            "2:b:20 3:c:30,2:b:20,2:b:20,2:b:20,null,2,True,b c,2:b:20 3:c:30 | 1:a:10 2:b:20 3:c:30"),
        ["QueryOneOfSeveral"] = new(
            c => Show(AsyncItem.Query(c).One()),
            async c => Show(await AsyncItem.Query(c).OneAsync()),
            "MultipleResultsFoundException: The statement returned more than one row, but at most one was expected. SQL: SELECT \"Id\", \"Code\", \"Amount\" FROM \"async_items\" | 1:a:10 2:b:20 3:c:30"),
        ["QueryFirstOfNone"] = new(
            c => Show(AsyncItem.Query(c).Where(AsyncItem.Columns.Amount > 99).First()),
            async c => Show(await AsyncItem.Query(c).Where(AsyncItem.Columns.Amount > 99).FirstAsync()),
            "NoResultFoundException: The statement returned no row, but exactly one was required. SQL: SELECT \"Id\", \"Code\", \"Amount\" FROM \"async_items\" WHERE \"Amount\" > @p0 | 1:a:10 2:b:20 3:c:30"),
        ["QueryUpdateAndDelete"] = new(
            c => Show(AsyncItem.Query(c).Where(AsyncItem.Columns.Amount < 25).Update(AsyncItem.Columns.Amount.Set(5))) + ","
                + Show(AsyncItem.Query(c).Where(AsyncItem.Columns.Code == "c").Delete()),
            async c => Show(await AsyncItem.Query(c).Where(AsyncItem.Columns.Amount < 25).UpdateAsync([AsyncItem.Columns.Amount.Set(5)])) + ","
                + Show(await AsyncItem.Query(c).Where(AsyncItem.Columns.Code == "c").DeleteAsync()),
            "2,1 | 1:a:5 2:b:5"),
        ["ExecuteText"] = new(
            c => c.Execute(Sql.Text("update async_items set Amount = Amount + 1; select Code, Amount from async_items where Amount > 11 order by Code")).ToString()
                + " " + c.Execute(Sql.Text("update async_items set Amount = Amount + 1; select 1")).RowsAffected.ToString(CultureInfo.InvariantCulture),
            async c => (await c.ExecuteAsync(Sql.Text("update async_items set Amount = Amount + 1; select Code, Amount from async_items where Amount > 11 order by Code"))).ToString()
                + " " + (await c.ExecuteAsync(Sql.Text("update async_items set Amount = Amount + 1; select 1"))).RowsAffected.ToString(CultureInfo.InvariantCulture),
            "[('b', 21), ('c', 31)] 3 | 1:a:12 2:b:22 3:c:32"),
        ["ExecuteParams"] = new(
            c => Show(c.Execute(Sql.Text("delete from async_items where Amount >= :min"), new Params { ["min"] = 20 }).RowsAffected),
            async c => Show((await c.ExecuteAsync(Sql.Text("delete from async_items where Amount >= :min"), new Params { ["min"] = 20 })).RowsAffected),
            "2 | 1:a:10"),
        ["ExecuteMissingParameter"] = new(
            c => Show(c.Execute(Sql.Text("delete from async_items where Amount >= :min"), new Params()).RowsAffected),
            async c => Show((await c.ExecuteAsync(Sql.Text("delete from async_items where Amount >= :min"), new Params())).RowsAffected),
            "GenOrmException: The SQL uses parameter ':min', but no value was given for 'min'. Add it, for example new Params { [\"min\"] = ... }. SQL: delete from async_items where Amount >= :min | 1:a:10 2:b:20 3:c:30"),
        ["ExecuteBatch"] = new(
            c => Show(c.Execute(Sql.Text("insert into async_items (Code, Amount) values (:c, :a)"), Enumerable.Range(1, 3).Select(i => new Params { ["c"] = "p" + i, ["a"] = i })).RowsAffected),
            async c => Show((await c.ExecuteAsync(Sql.Text("insert into async_items (Code, Amount) values (:c, :a)"), Enumerable.Range(1, 3).Select(i => new Params { ["c"] = "p" + i, ["a"] = i }))).RowsAffected),
            "3 | 1:a:10 2:b:20 3:c:30 4:p1:1 5:p2:2 6:p3:3"),
        ["ExecuteBatchInsideATransaction_FailsAndKeepsEarlierWork"] = new(
            c =>
            {
                c.Execute(Sql.Text("update async_items set Amount = 0 where Code = 'a'"));
                return Show(c.Execute(Sql.Text("insert into async_items (Code, Amount) values (:c, 1)"), new[] { new Params { ["c"] = "q" }, new Params { ["c"] = "b" } }).RowsAffected);
            },
            async c =>
            {
                await c.ExecuteAsync(Sql.Text("update async_items set Amount = 0 where Code = 'a'"));
                return Show((await c.ExecuteAsync(Sql.Text("insert into async_items (Code, Amount) values (:c, 1)"), new[] { new Params { ["c"] = "q" }, new Params { ["c"] = "b" } })).RowsAffected);
            },
            "ConstraintViolationException: Cannot write to table 'async_items': column 'Code' must be unique and another row already has this value. Load and update the existing row instead, or use a different value. | 1:a:0 2:b:20 3:c:30"),
        ["ExecuteEntityAndEntities"] = new(
            c => Show(c.Execute(Sql.Text("update async_items set Amount = :Amount where Code = :Code"), new AsyncItem { Code = "a", Amount = 1 }).RowsAffected) + ","
                + Show(c.Execute(Sql.Text("update async_items set Amount = :Amount where Code = :Code"), new[] { new AsyncItem { Code = "b", Amount = 2 }, new AsyncItem { Code = "c", Amount = 3 } }).RowsAffected),
            async c => Show((await c.ExecuteAsync(Sql.Text("update async_items set Amount = :Amount where Code = :Code"), new AsyncItem { Code = "a", Amount = 1 })).RowsAffected) + ","
                + Show((await c.ExecuteAsync(Sql.Text("update async_items set Amount = :Amount where Code = :Code"), new[] { new AsyncItem { Code = "b", Amount = 2 }, new AsyncItem { Code = "c", Amount = 3 } })).RowsAffected),
            "1,2 | 1:a:1 2:b:2 3:c:3"),
        ["ConnectionQueryAndStream"] = new(
            c => Show(c.Query<AsyncItem>(Sql.Text("select * from async_items where Amount > :a"), new Params { ["a"] = 10 })) + ","
                + Show(c.Stream<AsyncItem>(Sql.Text("select * from async_items order by Id desc")).ToList()),
            async c => Show(await c.QueryAsync<AsyncItem>(Sql.Text("select * from async_items where Amount > :a"), new Params { ["a"] = 10 })) + ","
                + Show(await c.StreamAsync<AsyncItem>(Sql.Text("select * from async_items order by Id desc")).ToListAsync()),
            "2:b:20 3:c:30,3:c:30 2:b:20 1:a:10 | 1:a:10 2:b:20 3:c:30"),
        ["BeginAndRollback"] = new(
            c => { c.Rollback(); c.Begin(); AsyncItem.Delete(c, new AsyncItem { Id = 1 }); c.Rollback(); return Show(c.InTransaction); },
            async c => { await c.RollbackAsync(); await c.BeginAsync(); await AsyncItem.DeleteAsync(c, new AsyncItem { Id = 1 }); await c.RollbackAsync(); return Show(c.InTransaction); },
            "False | 1:a:10 2:b:20 3:c:30"),
        ["BeginTwice"] = new(
            c => { c.Begin(); c.Begin(); return "began"; },
            async c => { await c.BeginAsync(); await c.BeginAsync(); return "began"; },
            "InvalidOperationException: A transaction is already in progress on this connection. Commit() or Rollback() it before beginning another. | 1:a:10 2:b:20 3:c:30"),
    };

    /// <summary>Seeds a fresh database, runs <paramref name="work"/> on it and commits, then shows its result and the table.</summary>
    private async Task<string> RunOnFreshDatabase(Func<Connection, Task<string>> work)
    {
        using var engine = Engine.Create(_temp.SqliteUrl("parity" + Interlocked.Increment(ref _databases) + ".db"));
        using (Connection seed = engine.Connect())
        {
            AsyncItem.CreateTable(seed);
            AsyncItem.InsertMany(seed, [new AsyncItem { Code = "a", Amount = 10 }, new AsyncItem { Code = "b", Amount = 20 }, new AsyncItem { Code = "c", Amount = 30 }]);
            seed.Commit();
        }

        string result;
        await using (Connection conn = await engine.ConnectAsync())
        {
            result = await work(conn);
            if (conn.InTransaction)
            {
                conn.Commit();
            }
        }

        using Connection check = engine.Connect();
        return result + " | " + Show(AsyncItem.Query(check).OrderBy(AsyncItem.Columns.Id).All());
    }

    private static string Outcome(Func<string> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is GenOrmException or InvalidOperationException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private static async Task<string> OutcomeAsync(Func<Task<string>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is GenOrmException or InvalidOperationException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    private static List<AsyncItem> Many() => [new AsyncItem { Code = "m1", Amount = 1 }, new AsyncItem { Id = 9, Code = "m2", Amount = 2 }, new AsyncItem { Code = "m3", Amount = 3 }];

    private static string Keyed(Connection c, Action<AsyncItem> write)
    {
        var item = new AsyncItem { Code = "new", Amount = 7 };
        write(item);
        return "id " + item.Id.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<string> KeyedAsync(Connection c, Func<AsyncItem, Task> write)
    {
        var item = new AsyncItem { Code = "new", Amount = 7 };
        await write(item);
        return "id " + item.Id.ToString(CultureInfo.InvariantCulture);
    }

    private static string Show(AsyncItem? item) => item is null ? "null" : item.Id.ToString(CultureInfo.InvariantCulture) + ":" + item.Code + ":" + item.Amount.ToString(CultureInfo.InvariantCulture);

    private static string Show(IEnumerable<AsyncItem> items) => string.Join(" ", items.Select(Show));

    private static string Show(IEnumerable<string> values) => string.Join(" ", values);

    private static string Show<T>(T value)
        where T : struct => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
}
