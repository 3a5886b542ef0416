using GenOrm.Generators.Tests.Helpers;
using GenOrm.Migrations;
using GenOrm.Tests.Helpers;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// Four versions of a model compiled in memory with their recorded history, each emitted to an assembly whose
/// generated <c>Schema.Migrate</c> runs on a real SQLite file that the earlier version created and filled. Every row is
/// compared value by value after each step, and <c>integrity_check</c> and <c>foreign_key_check</c> stay clean.
/// </summary>
public sealed class EndToEndMigrationTests : IDisposable
{
    /// <summary>v1: authors, posts (score stored as text), tags, and a legacy table.</summary>
    internal const string V1 = """
        using GenOrm;
        namespace Blog;
        [Table("author")] public partial class Author
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
        }
        [Table("post")] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            public long AuthorId { get; set; }
            public string Title { get; set; } = "";
            public string? Body { get; set; }
            public string Score { get; set; } = "";
        }
        [Table("tag")] public partial class Tag
        {
            [PrimaryKey] public long Id { get; set; }
            public string Label { get; set; } = "";
        }
        [Table("legacy")] public partial class Legacy
        {
            [PrimaryKey] public long Id { get; set; }
            public string? Data { get; set; }
        }
        """;

    /// <summary>v2: a new nullable column (add), a rename, a retype TEXT to INTEGER (rebuild), a new index.</summary>
    internal const string V2 = """
        using GenOrm;
        namespace Blog;
        [Table("author")] public partial class Author
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
            public string? Email { get; set; }
        }
        [Table("post")] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [Index] public long AuthorId { get; set; }
            [RenamedFrom("Title")] public string Headline { get; set; } = "";
            public string? Body { get; set; }
            public long Score { get; set; }
        }
        [Table("tag")] public partial class Tag
        {
            [PrimaryKey] public long Id { get; set; }
            public string Label { get; set; } = "";
        }
        [Table("legacy")] public partial class Legacy
        {
            [PrimaryKey] public long Id { get; set; }
            public string? Data { get; set; }
        }
        """;

    /// <summary>v3: a dropped column, a new foreign key, a dropped table, and a hook that fills the new e-mails.</summary>
    internal const string V3 = """
        using GenOrm;
        [assembly: DroppedColumn("post", "Body")]
        [assembly: DroppedTable("legacy")]
        namespace Blog;
        [Table("author")] public partial class Author
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
            public string? Email { get; set; }

            [Migration(From = 2)]
            internal static void FillEmails(Connection connection) =>
                connection.Execute(global::GenOrm.Sql.Text("UPDATE \"author\" SET \"Email\" = lower(\"Name\") || '@example.com' WHERE \"Email\" IS NULL"));
        }
        [Table("post")] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [Index, ForeignKey(typeof(Author), OnDelete = OnDelete.Cascade)] public long AuthorId { get; set; }
            [RenamedFrom("Title")] public string Headline { get; set; } = "";
            public long Score { get; set; }
        }
        [Table("tag")] public partial class Tag
        {
            [PrimaryKey] public long Id { get; set; }
            public string Label { get; set; } = "";
        }
        """;

    /// <summary>v4: a renamed table whose primary key becomes composite, and a NOT NULL column with a default.</summary>
    internal const string V4 = """
        using GenOrm;
        [assembly: DroppedColumn("post", "Body")]
        [assembly: DroppedTable("legacy")]
        namespace Blog;
        [Table("author")] public partial class Author
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
            public string? Email { get; set; }
            [Default(true)] public bool Active { get; set; }

            [Migration(From = 2)]
            internal static void FillEmails(Connection connection) =>
                connection.Execute(global::GenOrm.Sql.Text("UPDATE \"author\" SET \"Email\" = lower(\"Name\") || '@example.com' WHERE \"Email\" IS NULL"));
        }
        [Table("post")] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [Index, ForeignKey(typeof(Author), OnDelete = OnDelete.Cascade)] public long AuthorId { get; set; }
            [RenamedFrom("Title")] public string Headline { get; set; } = "";
            public long Score { get; set; }
        }
        [Table("label_tag"), RenamedFrom("tag")] public partial class Tag
        {
            [PrimaryKey] public long Id { get; set; }
            [PrimaryKey] public string Label { get; set; } = "";
        }
        """;

