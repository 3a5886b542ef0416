using GenOrm.CodeFixes.Tests.Helpers;

namespace GenOrm.CodeFixes.Tests;

/// <summary>"Add [PrimaryKey] to 'Id'" for GENORM004.</summary>
public sealed class AddPrimaryKeyCodeFixTests
{
    private static readonly AddPrimaryKeyCodeFixProvider Provider = new();

    [Fact]
    public Task GENORM004_PropertyNamedId_GetsPrimaryKeyOnItsLine() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM004",
        "Add [PrimaryKey] to 'Id'",
        new[]
        {
            """
            using GenOrm;

            [Table("user")]
            public partial class User
            {
                /// <summary>The key.</summary>
                public long Id { get; set; }
                public string Name { get; set; } = "";
            }
            """,
        },
        new[]
        {
            """
            using GenOrm;

            [Table("user")]
            public partial class User
            {
                /// <summary>The key.</summary>
                [PrimaryKey] public long Id { get; set; }
                public string Name { get; set; } = "";
            }
            """,
        });

    [Fact]
    public Task GENORM004_ClassNameIdWithAttribute_JoinsTheAttributeList() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM004",
        "Add [PrimaryKey] to 'OrderId'",
        new[]
        {
            """
            using GenOrm;

            [Table]
            public partial class Order
            {
                [Column("order_id")] public long OrderId { get; set; }
            }
            """,
        },
        new[]
        {
            """
            using GenOrm;

            [Table]
            public partial class Order
            {
                [PrimaryKey, Column("order_id")] public long OrderId { get; set; }
            }
            """,
        });

    [Fact]
    public Task GENORM004_NoUsingGenOrm_WritesQualifiedName() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM004",
        "Add [PrimaryKey] to 'Id'",
        new[] { "[GenOrm.Table]\npublic partial class Tag\n{\n    public int Id { get; set; }\n}\n" },
        new[] { "[GenOrm.Table]\npublic partial class Tag\n{\n    [GenOrm.PrimaryKey] public int Id { get; set; }\n}\n" });

    [Fact]
    public Task GENORM004_PropertyInOtherPartialFile_FixesThatFile() => CodeFixVerifier.VerifyAsync(
        Provider,
        "GENORM004",
        "Add [PrimaryKey] to 'Id'",
        new[]
        {
            "using GenOrm;\n[Table] public partial class User { }\n",
            "using GenOrm;\npublic partial class User\n{\n    public long Id { get; set; }\n}\n",
        },
        new[]
        {
            "using GenOrm;\n[Table] public partial class User { }\n",
            "using GenOrm;\npublic partial class User\n{\n    [PrimaryKey] public long Id { get; set; }\n}\n",
        });

    [Fact]
    public Task GENORM004_NoIdProperty_OffersNothing() => CodeFixVerifier.VerifyNoFixAsync(
        Provider,
        "GENORM004",
        "using GenOrm;\n[Table] public partial class Tag { public string Name { get; set; } = \"\"; }\n");
}
