using GenOrm.CodeFixes.Tests.Helpers;

namespace GenOrm.CodeFixes.Tests;

/// <summary>"Make the class partial" for GENORM001 and GENORM002.</summary>
public sealed class MakePartialCodeFixTests
{
    private static readonly MakePartialCodeFixProvider Provider = new();

    [Fact]
    public Task GENORM001_PublicClass_AddsPartialBeforeClassKeyword() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM001",
        "Make 'User' partial",
        new[]
        {
            """
            using GenOrm;

            [Table("user")]
            public sealed class User
            {
                [PrimaryKey] public long Id { get; set; }
            }
            """,
        },
        new[]
        {
            """
            using GenOrm;

            [Table("user")]
            public sealed partial class User
            {
                [PrimaryKey] public long Id { get; set; }
            }
            """,
        });

    [Fact]
    public Task GENORM001_NoModifiers_KeepsIndentationAndDocComment() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM001",
        "Make 'User' partial",
        new[]
        {
            """
            using GenOrm;

            namespace Shop
            {
                /// <summary>A user.</summary>
                [Table]
                class User
                {
                    [PrimaryKey] public long Id { get; set; }
                }
            }
            """,
        },
        new[]
        {
            """
            using GenOrm;

            namespace Shop
            {
                /// <summary>A user.</summary>
                [Table]
                partial class User
                {
                    [PrimaryKey] public long Id { get; set; }
                }
            }
            """,
        });

    [Fact]
    public Task GENORM001_RecordClass_AddsPartialBeforeRecordKeyword() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM001",
        "Make 'User' partial",
        new[] { "using GenOrm;\n[Table] public record User { [PrimaryKey] public long Id { get; init; } }\n" },
        new[] { "using GenOrm;\n[Table] public partial record User { [PrimaryKey] public long Id { get; init; } }\n" });

    [Fact]
    public Task GENORM002_ContainingType_MakesContainingTypePartial() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM002",
        "Make 'Db' partial",
        new[]
        {
            """
            using GenOrm;

            public static class Db
            {
                [Table] public partial class User { [PrimaryKey] public long Id { get; set; } }
            }
            """,
        },
        new[]
        {
            """
            using GenOrm;

            public static partial class Db
            {
                [Table] public partial class User { [PrimaryKey] public long Id { get; set; } }
            }
            """,
        });
}
