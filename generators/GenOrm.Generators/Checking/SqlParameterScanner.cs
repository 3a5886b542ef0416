using System.Collections.Generic;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql.Analysis;

namespace GenOrm.Generators.Checking;

/// <summary>
/// Finds the named parameters of SQL that is not checked (<c>[Query(Verify = false)]</c>), in SQLite's numbering
/// order (first appearance), skipping string literals, quoted identifiers and comments.
/// </summary>
internal static class SqlParameterScanner
{
    /// <summary>Scans <paramref name="sql"/>.</summary>
    public static List<SqlParameterUse> Scan(string sql)
    {
        var order = new List<string>();
        var occurrences = new Dictionary<string, List<SqlSpan>>(System.StringComparer.Ordinal);
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                char close = c == '[' ? ']' : c;
                i++;
                while (i < sql.Length && sql[i] != close)
                {
                    i++;
                }

                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                int end = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c is ':' or '@' or '$' && i + 1 < sql.Length && IsNameChar(sql[i + 1]))
            {
                int start = i;
                i++;
                while (i < sql.Length && IsNameChar(sql[i]))
                {
                    i++;
                }

                string token = sql.Substring(start, i - start);
                if (!occurrences.TryGetValue(token, out List<SqlSpan>? spans))
                {
                    spans = new List<SqlSpan>();
                    occurrences.Add(token, spans);
                    order.Add(token);
                }

                spans.Add(new SqlSpan(start, i - start));
            }
            else
            {
                i++;
            }
        }

        var uses = new List<SqlParameterUse>(order.Count);
        foreach (string token in order)
        {
            uses.Add(new SqlParameterUse(token.Substring(1), token[0], occurrences[token].ToEquatableArray(), null, SqlValueType.Any));
        }

        return uses;
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 0x7F;
}
