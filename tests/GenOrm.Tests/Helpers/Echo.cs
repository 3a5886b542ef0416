using System.Text.RegularExpressions;

namespace GenOrm.Tests.Helpers;

/// <summary>Turns echo output into lines that do not depend on timing.</summary>
public static partial class Echo
{
    /// <summary>Splits echo output into lines, with every elapsed time replaced by <c>X ms</c>.</summary>
    public static string[] Lines(string output) =>
        Normalize(output).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Replaces every elapsed time (<c>[executed in 0.123 ms]</c>) with <c>X ms</c> and drops carriage returns.</summary>
    public static string Normalize(string text) =>
        Elapsed().Replace(text.Replace("\r", string.Empty, StringComparison.Ordinal), "${verb} X ms]");

    [GeneratedRegex(@"(?<verb>executed in|failed after) \d+(\.\d+)? ms\]")]
    private static partial Regex Elapsed();
}
