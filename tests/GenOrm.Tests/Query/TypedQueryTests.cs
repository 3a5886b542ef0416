using GenOrm;
using GenOrm.Tests.Orm;

namespace GenOrm.Tests.Query;

public sealed class TypedQueryTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public TypedQueryTests()
    {
        _conn = _engine.Connect();
        Product.CreateTable(_conn);
        Product.InsertMany(_conn,
        [
            new Product { Id = 1, Name = "apple", Price = 1.5, Stock = 10, Active = true, Added = new DateOnly(2024, 1, 1), Category = "fruit", Color = Color.Red },
            new Product { Id = 2, Name = "banana", Price = 0.5, Stock = null, Active = true, Added = new DateOnly(2024, 2, 1), Category = "fruit", Color = Color.Green },
            new Product { Id = 3, Name = "carrot", Price = 0.75, Stock = 0, Active = false, Added = new DateOnly(2024, 3, 1), Category = null, Color = Color.Red },
            new Product { Id = 4, Name = "dates", Price = 4.0, Stock = 3, Active = true, Added = new DateOnly(2024, 4, 1), Category = "fruit", Color = Color.Blue },
            new Product { Id = 5, Name = "eggplant", Price = 2.25, Stock = null, Active = false, Added = new DateOnly(2024, 5, 1), Category = "vegetable", Color = Color.Blue },
        ]);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    private int[] Ids(GenOrm.Query<Product> query) => query.OrderBy(Product.Columns.Id).All().Select(p => p.Id).ToArray();

    private int[] Ids(Condition<Product> condition) => Ids(Product.Query(_conn).Where(condition));

    [Fact]
    public void Equality_AndInequality()
    {
        Assert.Equal([2], Ids(Product.Columns.Name == "banana"));
        Assert.Equal([1, 3, 4, 5], Ids(Product.Columns.Name != "banana"));
        Assert.Equal([1, 3], Ids(Product.Columns.Color == Color.Red));
        Assert.Equal([3, 5], Ids(Product.Columns.Active == false));
    }

    [Fact]
    public void OrderedComparisons()
    {
        Assert.Equal([2, 3], Ids(Product.Columns.Price < 1.0));
        Assert.Equal([1, 2, 3], Ids(Product.Columns.Price <= 1.5));
        Assert.Equal([4], Ids(Product.Columns.Price > 2.25));
        Assert.Equal([4, 5], Ids(Product.Columns.Price >= 2.25));
        Assert.Equal([3, 4, 5], Ids(Product.Columns.Added >= new DateOnly(2024, 3, 1)));
        Assert.Equal([2, 3, 4], Ids(Product.Columns.Id.Between(2, 4)));
        Assert.Equal([1, 2], Ids(Product.Columns.Name < "c"));
    }

    [Fact]
    public void NullSemantics_EqualsNullIsIsNull_AndComparisonsSkipNulls()
    {
        Assert.Equal([2, 5], Ids(Product.Columns.Stock == null));
        Assert.Equal([1, 3, 4], Ids(Product.Columns.Stock != null));
        Assert.Equal([3], Ids(Product.Columns.Category.IsNull()));
        Assert.Equal([1, 2, 4, 5], Ids(Product.Columns.Category.IsNotNull()));
        Assert.Equal([1, 4], Ids(Product.Columns.Stock > 0));
        Assert.Equal([1, 3, 4], Ids(Product.Columns.Stock != 5));
    }

    [Fact]
    public void In_WithZeroOneAndManyValues()
    {
        Assert.Empty(Ids(Product.Columns.Id.In()));
        Assert.Empty(Ids(Product.Columns.Name.In(Array.Empty<string>())));
        Assert.Equal([3], Ids(Product.Columns.Name.In("carrot")));
        Assert.Equal([1, 4, 5], Ids(Product.Columns.Id.In(1, 4, 5, 99)));
        Assert.Equal([2, 3, 5], Ids(Product.Columns.Stock.In(null, 0)));
        Assert.Equal([1, 2, 4, 5], Ids(!Product.Columns.Id.In(3)));
    }

    [Fact]
    public void Like_MatchesPatterns()
    {
        Assert.Equal([1, 2, 4], Ids(Product.Columns.Name.Like("%a%e%") | Product.Columns.Name.Like("b%")));
        Assert.Equal([3], Ids(Product.Columns.Name.Like("c_rrot")));
        Assert.Equal([5], Ids(Product.Columns.Category.Like("VEG%")));
    }

    [Fact]
    public void AndOrNot_Combine()
    {
        Assert.Equal([1, 4], Ids(Product.Columns.Active == true & Product.Columns.Stock > 0));
        Assert.Equal([2, 3, 4], Ids(Product.Columns.Price < 1.0 | Product.Columns.Price > 3.0));
        // SQL's three-valued logic: NOT (NULL = 'fruit') is NULL, so the row without a category matches neither side.
        Assert.Equal([5], Ids(!(Product.Columns.Category == "fruit")));
        Assert.Equal([3, 5], Ids(!(Product.Columns.Category == "fruit") | Product.Columns.Category == null));
        Assert.Equal([1, 4], Ids(Product.Query(_conn).Where(Product.Columns.Active == true).Where(Product.Columns.Stock > 0)));
    }

    [Fact]
    public void AQueryOfTheSameShape_RendersToTheSameString_AndOneOfAnotherShapeToItsOwn()
    {
        // Only values differ (they are parameters): the text is the thread's recent one, not a new string each run.
        string first = Product.Query(_conn).Where(Product.Columns.Id >= 1 & Product.Columns.Id < 3).OrderBy(Product.Columns.Name).Limit(2).ToSql();
        string again = Product.Query(_conn).Where(Product.Columns.Id >= 2 & Product.Columns.Id < 5).OrderBy(Product.Columns.Name).Limit(4).ToSql();
        Assert.Same(first, again);

        string other = Product.Query(_conn).Where(Product.Columns.Id >= 1 | Product.Columns.Id < 3).OrderBy(Product.Columns.Name).Limit(2).ToSql();
        Assert.NotEqual(first, other);
        Assert.Equal(first.Replace(" AND ", " OR ", StringComparison.Ordinal), other);

        // Both run, each with its own values, through the connection's statement cache.
        Assert.Equal([1, 2], Product.Query(_conn).Where(Product.Columns.Id >= 1 & Product.Columns.Id < 3).OrderBy(Product.Columns.Id).All().Select(p => p.Id));
        Assert.Equal([2, 3, 4], Product.Query(_conn).Where(Product.Columns.Id >= 2 & Product.Columns.Id < 5).OrderBy(Product.Columns.Id).All().Select(p => p.Id));
    }

    [Fact]
    public void OrderingAndPaging()
    {
        var byPriceDesc = Product.Query(_conn).OrderByDescending(Product.Columns.Price).All().Select(p => p.Id);
        var byCategoryThenName = Product.Query(_conn).OrderBy(Product.Columns.Category).ThenByDescending(Product.Columns.Name).All().Select(p => p.Id);
        var page = Product.Query(_conn).OrderBy(Product.Columns.Id).Limit(2).Offset(1).All().Select(p => p.Id);
        var offsetOnly = Product.Query(_conn).OrderBy(Product.Columns.Id).Offset(3).All().Select(p => p.Id);

        Assert.Equal([4, 5, 1, 3, 2], byPriceDesc);
        Assert.Equal([3, 4, 2, 1, 5], byCategoryThenName);
        Assert.Equal([2, 3], page);
        Assert.Equal([4, 5], offsetOnly);
        Assert.Empty(Product.Query(_conn).Limit(0).All());
    }

    [Fact]
    public void Terminals_OneOneOrNoneFirstFirstOrDefaultCountExists()
    {
        var fruit = Product.Query(_conn).Where(Product.Columns.Category == "fruit");
        var none = Product.Query(_conn).Where(Product.Columns.Name == "kiwi");

        Assert.Equal("carrot", Product.Query(_conn).Where(Product.Columns.Id == 3).One().Name);
        Assert.Throws<NoResultFoundException>(() => none.One());
        var several = Assert.Throws<MultipleResultsFoundException>(() => fruit.One());
        Assert.Contains("WHERE \"Category\" = @p0", several.Sql);
        Assert.Null(none.OneOrNone());
        Assert.Throws<MultipleResultsFoundException>(() => fruit.OneOrNone());
        Assert.Equal("dates", fruit.OrderByDescending(Product.Columns.Price).First().Name);
        Assert.Throws<NoResultFoundException>(() => none.First());
        Assert.Null(none.FirstOrDefault());
        Assert.Equal(3, fruit.Count());
        Assert.Equal(2, fruit.Limit(2).Count());
        Assert.Equal(0, none.Count());
        Assert.True(fruit.Exists());
        Assert.False(none.Exists());
    }

    [Fact]
    public void Select_ProjectsOneOrSeveralColumnsWithoutEntities()
    {
        List<string> names = Product.Query(_conn).Where(Product.Columns.Active == true).OrderBy(Product.Columns.Name).Select(Product.Columns.Name).All();
        List<(string, double)> pairs = Product.Query(_conn).OrderBy(Product.Columns.Id).Limit(2).Select(Product.Columns.Name, Product.Columns.Price).All();
        List<(int, int?, string?)> triples = Product.Query(_conn).Where(Product.Columns.Id >= 4).OrderBy(Product.Columns.Id)
            .Select(Product.Columns.Id, Product.Columns.Stock, Product.Columns.Category).All();

        Assert.Equal(["apple", "banana", "dates"], names);
        Assert.Equal([("apple", 1.5), ("banana", 0.5)], pairs);
        Assert.Equal([(4, (int?)3, (string?)"fruit"), (5, null, "vegetable")], triples);
        Assert.Equal(Color.Blue, Product.Query(_conn).Where(Product.Columns.Id == 4).Select(Product.Columns.Color).One());
    }

    [Fact]
    public void Delete_RemovesMatchingRowsAndReturnsTheCount()
    {
        int deleted = Product.Query(_conn).Where(Product.Columns.Active == false).Delete();

        Assert.Equal(2, deleted);
        Assert.Equal([1, 2, 4], Ids(Product.Query(_conn)));
        Assert.Equal(3, Product.Query(_conn).Delete());
        Assert.Equal(0, Product.Query(_conn).Count());
    }

    [Fact]
    public void Update_SetsColumnsOnMatchingRows()
    {
        int updated = Product.Query(_conn)
            .Where(Product.Columns.Category == "fruit" & Product.Columns.Price < 2.0)
            .Update(Product.Columns.Price.Set(9.5), Product.Columns.Stock.Set(null));

        Assert.Equal(2, updated);
        Assert.Equal([(1, 9.5, (int?)null), (2, 9.5, null)],
            Product.Query(_conn).Where(Product.Columns.Price == 9.5).OrderBy(Product.Columns.Id).Select(Product.Columns.Id, Product.Columns.Price, Product.Columns.Stock).All());
    }

    [Fact]
    public void DeleteOrUpdate_WithPaging_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Product.Query(_conn).Limit(1).Delete());

        Assert.Equal("Delete() works on every row the filter matches; remove Limit and Offset from the query first.", error.Message);
    }

    [Fact]
    public void ToSql_ShowsParametersNeverValues()
    {
        var query = Product.Query(_conn)
            .Where(Product.Columns.Name == "'); drop table products; --" & (Product.Columns.Stock == null | Product.Columns.Price.Between(1.0, 2.0)))
            .OrderBy(Product.Columns.Price).ThenByDescending(Product.Columns.Id)
            .Limit(10).Offset(5);

        Assert.Equal(
            "SELECT \"Id\", \"Name\", \"Price\", \"Stock\", \"Active\", \"Added\", \"Category\", \"Color\" FROM \"products\" " +
            "WHERE (\"Name\" = @p0 AND (\"Stock\" IS NULL OR \"Price\" BETWEEN @p1 AND @p2)) " +
            "ORDER BY \"Price\", \"Id\" DESC LIMIT @p3 OFFSET @p4",
            query.ToSql());
        Assert.Empty(query.All());
        Assert.Equal(5, Product.Query(_conn).Count());
    }

    [Fact]
    public void ToSql_IsWhatEchoLogs()
    {
        var writer = new StringWriter();
        using var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer });
        using var conn = engine.Connect();
        Product.CreateTable(conn);
        var query = Product.Query(conn).Where(Product.Columns.Price > 1.0).OrderBy(Product.Columns.Name).Limit(3);

        query.All();

        Assert.Contains("[genorm] " + query.ToSql() + "\n", writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SameQueryShape_ReusesOneCachedStatement()
    {
        var first = Product.Query(_conn).Where(Product.Columns.Price > 1.0);
        var second = Product.Query(_conn).Where(Product.Columns.Price > 3.0);

        Assert.Equal(first.ToSql(), second.ToSql());
        Assert.Equal([1, 4, 5], Ids(first));
        Assert.Equal([4], Ids(second));
    }

    [Fact]
    public void BuilderMethods_DoNotChangeTheQueryTheyStartFrom()
    {
        var all = Product.Query(_conn);
        var filtered = all.Where(Product.Columns.Active == true);

        Assert.Equal(5, all.Count());
        Assert.Equal(3, filtered.Count());
        Assert.DoesNotContain("WHERE", all.ToSql());
    }
}

public sealed class DefaultValueTests
{
    [Fact]
    public void DefaultValues_AreInTheDdl_AndApplyToRowsInsertedWithoutTheColumn()
    {
        using var engine = Engine.Create("sqlite://");
        using var conn = engine.Connect();
        Product.CreateTable(conn);

        conn.Execute(Sql.Text("insert into products (Id, Name, Price, Added) values (1, 'plain', 1.0, '2024-01-01')"));
        Product product = Product.GetById(conn, 1)!;

        Assert.Contains("\"Stock\" INTEGER DEFAULT 0,", Product.CreateTableSql);
        Assert.Contains("\"Active\" INTEGER NOT NULL DEFAULT 1,", Product.CreateTableSql);
        Assert.Contains("\"Category\" TEXT DEFAULT 'misc',", Product.CreateTableSql);
        Assert.Contains("\"Color\" INTEGER NOT NULL DEFAULT 2,", Product.CreateTableSql);
        Assert.Equal((0, true, "misc", Color.Green), (product.Stock, product.Active, product.Category, product.Color));
    }
}
