namespace GenOrm.Tests.Postgres;

/// <summary>The tokenizer's PostgreSQL mode: named parameters to $1..$n, scripts split at top-level ';' (no server needed).</summary>
public sealed class PostgresSqlTextTests
{
    [Theory]
    [InlineData("select * from t where a = :a and b = @b or c = $c", "select * from t where a = $1 and b = $2 or c = $3", new[] { ":a", "@b", "$c" })]
    [InlineData("select :x, :y, :x, @x", "select $1, $2, $1, $3", new[] { ":x", ":y", "@x" })]
    [InlineData("select :v::int, '1'::text, x::varchar(3)", "select $1::int, '1'::text, x::varchar(3)", new[] { ":v" })]
    [InlineData("select ':a @b', 'it''s :c', E'\\' :d', e'\\\\' || :e", "select ':a @b', 'it''s :c', E'\\' :d', e'\\\\' || $1", new[] { ":e" })]
    [InlineData("select \":a\", \"q\"\":b\" from t where c = :c", "select \":a\", \"q\"\":b\" from t where c = $1", new[] { ":c" })]
    [InlineData("select $$ :a $b $$, $fn$ :c $$ $fn$, :d", "select $$ :a $b $$, $fn$ :c $$ $fn$, $1", new[] { ":d" })]
    [InlineData("select 1 -- :a\n, /* :b /* :c */ :d */ :e", "select 1 -- :a\n, /* :b /* :c */ :d */ $1", new[] { ":e" })]
    [InlineData("select arr[1:2], a$b, :p", "select arr[1:2], a$b, $1", new[] { ":p" })]
    [InlineData("select $1, $2, $1", "select $1, $2, $1", new[] { "$1", "$2" })]
    [InlineData("select $2, $1", "select $1, $2", new[] { "$2", "$1" })]
    public void NamedParameters_BecomePositional_ByFirstAppearance(string sql, string expected, string[] tokens)
    {
        PostgresStatementText statement = Assert.Single(SqlParameterParser.SplitForPostgres(sql));

        Assert.Equal(expected, statement.Text);
        Assert.Equal(tokens, statement.Tokens);
        Assert.Equal(tokens, SqlParameterParser.Parse(sql, DatabaseKind.Postgres).Select(t => t.Token));
    }

    [Fact]
    public void Script_SplitsAtTopLevelSemicolons_DroppingEmptyStatements_NumberingEachOnItsOwn()
    {
        List<PostgresStatementText> statements = SqlParameterParser.SplitForPostgres(
            "insert into t values (:a, ';'); ; -- only a comment ;\n /* ; */ ;\n" +
            "create function f() returns int as $$ begin return 1; end $$ language plpgsql;\n" +
            "update t set x = :b where y = :a");

        Assert.Equal(
            new[] { "insert into t values ($1, ';')", "create function f() returns int as $$ begin return 1; end $$ language plpgsql", "update t set x = $1 where y = $2" },
            statements.Select(s => s.Text));
        Assert.Equal(new[] { ":a" }, statements[0].Tokens);
        Assert.Empty(statements[1].Tokens);
        Assert.Equal(new[] { ":b", ":a" }, statements[2].Tokens);
    }

    [Fact]
    public void OnlyCommentsAndSemicolons_IsNoStatement()
    {
        Assert.Empty(SqlParameterParser.SplitForPostgres(" ; -- x\n /* y */ ;"));
    }

    [Fact]
    public void SqliteMode_IsUnchanged()
    {
        // SQLite reads [..] and `..` as quoted identifiers and has no dollar quotes: $x$ is a name there.
        Assert.Equal(new[] { ":c" }, SqlParameterParser.Parse("select [a:b], `c@d`, :c").Select(t => t.Token));
        Assert.Equal(new[] { "$x" }, SqlParameterParser.Parse("select $x$").Select(t => t.Token));
    }
}
