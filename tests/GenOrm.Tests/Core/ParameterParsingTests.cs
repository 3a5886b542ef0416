namespace GenOrm.Tests.Core;

public sealed class ParameterParsingTests
{
    [Fact]
    public void EveryPrefixForm_IsAParameter()
    {
        Assert.Equal(new[] { "a", "b", "c" }, Sql.Text("select :a, @b, $c").ParameterNames);
    }

    [Fact]
    public void RepeatedParameter_IsListedOnce_InOrderOfFirstUse()
    {
        Assert.Equal(new[] { "b", "a" }, Sql.Text("select :b, :a, :b, :a").ParameterNames);
    }

    [Fact]
    public void SameNameWithDifferentPrefixes_IsListedOnce()
    {
        // ParameterNames promises each name once; one Params value fills both.
        Assert.Equal(new[] { "x" }, Sql.Text("select :x, @x").ParameterNames);
    }

    [Fact]
    public void NamesMayHoldUnderscoresAndDigits()
    {
        Assert.Equal(new[] { "user_id2", "_x", "1" }, Sql.Text("select * from t where a = :user_id2 and b = @_x and c = ?1 or d = :1").ParameterNames);
    }

    [Theory]
    [InlineData("select ':x', :y")]
    [InlineData("select 'a@b.com', '$5', :y")]
    [InlineData("select 'it''s :x', :y")]
    [InlineData("select \"col:x\" from t where :y")]
    [InlineData("select \"a\"\"@b\" from t where :y")]
    [InlineData("select [col:x] from t where :y")]
    [InlineData("select `col$x` from t where :y")]
    [InlineData("select 1 -- :x\n, :y")]
    [InlineData("select /* :x @x $x */ :y")]
    public void TokensInsideLiteralsIdentifiersAndComments_AreNotParameters(string sql)
    {
        Assert.Equal(new[] { "y" }, Sql.Text(sql).ParameterNames);
    }

    [Theory]
    [InlineData("select 'unterminated :x")]
    [InlineData("select /* unterminated :x")]
    [InlineData("select 1 -- :x")]
    [InlineData("select ':'")]
    [InlineData("select 1 where a = : x")]
    public void TextWithoutParameters_HasNone(string sql)
    {
        Assert.Empty(Sql.Text(sql).ParameterNames);
    }

    [Fact]
    public void SqlWithColonsOnlyInsideLiteralsAndComments_RunsWithoutParams()
    {
        using var engine = Engine.Create("sqlite://");
        using Connection connection = engine.Connect();

        Result result = connection.Execute(Sql.Text("select 'a:b', \"x\" from (select 1 as \"x\") /* :c */ -- @d"));

        Assert.Equal("[('a:b', 1)]", result.ToString());
    }
}
