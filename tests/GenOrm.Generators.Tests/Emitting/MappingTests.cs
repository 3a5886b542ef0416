using GenOrm.Generators.Tests.Helpers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>Single mapping rules, checked on the generated text.</summary>
public sealed class MappingTests
{
    private static string Generate(string members, string tableAttribute = "[Table(\"t\")]")
    {
        GeneratorOutput output = TestCompilation.Run($$"""
            using GenOrm;
            namespace N;
            {{tableAttribute}}
            public partial class E
            {
            {{members}}
            }
            """);
        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
        return output.Source("N.E.GenOrm.g.cs");
    }

    [Fact]
    public void UniqueColumn_GeneratesGetByEmail()
    {
        string source = Generate("""
            [PrimaryKey] public long Id { get; set; }
            [Unique] public string Email { get; set; } = "";
            """);

        Assert.Contains("public static global::N.E? GetByEmail(global::GenOrm.Connection connection, string email)", source, StringComparison.Ordinal);
        Assert.Contains("\"Email\" TEXT NOT NULL UNIQUE,", source, StringComparison.Ordinal);
    }

    [Fact]
    public void NullableLookupColumn_ComparesWithIs()
    {
        string source = Generate("""
            [PrimaryKey] public long Id { get; set; }
            [Index] public string? Nick { get; set; }
            """);

        Assert.Contains("WHERE \\\"Nick\\\" IS @Nick\";", source, StringComparison.Ordinal);
        Assert.Contains("GetByNick(global::GenOrm.Connection connection, string? nick)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryColumnInKey_GeneratesNoUpdate()
    {
        string source = Generate("""
            [PrimaryKey] public long A { get; set; }
            [PrimaryKey] public long B { get; set; }
            """);

        Assert.DoesNotContain("Update", source, StringComparison.Ordinal);
        Assert.Contains("GetByAAndB(global::GenOrm.Connection connection, long a, long b)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void BaseClassProperties_ComeFirst()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            namespace N;
            public abstract class Entity { [PrimaryKey] public long Id { get; set; } public System.DateTime Created { get; private set; } }
            [Table] public partial class E : Entity { public string Name { get; set; } = ""; }
            """);

        output.AssertNoDiagnostics();
        Assert.Contains("s_columnNames = new[] { \"Id\", \"Name\" };", output.Source("N.E.GenOrm.g.cs"), StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void ParameterNames_AvoidKeywordsAndGeneratedNames()
    {
        string source = Generate("""
            [PrimaryKey] public long Connection { get; set; }
            [Unique] public string Event { get; set; } = "";
            [Index] public string URL { get; set; } = "";
            """);

        Assert.Contains("GetByConnection(global::GenOrm.Connection connection, long connection2)", source, StringComparison.Ordinal);
        Assert.Contains("GetByEvent(global::GenOrm.Connection connection, string @event)", source, StringComparison.Ordinal);
        Assert.Contains("GetByURL(global::GenOrm.Connection connection, string url)", source, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTableSql_RunsOnSqlite()
    {
        GeneratorOutput output = TestCompilation.Run(
            """
            using GenOrm;
            [Table("order")] public partial class Order
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [Column("a\"b"), MaxLength(3), Index] public string Quoted { get; set; } = "";
                [Unique] public System.Guid? Token { get; set; }
            }
            """,
            """
            using GenOrm;
            [Table("user")] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                [PrimaryKey] public string Email { get; set; } = "";
                public byte[]? Avatar { get; set; }
            }
            """);
        output.AssertNoDiagnostics();
        string schema = output.Source("GenOrm.Schema.g.cs");
        int start = schema.IndexOf("CreateAllSql = \"\"\"\n", StringComparison.Ordinal) + "CreateAllSql = \"\"\"\n".Length;
        int end = schema.IndexOf("\n            \"\"\";", start, StringComparison.Ordinal);
        string sql = string.Join("\n", schema[start..end].Split('\n').Select(line => line.Length >= 12 ? line[12..] : line));

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = sql;
            create.ExecuteNonQuery();
        }

        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO \"order\" (\"a\"\"b\") VALUES ('toolong')";
        SqliteException error = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());
        Assert.Contains("CHECK constraint failed: length(\"a\"\"b\") <= 3", error.Message, StringComparison.Ordinal);
    }
}
