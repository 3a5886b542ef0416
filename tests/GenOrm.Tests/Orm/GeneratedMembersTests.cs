using GenOrm;

namespace GenOrm.Tests.Orm;

public sealed class GeneratedMembersTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public GeneratedMembersTests()
    {
        _conn = _engine.Connect();
        SeedUser.CreateTable(_conn);
        Account.CreateTable(_conn);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void TableName_ComesFromTheAttributeOrTheClassName()
    {
        Assert.Equal("user", SeedUser.TableName);
        Assert.Equal("accounts", Account.TableName);
        Assert.Equal("AllTypes", AllTypes.TableName);
    }

    [Fact]
    public void CreateTableSql_IsTheSeedsDdlWithCompositeKeyAndLengthChecks()
    {
        const string expected = """
            CREATE TABLE IF NOT EXISTS "user" (
                "id" INTEGER NOT NULL,
                "name" TEXT NOT NULL CHECK (length("name") <= 100),
                "email" TEXT NOT NULL CHECK (length("email") <= 100),
                "login" TEXT NOT NULL CHECK (length("login") <= 100),
                PRIMARY KEY ("id", "email")
            ) STRICT;
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), SeedUser.CreateTableSql.TrimEnd());
    }

    [Fact]
    public void CreateTableSql_DeclaresAutoIncrementUniqueIndexAndNullability()
    {
        Assert.Contains("\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT", Account.CreateTableSql);
        Assert.Contains("\"Email\" TEXT NOT NULL UNIQUE CHECK (length(\"Email\") <= 20)", Account.CreateTableSql);
        Assert.Contains("\"Nickname\" TEXT,", Account.CreateTableSql);
        Assert.Contains("CREATE INDEX IF NOT EXISTS \"ix_accounts_Login\" ON \"accounts\" (\"Login\");", Account.CreateTableSql);
        Assert.DoesNotContain("Transient", Account.CreateTableSql);
        Assert.DoesNotContain("Display", Account.CreateTableSql);
    }

    [Fact]
    public void CreateTable_IsIdempotent()
    {
        SeedUser.CreateTable(_conn);
        Account.CreateTable(_conn);
        var tables = _conn.Execute(Sql.Text("select name from sqlite_master where type = 'table' and name in ('user', 'accounts') order by name")).All();
        Assert.Equal("[('accounts',), ('user',)]", tables.ToString());
    }

    [Fact]
    public void GetAll_ReturnsEveryRowAsEntities()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" });
        SeedUser.Insert(_conn, new SeedUser { Id = 2, Name = "Bob", Email = "bob@example.com", Login = "bob" });

        List<SeedUser> users = SeedUser.GetAll(_conn);

        Assert.Equal(
            [(1L, "Ann", "ann@example.com", "ann"), (2L, "Bob", "bob@example.com", "bob")],
            users.Select(u => (u.Id, u.Name, u.Email, u.Login)).OrderBy(u => u.Id).ToArray());
    }

    [Fact]
    public void GetAll_OnAnEmptyTable_ReturnsAnEmptyList()
    {
        Assert.Empty(SeedUser.GetAll(_conn));
    }

    [Fact]
    public void GetByEmail_OnPartOfACompositeKey_ReturnsTheMatchingRows()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" });

        List<SeedUser> ann = SeedUser.GetByEmail(_conn, "ann@example.com");
        List<SeedUser> nobody = SeedUser.GetByEmail(_conn, "nobody@example.com");

        Assert.Equal(new[] { (1L, "Ann", "ann") }, ann.Select(u => (u.Id, u.Name, u.Login)));
        Assert.Empty(nobody);
    }

    [Fact]
    public void GetById_OnPartOfACompositeKey_ReturnsEverySharingRow()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 7, Name = "Ann", Email = "ann@example.com", Login = "ann" });
        SeedUser.Insert(_conn, new SeedUser { Id = 7, Name = "Ann 2", Email = "ann2@example.com", Login = "ann2" });
        SeedUser.Insert(_conn, new SeedUser { Id = 8, Name = "Bob", Email = "bob@example.com", Login = "bob" });

        List<SeedUser> sevens = SeedUser.GetById(_conn, 7);

        Assert.Equal(new[] { "Ann", "Ann 2" }, sevens.Select(u => u.Name).Order());
    }

    [Fact]
    public void GetByWholeCompositeKey_ReturnsTheOneRow()
    {
        SeedUser.Insert(_conn, new SeedUser { Id = 7, Name = "Ann", Email = "ann@example.com", Login = "ann" });
        SeedUser.Insert(_conn, new SeedUser { Id = 7, Name = "Ann 2", Email = "ann2@example.com", Login = "ann2" });

        SeedUser? second = SeedUser.GetByIdAndEmail(_conn, 7, "ann2@example.com");

        Assert.Equal("Ann 2", second?.Name);
        Assert.Null(SeedUser.GetByIdAndEmail(_conn, 8, "ann2@example.com"));
    }

    [Fact]
    public void GetByUniqueAndIndexedColumns_AreGenerated()
    {
        Account.Insert(_conn, new Account { Email = "a@x.org", Login = "a" });

        Assert.Equal("a", Account.GetByEmail(_conn, "a@x.org")?.Login);
        Assert.Equal(new[] { "a@x.org" }, Account.GetByLogin(_conn, "a").Select(a => a.Email));
        Assert.Equal("a@x.org", Account.GetById(_conn, 1)?.Email);
    }

    [Fact]
    public void Insert_WritesTheGeneratedKeyBackIntoTheEntity()
    {
        var first = new Account { Email = "a@x.org", Login = "a" };
        var second = new Account { Email = "b@x.org", Login = "b" };

        Account.Insert(_conn, first);
        Account.Insert(_conn, second);

        Assert.Equal(1, first.Id);
        Assert.Equal(2, second.Id);
        Assert.Equal("b@x.org", Account.GetById(_conn, 2)?.Email);
    }

    [Fact]
    public void InsertMany_InsertsEveryEntityAndAssignsKeys()
    {
        var accounts = Enumerable.Range(1, 50).Select(i => new Account { Email = $"u{i}@x.org", Login = $"u{i}", Score = i }).ToList();

        int inserted = Account.InsertMany(_conn, accounts);

        Assert.Equal(50, inserted);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), accounts.Select(a => a.Id));
        Assert.Equal(50, Account.GetAll(_conn).Count);
    }

    [Fact]
    public void InsertMany_WhenOneRowFails_LeavesNoneOfTheBatchButKeepsEarlierWork()
    {
        Account.Insert(_conn, new Account { Email = "kept@x.org", Login = "kept" });
        var batch = new[]
        {
            new Account { Email = "new1@x.org", Login = "n1" },
            new Account { Email = "kept@x.org", Login = "dup" },
        };

        var error = Assert.Throws<ConstraintViolationException>(() => Account.InsertMany(_conn, batch));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal(["kept@x.org"], Account.GetAll(_conn).Select(a => a.Email));
        _conn.Commit();
        Assert.Single(Account.GetAll(_conn));
    }

    [Fact]
    public void Update_ChangesTheRowWithTheSameKeyAndReportsRows()
    {
        var ann = new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" };
        SeedUser.Insert(_conn, ann);

        ann.Name = "Ann Smith";
        int updated = SeedUser.Update(_conn, ann);
        int missing = SeedUser.Update(_conn, new SeedUser { Id = 2, Name = "X", Email = "x@example.com", Login = "x" });

        Assert.Equal(1, updated);
        Assert.Equal(0, missing);
        Assert.Equal("Ann Smith", Assert.Single(SeedUser.GetByEmail(_conn, "ann@example.com")).Name);
    }

    [Fact]
    public void Delete_RemovesTheRowWithTheSameKey()
    {
        var ann = new SeedUser { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" };
        SeedUser.Insert(_conn, ann);
        SeedUser.Insert(_conn, new SeedUser { Id = 1, Name = "Ann", Email = "other@example.com", Login = "ann" });

        Assert.Equal(1, SeedUser.Delete(_conn, ann));
        Assert.Equal(0, SeedUser.Delete(_conn, ann));
        Assert.Equal(["other@example.com"], SeedUser.GetAll(_conn).Select(u => u.Email));
    }

    [Fact]
    public void IgnoredAndComputedProperties_AreNotStored()
    {
        var account = new Account { Email = "a@x.org", Login = "a", Transient = "changed" };
        Account.Insert(_conn, account);

        Account loaded = Account.GetById(_conn, account.Id)!;

        Assert.Equal("not stored", loaded.Transient);
        Assert.Equal("a@x.org (a)", loaded.Display);
    }

    [Fact]
    public void InitOnlyPropertiesAndPrivateConstructor_AreMapped()
    {
        Note.CreateTable(_conn);
        Note.Insert(_conn, new Note(1, "hello"));

        Note? note = Note.GetById(_conn, 1);

        Assert.Equal("hello", note?.Text);
    }

    [Fact]
    public void QuotedIdentifiers_WorkForKeywordsSpacesAndQuotes()
    {
        OrderItem.CreateTable(_conn);
        OrderItem.Insert(_conn, new OrderItem { Order = 1, Select = "x", Quoted = "q" });

        OrderItem? item = OrderItem.GetByOrder(_conn, 1);

        Assert.Equal(("x", "q"), (item?.Select, item?.Quoted));
        Assert.Equal("order items", OrderItem.TableName);
        Assert.Contains("\"say \"\"hi\"\"\" TEXT", OrderItem.CreateTableSql);
    }

    [Fact]
    public void CreateAll_CreatesEveryTableOfTheAssembly()
    {
        using var engine = Engine.Create("sqlite://");
        using var conn = engine.Connect();

        GenOrm.Generated.Schema.CreateAll(conn);

        var tables = conn.Execute(Sql.Text("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"))
            .All().Select(r => r.Get<string>(0)).ToArray();
        // Every [Table] class of this assembly, found independently of the generator (by reflection, in the test only).
        string[] declared = typeof(SeedUser).Assembly.GetTypes()
            .Where(type => type.GetCustomAttributes(typeof(TableAttribute), inherit: false).Length > 0)
            .Select(type => (string)type.GetField("TableName")!.GetValue(null)!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Contains("user", declared);
        Assert.Contains("order items", declared);
        Assert.Equal(declared, tables.Order(StringComparer.Ordinal));
        Assert.Equal(tables.Order(StringComparer.Ordinal), GenOrm.Generated.Schema.TableNames.Order(StringComparer.Ordinal));
    }
}
