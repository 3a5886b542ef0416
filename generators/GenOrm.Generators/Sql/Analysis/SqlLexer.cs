using System.Collections.Generic;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>The kinds of SQLite tokens the lexer produces.</summary>
internal enum SqlTokenKind
{
    /// <summary>A bare word: an identifier or a keyword.</summary>
    Word,

    /// <summary>A quoted identifier: <c>"x"</c>, <c>[x]</c> or <c>`x`</c>.</summary>
    QuotedIdentifier,
    String,
    Blob,
    Integer,
    Real,
    Parameter,

    /// <summary>An operator or punctuation: <c>( ) , ; . = == != &lt;&gt; &lt;= ...</c>.</summary>
    Symbol,

    /// <summary>Text SQLite cannot tokenize (an unterminated string, a lone <c>!</c>, <c>1abc</c>...).</summary>
    Illegal,
    End,
}

/// <summary>One token: its kind and span, and for words and quoted identifiers the identifier's value.</summary>
internal readonly struct SqlToken
{
    public SqlToken(SqlTokenKind kind, int start, int length, string? value)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Value = value;
    }

    public SqlTokenKind Kind { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    /// <summary>Gets the identifier (unquoted), the symbol text, or the parameter text; null for literals.</summary>
    public string? Value { get; }
}

