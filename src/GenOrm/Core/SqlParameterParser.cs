using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GenOrm;

/// <summary>A named parameter as written in SQL text: <see cref="Token"/> is <c>:x</c>, <see cref="Name"/> is <c>x</c>.</summary>
internal readonly record struct SqlParameterToken(string Token, string Name);

/// <summary>
/// One statement of a SQL text as PostgreSQL runs it: its text with every named parameter rewritten to
/// <c>$1..$n</c>, and the parameters' tokens (<c>@email</c>), where <c>$k</c> is <c>Tokens[k - 1]</c>.
/// </summary>
/// <param name="Text">The statement, parameters rewritten, without its <c>;</c>.</param>
/// <param name="Tokens">The distinct parameter tokens, in order of first appearance.</param>
internal sealed record PostgresStatementText(string Text, string[] Tokens);

/// <summary>
/// The one tokenizer of GenOrm's SQL text: finds the named parameters (<c>:name</c>, <c>@name</c>, <c>$name</c>),
/// skipping string literals, quoted identifiers and comments, so that <c>'a:b'</c> or <c>"col@x"</c> are not taken for
/// parameters; and, in its PostgreSQL mode, splits a script at its top-level <c>;</c> and rewrites the parameters to
/// PostgreSQL's positional <c>$1..$n</c>.
/// </summary>
/// <remarks>
/// <para>SQLite mode: <c>'...'</c>, <c>"..."</c>, <c>`...`</c> and <c>[...]</c> are quoted; <c>--</c> and <c>/* */</c> are comments.</para>
/// <para>
/// PostgreSQL mode: <c>'...'</c> (with <c>''</c>), <c>E'...'</c> (with backslash escapes too), <c>"..."</c>
/// identifiers, <c>--</c> comments, nested <c>/* /* */ */</c> comments and dollar-quoted strings
/// (<c>$$...$$</c>, <c>$tag$...$tag$</c>) are skipped; <c>::type</c> is a cast, never a parameter; <c>[</c> is an
/// array subscript, so <c>a[1:2]</c> is a slice (a <c>:</c> or <c>@</c> followed by a digit is no parameter). A
/// <c>$</c> followed by a name and another <c>$</c> opens a dollar quote; <c>$name</c> otherwise is a parameter, and
/// <c>$1</c> is the parameter named <c>1</c> (as on SQLite, where <c>$1</c> is a name too): it takes
/// <c>Params["1"]</c> and is renumbered like every other.
/// </para>
/// </remarks>
internal static class SqlParameterParser
{
    private enum TokenKind
    {
        End,
        Parameter,
        Semicolon,
    }

    /// <summary>Finds the distinct parameter tokens of <paramref name="sql"/> as SQLite reads them, in order of first appearance.</summary>
    public static IReadOnlyList<SqlParameterToken> Parse(string sql) => Parse(sql, DatabaseKind.Sqlite);

    /// <summary>Finds the distinct parameter tokens of <paramref name="sql"/> as <paramref name="dialect"/> reads them, in order of first appearance.</summary>
    public static IReadOnlyList<SqlParameterToken> Parse(string sql, DatabaseKind dialect)
    {
        bool postgres = dialect == DatabaseKind.Postgres;
        var result = new List<SqlParameterToken>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        while (true)
        {
            TokenKind kind = NextToken(sql, ref i, postgres, out int start);
            if (kind == TokenKind.End)
            {
                return result;
            }

            if (kind == TokenKind.Parameter)
            {
                string token = sql[start..i];
                if (seen.Add(token))
                {
                    result.Add(new SqlParameterToken(token, token[1..]));
                }
            }
        }
    }

    /// <summary>
    /// Splits <paramref name="sql"/> into its statements at top-level <c>;</c> (empty ones, only white space and
    /// comments, are left out) and rewrites each one's named parameters to <c>$1..$n</c>, numbered by first
    /// appearance within the statement; the same token gets the same number.
    /// </summary>
    public static List<PostgresStatementText> SplitForPostgres(string sql)
    {
        var statements = new List<PostgresStatementText>();
        var text = new StringBuilder(sql.Length + 8);
        var tokens = new List<string>();
        int copied = 0;
        int partStart = 0;
        int i = 0;
        while (true)
        {
            TokenKind kind = NextToken(sql, ref i, postgres: true, out int start);
            if (kind == TokenKind.Parameter)
            {
                string token = sql[start..i];
                int number = tokens.IndexOf(token) + 1;
                if (number == 0)
                {
                    tokens.Add(token);
                    number = tokens.Count;
                }

                text.Append(sql, copied, start - copied).Append('$').Append(number.ToString(CultureInfo.InvariantCulture));
                copied = i;
                continue;
            }

            // A ';' (not copied) or the end closes the statement.
            int end = kind == TokenKind.Semicolon ? start : sql.Length;
            text.Append(sql, copied, end - copied);
            if (HasCode(sql, partStart, end))
            {
                statements.Add(new PostgresStatementText(text.ToString().Trim(), tokens.ToArray()));
            }

            text.Clear();
            tokens.Clear();
            copied = i;
            partStart = i;
            if (kind == TokenKind.End)
            {
                return statements;
            }
        }
    }

