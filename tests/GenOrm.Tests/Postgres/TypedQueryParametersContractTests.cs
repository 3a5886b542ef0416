using GenOrm.Tests.Reliability;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// What the typed query keeps per thread to run without allocating, on both databases: the list its values are
/// rendered into belongs to one query at a time (a stream not read yet keeps its own), the boxed row counts of
/// <c>LIMIT</c>/<c>OFFSET</c> are right at and past the cached range, and the row list is sized from the limit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TypedQueryParametersContractTests(PostgresFixture fixture)
{
    public static TheoryData<string> Databases() => GeneratedCrudContractTests.Databases();

    private Engine Open(string database, int rows)
    {
        Engine engine = Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);
        using Connection conn = engine.Connect();
        LedgerEntry.CreateTable(conn);
        LedgerEntry.InsertMany(conn, Enumerable.Range(0, rows).Select(i => new LedgerEntry { Code = "code-" + i, Amount = i, Note = "note-" + i }).ToList());
        conn.Commit();
        return engine;
    }

    private static int[] Amounts(IEnumerable<LedgerEntry> entries) => entries.Select(e => e.Amount).ToArray();

    [Theory]
    [MemberData(nameof(Databases))]
    public void StreamsMadeBeforeTheyAreRead_KeepTheirOwnValues_WhileOtherQueriesRunOnTheThread(string database)
    {
        using Engine engine = Open(database, 20);
        using Connection conn = engine.Connect();
        IEnumerable<LedgerEntry> high = LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount >= 17).OrderBy(LedgerEntry.Columns.Amount).Stream();
        IEnumerable<LedgerEntry> low = LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount < 2).OrderByDescending(LedgerEntry.Columns.Amount).Stream();

        // Other queries render and bind their own values on this thread before either stream is read.
        Assert.Equal([5], Amounts(LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount == 5).All()));
        Assert.Equal(3, LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount.Between(10, 12)).Limit(10).Offset(0).Count());
        Assert.Equal("SELECT \"Id\", \"Code\", \"Amount\", \"Note\" FROM \"ledger\" WHERE \"Amount\" = @p0 LIMIT @p1",
            LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount == 9).Limit(1).ToSql());

        Assert.Equal([1, 0], Amounts(low));
        Assert.Equal([17, 18, 19], Amounts(high));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AStreamEnumeratedAgain_BindsItsValuesAgain_AfterOtherQueriesRan(string database)
    {
        using Engine engine = Open(database, 10);
        using Connection conn = engine.Connect();
        IEnumerable<LedgerEntry> stream = LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount > 6).OrderBy(LedgerEntry.Columns.Amount).Stream();
        IAsyncEnumerable<LedgerEntry> streamAsync = LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount < 3).OrderBy(LedgerEntry.Columns.Amount).StreamAsync();

        int[] first = Amounts(stream);
        int[] firstAsync = Amounts(await streamAsync.ToListAsync());
        // The same shapes with other values: the cached statements' parameters now hold 8 and 1.
        int[] between = [
            .. Amounts(LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount > 8).OrderBy(LedgerEntry.Columns.Amount).Stream()),
            .. Amounts(await LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount < 1).OrderBy(LedgerEntry.Columns.Amount).StreamAsync().ToListAsync()),
        ];
        int[] again = Amounts(stream);
        int[] againAsync = Amounts(await streamAsync.ToListAsync());

        Assert.Equal([7, 8, 9], first);
        Assert.Equal([0, 1, 2], firstAsync);
        Assert.Equal([9, 0], between);
        Assert.Equal([7, 8, 9], again);
        Assert.Equal([0, 1, 2], againAsync);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AStreamReadAsync_WithAQueryPerRow_BindsEachQuerysOwnValues(string database)
    {
        using Engine engine = Open(database, 12);
        using Connection conn = engine.Connect();
        var pairs = new List<(int Outer, int Inner)>();
        await foreach (LedgerEntry entry in LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount < 6).OrderBy(LedgerEntry.Columns.Amount).StreamAsync())
        {
            await Task.Yield();
            LedgerEntry partner = await LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount == entry.Amount + 6).OneAsync();
            pairs.Add((entry.Amount, partner.Amount));
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => (i, i + 6)), pairs);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void ThreadsRunningQueriesAtOnce_EachGetTheRowsOfTheirOwnValues(string database)
    {
        using Engine engine = Open(database, 40);
        var wrong = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            using Connection conn = engine.Connect();
            for (int i = 0; i < 100; i++)
            {
                int from = (worker * 7 + i) % 30;
                int[] got = Amounts(LedgerEntry.Query(conn)
                    .Where(LedgerEntry.Columns.Amount >= from & LedgerEntry.Columns.Amount < from + 5)
                    .OrderByDescending(LedgerEntry.Columns.Amount).Limit(3).Offset(1).All());
                int[] expected = [from + 3, from + 2, from + 1];
                if (!got.SequenceEqual(expected))
                {
                    wrong.Add($"worker {worker}, from {from}: [{string.Join(", ", got)}]");
                }
            }
        });

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void LimitsAndOffsets_AtAndPastTheBoxedRange_PageExactly(string database)
    {
        using Engine engine = Open(database, 1_100);
        using Connection conn = engine.Connect();
        Query<LedgerEntry> all = LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Amount);

        Assert.Empty(all.Limit(0).All());
        Assert.Equal(1_024, all.Limit(1_024).All().Count);
        Assert.Equal(1_025, all.Limit(1_025).All().Count);
        Assert.Equal(1_100, all.Limit(int.MaxValue).All().Count);
        Assert.Equal([1_024, 1_025], Amounts(all.Offset(1_024).Limit(2).All()));
        Assert.Equal([1_025, 1_026], Amounts(all.Offset(1_025).Limit(2).All()));
        Assert.Equal([1_099], Amounts(all.Offset(1_099).All()));
        Assert.Equal(76, all.Offset(1_024).Count());
        Assert.False(all.Offset(1_100).Exists());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void TheRowList_IsSizedToASmallLimit_AndGrowsAsUsualOtherwise(string database)
    {
        using Engine engine = Open(database, 300);
        using Connection conn = engine.Connect();
        Query<LedgerEntry> all = LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Amount);

        List<LedgerEntry> fullPage = all.Limit(100).All();
        List<LedgerEntry> partPage = all.Offset(297).Limit(100).All();
        List<LedgerEntry> none = all.Where(LedgerEntry.Columns.Amount < 0).Limit(100).All();
        List<LedgerEntry> largeLimit = all.Limit(200).All();
        List<LedgerEntry> noLimit = all.Where(LedgerEntry.Columns.Amount < 5).All();

        Assert.Equal((100, 100), (fullPage.Count, fullPage.Capacity));
        Assert.Equal((3, 100), (partPage.Count, partPage.Capacity));
        Assert.Equal((0, 0), (none.Count, none.Capacity));
        Assert.Equal((200, 256), (largeLimit.Count, largeLimit.Capacity));
        Assert.Equal((5, 8), (noLimit.Count, noLimit.Capacity));
        Assert.Equal(Enumerable.Range(0, 100), fullPage.Select(e => e.Amount));
    }
}
