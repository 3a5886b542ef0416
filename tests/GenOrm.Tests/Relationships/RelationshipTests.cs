using GenOrm;

namespace GenOrm.Tests.Relationships;

public sealed class RelationshipTests : IDisposable
{
    private readonly List<string> _echo = new();
    private readonly Engine _engine;
    private readonly Connection _conn;
    private readonly StringWriter _writer = new();

    public RelationshipTests()
    {
        _engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = _writer });
        _conn = _engine.Connect();
        GenOrm.Generated.Schema.CreateAll(_conn);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void Ddl_DeclaresForeignKeysWithTheirOnDeleteActions()
    {
        Assert.Contains("FOREIGN KEY (\"AuthorId\") REFERENCES \"authors\" (\"Id\") ON DELETE CASCADE", Post.CreateTableSql);
        Assert.Contains("FOREIGN KEY (\"EditorId\") REFERENCES \"authors\" (\"Id\") ON DELETE SET NULL", Post.CreateTableSql);
        Assert.Contains("FOREIGN KEY (\"WriterName\") REFERENCES \"authors\" (\"Name\")\n", Comment.CreateTableSql + "\n");
    }

    [Fact]
    public void CreateAll_CreatesReferencedTablesFirst()
    {
        var names = GenOrm.Generated.Schema.TableNames.ToList();

        Assert.True(names.IndexOf("authors") < names.IndexOf("posts"));
        Assert.True(names.IndexOf("authors") < names.IndexOf("comments"));
    }

    [Fact]
    public void Navigation_InBothDirections()
    {
        var ann = new Author { Name = "Ann" };
        var bob = new Author { Name = "Bob" };
        Author.InsertMany(_conn, [ann, bob]);
        var first = new Post { AuthorId = ann.Id, Title = "first" };
        var second = new Post { AuthorId = ann.Id, EditorId = bob.Id, Title = "second" };
        Post.InsertMany(_conn, [first, second, new Post { AuthorId = bob.Id, Title = "third" }]);

        Assert.Equal("Ann", first.GetAuthor(_conn)?.Name);
        Assert.Null(first.GetEditor(_conn));
        Assert.Equal("Bob", second.GetEditor(_conn)?.Name);
        Assert.Equal(["first", "second"], ann.GetPostsByAuthor(_conn).Select(p => p.Title).Order());
        Assert.Equal(["second"], bob.GetPostsByEditor(_conn).Select(p => p.Title));
    }

    [Fact]
    public async Task Navigation_HasAsyncTwins()
    {
        var ann = new Author { Name = "Ann" };
        Author.Insert(_conn, ann);
        var post = new Post { AuthorId = ann.Id, Title = "t" };
        Post.Insert(_conn, post);

        Assert.Equal("Ann", (await post.GetAuthorAsync(_conn))?.Name);
        Assert.Null(await post.GetEditorAsync(_conn));
        Assert.Single(await ann.GetPostsByAuthorAsync(_conn));
    }

    [Fact]
    public void NavigationByAUniqueColumn_UsesThatColumn()
    {
        Author.Insert(_conn, new Author { Name = "Ann" });
        var comment = new Comment { Id = 1, WriterName = "Ann", Text = "hi" };
        Comment.Insert(_conn, comment);

        Assert.Equal("Ann", comment.GetWriter(_conn)?.Name);
        Assert.Equal([1], Author.GetByName(_conn, "Ann")!.GetComments(_conn).Select(c => c.Id));
    }

    [Fact]
    public void LoadingChildrenOfManyParents_RunsOneQuery_NotOnePerParent()
    {
        var authors = Enumerable.Range(1, 50).Select(i => new Author { Name = "a" + i }).ToList();
        Author.InsertMany(_conn, authors);
        Post.InsertMany(_conn, authors.SelectMany(a => Enumerable.Range(1, 3).Select(i => new Post { AuthorId = a.Id, Title = a.Name + "/" + i })));
        var lonely = new Author { Name = "lonely" };
        Author.Insert(_conn, lonely);
        authors.Add(lonely);
        int before = SelectsOnPosts();

        Dictionary<Author, List<Post>> posts = authors.GetPostsByAuthor(_conn);

        Assert.Equal(1, SelectsOnPosts() - before);
        Assert.Equal(51, posts.Count);
        Assert.All(authors.Take(50), a => Assert.Equal([a.Name + "/1", a.Name + "/2", a.Name + "/3"], posts[a].Select(p => p.Title).Order()));
        Assert.Empty(posts[lonely]);
    }

    [Fact]
    public async Task LoadingChildrenOfManyParentsAsync_GivesWhatTheSyncTwinGives_InOneQueryPer500()
    {
        var authors = Enumerable.Range(1, 600).Select(i => new Author { Name = "a" + i }).ToList();
        Author.InsertMany(_conn, authors);
        Post.InsertMany(_conn, authors.Take(3).SelectMany(a => Enumerable.Range(1, 2).Select(i => new Post { AuthorId = a.Id, Title = a.Name + "/" + i })));
        Dictionary<Author, List<Post>> sync = authors.GetPostsByAuthor(_conn);
        int before = SelectsOnPosts();

        Dictionary<Author, List<Post>> posts = await authors.GetPostsByAuthorAsync(_conn);

        Assert.Equal(2, SelectsOnPosts() - before);
        Assert.Equal(600, posts.Count);
        Assert.All(authors, a => Assert.Equal(sync[a].Select(p => p.Id), posts[a].Select(p => p.Id)));
        Assert.Equal(["a1/1", "a1/2"], posts[authors[0]].Select(p => p.Title).Order());
        Assert.Empty(posts[authors[599]]);
    }

    [Fact]
    public void LoadingChildrenOfMoreThan500Parents_RunsOneQueryPer500()
    {
        var authors = Enumerable.Range(1, 1_200).Select(i => new Author { Name = "a" + i }).ToList();
        Author.InsertMany(_conn, authors);
        int before = SelectsOnPosts();

        var posts = authors.GetPostsByAuthor(_conn);

        Assert.Equal(3, SelectsOnPosts() - before);
        Assert.Equal(1_200, posts.Count);
    }

    [Fact]
    public void ForeignKeyViolation_IsAClearError_AndNothingIsWritten()
    {
        var error = Assert.Throws<ConstraintViolationException>(() => Post.Insert(_conn, new Post { AuthorId = 999, Title = "orphan" }));

        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        Assert.Equal("posts", error.TableName);
        Assert.Equal(
            "Cannot write to table 'posts': column 'AuthorId' refers to table 'authors' (column 'Id'), which has no row with that value. " +
            "Insert the 'authors' row first, or use a value that a row of 'authors' has.",
            error.Message);
        Assert.Equal(0, Post.Query(_conn).Count());
    }

    [Fact]
    public void DeletingAParent_CascadesOrSetsNullOrIsRefused()
    {
        var ann = new Author { Name = "Ann" };
        var bob = new Author { Name = "Bob" };
        Author.InsertMany(_conn, [ann, bob]);
        Post.InsertMany(_conn, [new Post { AuthorId = ann.Id, EditorId = bob.Id, Title = "a" }, new Post { AuthorId = bob.Id, Title = "b" }]);
        Comment.Insert(_conn, new Comment { Id = 1, WriterName = "Ann", Text = "c" });

        var refused = Assert.Throws<ConstraintViolationException>(() => Author.Delete(_conn, ann));
        Assert.Equal(ConstraintKind.ForeignKey, refused.Kind);
        Assert.Equal(
            "Cannot delete from table 'authors': rows of table 'comments' still refer to it through column 'WriterName' (which refers to column 'Name'). " +
            "Delete or change those 'comments' rows first, or declare the foreign key with OnDelete = OnDelete.Cascade or OnDelete.SetNull (ON DELETE CASCADE or SET NULL).",
            refused.Message);
        Comment.Query(_conn).Delete();

        Author.Delete(_conn, bob);

        Post remaining = Assert.Single(Post.GetAll(_conn));
        Assert.Equal(("a", (long?)null), (remaining.Title, remaining.EditorId));
        Author.Delete(_conn, ann);
        Assert.Equal(0, Post.Query(_conn).Count());
    }

    private int SelectsOnPosts() =>
        _writer.ToString().Split('\n').Count(line => line.StartsWith("[genorm] SELECT", StringComparison.Ordinal) && line.Contains("FROM \"posts\"", StringComparison.Ordinal));
}
