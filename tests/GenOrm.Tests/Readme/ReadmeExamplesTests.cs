using GenOrm;

namespace GenOrm.Tests.Readme;

/// <summary>The README's quickstart class (under another table name, since the seed's 'user' is taken here).</summary>
[Table("readme_users")]
public partial class User
{
    [PrimaryKey, AutoIncrement] public long Id { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [Unique, MaxLength(100)] public required string Email { get; set; }
    public string? Login { get; set; }
}

/// <summary>Runs the README's snippets as written, so the README cannot drift from what compiles and works.</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public void Quickstart_And_TypedQueries_WorkAsTheReadmeShows()
    {
        using var engine = Engine.Create("sqlite://");
        using var conn = engine.Connect();
        User.CreateTable(conn);
        var ann = new User { Name = "Ann", Email = "ann@example.com", Login = "ann" };
        User.Insert(conn, ann);
        User.InsertMany(conn, Enumerable.Range(2, 150).Select(i => new User { Name = (i % 2 == 0 ? "A" : "B") + i, Email = $"u{i}@example.com", Login = i % 3 == 0 ? null : "u" + i }));
        conn.Commit();

        User? found = User.GetByEmail(conn, "ann@example.com");
        User? again = User.Query(conn).Where(User.Columns.Email == "ann@example.com").OneOrNone();
        List<User> page = User.Query(conn)
            .Where(User.Columns.Id >= 100 & (User.Columns.Name.Like("A%") | User.Columns.Login == null))
            .OrderBy(User.Columns.Name).ThenByDescending(User.Columns.Id)
            .Limit(20).Offset(5)
            .All();
        long withoutLogin = User.Query(conn).Where(User.Columns.Login == null).Count();
        List<string> emails = User.Query(conn).Select(User.Columns.Email).All();
        List<(long, string)> pairs = User.Query(conn).Select(User.Columns.Id, User.Columns.Name).All();
        int renamed = User.Query(conn).Where(User.Columns.Login == "ann").Update(User.Columns.Name.Set("Ann B."));
        int removed = User.Query(conn).Where(User.Columns.Id.In(3, 5, 8)).Delete();

        Assert.Equal(1, ann.Id);
        Assert.Equal((1L, 1L), (found?.Id, again?.Id));
        Assert.Equal(20, page.Count);
        Assert.All(page, u => Assert.True(u.Id >= 100 && (u.Name.StartsWith('A') || u.Login is null)));
        Assert.Equal(page.OrderBy(u => u.Name, StringComparer.Ordinal).Select(u => u.Id), page.Select(u => u.Id));
        Assert.Equal(50, withoutLogin);
        Assert.Equal(151, emails.Count);
        Assert.Equal((1L, "Ann"), pairs[0]);
        Assert.Equal((1, 3), (renamed, removed));
        Assert.Equal("Ann B.", User.GetById(conn, 1)!.Name);
    }

    [Fact]
    public void CoreLayerSnippet_PrintsTheSeedsRows()
    {
        using var engine = Engine.Create("sqlite://");
        using var conn = engine.Connect();

        conn.Execute(Sql.Text("create table my_table (x integer primary key, y integer)"));
        conn.Execute(Sql.Text("insert into my_table (x, y) values (:x, :y)"),
            new[] { new Params { ["x"] = 1, ["y"] = 2 }, new Params { ["x"] = 3, ["y"] = 4 } });
        conn.Commit();

        Assert.Equal("[(1, 2), (3, 4)]", conn.Execute(Sql.Text("select * from my_table")).All().ToString());
    }

    [Fact]
    public async Task StreamingSnippets_ReadEveryRow()
    {
        using var engine = Engine.Create("sqlite://");
        using var conn = engine.Connect();
        User.CreateTable(conn);
        User.InsertMany(conn, Enumerable.Range(1, 10).Select(i => new User { Name = "n" + i, Email = $"e{i}" }));
        var streamed = new List<long>();

        await foreach (User user in User.Query(conn).OrderBy(User.Columns.Id).StreamAsync(CancellationToken.None))
        {
            streamed.Add(user.Id);
        }

        foreach (User user in conn.Stream<User>(Sql.Text("select * from \"readme_users\"")))
        {
            streamed.Add(user.Id);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i).Concat(Enumerable.Range(1, 10).Select(i => (long)i)), streamed);
    }
}