    /// <summary>
    /// Moves <paramref name="i"/> past the next parameter or top-level <c>;</c>, skipping what cannot hold one.
    /// <paramref name="start"/> is where the parameter (or the <c>;</c>) starts.
    /// </summary>
    private static TokenKind NextToken(string sql, ref int i, bool postgres, out int start)
    {
        while (i < sql.Length)
        {
            char c = sql[i];
            start = i;
            switch (c)
            {
                case '\'' when postgres && IsEscapeStringPrefix(sql, i):
                    i = SkipEscapeString(sql, i);
                    break;
                case '\'':
                case '"':
                    i = SkipQuoted(sql, i, c);
                    break;
                case '`' when !postgres:
                    i = SkipQuoted(sql, i, c);
                    break;
                case '[' when !postgres:
                    i = SkipQuoted(sql, i, ']');
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                    i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
                    break;
                case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                    i = postgres ? SkipNestedComment(sql, i) : sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 2 : sql.Length;
                    break;
                case ';' when postgres:
                    i++;
                    return TokenKind.Semicolon;
                case ':' when postgres && i + 1 < sql.Length && sql[i + 1] == ':':
                    // A cast (x::int): skip both colons, and the type name after them.
                    i += 2;
                    while (i < sql.Length && IsNameChar(sql[i]))
                    {
                        i++;
                    }

                    break;
                case '$' when postgres && DollarQuoteEnd(sql, i) is var quoted and >= 0:
                    i = quoted;
                    break;
                case ':' or '@' or '$' when i + 1 < sql.Length && IsNameChar(sql[i + 1])
                    && !(postgres && c != '$' && char.IsAsciiDigit(sql[i + 1])) && !(postgres && i > 0 && IsNameChar(sql[i - 1]) && c == '$'):
                {
                    int j = i + 1;
                    while (j < sql.Length && IsNameChar(sql[j]))
                    {
                        j++;
                    }

                    i = j;
                    return TokenKind.Parameter;
                }

                default:
                    i++;
                    break;
            }
        }

        start = sql.Length;
        return TokenKind.End;
    }

    /// <summary>Gets whether <paramref name="sql"/> holds anything but white space and comments between <paramref name="start"/> and <paramref name="end"/>.</summary>
    private static bool HasCode(string sql, int start, int end)
    {
        int i = start;
        while (i < end)
        {
            char c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < end && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i) is var lineEnd and >= 0 ? lineEnd + 1 : end;
            }
            else if (c == '/' && i + 1 < end && sql[i + 1] == '*')
            {
                i = SkipNestedComment(sql, i);
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static int SkipQuoted(string sql, int start, char close)
    {
        int i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                // A doubled quote inside a literal or identifier is an escaped quote.
                if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    /// <summary>Gets whether the <c>'</c> at <paramref name="quote"/> opens PostgreSQL's <c>E'...'</c> (an <c>E</c> that is not the end of a longer name).</summary>
    private static bool IsEscapeStringPrefix(string sql, int quote) =>
        quote > 0 && sql[quote - 1] is 'E' or 'e' && (quote == 1 || !IsNameChar(sql[quote - 2]));

    /// <summary>Skips <c>E'...'</c>, where <c>\'</c> and <c>''</c> are both escaped quotes.</summary>
    private static int SkipEscapeString(string sql, int start)
    {
        int i = start + 1;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '\'')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    /// <summary>Skips a <c>/* */</c> comment, which nests on PostgreSQL.</summary>
    private static int SkipNestedComment(string sql, int start)
    {
        int depth = 0;
        int i = start;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    /// <summary>
    /// If the <c>$</c> at <paramref name="start"/> opens a dollar-quoted string (<c>$$</c> or <c>$tag$</c>, the tag a
    /// name that does not start with a digit, the <c>$</c> not part of a longer name), gets the index just past its
    /// closing delimiter (the end of the text when it is never closed); otherwise -1.
    /// </summary>
    private static int DollarQuoteEnd(string sql, int start)
    {
        if (start > 0 && IsNameChar(sql[start - 1]))
        {
            return -1;
        }

        int j = start + 1;
        if (j < sql.Length && char.IsAsciiDigit(sql[j]))
        {
            return -1;
        }

        while (j < sql.Length && IsNameChar(sql[j]) && sql[j] != '$')
        {
            j++;
        }

        if (j >= sql.Length || sql[j] != '$')
        {
            return -1;
        }

        string delimiter = sql[start..(j + 1)];
        int close = sql.IndexOf(delimiter, j + 1, StringComparison.Ordinal);
        return close < 0 ? sql.Length : close + delimiter.Length;
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c > 0x7F;
}
