using System.Collections.Generic;

namespace GenOrm;

/// <summary>A named parameter as written in SQL text: <see cref="Token"/> is <c>:x</c>, <see cref="Name"/> is <c>x</c>.</summary>
internal readonly record struct SqlParameterToken(string Token, string Name);

/// <summary>
/// Finds the named parameters (<c>:name</c>, <c>@name</c>, <c>$name</c>) in SQL text, skipping string literals,
/// quoted identifiers and comments, so that <c>'a:b'</c> or <c>"col@x"</c> are not taken for parameters.
/// </summary>
internal static class SqlParameterParser
{
    public static IReadOnlyList<SqlParameterToken> Parse(string sql)
    {
        var result = new List<SqlParameterToken>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            switch (c)
            {
                case '\'':
                case '"':
                case '`':
                    i = SkipQuoted(sql, i, c);
                    break;
                case '[':
                    i = SkipQuoted(sql, i, ']');
                    break;
                case '-' when i + 1 < sql.Length && sql[i + 1] == '-':
                    i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
                    break;
                case '/' when i + 1 < sql.Length && sql[i + 1] == '*':
                    i = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal) is var close and >= 0 ? close + 2 : sql.Length;
                    break;
                case ':' or '@' or '$' when i + 1 < sql.Length && IsNameChar(sql[i + 1]):
                {
                    int start = i + 1;
                    int j = start;
                    while (j < sql.Length && IsNameChar(sql[j]))
                    {
                        j++;
                    }

                    string token = sql[i..j];
                    if (seen.Add(token))
                    {
                        result.Add(new SqlParameterToken(token, sql[start..j]));
                    }

                    i = j;
                    break;
                }

                default:
                    i++;
                    break;
            }
        }

        return result;
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

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c > 0x7F;
}