/// <summary>A hand-written SQLite tokenizer: one pass, no regular expressions, comments and whitespace skipped.</summary>
internal static class SqlLexer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>(sql.Length / 4 + 4);
        int i = 0;
        int n = sql.Length;
        while (i < n)
        {
            char c = sql[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            {
                i++;
                continue;
            }

            if (c == '-' && i + 1 < n && sql[i + 1] == '-')
            {
                while (i < n && sql[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < n && sql[i + 1] == '*')
            {
                int close = sql.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                i = close < 0 ? n : close + 2;
                continue;
            }

            int start = i;
            if (IsIdentifierStart(c))
            {
                if ((c == 'x' || c == 'X') && i + 1 < n && sql[i + 1] == '\'')
                {
                    i += 2;
                    int digits = 0;
                    bool hex = true;
                    while (i < n && sql[i] != '\'')
                    {
                        hex &= IsHexDigit(sql[i]);
                        digits++;
                        i++;
                    }

                    if (i >= n || !hex || digits % 2 != 0)
                    {
                        tokens.Add(new SqlToken(SqlTokenKind.Illegal, start, (i < n ? i + 1 : n) - start, null));
                        i = i < n ? i + 1 : n;
                        continue;
                    }

                    i++;
                    tokens.Add(new SqlToken(SqlTokenKind.Blob, start, i - start, null));
                    continue;
                }

                while (i < n && IsIdentifierPart(sql[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, start, i - start, sql.Substring(start, i - start)));
                continue;
            }

            if (IsDigit(c) || (c == '.' && i + 1 < n && IsDigit(sql[i + 1])))
            {
                tokens.Add(Number(sql, ref i));
                continue;
            }

            switch (c)
            {
                case '\'':
                    tokens.Add(Quoted(sql, ref i, '\'', SqlTokenKind.String));
                    continue;
                case '"':
                    tokens.Add(Quoted(sql, ref i, '"', SqlTokenKind.QuotedIdentifier));
                    continue;
                case '`':
                    tokens.Add(Quoted(sql, ref i, '`', SqlTokenKind.QuotedIdentifier));
                    continue;
                case '[':
                {
                    int close = sql.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        tokens.Add(new SqlToken(SqlTokenKind.Illegal, start, n - start, null));
                        i = n;
                    }
                    else
                    {
                        tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, start, close + 1 - start, sql.Substring(start + 1, close - start - 1)));
                        i = close + 1;
                    }

                    continue;
                }

                case '?':
                    i++;
                    while (i < n && IsDigit(sql[i]))
                    {
                        i++;
                    }

                    tokens.Add(new SqlToken(SqlTokenKind.Parameter, start, i - start, sql.Substring(start, i - start)));
                    continue;
                case ':':
                case '@':
                case '$':
                    i++;
                    while (i < n && IsIdentifierPart(sql[i]))
                    {
                        i++;
                    }

                    tokens.Add(i == start + 1
                        ? new SqlToken(SqlTokenKind.Illegal, start, 1, null)
                        : new SqlToken(SqlTokenKind.Parameter, start, i - start, sql.Substring(start, i - start)));
                    continue;
            }

            int length = SymbolLength(sql, i);
            if (length == 0)
            {
                tokens.Add(new SqlToken(SqlTokenKind.Illegal, start, 1, null));
                i++;
                continue;
            }

            tokens.Add(new SqlToken(SqlTokenKind.Symbol, start, length, Symbols.Intern(sql, start, length)));
            i += length;
        }

        tokens.Add(new SqlToken(SqlTokenKind.End, n, 0, null));
        return tokens;
    }

    public static bool IsIdentifierStart(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || IsDigit(c) || c == '$';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    // SQLite 3.46+ reads "1_000": an underscore between two digits is a digit separator.
    private static bool IsSeparator(string sql, int i, bool hex) =>
        sql[i] == '_' && i + 1 < sql.Length && i > 0 && (hex ? IsHexDigit(sql[i - 1]) && IsHexDigit(sql[i + 1]) : IsDigit(sql[i - 1]) && IsDigit(sql[i + 1]));

    private static bool IsHexDigit(char c) => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

    private static SqlToken Number(string sql, ref int i)
    {
        int start = i;
        int n = sql.Length;
        SqlTokenKind kind = SqlTokenKind.Integer;
        if (sql[i] == '0' && i + 2 < n && (sql[i + 1] == 'x' || sql[i + 1] == 'X') && IsHexDigit(sql[i + 2]))
        {
            i += 2;
            while (i < n && (IsHexDigit(sql[i]) || IsSeparator(sql, i, hex: true)))
            {
                i++;
            }
        }
        else
        {
            while (i < n && (IsDigit(sql[i]) || IsSeparator(sql, i, hex: false)))
            {
                i++;
            }

            if (i < n && sql[i] == '.')
            {
                kind = SqlTokenKind.Real;
                i++;
                while (i < n && (IsDigit(sql[i]) || IsSeparator(sql, i, hex: false)))
                {
                    i++;
                }
            }

            if (i < n && (sql[i] == 'e' || sql[i] == 'E'))
            {
                int save = i;
                i++;
                if (i < n && (sql[i] == '+' || sql[i] == '-'))
                {
                    i++;
                }

                if (i < n && IsDigit(sql[i]))
                {
                    kind = SqlTokenKind.Real;
                    while (i < n && IsDigit(sql[i]))
                    {
                        i++;
                    }
                }
                else
                {
                    i = save;
                }
            }
        }

        if (i < n && IsIdentifierPart(sql[i]))
        {
            // SQLite: a number run into a word ("1abc") is one unrecognized token.
            while (i < n && IsIdentifierPart(sql[i]))
            {
                i++;
            }

            return new SqlToken(SqlTokenKind.Illegal, start, i - start, null);
        }

        return new SqlToken(kind, start, i - start, null);
    }

    private static SqlToken Quoted(string sql, ref int i, char quote, SqlTokenKind kind)
    {
        int start = i;
        int n = sql.Length;
        i++;
        System.Text.StringBuilder? escaped = null;
        int runStart = i;
        while (i < n)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < n && sql[i + 1] == quote)
                {
                    escaped ??= new System.Text.StringBuilder();
                    escaped.Append(sql, runStart, i + 1 - runStart);
                    i += 2;
                    runStart = i;
                    continue;
                }

                string value = escaped is null
                    ? sql.Substring(runStart, i - runStart)
                    : escaped.Append(sql, runStart, i - runStart).ToString();
                i++;
                return new SqlToken(kind, start, i - start, kind == SqlTokenKind.String ? null : value);
            }

            i++;
        }

        return new SqlToken(SqlTokenKind.Illegal, start, n - start, null);
    }

    private static int SymbolLength(string sql, int i)
    {
        char c = sql[i];
        char next = i + 1 < sql.Length ? sql[i + 1] : '\0';
        switch (c)
        {
            case '|':
                return next == '|' ? 2 : 1;
            case '-':
                if (next == '>')
                {
                    return i + 2 < sql.Length && sql[i + 2] == '>' ? 3 : 2;
                }

                return 1;
            case '<':
                return next is '=' or '>' or '<' ? 2 : 1;
            case '>':
                return next is '=' or '>' ? 2 : 1;
            case '=':
                return next == '=' ? 2 : 1;
            case '!':
                return next == '=' ? 2 : 0;
            case '(':
            case ')':
            case ',':
            case ';':
            case '.':
            case '+':
            case '*':
            case '/':
            case '%':
            case '&':
            case '~':
                return 1;
            default:
                return 0;
        }
    }

    private static class Symbols
    {
        private static readonly string[] Known =
        {
            "||", "->>", "->", "<=", "<>", "<<", ">=", ">>", "==", "!=", "|", "-", "<", ">", "=", "(", ")", ",", ";", ".", "+", "*", "/", "%", "&", "~",
        };

        public static string Intern(string sql, int start, int length)
        {
            foreach (string known in Known)
            {
                if (known.Length == length && string.CompareOrdinal(known, 0, sql, start, length) == 0)
                {
                    return known;
                }
            }

            return sql.Substring(start, length);
        }
    }
}
