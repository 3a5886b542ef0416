using System;
using System.Collections.Generic;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>Thrown inside the parser at the first syntax error or unsupported construct; never escapes the analyzer.</summary>
internal sealed class SqlParseException : Exception
{
    public SqlParseException(SqlProblem problem) : base(problem.Message) => Problem = problem;

    public SqlProblem Problem { get; }
}

/// <summary>A recursive-descent parser for SQLite's SELECT, INSERT, UPDATE and DELETE, into <see cref="SqlStatement"/>.</summary>
internal sealed class SqlParser
{
    // Keywords that SQLite never takes as an identifier (those without %fallback ID in parse.y), plus the join words,
    // which cannot be an alias.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ALL", "ALTER", "AND", "AS", "AUTOINCREMENT", "BETWEEN", "CASE", "CHECK", "COLLATE", "COMMIT",
        "CONSTRAINT", "CREATE", "DEFAULT", "DEFERRABLE", "DELETE", "DISTINCT", "DROP", "ELSE", "ESCAPE", "EXCEPT",
        "EXISTS", "FOREIGN", "FROM", "GROUP", "HAVING", "IN", "INDEX", "INSERT", "INTERSECT", "INTO", "IS",
        "ISNULL", "JOIN", "LIMIT", "NOT", "NOTHING", "NOTNULL", "NULL", "ON", "OR", "ORDER", "PRIMARY",
        "REFERENCES", "RETURNING", "SELECT", "SET", "TABLE", "THEN", "TO", "TRANSACTION", "UNION", "UNIQUE",
        "UPDATE", "USING", "VALUES", "WHEN", "WHERE", "BEGIN", "INDEXED",
    };

    private static readonly HashSet<string> JoinWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "CROSS", "FULL", "INNER", "LEFT", "NATURAL", "OUTER", "RIGHT",
    };

    private static readonly string[] ClauseKeywords = { "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "JOIN", "UNION", "SELECT", "VALUES", "SET" };

    private readonly string _sql;
    private readonly List<SqlToken> _tokens;
    private int _pos;

    // The token index of the last implicit alias (a bare word after an expression or table): a misspelt keyword such as
    // "form" is taken for one, and the error then belongs on it rather than on the word after it.
    private int _implicitAlias = -1;

    private SqlParser(string sql, List<SqlToken> tokens)
    {
        _sql = sql;
        _tokens = tokens;
    }

    /// <summary>Parses one statement (an optional trailing <c>;</c> allowed); throws <see cref="SqlParseException"/>.</summary>
    public static SqlStatement Parse(string sql)
    {
        var parser = new SqlParser(sql, SqlLexer.Tokenize(sql));
        return parser.ParseStatementAndEnd();
    }

    private SqlToken Current => _tokens[_pos];

    private SqlToken Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private SqlStatement ParseStatementAndEnd()
    {
        SqlToken first = Current;
        if (first.Kind == SqlTokenKind.End)
        {
            throw Problem(SqlProblemKind.Syntax, first, "the statement is empty: expected SELECT, INSERT, UPDATE or DELETE");
        }

        SqlStatement statement = ParseStatement();
        if (IsSymbol(Current, ";"))
        {
            _pos++;
            if (Current.Kind != SqlTokenKind.End)
            {
                throw Problem(SqlProblemKind.Unsupported, Current, "more than one statement is not understood by the checker: write one statement per query");
            }
        }

        if (Current.Kind != SqlTokenKind.End)
        {
            throw Expected(ExpectedAfterStatement(statement));
        }

        return statement;
    }

    private static string ExpectedAfterStatement(SqlStatement statement) => statement switch
    {
        SqlSelectStatement => "an operator, a clause (FROM, WHERE, GROUP BY, ORDER BY, LIMIT) or end of statement",
        _ => "an operator, a clause or end of statement",
    };

    private SqlStatement ParseStatement()
    {
        SqlWith? with = null;
        if (IsWord(Current, "WITH"))
        {
            with = ParseWith();
        }

        SqlToken token = Current;
        if (IsWord(token, "SELECT") || IsWord(token, "VALUES"))
        {
            return new SqlSelectStatement(ParseSelectBody(with, token.Start));
        }

        if (IsWord(token, "INSERT") || IsWord(token, "REPLACE"))
        {
            return ParseInsert(with);
        }

        if (IsWord(token, "UPDATE"))
        {
            return ParseUpdate(with);
        }

        if (IsWord(token, "DELETE"))
        {
            return ParseDelete(with);
        }

        if (token.Kind == SqlTokenKind.Word && with is null && IsOtherStatement(token.Value!))
        {
            throw Problem(SqlProblemKind.Unsupported, token, "'" + token.Value!.ToUpperInvariant() + "' statements are not understood by the checker: [Query] takes SELECT, INSERT, UPDATE or DELETE");
        }

        throw Expected(with is null ? "SELECT, VALUES, INSERT, UPDATE, DELETE or WITH" : "SELECT, INSERT, UPDATE or DELETE after the WITH clause");
    }

    private static bool IsOtherStatement(string word)
    {
        switch (word.ToUpperInvariant())
        {
            case "CREATE":
            case "DROP":
            case "ALTER":
            case "PRAGMA":
            case "EXPLAIN":
            case "BEGIN":
            case "COMMIT":
            case "END":
            case "ROLLBACK":
            case "SAVEPOINT":
            case "RELEASE":
            case "ATTACH":
            case "DETACH":
            case "VACUUM":
            case "ANALYZE":
            case "REINDEX":
                return true;
            default:
                return false;
        }
    }

    // ---------------- WITH / SELECT ----------------

    private SqlWith ParseWith()
    {
        _pos++;
        bool recursive = AcceptWord("RECURSIVE");
        var ctes = new List<SqlCte>();
        do
        {
            SqlName name = ExpectName("a common table expression name");
            List<SqlName>? columns = null;
            if (IsSymbol(Current, "("))
            {
                _pos++;
                columns = ParseNameList("a column name");
                ExpectSymbol(")", "')' or ',' in the column list");
            }

            ExpectWord("AS", "AS after the common table expression's name");
            if (AcceptWord("NOT"))
            {
                ExpectWord("MATERIALIZED", "MATERIALIZED after NOT");
            }
            else
            {
                AcceptWord("MATERIALIZED");
            }

            ExpectSymbol("(", "'(' before the common table expression's SELECT");
            SqlSelect select = ParseSelect();
            ExpectSymbol(")", "')' after the common table expression's SELECT");
            ctes.Add(new SqlCte(name, columns, select));
        }
        while (AcceptSymbol(","));

        return new SqlWith(recursive, ctes);
    }

    private SqlSelect ParseSelect()
    {
        int start = Current.Start;
        SqlWith? with = null;
        if (IsWord(Current, "WITH"))
        {
            with = ParseWith();
        }

        if (!IsWord(Current, "SELECT") && !IsWord(Current, "VALUES"))
        {
            throw Expected("SELECT or VALUES");
        }

        return ParseSelectBody(with, start);
    }

    private SqlSelect ParseSelectBody(SqlWith? with, int start)
    {
        var cores = new List<SqlSelectCore> { ParseCore() };
        var operators = new List<SqlName>();
        while (true)
        {
            SqlToken token = Current;
            if (IsWord(token, "UNION"))
            {
                _pos++;
                bool all = AcceptWord("ALL");
                operators.Add(new SqlName(all ? "UNION ALL" : "UNION", token.Start, _tokens[_pos - 1].End - token.Start, false));
            }
            else if (IsWord(token, "INTERSECT") || IsWord(token, "EXCEPT"))
            {
                _pos++;
                operators.Add(new SqlName(token.Value!.ToUpperInvariant(), token.Start, token.Length, false));
            }
            else
            {
                break;
            }

            if (!IsWord(Current, "SELECT") && !IsWord(Current, "VALUES"))
            {
                throw Expected("SELECT or VALUES after " + operators[operators.Count - 1].Text);
            }

            cores.Add(ParseCore());
        }

        List<SqlOrderTerm>? orderBy = null;
        if (IsWord(Current, "ORDER"))
        {
            _pos++;
            ExpectWord("BY", "BY after ORDER");
            orderBy = ParseOrderTerms();
        }

        SqlExpr? limit = null;
        SqlExpr? offset = null;
        if (AcceptWord("LIMIT"))
        {
            limit = ParseExpr();
            if (AcceptWord("OFFSET"))
            {
                offset = ParseExpr();
            }
            else if (AcceptSymbol(","))
            {
                // LIMIT offset, count
                offset = limit;
                limit = ParseExpr();
            }
        }

        return new SqlSelect(start, with, cores, operators, orderBy, limit, offset);
    }

    private SqlSelectCore ParseCore()
    {
        SqlToken first = Current;
        int start = first.Start;
        if (AcceptWord("VALUES"))
        {
            var rows = new List<IReadOnlyList<SqlExpr>>();
            do
            {
                ExpectSymbol("(", "'(' before a row of VALUES");
                rows.Add(ParseExprList());
                ExpectSymbol(")", "')' or ',' in the row of VALUES");
            }
            while (AcceptSymbol(","));

            return new SqlSelectCore(start, false, Array.Empty<SqlResultItem>(), null, null, null, null, null, rows);
        }

        ExpectWord("SELECT", "SELECT");
        bool distinct = false;
        if (AcceptWord("DISTINCT"))
        {
            distinct = true;
        }
        else
        {
            AcceptWord("ALL");
        }

        List<SqlResultItem> columns = ParseResultItems();
        SqlFrom? from = null;
        if (AcceptWord("FROM"))
        {
            from = ParseFrom();
        }

        SqlExpr? where = null;
        if (AcceptWord("WHERE"))
        {
            where = ParseExpr();
        }

        List<SqlExpr>? groupBy = null;
        SqlExpr? having = null;
        if (IsWord(Current, "GROUP"))
        {
            _pos++;
            ExpectWord("BY", "BY after GROUP");
            groupBy = ParseExprList();
        }

        if (AcceptWord("HAVING"))
        {
            having = ParseExpr();
        }

        List<SqlNamedWindow>? windows = null;
        if (IsWord(Current, "WINDOW") && IsName(Peek(1)) && IsWord(Peek(2), "AS"))
        {
            _pos++;
            windows = new List<SqlNamedWindow>();
            do
            {
                SqlName name = ExpectName("a window name");
                ExpectWord("AS", "AS after the window name");
                windows.Add(new SqlNamedWindow(name, ParseWindowDefinition()));
            }
            while (AcceptSymbol(","));
        }

        return new SqlSelectCore(start, distinct, columns, from, where, groupBy, having, windows, null);
    }

    private List<SqlResultItem> ParseResultItems()
    {
        var items = new List<SqlResultItem>();
        do
        {
            SqlToken token = Current;
            if (IsSymbol(token, "*"))
            {
                _pos++;
                items.Add(new SqlResultItem(null, null, null, token.Start, token.End));
                continue;
            }

            if (IsName(token) && IsSymbol(Peek(1), ".") && IsSymbol(Peek(2), "*"))
            {
                SqlName table = NameOf(token);
                _pos += 3;
                items.Add(new SqlResultItem(null, table, null, token.Start, _tokens[_pos - 1].End));
                continue;
            }

            if (token.Kind == SqlTokenKind.End || (IsReservedWord(token) && !StartsExpression(token)))
            {
                throw Expected("a result column (an expression or *)");
            }

            SqlExpr expr = ParseExpr();
            SqlName? alias = ParseAlias(allowString: true);
            items.Add(new SqlResultItem(expr, null, alias, expr.Start, expr.End));
        }
        while (AcceptSymbol(","));

        return items;
    }

    private SqlName? ParseAlias(bool allowString)
    {
        if (AcceptWord("AS"))
        {
            SqlToken token = Current;
            if (allowString && token.Kind == SqlTokenKind.String)
            {
                _pos++;
                return StringName(token);
            }

            return ExpectName("an alias after AS");
        }

        SqlToken next = Current;
        if (next.Kind == SqlTokenKind.QuotedIdentifier
            || (next.Kind == SqlTokenKind.Word && !IsReservedWord(next) && !JoinWords.Contains(next.Value!) && !IsContextWord(next)))
        {
            _implicitAlias = _pos;
            _pos++;
            return NameOf(next);
        }

        if (allowString && next.Kind == SqlTokenKind.String)
        {
            _pos++;
            return StringName(next);
        }

        return null;
    }

    // Words that are identifiers to SQLite but that start the next clause where an alias could stand.
    private bool IsContextWord(SqlToken token) =>
        (IsWord(token, "WINDOW") && IsName(Peek(1)) && IsWord(Peek(2), "AS"))
        || IsWord(token, "INDEXED")
        || (IsWord(token, "NOT") && IsWord(Peek(1), "INDEXED"));

    private SqlName StringName(SqlToken token) =>
        new(_sql.Substring(token.Start + 1, token.Length - 2).Replace("''", "'"), token.Start, token.Length, true);

    private List<SqlOrderTerm> ParseOrderTerms()
    {
        var terms = new List<SqlOrderTerm>();
        do
        {
            SqlExpr expr = ParseExpr();
            if (!AcceptWord("ASC"))
            {
                AcceptWord("DESC");
            }

            if (AcceptWord("NULLS"))
            {
                if (!AcceptWord("FIRST"))
                {
                    ExpectWord("LAST", "FIRST or LAST after NULLS");
                }
            }

            terms.Add(new SqlOrderTerm(expr));
        }
        while (AcceptSymbol(","));

        return terms;
    }

    // ---------------- FROM ----------------

    private SqlFrom ParseFrom()
    {
        SqlFrom left = ParseFromItem();
        while (true)
        {
            SqlToken token = Current;
            SqlJoinKind kind;
            bool natural = false;
            if (IsSymbol(token, ","))
            {
                _pos++;
                kind = SqlJoinKind.Inner;
            }
            else if (IsWord(token, "JOIN"))
            {
                kind = SqlJoinKind.Inner;
            }
            else if (token.Kind == SqlTokenKind.Word && JoinWords.Contains(token.Value!))
            {
                kind = SqlJoinKind.Inner;
                int words = 0;
                while (Current.Kind == SqlTokenKind.Word && JoinWords.Contains(Current.Value!))
                {
                    string word = Current.Value!.ToUpperInvariant();
                    switch (word)
                    {
                        case "NATURAL": natural = true; break;
                        case "LEFT": kind = SqlJoinKind.Left; break;
                        case "RIGHT": kind = SqlJoinKind.Right; break;
                        case "FULL": kind = SqlJoinKind.Full; break;
                        case "CROSS": kind = SqlJoinKind.Cross; break;
                    }

                    words++;
                    _pos++;
                }

                if (words > 3 || !IsWord(Current, "JOIN"))
                {
                    throw Expected("JOIN");
                }
            }
            else
            {
                return left;
            }

            if (!IsSymbol(token, ","))
            {
                ExpectWord("JOIN", "JOIN");
            }

            SqlToken rightStart = Current;
            SqlFrom right = ParseFromItem();
            SqlExpr? on = null;
            List<SqlName>? usingColumns = null;
            if (AcceptWord("ON"))
            {
                on = ParseExpr();
            }
            else if (AcceptWord("USING"))
            {
                ExpectSymbol("(", "'(' after USING");
                usingColumns = ParseNameList("a column name");
                ExpectSymbol(")", "')' or ',' in the USING list");
            }

            if (natural && (on is not null || usingColumns is not null))
            {
                throw Problem(SqlProblemKind.Syntax, rightStart, "a NATURAL join may not have an ON or USING clause");
            }

            left = new SqlJoin(left, right, kind, natural, on, usingColumns);
        }
    }

    private SqlFrom ParseFromItem()
    {
        SqlToken token = Current;
        if (IsSymbol(token, "("))
        {
            if (IsWord(Peek(1), "SELECT") || IsWord(Peek(1), "VALUES") || IsWord(Peek(1), "WITH"))
            {
                _pos++;
                SqlSelect select = ParseSelect();
                ExpectSymbol(")", "')' after the subquery");
                SqlName? alias = ParseAlias(allowString: false);
                return new SqlSubqueryFrom(select, alias, token.Start);
            }

            _pos++;
            SqlFrom inner = ParseFrom();
            ExpectSymbol(")", "')' after the parenthesized join");
            if (ParseAlias(allowString: false) is { } innerAlias)
            {
                throw Problem(SqlProblemKind.Unsupported, innerAlias.Start, innerAlias.Length, "an alias on a parenthesized join is not understood by the checker");
            }

            return inner;
        }

        return ParseTableRef(allowFunction: true, allowAlias: true, "a table name or '(' after FROM or JOIN");
    }

    private SqlTableRef ParseTableRef(bool allowFunction, bool allowAlias, string what)
    {
        SqlName? schema = null;
        SqlName name = ExpectName(what);
        if (IsSymbol(Current, ".") && IsName(Peek(1)))
        {
            _pos++;
            schema = name;
            name = ExpectName("a table name");
        }

        List<SqlExpr>? args = null;
        if (allowFunction && IsSymbol(Current, "("))
        {
            _pos++;
            args = IsSymbol(Current, ")") ? new List<SqlExpr>() : ParseExprList();
            ExpectSymbol(")", "')' or ',' in the table function's arguments");
        }

        int end = _tokens[_pos - 1].End;
        SqlName? alias = allowAlias ? ParseAlias(allowString: false) : null;
        if (IsWord(Current, "INDEXED"))
        {
            _pos++;
            ExpectWord("BY", "BY after INDEXED");
            SqlName index = ExpectName("an index name");
            throw Problem(SqlProblemKind.Unsupported, index.Start, index.Length, "INDEXED BY is not understood by the checker");
        }

        if (IsWord(Current, "NOT") && IsWord(Peek(1), "INDEXED"))
        {
            _pos += 2;
        }

        return new SqlTableRef(schema, name, alias, args, end);
    }

    // ---------------- DML ----------------

    private SqlInsert ParseInsert(SqlWith? with)
    {
        if (AcceptWord("REPLACE"))
        {
        }
        else
        {
            ExpectWord("INSERT", "INSERT");
            if (AcceptWord("OR"))
            {
                ExpectConflictResolution();
            }
        }

        ExpectWord("INTO", "INTO after INSERT");
        SqlTableRef table = ParseTableRef(allowFunction: false, allowAlias: false, "a table name after INTO");
        if (AcceptWord("AS"))
        {
            SqlName alias = ExpectName("an alias after AS");
            table = new SqlTableRef(table.Schema, table.Name, alias, null, table.End);
        }

        List<SqlName>? columns = null;
        if (IsSymbol(Current, "("))
        {
            _pos++;
            columns = ParseNameList("a column name");
            ExpectSymbol(")", "')' or ',' in the column list");
        }

        SqlSelect? source = null;
        if (IsWord(Current, "DEFAULT"))
        {
            _pos++;
            ExpectWord("VALUES", "VALUES after DEFAULT");
        }
        else if (IsWord(Current, "SELECT") || IsWord(Current, "VALUES") || IsWord(Current, "WITH"))
        {
            source = ParseSelect();
        }
        else
        {
            throw Expected(columns is null ? "'(', VALUES, SELECT or DEFAULT VALUES" : "VALUES or SELECT");
        }

        var upserts = new List<SqlUpsert>();
        while (IsWord(Current, "ON") && IsWord(Peek(1), "CONFLICT"))
        {
            if (source is null)
            {
                throw Expected("RETURNING or end of statement (DEFAULT VALUES takes no ON CONFLICT)");
            }

            _pos += 2;
            List<SqlExpr>? target = null;
            SqlExpr? targetWhere = null;
            if (AcceptSymbol("("))
            {
                target = new List<SqlExpr>();
                do
                {
                    target.Add(ParseExpr());
                    if (!AcceptWord("ASC"))
                    {
                        AcceptWord("DESC");
                    }
                }
                while (AcceptSymbol(","));

                ExpectSymbol(")", "')' or ',' in the conflict target");
                if (AcceptWord("WHERE"))
                {
                    targetWhere = ParseExpr();
                }
            }

            ExpectWord("DO", "DO after ON CONFLICT");
            if (AcceptWord("NOTHING"))
            {
                upserts.Add(new SqlUpsert(target, targetWhere, null, null));
            }
            else
            {
                ExpectWord("UPDATE", "NOTHING or UPDATE after DO");
                ExpectWord("SET", "SET after DO UPDATE");
                List<SqlSetClause> set = ParseSetList();
                SqlExpr? where = AcceptWord("WHERE") ? ParseExpr() : null;
                upserts.Add(new SqlUpsert(target, targetWhere, set, where));
            }
        }

        List<SqlResultItem>? returning = ParseReturning();
        return new SqlInsert(with, table, columns, source, upserts, returning);
    }

    private SqlUpdate ParseUpdate(SqlWith? with)
    {
        _pos++;
        if (AcceptWord("OR"))
        {
            ExpectConflictResolution();
        }

        SqlTableRef table = ParseTableRef(allowFunction: false, allowAlias: true, "a table name after UPDATE");
        ExpectWord("SET", "SET");
        List<SqlSetClause> set = ParseSetList();
        SqlFrom? from = AcceptWord("FROM") ? ParseFrom() : null;
        SqlExpr? where = AcceptWord("WHERE") ? ParseExpr() : null;
        List<SqlResultItem>? returning = ParseReturning();
        return new SqlUpdate(with, table, set, from, where, returning);
    }

    private SqlDelete ParseDelete(SqlWith? with)
    {
        _pos++;
        ExpectWord("FROM", "FROM after DELETE");
        SqlTableRef table = ParseTableRef(allowFunction: false, allowAlias: true, "a table name after DELETE FROM");
        SqlExpr? where = AcceptWord("WHERE") ? ParseExpr() : null;
        List<SqlResultItem>? returning = ParseReturning();
        return new SqlDelete(with, table, where, returning);
    }

    private void ExpectConflictResolution()
    {
        SqlToken token = Current;
        if (IsWord(token, "ROLLBACK") || IsWord(token, "ABORT") || IsWord(token, "REPLACE") || IsWord(token, "FAIL") || IsWord(token, "IGNORE"))
        {
            _pos++;
            return;
        }

        throw Expected("ROLLBACK, ABORT, REPLACE, FAIL or IGNORE after OR");
    }

    private List<SqlSetClause> ParseSetList()
    {
        var list = new List<SqlSetClause>();
        do
        {
            List<SqlName> columns;
            if (AcceptSymbol("("))
            {
                columns = ParseNameList("a column name");
                ExpectSymbol(")", "')' or ',' in the column list");
            }
            else
            {
                columns = new List<SqlName> { ExpectName("a column name in SET") };
            }

            ExpectSymbol("=", "'=' after the column name");
            list.Add(new SqlSetClause(columns, ParseExpr()));
        }
        while (AcceptSymbol(","));

        return list;
    }

    private List<SqlResultItem>? ParseReturning() => AcceptWord("RETURNING") ? ParseResultItems() : null;

    // ---------------- Expressions ----------------

    private List<SqlExpr> ParseExprList()
    {
        var list = new List<SqlExpr> { ParseExpr() };
        while (AcceptSymbol(","))
        {
            list.Add(ParseExpr());
        }

        return list;
    }

    private SqlExpr ParseExpr()
    {
        // Deeply nested SQL must not overflow the compiler's stack: this throws a catchable exception first.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return ParseOr();
    }

    private SqlExpr ParseOr()
    {
        SqlExpr left = ParseAnd();
        while (IsWord(Current, "OR"))
        {
            _pos++;
            SqlExpr right = ParseAnd();
            left = new BinaryExpr(left.Start, right.End, "OR", left, right);
        }

        return left;
    }

    private SqlExpr ParseAnd()
    {
        SqlExpr left = ParseNot();
        while (IsWord(Current, "AND"))
        {
            _pos++;
            SqlExpr right = ParseNot();
            left = new BinaryExpr(left.Start, right.End, "AND", left, right);
        }

        return left;
    }

    private SqlExpr ParseNot()
    {
        SqlToken token = Current;
        if (IsWord(token, "NOT"))
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            _pos++;
            SqlExpr operand = ParseNot();
            return new UnaryExpr(token.Start, operand.End, "NOT", operand);
        }

        return ParseEquality();
    }

    private SqlExpr ParseEquality()
    {
        SqlExpr left = ParseComparison();
        while (true)
        {
            SqlToken token = Current;
            if (token.Kind == SqlTokenKind.Symbol && (token.Value is "=" or "==" or "!=" or "<>"))
            {
                _pos++;
                SqlExpr right = ParseComparison();
                left = new BinaryExpr(left.Start, right.End, token.Value, left, right);
                continue;
            }

            if (IsWord(token, "IS"))
            {
                _pos++;
                bool not = AcceptWord("NOT");
                string op = not ? "IS NOT" : "IS";
                if (AcceptWord("DISTINCT"))
                {
                    ExpectWord("FROM", "FROM after IS DISTINCT");
                    op = not ? "IS" : "IS NOT";
                }

                SqlExpr right = ParseComparison();
                left = new BinaryExpr(left.Start, right.End, op, left, right);
                continue;
            }

            if (IsWord(token, "ISNULL") || IsWord(token, "NOTNULL"))
            {
                _pos++;
                left = new NullTestExpr(left.Start, token.End, IsWord(token, "NOTNULL"), left);
                continue;
            }

            bool negated = false;
            int save = _pos;
            if (IsWord(token, "NOT"))
            {
                SqlToken next = Peek(1);
                if (IsWord(next, "NULL"))
                {
                    _pos += 2;
                    left = new NullTestExpr(left.Start, next.End, true, left);
                    continue;
                }

                if (IsWord(next, "IN") || IsWord(next, "LIKE") || IsWord(next, "GLOB") || IsWord(next, "REGEXP") || IsWord(next, "MATCH") || IsWord(next, "BETWEEN"))
                {
                    negated = true;
                    _pos++;
                    token = Current;
                }
            }

            if (IsWord(token, "IN"))
            {
                _pos++;
                left = ParseIn(left, negated);
                continue;
            }

            if (IsWord(token, "LIKE") || IsWord(token, "GLOB") || IsWord(token, "REGEXP") || IsWord(token, "MATCH"))
            {
                _pos++;
                SqlExpr pattern = ParseComparison();
                SqlExpr? escape = null;
                if (AcceptWord("ESCAPE"))
                {
                    escape = ParseComparison();
                }

                int end = (escape ?? pattern).End;
                left = new LikeExpr(left.Start, end, token.Value!.ToUpperInvariant(), negated, left, pattern, escape);
                continue;
            }

            if (IsWord(token, "BETWEEN"))
            {
                _pos++;
                SqlExpr low = ParseComparison();
                ExpectWord("AND", "AND in BETWEEN");
                SqlExpr high = ParseComparison();
                left = new BetweenExpr(left.Start, high.End, negated, left, low, high);
                continue;
            }

            _pos = save;
            return left;
        }
    }

    private SqlExpr ParseIn(SqlExpr left, bool negated)
    {
        if (AcceptSymbol("("))
        {
            if (IsWord(Current, "SELECT") || IsWord(Current, "VALUES") || IsWord(Current, "WITH"))
            {
                SqlSelect select = ParseSelect();
                SqlToken close = Current;
                ExpectSymbol(")", "')' after the subquery");
                return new InExpr(left.Start, close.End, negated, left, null, select, null);
            }

            List<SqlExpr> items = IsSymbol(Current, ")") ? new List<SqlExpr>() : ParseExprList();
            SqlToken end = Current;
            ExpectSymbol(")", "')' or ',' in the IN list");
            return new InExpr(left.Start, end.End, negated, left, items, null, null);
        }

        if (IsName(Current))
        {
            SqlTableRef table = ParseTableRef(allowFunction: true, allowAlias: false, "a table name");
            return new InExpr(left.Start, table.End, negated, left, null, null, table);
        }

        throw Expected("'(' or a table name after IN");
    }

    private static readonly string[] ComparisonOperators = { "<", "<=", ">", ">=" };
    private static readonly string[] BitwiseOperators = { "&", "|", "<<", ">>" };
    private static readonly string[] AdditiveOperators = { "+", "-" };
    private static readonly string[] MultiplicativeOperators = { "*", "/", "%" };
    private static readonly string[] ConcatOperators = { "||", "->", "->>" };

    /// <summary>
    /// Parses one precedence level of left-associative binary operators: <paramref name="operand"/> (the next, tighter
    /// level), then any number of <c>operator operand</c> pairs whose operator is one of <paramref name="operators"/>.
    /// </summary>
    private SqlExpr ParseLeftAssociative(string[] operators, Func<SqlParser, SqlExpr> operand)
    {
        SqlExpr left = operand(this);
        while (Current.Kind == SqlTokenKind.Symbol && Array.IndexOf(operators, Current.Value) >= 0)
        {
            string op = Current.Value!;
            _pos++;
            SqlExpr right = operand(this);
            left = new BinaryExpr(left.Start, right.End, op, left, right);
        }

        return left;
    }

    private SqlExpr ParseComparison() => ParseLeftAssociative(ComparisonOperators, static parser => parser.ParseBitwise());

    private SqlExpr ParseBitwise() => ParseLeftAssociative(BitwiseOperators, static parser => parser.ParseAdditive());

    private SqlExpr ParseAdditive() => ParseLeftAssociative(AdditiveOperators, static parser => parser.ParseMultiplicative());

    private SqlExpr ParseMultiplicative() => ParseLeftAssociative(MultiplicativeOperators, static parser => parser.ParseConcat());

    private SqlExpr ParseConcat() => ParseLeftAssociative(ConcatOperators, static parser => parser.ParseCollate());

    private SqlExpr ParseCollate()
    {
        SqlExpr operand = ParseUnary();
        while (IsWord(Current, "COLLATE"))
        {
            _pos++;
            SqlToken token = Current;
            SqlName name;
            if (token.Kind == SqlTokenKind.String)
            {
                _pos++;
                name = StringName(token);
            }
            else
            {
                name = ExpectName("a collation name after COLLATE");
            }

            operand = new CollateExpr(operand.Start, token.End, operand, name);
        }

        return operand;
    }

    private SqlExpr ParseUnary()
    {
        SqlToken token = Current;
        if (token.Kind == SqlTokenKind.Symbol && (token.Value is "-" or "+" or "~"))
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            _pos++;
            SqlExpr operand = ParseUnary();
            return new UnaryExpr(token.Start, operand.End, token.Value, operand);
        }

        return ParsePrimary();
    }

    private bool StartsExpression(SqlToken token) =>
        IsWord(token, "NOT") || IsWord(token, "NULL") || IsWord(token, "CASE") || IsWord(token, "EXISTS");

    private SqlExpr ParsePrimary()
    {
        SqlToken token = Current;
        switch (token.Kind)
        {
            case SqlTokenKind.Integer:
                if (token.Length > 2 && (_sql[token.Start + 1] is 'x' or 'X') && HexDigits(token) > 16)
                {
                    throw Problem(SqlProblemKind.Syntax, token, "hex literal too big: " + Excerpt(token));
                }

                _pos++;

                // A decimal integer beyond 64 bits is read as a REAL.
                return new LiteralExpr(token.Start, token.End, FitsInt64(token) ? SqlValueType.Integer : SqlValueType.Real);
            case SqlTokenKind.Real:
                _pos++;
                return new LiteralExpr(token.Start, token.End, SqlValueType.Real);
            case SqlTokenKind.String:
                _pos++;
                return new LiteralExpr(token.Start, token.End, SqlValueType.Text);
            case SqlTokenKind.Blob:
                _pos++;
                return new LiteralExpr(token.Start, token.End, SqlValueType.Blob);
            case SqlTokenKind.Parameter:
                _pos++;
                return new ParameterExpr(token.Start, token.End, token.Value!);
            case SqlTokenKind.Illegal:
                throw Problem(SqlProblemKind.Syntax, token, "unrecognized token '" + Excerpt(token) + "'");
            case SqlTokenKind.End:
                throw Expected("an expression");
            case SqlTokenKind.Symbol:
                if (token.Value == "(")
                {
                    _pos++;
                    if (IsWord(Current, "SELECT") || IsWord(Current, "VALUES") || IsWord(Current, "WITH"))
                    {
                        SqlSelect select = ParseSelect();
                        SqlToken close = Current;
                        ExpectSymbol(")", "')' after the subquery");
                        return new SubqueryExpr(token.Start, close.End, select);
                    }

                    List<SqlExpr> items = ParseExprList();
                    SqlToken end = Current;
                    ExpectSymbol(")", "')' or an operator");
                    return items.Count == 1 ? Reparenthesize(items[0], token.Start, end.End) : new VectorExpr(token.Start, end.End, items);
                }

                throw Expected("an expression");
        }

        if (token.Kind == SqlTokenKind.Word)
        {
            string word = token.Value!;
            if (IsWord(token, "NULL"))
            {
                _pos++;
                return new LiteralExpr(token.Start, token.End, SqlValueType.Null);
            }

            if (IsWord(token, "CURRENT_TIME") || IsWord(token, "CURRENT_DATE") || IsWord(token, "CURRENT_TIMESTAMP"))
            {
                _pos++;
                return new LiteralExpr(token.Start, token.End, SqlValueType.Text);
            }

            if (IsWord(token, "CASE"))
            {
                return ParseCase();
            }

            if (IsWord(token, "EXISTS"))
            {
                _pos++;
                ExpectSymbol("(", "'(' after EXISTS");
                SqlSelect select = ParseSelect();
                SqlToken close = Current;
                ExpectSymbol(")", "')' after the subquery");
                return new ExistsExpr(token.Start, close.End, select);
            }

            if (IsWord(token, "CAST") && IsSymbol(Peek(1), "("))
            {
                _pos += 2;
                SqlExpr operand = ParseExpr();
                ExpectWord("AS", "AS in CAST");
                string typeName = ParseTypeName();
                SqlToken close = Current;
                ExpectSymbol(")", "')' after the CAST type");
                return new CastExpr(token.Start, close.End, operand, typeName);
            }

            if (IsWord(token, "RAISE") && IsSymbol(Peek(1), "("))
            {
                throw Problem(SqlProblemKind.Unsupported, token, "RAISE is not understood by the checker (it belongs in triggers)");
            }

            if (Reserved.Contains(word))
            {
                throw Expected("an expression");
            }
        }

        if (IsName(token))
        {
            _pos++;
            SqlName first = NameOf(token);
            if (token.Kind == SqlTokenKind.Word && IsSymbol(Current, "("))
            {
                return ParseFunction(first);
            }

            if (IsSymbol(Current, ".") && IsName(Peek(1)))
            {
                _pos++;
                SqlName second = NameOf(Current);
                _pos++;
                if (IsSymbol(Current, ".") && IsName(Peek(1)))
                {
                    _pos++;
                    SqlName third = NameOf(Current);
                    _pos++;
                    return new ColumnExpr(token.Start, third.Start + third.Length, first, second, third);
                }

                return new ColumnExpr(token.Start, second.Start + second.Length, null, first, second);
            }

            if (IsSymbol(Current, "."))
            {
                _pos++;
                throw Expected("a column name after '.'");
            }

            return new ColumnExpr(token.Start, token.End, null, null, first);
        }

        throw Expected("an expression");
    }

    // A parenthesized expression keeps its parentheses in its span: SQLite names "(a + b)" with them.
    private static SqlExpr Reparenthesize(SqlExpr inner, int start, int end) => new ParenExpr(start, end, inner);

    private bool FitsInt64(SqlToken token)
    {
        if (token.Length > 2 && (_sql[token.Start + 1] is 'x' or 'X'))
        {
            return true;
        }

        string digits = _sql.Substring(token.Start, token.Length).Replace("_", string.Empty);
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    private int HexDigits(SqlToken token)
    {
        int i = token.Start + 2;
        while (i < token.End && _sql[i] == '0')
        {
            i++;
        }

        return token.End - i;
    }

    private SqlExpr ParseCase()
    {
        SqlToken caseToken = Current;
        _pos++;
        SqlExpr? operand = IsWord(Current, "WHEN") ? null : ParseExpr();
        var whens = new List<SqlExpr>();
        var thens = new List<SqlExpr>();
        while (AcceptWord("WHEN"))
        {
            whens.Add(ParseExpr());
            ExpectWord("THEN", "THEN after the WHEN condition");
            thens.Add(ParseExpr());
        }

        if (whens.Count == 0)
        {
            throw Expected("WHEN in CASE");
        }

        SqlExpr? elseExpr = AcceptWord("ELSE") ? ParseExpr() : null;
        SqlToken end = Current;
        ExpectWord("END", "WHEN, ELSE or END in CASE");
        return new CaseExpr(caseToken.Start, end.End, operand, whens, thens, elseExpr);
    }

    private string ParseTypeName()
    {
        int start = Current.Start;
        if (IsSymbol(Current, ")"))
        {
            // SQLite takes CAST(x AS) with no type name: no affinity.
            return string.Empty;
        }

        if (!IsName(Current))
        {
            throw Expected("a type name");
        }

        while (IsName(Current))
        {
            _pos++;
        }

        if (AcceptSymbol("("))
        {
            AcceptSymbol("+");
            AcceptSymbol("-");
            if (Current.Kind is SqlTokenKind.Integer or SqlTokenKind.Real)
            {
                _pos++;
            }
            else
            {
                throw Expected("a number in the type's size");
            }

            if (AcceptSymbol(","))
            {
                AcceptSymbol("+");
                AcceptSymbol("-");
                if (Current.Kind is SqlTokenKind.Integer or SqlTokenKind.Real)
                {
                    _pos++;
                }
                else
                {
                    throw Expected("a number in the type's size");
                }
            }

            ExpectSymbol(")", "')' after the type's size");
        }

        return _sql.Substring(start, _tokens[_pos - 1].End - start);
    }

    private SqlExpr ParseFunction(SqlName name)
    {
        _pos++; // (
        var args = new List<SqlExpr>();
        bool star = false;
        bool distinct = false;
        List<SqlOrderTerm>? orderBy = null;
        if (IsSymbol(Current, "*"))
        {
            _pos++;
            star = true;
        }
        else if (!IsSymbol(Current, ")"))
        {
            if (AcceptWord("DISTINCT"))
            {
                distinct = true;
            }
            else
            {
                AcceptWord("ALL");
            }

            args = ParseExprList();
            if (IsWord(Current, "ORDER") && IsWord(Peek(1), "BY"))
            {
                _pos += 2;
                orderBy = ParseOrderTerms();
            }
        }

        SqlToken close = Current;
        ExpectSymbol(")", "')' or ',' in the arguments of " + name.Text + "()");
        int end = close.End;
        SqlExpr? filter = null;
        if (IsWord(Current, "FILTER") && IsSymbol(Peek(1), "("))
        {
            _pos += 2;
            ExpectWord("WHERE", "WHERE after FILTER (");
            filter = ParseExpr();
            end = Current.End;
            ExpectSymbol(")", "')' after the FILTER condition");
        }

        SqlWindow? over = null;
        if (IsWord(Current, "OVER") && (IsSymbol(Peek(1), "(") || IsName(Peek(1))))
        {
            _pos++;
            if (IsSymbol(Current, "("))
            {
                over = ParseWindowDefinition();
            }
            else
            {
                SqlName windowName = ExpectName("a window name");
                over = new SqlWindow(windowName, null, null, Array.Empty<SqlExpr>(), true);
            }

            end = _tokens[_pos - 1].End;
        }

        return new FunctionExpr(name.Start, end, name, args, star, distinct, orderBy, filter, over);
    }

    private SqlWindow ParseWindowDefinition()
    {
        ExpectSymbol("(", "'(' before the window definition");
        SqlName? baseName = null;
        if (IsName(Current) && !IsWord(Current, "PARTITION") && !IsWord(Current, "ORDER") && !IsWord(Current, "RANGE")
            && !IsWord(Current, "ROWS") && !IsWord(Current, "GROUPS"))
        {
            baseName = NameOf(Current);
            _pos++;
        }

        List<SqlExpr>? partition = null;
        if (IsWord(Current, "PARTITION"))
        {
            _pos++;
            ExpectWord("BY", "BY after PARTITION");
            partition = ParseExprList();
        }

        List<SqlOrderTerm>? orderBy = null;
        if (IsWord(Current, "ORDER"))
        {
            _pos++;
            ExpectWord("BY", "BY after ORDER");
            orderBy = ParseOrderTerms();
        }

        var bounds = new List<SqlExpr>();
        SqlToken frameToken = Current;
        if (AcceptWord("RANGE") || AcceptWord("ROWS") || AcceptWord("GROUPS"))
        {
            if (AcceptWord("BETWEEN"))
            {
                ParseFrameBound(bounds);
                ExpectWord("AND", "AND in the frame's BETWEEN");
                ParseFrameBound(bounds);
            }
            else
            {
                ParseFrameBound(bounds);
            }

            if (AcceptWord("EXCLUDE"))
            {
                if (AcceptWord("NO"))
                {
                    ExpectWord("OTHERS", "OTHERS after EXCLUDE NO");
                }
                else if (AcceptWord("CURRENT"))
                {
                    ExpectWord("ROW", "ROW after EXCLUDE CURRENT");
                }
                else if (!AcceptWord("GROUP") && !AcceptWord("TIES"))
                {
                    throw Expected("NO OTHERS, CURRENT ROW, GROUP or TIES after EXCLUDE");
                }
            }
        }

        ExpectSymbol(")", "')' at the end of the window definition");
        SqlName? rangeWithOffset = IsWord(frameToken, "RANGE") && bounds.Count > 0 ? NameOf(frameToken) : null;
        return new SqlWindow(baseName, partition, orderBy, bounds, false, rangeWithOffset);
    }

    private void ParseFrameBound(List<SqlExpr> bounds)
    {
        if (AcceptWord("UNBOUNDED"))
        {
            if (!AcceptWord("PRECEDING"))
            {
                ExpectWord("FOLLOWING", "PRECEDING or FOLLOWING after UNBOUNDED");
            }

            return;
        }

        if (IsWord(Current, "CURRENT") && IsWord(Peek(1), "ROW"))
        {
            _pos += 2;
            return;
        }

        bounds.Add(ParseExpr());
        if (!AcceptWord("PRECEDING"))
        {
            ExpectWord("FOLLOWING", "PRECEDING or FOLLOWING in the frame");
        }
    }

    // ---------------- Helpers ----------------

    private List<SqlName> ParseNameList(string what)
    {
        var names = new List<SqlName> { ExpectName(what) };
        while (AcceptSymbol(","))
        {
            names.Add(ExpectName(what));
        }

        return names;
    }

    private static bool IsWord(SqlToken token, string word) =>
        token.Kind == SqlTokenKind.Word && string.Equals(token.Value, word, StringComparison.OrdinalIgnoreCase);

    private static bool IsSymbol(SqlToken token, string symbol) =>
        token.Kind == SqlTokenKind.Symbol && token.Value == symbol;

    private static bool IsReservedWord(SqlToken token) => token.Kind == SqlTokenKind.Word && Reserved.Contains(token.Value!);

    private static bool IsName(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Word && !Reserved.Contains(token.Value!));

    private static SqlName NameOf(SqlToken token) => new(token.Value!, token.Start, token.Length, token.Kind == SqlTokenKind.QuotedIdentifier);

    private bool AcceptWord(string word)
    {
        if (IsWord(Current, word))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (IsSymbol(Current, symbol))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void ExpectWord(string word, string what)
    {
        if (!AcceptWord(word))
        {
            throw Expected(what);
        }
    }

    private void ExpectSymbol(string symbol, string what)
    {
        if (!AcceptSymbol(symbol))
        {
            throw Expected(what);
        }
    }

    private SqlName ExpectName(string what)
    {
        SqlToken token = Current;
        if (IsName(token))
        {
            _pos++;
            return NameOf(token);
        }

        throw Expected(what);
    }

    private SqlParseException Expected(string what)
    {
        SqlToken token = Current;
        if (token.Kind == SqlTokenKind.End)
        {
            int start = _pos > 0 ? _tokens[_pos - 1].Start : 0;
            int length = _pos > 0 ? _tokens[_pos - 1].Length : 0;
            return new SqlParseException(new SqlProblem(SqlProblemKind.Syntax, start, length, "incomplete statement: expected " + what));
        }

        if (token.Kind == SqlTokenKind.Illegal)
        {
            return Problem(SqlProblemKind.Syntax, token, "unrecognized token '" + Excerpt(token) + "'");
        }

        if (_implicitAlias >= 0 && _implicitAlias == _pos - 1 && _tokens[_implicitAlias].Kind == SqlTokenKind.Word
            && CloseKeyword(_tokens[_implicitAlias].Value!) is { } keyword)
        {
            SqlToken alias = _tokens[_implicitAlias];
            return Problem(SqlProblemKind.Syntax, alias, "near '" + Excerpt(alias) + "': expected " + what + " (did you mean " + keyword + "?)");
        }

        return Problem(SqlProblemKind.Syntax, token, "near '" + Excerpt(token) + "': expected " + what);
    }

    private static string? CloseKeyword(string word)
    {
        foreach (string keyword in ClauseKeywords)
        {
            if (word.Length >= 3 && Math.Abs(word.Length - keyword.Length) <= 1 && Distance(word.ToUpperInvariant(), keyword) <= 2)
            {
                return keyword;
            }
        }

        return null;
    }

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    private string Excerpt(SqlToken token) =>
        token.Length <= 40 ? _sql.Substring(token.Start, token.Length) : _sql.Substring(token.Start, 37) + "...";

    private static SqlParseException Problem(SqlProblemKind kind, SqlToken token, string message) =>
        new(new SqlProblem(kind, token.Start, token.Length, message));

    private static SqlParseException Problem(SqlProblemKind kind, int start, int length, string message) =>
        new(new SqlProblem(kind, start, length, message));
}

/// <summary>A parenthesized expression: the same value, a span that includes the parentheses.</summary>
internal sealed class ParenExpr : SqlExpr
{
    public ParenExpr(int start, int end, SqlExpr inner) : base(start, end) => Inner = inner;

    public SqlExpr Inner { get; }
}
