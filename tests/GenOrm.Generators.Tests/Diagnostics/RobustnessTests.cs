using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Tests.Diagnostics;

/// <summary>
/// Broken and half-typed code, as the generator sees it on every keystroke: it must never throw, and it either reports
/// a GENORM error or stays silent (the compiler already reports the problem). It emits no source for a table whose
/// model it cannot see completely; a table that is complete despite a syntax error elsewhere keeps its members, so
/// that code using them does not light up with errors while the user types.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string, bool> BrokenSources => new()
    {
        {
            "missing closing braces",
            """
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set;
            """,
            true
        },
        {
            "half-typed property",
            """
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public string
            }
            """,
            true
        },
        {
            "table name of the wrong type",
            """
            using GenOrm;
            [Table(42)] public partial class User { [PrimaryKey] public long Id { get; set; } }
            """,
            false
        },
        {
            "max length of the wrong type",
            """
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                [MaxLength("x")] public string Name { get; set; } = "";
            }
            """,
            false
        },
        {
            "column name of the wrong type",
            """
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                [Column(1, 2)] public string Name { get; set; } = "";
            }
            """,
            false
        },
        {
            "property of an undefined type",
            """
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public Undefined Thing { get; set; }
            }
            """,
            false
        },
        {
            "nullable of an undefined type",
            """
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public Missing? Id { get; set; }
            }
            """,
            false
        },
        {
            "base class undefined",
            """
            using GenOrm;
            [Table] public partial class User : MissingBase
            {
                [PrimaryKey] public long Id { get; set; }
            }
            """,
            false
        },
        {
            "table attribute twice",
            """
            using GenOrm;
            [Table, Table("x")] public partial class User { [PrimaryKey] public long Id { get; set; } }
            """,
            false
        },
        {
            "attribute without its namespace",
            """
            [Table] public partial class User { [PrimaryKey] public long Id { get; set; } }
            """,
            false
        },
        {
            "table on a record class",
            """
            using GenOrm;
            [Table] public partial record User { [PrimaryKey] public long Id { get; set; } }
            """,
            true
        },
        {
            "empty class body with no name",
            """
            using GenOrm;
            [Table] public partial class
            """,
            false
        },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public void BrokenCode_NeverThrows_ReportsOnlyErrors(string scenario, string source, bool tableIsComplete)
    {
        GeneratorOutput output = TestCompilation.Run(source);

        GeneratorRunResult result = output.RunResult.Results.Single();
        Assert.True(result.Exception is null, $"{scenario}: the generator threw {result.Exception}");
        Assert.All(output.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(tableIsComplete, output.HintNames.Contains("User.GenOrm.g.cs"));
    }

    [Fact]
    public void WrongAttributeArgumentType_LeftToTheCompiler()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                [MaxLength("x")] public string Name { get; set; } = "";
            }
            """);

        Assert.Empty(output.Diagnostics);
        Assert.Contains(output.OutputCompilation.GetDiagnostics(), d => d.Id == "CS1503");
    }

    [Fact]
    public void SeveralMistakes_AllReported()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            [Table] public class User
            {
                public System.Uri? Website { get; set; }
                [MaxLength(0)] public string Name { get; set; } = "";
            }
            """);

        Assert.Equal(["GENORM001", "GENORM004", "GENORM005", "GENORM009"], output.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.Empty(output.HintNames);
    }

    [Fact]
    public void GetOnlyPropertyWithoutAttributes_SilentlySkipped()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public string Computed => "x";
                public string ReadOnly { get; } = "";
                [Ignore] public System.Uri? Website { get; set; }
                public static int Counter { get; set; }
                internal string Hidden { get; set; } = "";
            }
            """);

        output.AssertNoDiagnostics();
        Assert.Contains("private static readonly string[] s_columnNames = new[] { \"Id\" };", output.Source("User.GenOrm.g.cs"), StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }
}
