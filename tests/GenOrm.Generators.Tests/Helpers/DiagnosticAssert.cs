using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Tests.Helpers;

/// <summary>
/// Runs the generator on sources whose expected diagnostic span is marked <c>[|like this|]</c>, and checks the one
/// diagnostic it reports: ID, severity, full message and exact span (line and column).
/// </summary>
internal static class DiagnosticAssert
{
    /// <summary>Asserts that the generator reports exactly one diagnostic, at the marked span of <paramref name="markedSources"/>[0].</summary>
    public static Diagnostic Single(string id, string message, params string[] markedSources) =>
        Single(id, DiagnosticSeverity.Error, message, TestCompilation.Run, markedSources);

    /// <summary>
    /// Asserts that the generator, in a project that references GenOrm.Npgsql, reports exactly one warning, at the
    /// marked span of <paramref name="markedSources"/>[0].
    /// </summary>
    public static Diagnostic SingleWarningWithNpgsql(string id, string message, params string[] markedSources) =>
        Single(id, DiagnosticSeverity.Warning, message, TestCompilation.RunWithNpgsql, markedSources);

    private static Diagnostic Single(string id, DiagnosticSeverity severity, string message, Func<string[], GeneratorOutput> run, string[] markedSources)
    {
        var (sources, expectedSpan) = StripMarkup(markedSources);
        GeneratorOutput output = run(sources);
        Assert.Null(output.RunResult.Results.Single().Exception);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("GenOrm", diagnostic.Descriptor.Category);
        Assert.Equal($"https://github.com/genorm/genorm/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);

        FileLinePositionSpan actual = diagnostic.Location.GetLineSpan();
        Assert.Equal(expectedSpan.Path, actual.Path);
        Assert.Equal(expectedSpan.Span, actual.Span);
        return diagnostic;
    }

    /// <summary>Removes the <c>[|</c> <c>|]</c> markers and returns where they were (in the first source that has them).</summary>
    private static (string[] Sources, FileLinePositionSpan Span) StripMarkup(string[] markedSources)
    {
        var sources = new string[markedSources.Length];
        FileLinePositionSpan? span = null;
        for (int i = 0; i < markedSources.Length; i++)
        {
            string text = markedSources[i];
            int start = text.IndexOf("[|", StringComparison.Ordinal);
            if (start < 0)
            {
                sources[i] = text;
                continue;
            }

            text = text.Remove(start, 2);
            int end = text.IndexOf("|]", StringComparison.Ordinal);
            text = text.Remove(end, 2);
            sources[i] = text;
            SourceText sourceText = SourceText.From(text);
            span ??= new FileLinePositionSpan($"/src/File{i}.cs", sourceText.Lines.GetLinePositionSpan(TextSpan.FromBounds(start, end)));
        }

        return (sources, span ?? throw new ArgumentException("No [| |] span in the sources.", nameof(markedSources)));
    }
}
