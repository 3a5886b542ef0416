using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Diagnostics;

/// <summary>GENORM017-019: foreign keys to a class that is not a table, to a missing column, and in a cycle.</summary>
public sealed class ForeignKeyDiagnosticTests
{
    private const string Author = """
        [Table("authors")] public partial class Author
        {
            [PrimaryKey] public long Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    [Fact]
    public void GENORM017_TargetIsNotATable_ReportedOnTheTypeArgument() => DiagnosticAssert.Single(
        "GENORM017",
        "[ForeignKey] on property 'AuthorId' of 'Post' refers to 'Plain', which has no [Table] attribute; refer to a [Table] class",
        """
        using GenOrm;
        public class Plain { public long Id { get; set; } }
        [Table] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [ForeignKey([|typeof(Plain)|])] public long AuthorId { get; set; }
        }
        """);

    [Fact]
    public void GENORM018_NamedColumnMissing_ReportedOnTheAttribute() => DiagnosticAssert.Single(
        "GENORM018",
        "[ForeignKey] on property 'AuthorName' of 'Post' refers to 'Author', which has no property named 'Nickname'",
        $$"""
        using GenOrm;
        {{Author}}
        [Table] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [[|ForeignKey(typeof(Author), Column = "Nickname")|]] public string AuthorName { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM018_CompositeKeyWithoutColumn_ReportedOnTheAttribute() => DiagnosticAssert.Single(
        "GENORM018",
        "[ForeignKey] on property 'OwnerId' of 'Pet' refers to 'Owner', which has a composite primary key; name the referenced property with Column = nameof(...)",
        """
        using GenOrm;
        [Table] public partial class Owner
        {
            [PrimaryKey] public long Id { get; set; }
            [PrimaryKey] public string Email { get; set; } = "";
        }
        [Table] public partial class Pet
        {
            [PrimaryKey] public long Id { get; set; }
            [[|ForeignKey(typeof(Owner))|]] public long OwnerId { get; set; }
        }
        """);

    [Fact]
    public void GENORM019_Cycle_ReportedOnceOnTheFirstClassByName() => DiagnosticAssert.Single(
        "GENORM019",
        "The foreign keys of 'A' form a cycle (A → B → A), so no table can be created and filled first; make one of the references a plain column without [ForeignKey]",
        """
        using GenOrm;
        [[|Table|]] public partial class A
        {
            [PrimaryKey] public long Id { get; set; }
            [ForeignKey(typeof(B))] public long BId { get; set; }
        }
        [Table] public partial class B
        {
            [PrimaryKey] public long Id { get; set; }
            [ForeignKey(typeof(A))] public long AId { get; set; }
        }
        """);

    [Fact]
    public void SelfReference_IsNotACycle()
    {
        GeneratorOutput output = TestCompilation.Run(
            """
            using GenOrm;
            [Table] public partial class Employee
            {
                [PrimaryKey] public long Id { get; set; }
                [ForeignKey(typeof(Employee))] public long? ManagerId { get; set; }
            }
            """);

        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
    }
}

/// <summary>GENORM020: a <c>[Default]</c> value that does not suit the column.</summary>
public sealed class DefaultDiagnosticTests
{
    [Fact]
    public void GENORM020_StringDefaultOnAnIntegerColumn_ReportedOnTheArgument() => DiagnosticAssert.Single(
        "GENORM020",
        "[Default] on property 'Score' of 'Player' gives a value of type 'string', which cannot be stored in a column of type 'int'; give a constant of the property's kind (a number, string, bool or enum member), or null for a nullable property",
        """
        using GenOrm;
        [Table] public partial class Player
        {
            [PrimaryKey] public long Id { get; set; }
            [Default([|"many"|])] public int Score { get; set; }
        }
        """);

    [Fact]
    public void GENORM020_NullDefaultOnANotNullColumn_ReportedOnTheArgument() => DiagnosticAssert.Single(
        "GENORM020",
        "[Default] on property 'Name' of 'Player' gives a value of type 'null', which cannot be stored in a column of type 'string'; give a constant of the property's kind (a number, string, bool or enum member), or null for a nullable property",
        """
        using GenOrm;
        [Table] public partial class Player
        {
            [PrimaryKey] public long Id { get; set; }
            [Default([|null|])] public string Name { get; set; } = "";
        }
        """);
}

/// <summary>GENORM058: a <c>[Default]</c> of the right C# type whose value the column cannot hold as written.</summary>
public sealed class DefaultValueDiagnosticTests
{
    [Theory]
    [InlineData("decimal", "\"twelve\"", "it is not a decimal number; write it like \"12.50\"")]
    [InlineData("DateTime", "\"2024-13-01\"", "write it as yyyy-MM-dd, optionally followed by HH:mm, HH:mm:ss or HH:mm:ss.fffffff")]
    [InlineData("DateTime", "\"01/02/2024\"", "write it as yyyy-MM-dd, optionally followed by HH:mm, HH:mm:ss or HH:mm:ss.fffffff")]
    [InlineData("DateTimeOffset", "\"2024-01-02 03:04:05 CET\"", "write it as yyyy-MM-dd, optionally followed by HH:mm, HH:mm:ss or HH:mm:ss.fffffff and Z or an offset such as +02:00")]
    [InlineData("DateOnly", "\"2024-01-02 03:04\"", "write it as yyyy-MM-dd")]
    [InlineData("TimeOnly", "\"25:00\"", "write it as HH:mm, HH:mm:ss or HH:mm:ss.fffffff")]
    [InlineData("Guid", "\"not-a-guid\"", "write it as a GUID, such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("byte", "300", "it is outside the range 0 to 255")]
    [InlineData("ulong", "-1", "it is outside the range 0 to 18446744073709551615")]
    [InlineData("double", "double.NaN", "NaN cannot be stored (SQLite keeps it as NULL, and GenOrm refuses NaN on every database)")]
    public void GENORM058_ValueTheColumnCannotHold_ReportedOnTheArgument(string type, string argument, string reason)
    {
        string written = argument == "double.NaN" ? "NaN" : argument;
        DiagnosticAssert.Single(
            "GENORM058",
            $"[Default({written})] on property 'Value' of 'Setting' is not a valid '{type}' value: {reason}",
            $$"""
            using System;
            using GenOrm;
            [Table] public partial class Setting
            {
                [PrimaryKey] public long Id { get; set; }
                [Default([|{{argument}}|])] public {{type}} Value { get; set; }
            }
            """);
    }
}

/// <summary>GENORM016 also covers the navigation methods a foreign key generates.</summary>
public sealed class NavigationNameClashTests
{
    [Fact]
    public void GENORM016_UserMethodNamedLikeTheNavigation_ReportedOnTheMethod() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'GetAuthor' of 'Post' has the name of a member that GenOrm generates in the class; rename 'GetAuthor'",
        """
        using GenOrm;
        [Table] public partial class Author { [PrimaryKey] public long Id { get; set; } }
        [Table] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [ForeignKey(typeof(Author))] public long AuthorId { get; set; }
            public Author? [|GetAuthor|](GenOrm.Connection connection) => null;
        }
        """);
}
