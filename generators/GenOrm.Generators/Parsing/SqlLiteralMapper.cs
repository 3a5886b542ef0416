using System.Collections.Generic;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Maps each character of a string literal's value to where it is written in source, so that a problem at a SQL
/// offset can be reported on the right characters: regular literals with escapes, verbatim literals with <c>""</c>,
/// and raw literals, single- and multi-line with their indentation removed.
/// </summary>
internal static class SqlLiteralMapper
{
    /// <summary>
    /// Maps the literal <paramref name="token"/>, or returns <see langword="null"/> when it is not a string literal this
    /// mapper knows, or when its rebuilt value differs from the compiler's (then diagnostics go on the whole argument).
    /// </summary>
    public static SqlLiteralMap? Map(SyntaxToken token, SourceText text)
    {
        string source = token.Text;
        int start = token.SpanStart;
        var value = new System.Text.StringBuilder();
        var positions = new List<int>();
        int end;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when source.StartsWith("@\"", System.StringComparison.Ordinal):
                end = MapVerbatim(source, start, value, positions);
                break;
            case SyntaxKind.StringLiteralToken when source.StartsWith("\"", System.StringComparison.Ordinal):
                end = MapRegular(source, start, value, positions);
                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
                end = MapSingleLineRaw(source, start, value, positions);
                break;
            case SyntaxKind.MultiLineRawStringLiteralToken:
                end = MapMultiLineRaw(source, start, value, positions);
                break;
            default:
                return null;
        }

        if (end < 0 || value.ToString() != token.ValueText)
        {
            return null;
        }

        positions.Add(end);
        LinePositionSpan lines = text.Lines.GetLinePositionSpan(token.Span);
        var lineStarts = new List<int>();
        for (int line = lines.Start.Line; line <= lines.End.Line; line++)
        {
            lineStarts.Add(text.Lines[line].Start);
        }

        return new SqlLiteralMap(token.SyntaxTree?.FilePath ?? string.Empty, positions.ToEquatableArray(), lines.Start.Line, lineStarts.ToEquatableArray());
    }

    private static int MapRegular(string source, int start, System.Text.StringBuilder value, List<int> positions)
    {
        int i = 1;
        int close = source.Length - 1;
        while (i < close)
        {
            int at = start + i;
            char c = source[i];
            if (c != '\\')
            {
                value.Append(c);
                positions.Add(at);
                i++;
                continue;
            }

            char e = source[i + 1];
            int consumed = 2;
            string decoded;
            switch (e)
            {
                case '\'': decoded = "'"; break;
                case '"': decoded = "\""; break;
                case '\\': decoded = "\\"; break;
                case '0': decoded = "\0"; break;
                case 'a': decoded = "\a"; break;
                case 'b': decoded = "\b"; break;
                case 'e': decoded = "\u001b"; break;
                case 'f': decoded = "\f"; break;
                case 'n': decoded = "\n"; break;
                case 'r': decoded = "\r"; break;
                case 't': decoded = "\t"; break;
                case 'v': decoded = "\v"; break;
                case 'u':
                    decoded = ((char)System.Convert.ToInt32(source.Substring(i + 2, 4), 16)).ToString();
                    consumed = 6;
                    break;
                case 'U':
                    decoded = char.ConvertFromUtf32(System.Convert.ToInt32(source.Substring(i + 2, 8), 16));
                    consumed = 10;
                    break;
                case 'x':
                    int digits = 0;
                    while (digits < 4 && i + 2 + digits < close && System.Uri.IsHexDigit(source[i + 2 + digits]))
                    {
                        digits++;
                    }

                    decoded = ((char)System.Convert.ToInt32(source.Substring(i + 2, digits), 16)).ToString();
                    consumed = 2 + digits;
                    break;
                default:
                    return -1;
            }

            foreach (char d in decoded)
            {
                value.Append(d);
                positions.Add(at);
            }

            i += consumed;
        }

        return start + close;
    }

    private static int MapVerbatim(string source, int start, System.Text.StringBuilder value, List<int> positions)
    {
        int i = 2;
        int close = source.Length - 1;
        while (i < close)
        {
            value.Append(source[i]);
            positions.Add(start + i);
            i += source[i] == '"' ? 2 : 1;
        }

        return start + close;
    }

    private static int MapSingleLineRaw(string source, int start, System.Text.StringBuilder value, List<int> positions)
    {
        int quotes = CountQuotes(source);
        int close = source.Length - quotes;
        for (int i = quotes; i < close; i++)
        {
            value.Append(source[i]);
            positions.Add(start + i);
        }

        return start + close;
    }

    private static int MapMultiLineRaw(string source, int start, System.Text.StringBuilder value, List<int> positions)
    {
        int quotes = CountQuotes(source);

        // The closing line: whitespace, then the quotes. Its whitespace is the indentation every content line loses.
        int closeQuotes = source.Length - quotes;
        int lastLineStart = closeQuotes;
        while (lastLineStart > 0 && source[lastLineStart - 1] is ' ' or '\t')
        {
            lastLineStart--;
        }

        int indentation = closeQuotes - lastLineStart;

        // The content: after the opening line's line break, up to the line break before the closing line.
        int i = quotes;
        while (i < source.Length && source[i] != '\n' && source[i] != '\r')
        {
            i++;
        }

        i += source[i] == '\r' && i + 1 < source.Length && source[i + 1] == '\n' ? 2 : 1;
        int contentEnd = lastLineStart;
        if (contentEnd > 0 && source[contentEnd - 1] == '\n')
        {
            contentEnd--;
        }

        if (contentEnd > 0 && source[contentEnd - 1] == '\r')
        {
            contentEnd--;
        }

        bool lineStart = true;
        while (i < contentEnd)
        {
            if (lineStart)
            {
                int skipped = 0;
                while (skipped < indentation && i < contentEnd && source[i] is ' ' or '\t')
                {
                    i++;
                    skipped++;
                }

                lineStart = false;
                continue;
            }

            char c = source[i];
            value.Append(c);
            positions.Add(start + i);
            i++;
            if (c == '\n' || (c == '\r' && (i >= contentEnd || source[i] != '\n')))
            {
                lineStart = true;
            }
        }

        return start + lastLineStart + indentation;
    }

    private static int CountQuotes(string source)
    {
        int quotes = 0;
        while (quotes < source.Length && source[quotes] == '"')
        {
            quotes++;
        }

        return quotes;
    }
}
