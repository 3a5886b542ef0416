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
    /// Captures the literal <paramref name="token"/> (its text, where it starts, its lines), or returns
    /// <see langword="null"/> when it is not a string literal this mapper knows. Cheap: the characters are mapped only
    /// by <see cref="Positions"/>, when a problem is to be located, not on every compilation.
    /// </summary>
    public static SqlLiteralMap? Capture(SyntaxToken token, SourceText text)
    {
        string source = token.Text;
        SqlLiteralKind kind;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when source.StartsWith("@\"", System.StringComparison.Ordinal):
                kind = SqlLiteralKind.Verbatim;
                break;
            case SyntaxKind.StringLiteralToken when source.StartsWith("\"", System.StringComparison.Ordinal):
                kind = SqlLiteralKind.Regular;
                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
                kind = SqlLiteralKind.SingleLineRaw;
                break;
            case SyntaxKind.MultiLineRawStringLiteralToken:
                kind = SqlLiteralKind.MultiLineRaw;
                break;
            default:
                return null;
        }

        LinePositionSpan lines = text.Lines.GetLinePositionSpan(token.Span);
        var lineStarts = new int[lines.End.Line - lines.Start.Line + 1];
        for (int line = lines.Start.Line; line <= lines.End.Line; line++)
        {
            lineStarts[line - lines.Start.Line] = text.Lines[line].Start;
        }

        return new SqlLiteralMap(token.SyntaxTree?.FilePath ?? string.Empty, kind, token.SpanStart, source, token.ValueText, lines.Start.Line, lineStarts.ToEquatableArray());
    }

    /// <summary>
    /// Maps each character of the literal's value to its source position (and one past the end to where the value
    /// ends), or returns <see langword="null"/> when the rebuilt value differs from the compiler's (then diagnostics go
    /// on the whole argument).
    /// </summary>
    public static int[]? Positions(SqlLiteralMap literal)
    {
        string source = literal.Text;
        int start = literal.Start;
        var value = new System.Text.StringBuilder();
        var positions = new List<int>();
        int end = literal.Kind switch
        {
            SqlLiteralKind.Verbatim => MapVerbatim(source, start, value, positions),
            SqlLiteralKind.Regular => MapRegular(source, start, value, positions),
            SqlLiteralKind.SingleLineRaw => MapSingleLineRaw(source, start, value, positions),
            _ => MapMultiLineRaw(source, start, value, positions),
        };
        if (end < 0 || value.ToString() != literal.Value)
        {
            return null;
        }

        positions.Add(end);
        return positions.ToArray();
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