    /// <summary>The rows of v1, in SQL both databases run (names quoted: PostgreSQL folds unquoted ones to lower case).</summary>
    internal static readonly string[] SeedV1 =
    [
        "INSERT INTO \"author\" (\"Id\", \"Name\") VALUES (1, 'Ann'), (2, 'Bob Ó''Neil')",
        "INSERT INTO \"post\" (\"Id\", \"AuthorId\", \"Title\", \"Body\", \"Score\") VALUES (10, 1, 'Hello', 'first body', '5'), (11, 2, 'Second', NULL, '-3'), (12, 1, 'Thïrd', 'x\"y', '0')",
        "INSERT INTO \"tag\" (\"Id\", \"Label\") VALUES (1, 'red'), (2, 'blue')",
        "INSERT INTO \"legacy\" (\"Id\", \"Data\") VALUES (1, 'old')",
    ];

    /// <summary>The four versions, compiled once for the class: each compile and emit takes seconds on a busy machine.</summary>
    private static readonly Lazy<(Type[] Schemas, string[] Recorded)> Versions = new(CompileAllVersions);

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void V1ToV4_StepByStep_EveryValueKept()
    {
        (Type[] schemas, _) = Versions.Value;
        using var engine = Engine.Create(_directory.SqliteUrl("step-by-step.db"));
        using Connection connection = engine.Connect();

        MigrationHarness.Migrate(schemas[0], connection);
        Seed(connection);
        AssertV1Rows(connection);

        MigrationHarness.Migrate(schemas[1], connection);
        Assert.Equal(2, UserVersion(connection));
        Assert.Equal("[(1, 'Ann', None), (2, 'Bob Ó\\'Neil', None)]", MigrationHarness.Rows(connection, "SELECT Id, Name, Email FROM author ORDER BY Id"));
        Assert.Equal(
            "[(10, 1, 'Hello', 'first body', 5), (11, 2, 'Second', None, -3), (12, 1, 'Thïrd', 'x\"y', 0)]",
            MigrationHarness.Rows(connection, "SELECT Id, AuthorId, Headline, Body, Score FROM post ORDER BY Id"));
        Assert.Equal("[('integer',), ('integer',), ('integer',)]", MigrationHarness.Rows(connection, "SELECT typeof(Score) FROM post"));
        Assert.Equal("[('ix_post_AuthorId',)]", MigrationHarness.Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post' AND sql IS NOT NULL"));
        AssertV1Tags(connection, "tag");
        Assert.Equal("[(1, 'old')]", MigrationHarness.Rows(connection, "SELECT Id, Data FROM legacy"));
        AssertIntact(connection);

        MigrationHarness.Migrate(schemas[2], connection);
        Assert.Equal(3, UserVersion(connection));
        AssertV3Rows(connection);
        AssertV1Tags(connection, "tag");

        MigrationHarness.Migrate(schemas[3], connection);
        Assert.Equal(4, UserVersion(connection));
        AssertV4Rows(connection);
        Assert.True(SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[3])).IsMatch);
    }

    [Fact]
    public void V1ToV4_InOneMigrate_SameRows()
    {
        (Type[] schemas, _) = Versions.Value;
        using var engine = Engine.Create(_directory.SqliteUrl("one-go.db"));
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        Seed(connection);

        MigrationHarness.Migrate(schemas[3], connection);

        Assert.Equal(4, UserVersion(connection));
        AssertV4Rows(connection);
    }

    [Fact]
    public void GeneratedModel_ToJson_IsTheGeneratorsText()
    {
        (Type[] schemas, string[] recorded) = Versions.Value;

        for (int i = 0; i < schemas.Length; i++)
        {
            Assert.Equal(recorded[i], MigrationHarness.Current(schemas[i]).ToJson());
            Assert.Equal(MigrationHarness.Current(schemas[i]), SchemaModel.FromJson(recorded[i]));
        }

        IReadOnlyList<SchemaModel> history = (IReadOnlyList<SchemaModel>)schemas[3].GetProperty("History")!.GetValue(null)!;
        Assert.Equal(recorded.Take(3), history.Select(h => h.ToJson()));
        Assert.Equal([2, 3, 4], MigrationHarness.Steps(schemas[3]).Select(s => s.ToVersion));
        Assert.Equal([true, true, true], MigrationHarness.Steps(schemas[3]).Select(s => s.RebuildsTables));
        Assert.Single(MigrationHarness.Steps(schemas[3])[1].Hooks);
    }

    /// <summary>Compiles v1 to v4, each with the files its predecessors recorded; returns each one's Schema class and recorded text.</summary>
    private static (Type[] Schemas, string[] Recorded) CompileAllVersions()
    {
        var recorded = new List<string>();
        var schemas = new List<Type>();
        foreach (string source in new[] { V1, V2, V3, V4 })
        {
            GeneratorOutput output = MigrationHarness.Compile(recorded.ToArray(), source);
            Assert.All(output.Diagnostics, d => Assert.Equal("GENORM050", d.Id));
            schemas.Add(MigrationHarness.LoadSchema(output));
            recorded.Add(MigrationHarness.Record(output));
        }

        return (schemas.ToArray(), recorded.ToArray());
    }

    private static void Seed(Connection connection)
    {
        foreach (string statement in SeedV1)
        {
            connection.Execute(global::GenOrm.Sql.Text(statement));
        }

        connection.Commit();
    }

    private static void AssertV1Rows(Connection connection)
    {
        Assert.Equal(1, UserVersion(connection));
        Assert.Equal(
            "[(10, 1, 'Hello', 'first body', '5'), (11, 2, 'Second', None, '-3'), (12, 1, 'Thïrd', 'x\"y', '0')]",
            MigrationHarness.Rows(connection, "SELECT Id, AuthorId, Title, Body, Score FROM post ORDER BY Id"));
    }

    private static void AssertV1Tags(Connection connection, string table) =>
        Assert.Equal("[(1, 'red'), (2, 'blue')]", MigrationHarness.Rows(connection, $"SELECT Id, Label FROM {table} ORDER BY Id"));

    private static void AssertV3Rows(Connection connection)
    {
        Assert.Equal("[(1, 'Ann', 'ann@example.com'), (2, 'Bob Ó\\'Neil', 'bob Ó\\'neil@example.com')]", MigrationHarness.Rows(connection, "SELECT Id, Name, Email FROM author ORDER BY Id"));
        Assert.Equal("[(10, 1, 'Hello', 5), (11, 2, 'Second', -3), (12, 1, 'Thïrd', 0)]", MigrationHarness.Rows(connection, "SELECT * FROM post ORDER BY Id"));
        Assert.Equal("[('author', 'Id', 'CASCADE')]", MigrationHarness.Rows(connection, "SELECT \"table\", \"to\", on_delete FROM pragma_foreign_key_list('post')"));
        Assert.Equal("[]", MigrationHarness.Rows(connection, "SELECT name FROM sqlite_master WHERE name = 'legacy'"));
        AssertIntact(connection);
    }

    private static void AssertV4Rows(Connection connection)
    {
        Assert.Equal("[(1, 'Ann', 'ann@example.com', 1), (2, 'Bob Ó\\'Neil', 'bob Ó\\'neil@example.com', 1)]", MigrationHarness.Rows(connection, "SELECT Id, Name, Email, Active FROM author ORDER BY Id"));
        Assert.Equal("[(10, 1, 'Hello', 5), (11, 2, 'Second', -3), (12, 1, 'Thïrd', 0)]", MigrationHarness.Rows(connection, "SELECT Id, AuthorId, Headline, Score FROM post ORDER BY Id"));
        Assert.Equal("[(1, 'red'), (2, 'blue')]", MigrationHarness.Rows(connection, "SELECT Id, Label FROM label_tag ORDER BY Id"));
        Assert.Equal("[('Id', 1), ('Label', 2)]", MigrationHarness.Rows(connection, "SELECT name, pk FROM pragma_table_info('label_tag') ORDER BY cid"));
        Assert.Equal("[]", MigrationHarness.Rows(connection, "SELECT name FROM sqlite_master WHERE name IN ('tag', 'legacy', 'new_label_tag', 'new_post')"));
        AssertIntact(connection);
    }

    private static void AssertIntact(Connection connection)
    {
        Assert.Equal("[('ok',)]", MigrationHarness.Rows(connection, "PRAGMA integrity_check"));
        Assert.Equal("[]", MigrationHarness.Rows(connection, "PRAGMA foreign_key_check"));
    }

    private static long UserVersion(Connection connection)
    {
        long version = connection.Execute(global::GenOrm.Sql.Text("PRAGMA user_version")).Scalar<long>();
        connection.Rollback();
        return version;
    }
}
