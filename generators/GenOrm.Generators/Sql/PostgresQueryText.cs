using System;
using System.Collections.Generic;
using System.Text;
using GenOrm.Generators.Sql.Analysis;

namespace GenOrm.Generators.Sql;

/// <summary>
/// The PostgreSQL text of a <c>[Query]</c> method's SQL. PostgreSQL folds an unquoted name to lower case, and GenOrm's
/// PostgreSQL DDL quotes every table and column name as declared (<c>"AlbumId"</c>), so a statement written as it runs
/// on SQLite (<c>where AlbumId = :id</c>) would name a column that does not exist there. Each unquoted word that names
/// a declared table or column (compared ignoring case, as SQLite does) is quoted with its declared spelling; keywords,
/// function names (a word before <c>(</c>), a word after <c>AS</c> (an alias, or a <c>CAST</c>'s type), strings,
/// parameters and quoted names stay as they are.
/// </summary>
internal static class PostgresQueryText
{
    // Every SQLite keyword (sqlite.org/lang_keywords.html), and the literals true and false: a word that is one is
    // never quoted, so a keyword used as a keyword (nulls last, over, filter) stays one. A column named like one
    // must be written quoted in the SQL.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS", "ASC", "ATTACH",
        "AUTOINCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BY", "CASCADE", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN",
        "COMMIT", "CONFLICT", "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME",
        "CURRENT_TIMESTAMP", "DATABASE", "DEFAULT", "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DETACH", "DISTINCT",
        "DO", "DROP", "EACH", "ELSE", "END", "ESCAPE", "EXCEPT", "EXCLUDE", "EXCLUSIVE", "EXISTS", "EXPLAIN", "FAIL",
        "FILTER", "FIRST", "FOLLOWING", "FOR", "FOREIGN", "FROM", "FULL", "GENERATED", "GLOB", "GROUP", "GROUPS",
        "HAVING", "IF", "IGNORE", "IMMEDIATE", "IN", "INDEX", "INDEXED", "INITIALLY", "INNER", "INSERT", "INSTEAD",
        "INTERSECT", "INTO", "IS", "ISNULL", "JOIN", "KEY", "LAST", "LEFT", "LIKE", "LIMIT", "MATCH", "MATERIALIZED",
        "NATURAL", "NO", "NOT", "NOTHING", "NOTNULL", "NULL", "NULLS", "OF", "OFFSET", "ON", "OR", "ORDER", "OTHERS",
        "OUTER", "OVER", "PARTITION", "PLAN", "PRAGMA", "PRECEDING", "PRIMARY", "QUERY", "RAISE", "RANGE", "RECURSIVE",
        "REFERENCES", "REGEXP", "REINDEX", "RELEASE", "RENAME", "REPLACE", "RESTRICT", "RETURNING", "RIGHT", "ROLLBACK",
        "ROW", "ROWS", "SAVEPOINT", "SELECT", "SET", "TABLE", "TEMP", "TEMPORARY", "THEN", "TIES", "TO", "TRANSACTION",
        "TRIGGER", "UNBOUNDED", "UNION", "UNIQUE", "UPDATE", "USING", "VACUUM", "VALUES", "VIEW", "VIRTUAL", "WHEN",
        "WHERE", "WINDOW", "WITH", "WITHOUT", "TRUE", "FALSE",
    };

    /// <summary>Gets the PostgreSQL text of <paramref name="sql"/>, or <paramref name="sql"/> itself when nothing needs quoting.</summary>
    public static string Rewrite(string sql, SqlCatalog catalog)
    {
        List<DeclaredName> names = UnquotedNames(sql, catalog);
        if (names.Count == 0)
        {
            return sql;
        }

        var text = new StringBuilder(sql.Length + (names.Count * 2));
        int copied = 0;
        foreach (DeclaredName name in names)
        {
            text.Append(sql, copied, name.Start - copied).Append(PostgresDialect.Instance.QuoteIdentifier(name.Declared));
            copied = name.Start + name.Length;
        }

        return text.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary>
    /// Gets each unquoted word of <paramref name="sql"/> that names a declared table or column (not a keyword, not a
    /// function called), in order: the words <see cref="Rewrite"/> quotes.
    /// </summary>
    public static List<DeclaredName> UnquotedNames(string sql, SqlCatalog catalog)
    {
        Dictionary<string, List<string>> names = DeclaredNames(catalog);
        List<SqlToken> tokens = SqlLexer.Tokenize(sql);
        var found = new List<DeclaredName>();
        for (int i = 0; i < tokens.Count; i++)
        {
            SqlToken token = tokens[i];
            if (token.Kind != SqlTokenKind.Word
                || token.Value is not { } word
                || Keywords.Contains(word)
                || !names.TryGetValue(word, out List<string>? spellings)
                || IsFunctionCall(sql, tokens, i)
                || FollowsAs(tokens, i))
            {
                continue;
            }

            found.Add(new DeclaredName(token.Start, token.End - token.Start, SpellingOf(word, spellings)));
        }

        return found;
    }

    /// <summary>
    /// Whether the word at <paramref name="index"/> calls a function: it is followed by <c>(</c>, and it is not the table
    /// of <c>INSERT INTO t (columns)</c> (or <c>REPLACE INTO</c>), whose column list also follows a name.
    /// </summary>
    private static bool IsFunctionCall(string sql, List<SqlToken> tokens, int index) =>
        index + 1 < tokens.Count
        && tokens[index + 1].Kind == SqlTokenKind.Symbol
        && tokens[index + 1].Length == 1
        && sql[tokens[index + 1].Start] == '('
        && !(index > 0 && tokens[index - 1].Kind == SqlTokenKind.Word && string.Equals(tokens[index - 1].Value, "INTO", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every declared table and column name, by its name ignoring case, with each spelling it is declared in (a table's
    /// <c>name</c> and another's <c>Name</c> are two).
    /// </summary>
    private static Dictionary<string, List<string>> DeclaredNames(SqlCatalog catalog)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        void Add(string name)
        {
            if (!names.TryGetValue(name, out List<string>? spellings))
            {
                names.Add(name, new List<string> { name });
            }
            else if (!spellings.Contains(name))
            {
                spellings.Add(name);
            }
        }

        foreach (SqlTable table in catalog.Tables)
        {
            Add(table.Name);
            foreach (SqlColumn column in table.Columns)
            {
                Add(column.Name);
            }
        }

        return names;
    }

    /// <summary>
    /// The declared spelling an unquoted word means: the one it is written in, when a name is declared in several;
    /// else the first declared.
    /// </summary>
    private static string SpellingOf(string word, List<string> spellings)
    {
        foreach (string spelling in spellings)
        {
            if (spelling == word)
            {
                return spelling;
            }
        }

        return spellings[0];
    }

    /// <summary>Whether the word at <paramref name="index"/> follows <c>AS</c>: an alias, or the type of a <c>CAST</c> (<c>AS TEXT</c>), never a declared name to quote.</summary>
    private static bool FollowsAs(List<SqlToken> tokens, int index) =>
        index > 0 && tokens[index - 1].Kind == SqlTokenKind.Word && string.Equals(tokens[index - 1].Value, "AS", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An unquoted word of a statement that names a declared table or column.</summary>
/// <param name="Start">Its offset in the SQL.</param>
/// <param name="Length">Its length.</param>
/// <param name="Declared">The name as declared (the spelling GenOrm's PostgreSQL DDL quotes).</param>
internal readonly record struct DeclaredName(int Start, int Length, string Declared);
