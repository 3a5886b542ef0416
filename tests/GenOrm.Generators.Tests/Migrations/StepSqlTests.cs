using GenOrm.Generators.Model;
using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>The SQL the generator writes for each kind of change between two recorded versions.</summary>
public sealed class StepSqlTests
{
    private const string UserV1 = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            public string? Bio { get; set; }
        }
        """;

    /// <summary>Records <paramref name="v1"/> as schema v1, compiles <paramref name="v2"/> and returns its one step.</summary>
    private static StepSpec StepTo(string v2, string v1 = UserV1)
    {
        GeneratorOutput first = MigrationHarness.Compile([], v1);
        first.AssertNoDiagnostics();
        GeneratorOutput second = MigrationHarness.Compile([MigrationHarness.Record(first)], v2);
        MigrationHarness.AssertNoErrors(second);
        second.AssertCompilesCleanly();
        MigrationPlan plan = MigrationHarness.Plan(second);
        Assert.False(plan.IsRecorded);
        Assert.Equal(2, plan.Current.Version);
        return Assert.Single(plan.Steps);
    }

    private static string User(string members, string attributes = "") => $$"""
        using GenOrm;
        {{attributes}}
        namespace App;
        [Table("user")]
        public partial class User
        {
        {{members}}
        }
        """;

    [Fact]
    public void NoHistory_NoStepsAndVersionOne()
    {
        GeneratorOutput output = MigrationHarness.Compile([], UserV1);

        output.AssertNoDiagnostics();
        MigrationPlan plan = MigrationHarness.Plan(output);
        Assert.Equal(1, plan.Current.Version);
        Assert.False(plan.IsRecorded);
        Assert.Empty(plan.History);
        Assert.Empty(plan.Steps);
    }

    [Fact]
    public void UnchangedModel_IsRecordedWithNoStep()
    {
        GeneratorOutput first = MigrationHarness.Compile([], UserV1);
        GeneratorOutput second = MigrationHarness.Compile([MigrationHarness.Record(first)], UserV1);

        second.AssertNoDiagnostics();
        MigrationPlan plan = MigrationHarness.Plan(second);
        Assert.True(plan.IsRecorded);
        Assert.Equal(1, plan.Current.Version);
        Assert.Empty(plan.Steps);
        Assert.Contains("// genorm-schema-recorded: true", second.Source("GenOrm.SchemaRecord.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void NewNullableColumn_AddColumn()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            public string? Bio { get; set; }
            [MaxLength(20)] public string? Nick { get; set; }
            """));

        Assert.Equal(["ALTER TABLE \"user\" ADD COLUMN \"Nick\" TEXT CHECK (length(\"Nick\") <= 20)"], step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void NewColumnWithDefault_AddColumnNotNullDefault()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            public string? Bio { get; set; }
            [Default(0)] public int Score { get; set; }
            """));

        Assert.Equal(["ALTER TABLE \"user\" ADD COLUMN \"Score\" INTEGER NOT NULL DEFAULT 0"], step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void NewIndex_CreateIndex()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            [Index] public string Login { get; set; } = "";
            public string? Bio { get; set; }
            """));

        Assert.Equal(["CREATE INDEX \"ix_user_Login\" ON \"user\" (\"Login\")"], step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void NewTable_CreateTableAndIndexes()
    {
        StepSpec step = StepTo(UserV1 + """

            [Table("tag")]
            public partial class Tag
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [Index("ix_tag")] public string Label { get; set; } = "";
            }
            """);

        Assert.Equal(
            [
                "CREATE TABLE \"tag\" (\n    \"Id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n    \"Label\" TEXT NOT NULL\n) STRICT",
                "CREATE INDEX \"ix_tag\" ON \"tag\" (\"Label\")",
            ],
            step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void RenamedColumn_RenameColumn()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            [RenamedFrom("Login")] public string UserName { get; set; } = "";
            public string? Bio { get; set; }
            """));

        Assert.Equal(["ALTER TABLE \"user\" RENAME COLUMN \"Login\" TO \"UserName\""], step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void RenamedTable_RenameTable()
    {
        StepSpec step = StepTo("""
            using GenOrm;
            namespace App;
            [Table("person"), RenamedFrom("user")]
            public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public string Login { get; set; } = "";
                public string? Bio { get; set; }
            }
            """);

        // SQLite rewrites the stored CREATE TABLE (and the foreign keys that refer to the table): nothing to rebuild.
        Assert.Equal(["ALTER TABLE \"user\" RENAME TO \"person\""], step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void RenamedReferencedTable_ReferringTableNotRebuilt()
    {
        const string V1 = """
            using GenOrm;
            namespace App;
            [Table("author")] public partial class Author { [PrimaryKey] public long Id { get; set; } }
            [Table("post")] public partial class Post { [PrimaryKey] public long Id { get; set; } [ForeignKey(typeof(Author))] public long AuthorId { get; set; } }
            """;
        StepSpec step = StepTo(V1.Replace("[Table(\"author\")]", "[Table(\"writer\"), RenamedFrom(\"author\")]", StringComparison.Ordinal), V1);

        Assert.Equal(["ALTER TABLE \"author\" RENAME TO \"writer\""], step.Statements);
        Assert.False(step.RebuildsTables);
    }

    [Fact]
    public void RetypedColumn_RebuildWithCast()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            public long Login { get; set; }
            public string? Bio { get; set; }
            """));

        Assert.Equal(
            [
                "CREATE TABLE \"new_user\" (\n    \"Id\" INTEGER NOT NULL,\n    \"Login\" INTEGER NOT NULL,\n    \"Bio\" TEXT,\n    PRIMARY KEY (\"Id\")\n) STRICT",
                "INSERT INTO \"new_user\" (\"Id\", \"Login\", \"Bio\") SELECT \"Id\", CAST(\"Login\" AS INTEGER), \"Bio\" FROM \"user\"",
                "DROP TABLE \"user\"",
                "ALTER TABLE \"new_user\" RENAME TO \"user\"",
            ],
            step.Statements);
        Assert.True(step.RebuildsTables);
    }

    [Fact]
    public void RenamedAndRetypedColumn_RenameThenRebuildReadingTheNewName()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            [RenamedFrom("Login")] public long Number { get; set; }
            public string? Bio { get; set; }
            """));

        Assert.Equal("ALTER TABLE \"user\" RENAME COLUMN \"Login\" TO \"Number\"", step.Statements[0]);
        Assert.Equal("INSERT INTO \"new_user\" (\"Id\", \"Number\", \"Bio\") SELECT \"Id\", CAST(\"Number\" AS INTEGER), \"Bio\" FROM \"user\"", step.Statements[2]);
        Assert.Equal(5, step.Statements.Count);
    }

    [Fact]
    public void NullableColumnMadeNotNullWithDefault_RebuildWithCoalesce()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            [Default("none")] public string Bio { get; set; } = "";
            """));

        Assert.Equal(
            "INSERT INTO \"new_user\" (\"Id\", \"Login\", \"Bio\") SELECT \"Id\", \"Login\", COALESCE(\"Bio\", 'none') FROM \"user\"",
            step.Statements[1]);
        Assert.True(step.RebuildsTables);
    }

    [Fact]
    public void DroppedColumnWithMarker_RebuildWithoutIt()
    {
        StepSpec step = StepTo(User(
            """
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            """,
            "[assembly: DroppedColumn(\"user\", \"Bio\")]"));

        Assert.Equal(
            [
                "CREATE TABLE \"new_user\" (\n    \"Id\" INTEGER NOT NULL,\n    \"Login\" TEXT NOT NULL,\n    PRIMARY KEY (\"Id\")\n) STRICT",
                "INSERT INTO \"new_user\" (\"Id\", \"Login\") SELECT \"Id\", \"Login\" FROM \"user\"",
                "DROP TABLE \"user\"",
                "ALTER TABLE \"new_user\" RENAME TO \"user\"",
            ],
            step.Statements);
        Assert.True(step.RebuildsTables);
    }

    [Fact]
    public void DroppedTableWithMarker_DropTable()
    {
        StepSpec step = StepTo(
            """
            using GenOrm;
            [assembly: DroppedTable("user")]
            namespace App;
            [Table("tag")]
            public partial class Tag { [PrimaryKey] public long Id { get; set; } }
            """,
            UserV1 + """

                [Table("tag")]
                public partial class Tag { [PrimaryKey] public long Id { get; set; } }
                """);

        Assert.Equal(["DROP TABLE \"user\""], step.Statements);
        Assert.True(step.RebuildsTables);
    }

    [Fact]
    public void NewUniqueOnExistingColumn_Rebuild()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            [Unique] public string Login { get; set; } = "";
            public string? Bio { get; set; }
            """));

        Assert.Equal("CREATE TABLE \"new_user\" (\n    \"Id\" INTEGER NOT NULL,\n    \"Login\" TEXT NOT NULL UNIQUE,\n    \"Bio\" TEXT,\n    PRIMARY KEY (\"Id\")\n) STRICT", step.Statements[0]);
        Assert.Equal(4, step.Statements.Count);
        Assert.True(step.RebuildsTables);
    }

    [Fact]
    public void CompositeKeyChange_RebuildAndIndexesRecreated()
    {
        StepSpec step = StepTo(User("""
            [PrimaryKey] public long Id { get; set; }
            [PrimaryKey, Index] public string Login { get; set; } = "";
            public string? Bio { get; set; }
            """));

        Assert.Equal(
            [
                "CREATE TABLE \"new_user\" (\n    \"Id\" INTEGER NOT NULL,\n    \"Login\" TEXT NOT NULL,\n    \"Bio\" TEXT,\n    PRIMARY KEY (\"Id\", \"Login\")\n) STRICT",
                "INSERT INTO \"new_user\" (\"Id\", \"Login\", \"Bio\") SELECT \"Id\", \"Login\", \"Bio\" FROM \"user\"",
                "DROP TABLE \"user\"",
                "ALTER TABLE \"new_user\" RENAME TO \"user\"",
                "CREATE INDEX \"ix_user_Login\" ON \"user\" (\"Login\")",
            ],
            step.Statements);
    }

    [Fact]
    public void NewForeignKey_Rebuild()
    {
        const string V1 = """
            using GenOrm;
            namespace App;
            [Table("author")] public partial class Author { [PrimaryKey] public long Id { get; set; } }
            [Table("post")] public partial class Post { [PrimaryKey] public long Id { get; set; } public long AuthorId { get; set; } }
            """;
        StepSpec step = StepTo(
            """
            using GenOrm;
            namespace App;
            [Table("author")] public partial class Author { [PrimaryKey] public long Id { get; set; } }
            [Table("post")] public partial class Post { [PrimaryKey] public long Id { get; set; } [ForeignKey(typeof(Author), OnDelete = OnDelete.Cascade)] public long AuthorId { get; set; } }
            """,
            V1);

        Assert.Equal(
            [
                "CREATE TABLE \"new_post\" (\n    \"Id\" INTEGER NOT NULL,\n    \"AuthorId\" INTEGER NOT NULL,\n    PRIMARY KEY (\"Id\"),\n    FOREIGN KEY (\"AuthorId\") REFERENCES \"author\" (\"Id\") ON DELETE CASCADE\n) STRICT",
                "INSERT INTO \"new_post\" (\"Id\", \"AuthorId\") SELECT \"Id\", \"AuthorId\" FROM \"post\"",
                "DROP TABLE \"post\"",
                "ALTER TABLE \"new_post\" RENAME TO \"post\"",
            ],
            step.Statements);
        Assert.True(step.RebuildsTables);
    }

    [Fact]
    public void Hook_JoinsItsStep()
    {
        GeneratorOutput first = MigrationHarness.Compile([], UserV1);
        GeneratorOutput second = MigrationHarness.Compile(
            [MigrationHarness.Record(first)],
            User("""
                [PrimaryKey] public long Id { get; set; }
                public string Login { get; set; } = "";
                public string? Bio { get; set; }
                public string? Nick { get; set; }

                [Migration(From = 1)] internal static void FillNicks(Connection connection) { }
                [Migration(From = 1)] internal static void Audit(Connection connection) { }
                """));

        MigrationHarness.AssertNoErrors(second);
        second.AssertCompilesCleanly();
        StepSpec step = Assert.Single(MigrationHarness.Plan(second).Steps);
        Assert.Equal(["global::App.User.Audit", "global::App.User.FillNicks"], step.Hooks.Select(h => h.Method));
    }
}
