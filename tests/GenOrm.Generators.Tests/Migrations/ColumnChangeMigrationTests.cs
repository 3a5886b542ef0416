using GenOrm.Generators.Tests.Helpers;
using GenOrm.Migrations;
using GenOrm.Testing;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Postgres;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// The column changes SQLite rebuilds a table for, compiled once for a project that references GenOrm.Npgsql and
/// migrated on both databases by the same assembly: a longer <c>[MaxLength]</c>, a column that becomes <c>NOT NULL</c>
/// with a default (NULLs filled), a changed default, a <c>UNIQUE</c> moved from one column to another, a dropped
/// foreign key, a key that becomes <c>[AutoIncrement]</c>, an enum and a scaled decimal. Same rows, same verified
/// shape, same refusal on both.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ColumnChangeMigrationTests(PostgresFixture fixture) : IDisposable
{
    private const string V1 = """
        using GenOrm;
        namespace Club;
        public enum Rank { Guest, Member, Owner }
        [Table("grp")] public partial class Group
        {
            [PrimaryKey] public long Id { get; set; }
        }
        [Table("member")] public partial class Member
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [MaxLength(5)] public string Name { get; set; } = "";
            public string? Nick { get; set; }
            [Unique] public string Code { get; set; } = "";
            public string Email { get; set; } = "";
            [Default(1)] public int Level { get; set; }
            [ForeignKey(typeof(Group))] public long? GroupId { get; set; }
            [Default(Rank.Member)] public Rank Rank { get; set; }
            [Column(Scale = 2), Default("9.5")] public decimal Fee { get; set; }
        }
        """;

    private const string V2 = """
        using GenOrm;
        namespace Club;
        public enum Rank { Guest, Member, Owner }
        [Table("grp")] public partial class Group
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
        }
        [Table("member")] public partial class Member
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [MaxLength(20)] public string Name { get; set; } = "";
            [Default("anon")] public string Nick { get; set; } = "";
            public string Code { get; set; } = "";
            [Unique] public string Email { get; set; } = "";
            [Default(5)] public int Level { get; set; }
            public long? GroupId { get; set; }
            [Default(Rank.Owner)] public Rank Rank { get; set; }
            [Column(Scale = 2), Default("9.5")] public decimal Fee { get; set; }
        }
        """;

    /// <summary>v3: a shorter <c>[MaxLength]</c> and a retype of a column with a default (int to long).</summary>
    private const string V3 = """
        using GenOrm;
        namespace Club;
        public enum Rank { Guest, Member, Owner }
        [Table("grp")] public partial class Group
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
        }
        [Table("member")] public partial class Member
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            [MaxLength(3)] public string Name { get; set; } = "";
            [Default("anon")] public string Nick { get; set; } = "";
            public string Code { get; set; } = "";
            [Unique] public string Email { get; set; } = "";
            [Default(5)] public long Level { get; set; }
            public long? GroupId { get; set; }
            [Default(Rank.Owner)] public Rank Rank { get; set; }
            [Column(Scale = 2), Default("9.5")] public decimal Fee { get; set; }
        }
        """;

    private static readonly Lazy<Type[]> Versions = new(() =>
    {
        var recorded = new List<string>();
        var schemas = new List<Type>();
        foreach (string source in new[] { V1, V2, V3 })
        {
            GeneratorOutput output = MigrationHarness.CompileForPostgres(recorded.ToArray(), source);
            schemas.Add(MigrationHarness.LoadSchema(output));
            recorded.Add(MigrationHarness.Record(output));
        }

        return schemas.ToArray();
    });

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Databases()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgresTests.SkipReason is null)
        {
            data.Add("postgresql");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void ColumnChanges_KeepEveryRow_AndLeaveTheNewShape(string database)
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"grp\" (\"Id\") VALUES (7)"));
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Name\", \"Nick\", \"Code\", \"Email\", \"GroupId\") VALUES ('ann', NULL, 'a', 'ann@x', 7), ('bob', 'bobby', 'b', 'bob@x', NULL)"));
        connection.Commit();

        MigrationHarness.Migrate(schemas[1], connection);

        Assert.Equal("The database matches schema v2.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[1])).ToString());
        Assert.Equal(
            "[(1, 'ann', 'anon', 'a', 1, 7, 1), (2, 'bob', 'bobby', 'b', 1, None, 1)]",
            MigrationHarness.Rows(connection, "SELECT \"Id\", \"Name\", \"Nick\", \"Code\", \"Level\", \"GroupId\", \"Rank\" FROM \"member\" ORDER BY \"Id\""));
        // The new definition holds: a longer name, the new defaults, a second 'a' code, no foreign key to grp.
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Name\", \"Code\", \"Email\", \"GroupId\") VALUES ('a much longer name', 'a', 'cy@x', 99)"));
        connection.Commit();
        Assert.Equal("[('anon', 5, 2)]", MigrationHarness.Rows(connection, "SELECT \"Nick\", \"Level\", \"Rank\" FROM \"member\" WHERE \"Id\" = 3"));
        // The key generated after the migration follows the largest one already there.
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"grp\" DEFAULT VALUES"));
        connection.Commit();
        Assert.Equal("[(7,), (8,)]", MigrationHarness.Rows(connection, "SELECT \"Id\" FROM \"grp\" ORDER BY \"Id\""));
        var duplicate = Assert.Throws<ConstraintViolationException>(() =>
            connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Name\", \"Code\", \"Email\") VALUES ('dup', 'd', 'ann@x')")));
        Assert.Equal(ConstraintKind.Unique, duplicate.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void RowsThatBreakANewUnique_FailTheStep_WhichIsRolledBackWhole(string database)
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Name\", \"Code\", \"Email\") VALUES ('ann', 'a', 'same@x'), ('bob', 'b', 'same@x')"));
        connection.Commit();

        var exception = Assert.Throws<GenOrmException>(() => MigrationHarness.Migrate(schemas[1], connection));

        Assert.Equal(
            "Cannot migrate the database from schema v1 to v2: the existing rows of table 'member' break the UNIQUE constraint of column 'Email' (two rows have the same value). " +
            "The step was rolled back whole; the database is still at v1. Fix those rows first (by hand, or in a [Migration(From = 1)] hook), then run Schema.Migrate again.",
            exception.Message);
        Assert.IsType<ConstraintViolationException>(exception.InnerException);
        Assert.Equal("The database matches schema v1.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[0])).ToString());
        Assert.Equal("[('ann', None), ('bob', None)]", MigrationHarness.Rows(connection, "SELECT \"Name\", \"Nick\" FROM \"member\" ORDER BY \"Id\""));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void ShorterMaxLength_RefusesLongerValues_ThenPassesOnceTheyAreFixed_RetypeKeepsTheDefault(string database)
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Open(database);
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[1], connection);
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Name\", \"Code\", \"Email\", \"Level\") VALUES ('ann', 'a', 'ann@x', 2), ('robert', 'b', 'bob@x', 3)"));
        connection.Commit();

        var exception = Assert.Throws<GenOrmException>(() => MigrationHarness.Migrate(schemas[2], connection));

        Assert.Equal(
            "Cannot migrate the database from schema v2 to v3: the existing rows of table 'member' break the maximum length (CHECK) of column 'Name' (rows hold longer values). " +
            "The step was rolled back whole; the database is still at v2. Fix those rows first (by hand, or in a [Migration(From = 2)] hook), then run Schema.Migrate again.",
            exception.Message);
        Assert.Equal("The database matches schema v2.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[1])).ToString());

        connection.Execute(global::GenOrm.Sql.Text("UPDATE \"member\" SET \"Name\" = 'bob' WHERE \"Name\" = 'robert'"));
        connection.Commit();
        MigrationHarness.Migrate(schemas[2], connection);

        Assert.Equal("The database matches schema v3.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[2])).ToString());
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Name\", \"Code\", \"Email\") VALUES ('cy', 'c', 'cy@x')"));
        connection.Commit();
        Assert.Equal("[('ann', 2), ('bob', 3), ('cy', 5)]", MigrationHarness.Rows(connection, "SELECT \"Name\", \"Level\" FROM \"member\" ORDER BY \"Id\""));
    }

    private Engine Open(string database) =>
        Engine.Create(database == "sqlite" ? _directory.SqliteUrl("columns.db") : fixture.CreateDatabase().Url);
}
