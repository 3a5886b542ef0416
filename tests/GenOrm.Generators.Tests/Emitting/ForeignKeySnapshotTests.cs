using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>Foreign keys: the DDL clause, navigation both ways, and the schema's referenced-first order.</summary>
public sealed class ForeignKeySnapshotTests
{
    private const string Blog = """
        using GenOrm;

        namespace Blog;

        [Table("posts")]
        public partial class Post
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [ForeignKey(typeof(Author), OnDelete = OnDelete.Cascade)] public long AuthorId { get; set; }
            [ForeignKey(typeof(Author), OnDelete = OnDelete.SetNull, Navigation = "Reviewer")] public long? ReviewedBy { get; set; }
            public string Title { get; set; } = "";
        }

        [Table("authors")]
        public partial class Author
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    [Fact]
    public void ReferringTable_HasForeignKeyClausesAndNavigation()
    {
        GeneratorOutput output = TestCompilation.Run(Blog);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Blog.Post.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void Schema_CreatesReferencedTablesFirst()
    {
        GeneratorOutput output = TestCompilation.Run(Blog);

        output.AssertNoDiagnostics();
        string schema = output.Source("GenOrm.Schema.g.cs");
        Assert.True(
            schema.IndexOf("global::Blog.Author.CreateTable(connection);", StringComparison.Ordinal)
            < schema.IndexOf("global::Blog.Post.CreateTable(connection);", StringComparison.Ordinal));
    }
}
