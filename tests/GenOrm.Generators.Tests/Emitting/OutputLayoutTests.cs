using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>How the generated files read in the IDE: spacing, doc-comment escaping and byte-identical output.</summary>
public sealed class OutputLayoutTests
{
    private const string Source = """
        using GenOrm;
        namespace Shop;
        [Table("order")]
        public partial class Order
        {
            [PrimaryKey, Column("order")] public long Number { get; set; }
            [Column("a\"b"), Index] public string Quoted { get; set; } = "";
            [Unique] public string Code { get; set; } = "";
        }
        """;

    [Fact]
    public void DocumentedMembers_SeparatedByOneBlankLine()
    {
        GeneratorOutput output = TestCompilation.Run(Source);
        output.AssertNoDiagnostics();

        foreach (GeneratedSourceResultText file in Files(output))
        {
            string[] lines = file.Text.Split('\n');
            for (int i = 1; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("/// <summary>", StringComparison.Ordinal))
                {
                    continue;
                }

                string previous = lines[i - 1].Trim();
                Assert.True(
                    previous.Length == 0 || previous == "{",
                    $"{file.HintName} line {i + 1}: a documented member follows '{previous}' without a blank line.");
                Assert.False(i >= 2 && previous.Length == 0 && lines[i - 2].Trim().Length == 0, $"{file.HintName} line {i + 1}: two blank lines.");
            }
        }
    }

    [Fact]
    public void DocCode_EscapesOnlyAmpersandAndAngleBrackets()
    {
        GeneratorOutput output = TestCompilation.Run(Source);
        output.AssertNoDiagnostics();
        string text = output.Source("Shop.Order.GenOrm.g.cs");

        Assert.DoesNotContain("&quot;", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&apos;", text, StringComparison.Ordinal);
        Assert.Contains("""/// SELECT "order", "a""b", "Code" FROM "order" WHERE "Code" = @Code""", text, StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void SameInput_ByteIdenticalOutput()
    {
        GeneratorOutput first = TestCompilation.Run(Source);
        GeneratorOutput second = TestCompilation.Run(Source);

        Assert.Equal(first.HintNames, second.HintNames);
        foreach (string hintName in first.HintNames)
        {
            string text = first.Source(hintName);
            Assert.Equal(text, second.Source(hintName));
            Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<GeneratedSourceResultText> Files(GeneratorOutput output) =>
        output.RunResult.Results.Single().GeneratedSources.Select(s => new GeneratedSourceResultText(s.HintName, s.SourceText.ToString()));

    private sealed record GeneratedSourceResultText(string HintName, string Text);
}
