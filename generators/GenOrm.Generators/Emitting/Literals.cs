using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators.Emitting;

/// <summary>Writes text into generated code safely: as C# string literals and as XML doc text.</summary>
internal static class Literals
{
    /// <summary>A C# string literal, with every special character escaped.</summary>
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>
    /// Gets the lines of a multi-line C# string constant: a raw string literal when <paramref name="value"/> has only
    /// <c>\n</c> line breaks (with enough quotes for any run of quotes in it), else a regular literal on one line.
    /// The caller writes the lines after <c>= </c> and appends <c>;</c>.
    /// </summary>
    public static string MultiLineString(string value, string indent)
    {
        if (value.Any(c => c is '\r' or '\u0085' or '\u2028' or '\u2029'))
        {
            return String(value);
        }

        int longestQuoteRun = 0;
        int run = 0;
        foreach (char c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longestQuoteRun = System.Math.Max(longestQuoteRun, run);
        }

        string quotes = new('"', System.Math.Max(3, longestQuoteRun + 1));
        var literal = new StringBuilder(quotes);
        foreach (string line in value.Split('\n'))
        {
            literal.Append('\n').Append(line.Length == 0 ? string.Empty : indent + line);
        }

        return literal.Append('\n').Append(indent).Append(quotes).ToString();
    }

    /// <summary>
    /// Escapes text for an XML doc comment: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c>, and control characters such as
    /// line breaks, which would end the comment. Quotes stay as they are: XML text needs no escape for them, and SQL
    /// full of <c>&amp;quot;</c> would be hard to read in the generated file.
    /// </summary>
    public static string Xml(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => escaped.Append("&#x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append(';'),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    /// <summary>Gets the doc-comment lines <c>/// &lt;code&gt;</c> ... <c>/// &lt;/code&gt;</c> that show SQL.</summary>
    public static string XmlCode(string sql) =>
        "/// <code>\n" + string.Join("\n", sql.Split('\n').Select(line => line.Length == 0 ? "///" : "/// " + Xml(line))) + "\n/// </code>";
}
