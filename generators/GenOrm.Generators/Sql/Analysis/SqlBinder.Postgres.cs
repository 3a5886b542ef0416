using System;
using System.Collections.Generic;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>
/// What runs differently on PostgreSQL: a statement SQLite accepts that PostgreSQL rejects (a function or operator it
/// does not have) or runs with another result (LIKE's case rule). They are noted beside the problems, never among
/// them: the statement is valid SQLite, and the generator reports them only when the project targets PostgreSQL.
/// </summary>
internal sealed partial class SqlBinder
{
    // The functions SQLite has and PostgreSQL has not (or has with another meaning), each with what to write instead
    // so that the statement runs on both. The rest of SqlFunctions exist on both with the same meaning.
    private static readonly Dictionary<string, string> SqliteOnlyFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["changes"] = "read the rows changed from the statement (an int [Query] returns them) instead",
        ["char"] = "PostgreSQL's is chr(), of one code point",
        ["format"] = "PostgreSQL's format() takes other placeholders (%s, %I, %L); concatenate with || instead",
        ["printf"] = "concatenate with || instead",
        ["glob"] = "use LIKE (with lower() on both sides for the same rows on both databases)",
        ["hex"] = "PostgreSQL writes encode(value, 'hex')",
        ["ifnull"] = "use coalesce(), which both databases have",
        ["iif"] = "use CASE WHEN ... THEN ... ELSE ... END, which both databases have",
        ["if"] = "use CASE WHEN ... THEN ... ELSE ... END, which both databases have",
        ["instr"] = "PostgreSQL's is strpos()",
        ["last_insert_rowid"] = "use RETURNING, which both databases have",
        ["like"] = "use the LIKE operator",
        ["likelihood"] = "leave the planner hint out",
        ["likely"] = "leave the planner hint out",
        ["unlikely"] = "leave the planner hint out",
        ["quote"] = "PostgreSQL's is quote_literal()",
        ["random"] = "PostgreSQL's random() is a double between 0 and 1, SQLite's a 64-bit integer",
        ["randomblob"] = "PostgreSQL has no such function",
        ["soundex"] = "PostgreSQL has it only in the fuzzystrmatch extension",
        ["sqlite_compileoption_get"] = "it is SQLite's own",
        ["sqlite_compileoption_used"] = "it is SQLite's own",
        ["sqlite_source_id"] = "it is SQLite's own",
        ["sqlite_version"] = "PostgreSQL's is version()",
        ["total_changes"] = "it is SQLite's own",
        ["typeof"] = "PostgreSQL's is pg_typeof(), with other names for the types",
        ["unhex"] = "PostgreSQL writes decode(value, 'hex')",
        ["unicode"] = "PostgreSQL's is ascii()",
        ["zeroblob"] = "PostgreSQL has no such function",
        ["date"] = "SQLite's date and time functions take modifiers PostgreSQL does not: pass the value as a parameter, or use CURRENT_DATE / CURRENT_TIMESTAMP, which both databases have",
        ["time"] = "SQLite's date and time functions take modifiers PostgreSQL does not: pass the value as a parameter, or use CURRENT_TIME, which both databases have",
        ["datetime"] = "SQLite's date and time functions take modifiers PostgreSQL does not: pass the value as a parameter, or use CURRENT_TIMESTAMP, which both databases have",
        ["julianday"] = "SQLite's date and time functions are its own: pass the value as a parameter",
        ["unixepoch"] = "PostgreSQL writes extract(epoch from ...)",
        ["strftime"] = "PostgreSQL's is to_char(), with other format codes",
        ["timediff"] = "PostgreSQL subtracts timestamps with -",
        ["log2"] = "PostgreSQL writes log(2, x), which SQLite has too",
        ["group_concat"] = "use string_agg(value, separator), which both databases have",
        ["total"] = "use coalesce(sum(...), 0), which both databases have",
    };

    private readonly List<SqlDifference> _postgres = new();

    /// <summary>Notes a construct PostgreSQL rejects or runs differently.</summary>
    private void NotePostgres(int start, int length, string message) =>
        _postgres.Add(new SqlDifference(start, length, message));

    /// <summary>A function call PostgreSQL does not run the same: SQLite's own functions, and the forms of the common ones it lacks.</summary>
    private void NotePostgresFunction(FunctionExpr function, SqlFunction chosen, List<Info> args)
    {
        string name = function.Name.Text;
        if (name.StartsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            NotePostgres(function.Name.Start, function.Name.Length,
                "'" + name + "' is SQLite's JSON function: PostgreSQL's JSON functions and operators have other names and take json or jsonb values");
        }
        else if (SqliteOnlyFunctions.TryGetValue(name, out string? instead))
        {
            NotePostgres(function.Name.Start, function.Name.Length, "PostgreSQL has no function '" + name + "' as SQLite has it: " + instead);
        }
        else if (chosen.Kind == SqlFunctionKind.Scalar && function.Args.Count > 1 && (NamesEqual(name, "max") || NamesEqual(name, "min")))
        {
            NotePostgres(function.Name.Start, function.Name.Length,
                "PostgreSQL's " + name.ToLowerInvariant() + "() is an aggregate of one argument (its '" + (NamesEqual(name, "max") ? "greatest" : "least")
                + "' is not SQLite's): write CASE WHEN ... THEN ... ELSE ... END to run on both");
        }
        else if (NamesEqual(name, "round") && args.Count == 2 && args[0].Type == SqlValueType.Real)
        {
            NotePostgres(function.Name.Start, function.Name.Length,
                "PostgreSQL's round(value, digits) takes a numeric, not a double precision or real: write round(CAST(value AS NUMERIC), digits) to run on both");
        }
        else if ((NamesEqual(name, "sum") || NamesEqual(name, "avg")) && args.Count == 1 && args[0].Origin is { Kind: Model.ColumnKind.Boolean } origin)
        {
            NotePostgres(function.Name.Start, function.Name.Length,
                "'" + origin.Column + "' is a boolean on PostgreSQL, which has no " + name.ToLowerInvariant() + "() of booleans: write "
                + name.ToLowerInvariant() + "(CASE WHEN " + origin.Column + " THEN 1 ELSE 0 END) to run on both");
        }
    }

    /// <summary>LIKE ignores ASCII case on SQLite and not on PostgreSQL; GLOB, REGEXP and MATCH are SQLite's own.</summary>
    private void NotePostgresLike(LikeExpr like)
    {
        if (like.Op == "GLOB")
        {
            NotePostgres(like.Start, like.End - like.Start, "PostgreSQL has no GLOB operator: use LIKE (with lower() on both sides for the same rows on both databases)");
        }
        else if (like.Op == "LIKE" && !(IsCaseFolded(like.Left) && (IsCaseFolded(like.Pattern) || IsCaselessLiteral(like.Pattern))))
        {
            NotePostgres(like.Start, like.End - like.Start,
                "LIKE ignores the case of ASCII letters on SQLite and not on PostgreSQL, so the same statement matches other rows there: "
                + "compare lower(...) LIKE lower(...) to match the same rows on both");
        }
    }

    /// <summary>PostgreSQL's IS takes NULL, TRUE or FALSE only; SQLite's compares any two values.</summary>
    private void NotePostgresIs(BinaryExpr binary)
    {
        if (binary.Op is "IS" or "IS NOT"
            && Unwrap(binary.Right) is not LiteralExpr { Type: SqlValueType.Null }
            && !IsBooleanLiteral(binary.Right)
            && !IsDistinctFrom(binary))
        {
            NotePostgres(binary.Start, binary.End - binary.Start,
                "PostgreSQL's " + binary.Op + " compares with NULL, TRUE or FALSE only: write " + (binary.Op == "IS" ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM")
                + ", which both databases have");
        }
    }

    /// <summary>Whether the operator is written IS [NOT] DISTINCT FROM (which the parser reads as IS NOT / IS).</summary>
    private bool IsDistinctFrom(BinaryExpr binary) =>
        _sql.IndexOf("DISTINCT", binary.Left.End, binary.Right.Start - binary.Left.End, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>A boolean column compared with an integer: PostgreSQL has no boolean = integer.</summary>
    private void NotePostgresComparison(BinaryExpr binary, Info left, Info right)
    {
        if (binary.Op is not ("=" or "==" or "!=" or "<>"))
        {
            return;
        }

        SqlExpr? number = left.Origin is { Kind: Model.ColumnKind.Boolean } ? binary.Right : right.Origin is { Kind: Model.ColumnKind.Boolean } ? binary.Left : null;
        if (number is not null && Unwrap(number) is LiteralExpr { Type: SqlValueType.Integer })
        {
            string column = (left.Origin ?? right.Origin)!.Column;
            NotePostgres(binary.Start, binary.End - binary.Start,
                "'" + column + "' is a boolean on PostgreSQL, which does not compare a boolean with an integer: write TRUE or FALSE, which both databases have");
        }
    }

    /// <summary>A column outside any aggregate in a query that aggregates without GROUP BY: SQLite takes it from some row.</summary>
    private void NotePostgresBareColumn(int start, int length) =>
        NotePostgres(start, length,
            "a column outside any aggregate, in a query that aggregates without GROUP BY, is taken from one of the rows on SQLite and refused by PostgreSQL: "
            + "put it inside an aggregate (max(...)) or in a GROUP BY");

    /// <summary>SQLite's <c>LIMIT offset, count</c>: PostgreSQL takes only <c>LIMIT count OFFSET offset</c>.</summary>
    private void NotePostgresLimit(SqlSelect select)
    {
        if (select.Limit is { } limit && select.Offset is { } offset && offset.Start < limit.Start)
        {
            NotePostgres(offset.Start, limit.End - offset.Start,
                "PostgreSQL has no LIMIT offset, count: write LIMIT count OFFSET offset, which both databases have");
        }
    }

    /// <summary>SQLite's <c>INSERT OR ...</c> and <c>REPLACE INTO</c>: PostgreSQL writes <c>ON CONFLICT</c>.</summary>
    private void NotePostgresConflictClause()
    {
        List<SqlToken> tokens = SqlLexer.Tokenize(_sql);
        int first = 0;
        while (first < tokens.Count && tokens[first].Kind != SqlTokenKind.Word)
        {
            first++;
        }

        // The statement's verb, after a WITH clause if any: INSERT OR x, or REPLACE, right after a word INSERT/REPLACE
        // that starts a statement or follows the CTEs' closing parenthesis.
        for (int i = first; i < tokens.Count; i++)
        {
            SqlToken token = tokens[i];
            if (token.Kind != SqlTokenKind.Word || token.Value is not { } word)
            {
                continue;
            }

            bool startsStatement = i == first || (i > 0 && tokens[i - 1].Kind != SqlTokenKind.Word);
            if (NamesEqual(word, "REPLACE") && startsStatement && IsWord(tokens, i + 1, "INTO"))
            {
                NotePostgres(token.Start, tokens[i + 1].End - token.Start,
                    "PostgreSQL has no REPLACE INTO: write INSERT ... ON CONFLICT (key) DO UPDATE SET ..., which both databases have");
                return;
            }

            if (NamesEqual(word, "INSERT") && IsWord(tokens, i + 1, "OR") && i + 2 < tokens.Count)
            {
                NotePostgres(token.Start, tokens[i + 2].End - token.Start,
                    "PostgreSQL has no INSERT OR " + tokens[i + 2].Value?.ToUpperInvariant() + ": write INSERT ... ON CONFLICT DO NOTHING or DO UPDATE SET ..., which both databases have");
                return;
            }
        }
    }

    private static bool IsWord(List<SqlToken> tokens, int index, string word) =>
        index < tokens.Count && tokens[index].Kind == SqlTokenKind.Word && tokens[index].Value is { } value && NamesEqual(value, word);

    /// <summary>Whether <paramref name="expr"/> is lower(...) or upper(...), whose case LIKE's rule cannot change.</summary>
    private static bool IsCaseFolded(SqlExpr expr) =>
        Unwrap(expr) is FunctionExpr { Args.Count: 1 } function && (NamesEqual(function.Name.Text, "lower") || NamesEqual(function.Name.Text, "upper"));

    /// <summary>Whether <paramref name="expr"/> is a string literal without ASCII letters, which matches the same on both.</summary>
    private bool IsCaselessLiteral(SqlExpr expr)
    {
        if (Unwrap(expr) is not LiteralExpr { Type: SqlValueType.Text } literal)
        {
            return false;
        }

        for (int i = literal.Start; i < literal.End; i++)
        {
            if (_sql[i] is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="expr"/> is TRUE or FALSE (which the parser reads as a name, as SQLite does).</summary>
    private static bool IsBooleanLiteral(SqlExpr expr) =>
        Unwrap(expr) is ColumnExpr { Table: null } reference
        && !reference.Column.Quoted
        && (NamesEqual(reference.Column.Text, "true") || NamesEqual(reference.Column.Text, "false"));
}
