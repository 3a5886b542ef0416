using GenOrm.Generators.Sql.Analysis;

namespace GenOrm.Generators.Tests.SqlChecker;

/// <summary>One test per problem kind: the exact span inside the SQL string and the exact message.</summary>
public class ProblemTests
{
    private static SqlProblem Single(string sql, string schema = "chinook")
    {
        SqlAnalysis analysis = SqlAnalyzer.Analyze(sql, TestSchemas.Catalog(schema));
        return Assert.Single(analysis.Problems);
    }

    /// <summary>Asserts the problem's kind, that its span covers exactly <paramref name="at"/> (its first occurrence after <paramref name="from"/>), and its message.</summary>
    private static void AssertProblem(string sql, SqlProblemKind kind, string at, string message, int from = 0, string schema = "chinook")
    {
        SqlProblem problem = Single(sql, schema);
        Assert.Equal(kind, problem.Kind);
        Assert.Equal(message, problem.Message);
        Assert.Equal(sql.IndexOf(at, from, StringComparison.Ordinal), problem.Start);
        Assert.Equal(at.Length, problem.Length);
    }

    [Fact]
    public void Syntax_MisspeltFrom_PointsAtTheWordTakenForAnAlias() =>
        AssertProblem("select Name form Track", SqlProblemKind.Syntax, "form",
            "near 'form': expected an operator, a clause (FROM, WHERE, GROUP BY, ORDER BY, LIMIT) or end of statement (did you mean FROM?)");

    [Fact]
    public void Syntax_MissingExpression_SaysWhatWasExpected() =>
        AssertProblem("select Name, from Track", SqlProblemKind.Syntax, "from", "near 'from': expected a result column (an expression or *)");

    [Fact]
    public void Syntax_IncompleteStatement_PointsAtTheLastToken() =>
        AssertProblem("select * from Track where", SqlProblemKind.Syntax, "where", "incomplete statement: expected an expression");

    [Fact]
    public void Syntax_UnterminatedString_IsAnUnrecognizedToken() =>
        AssertProblem("select Name from Track where Name = 'abc", SqlProblemKind.Syntax, "'abc", "unrecognized token ''abc'");

    [Fact]
    public void Syntax_NumberRunIntoAWord_IsOneUnrecognizedToken() =>
        AssertProblem("select 1abc", SqlProblemKind.Syntax, "1abc", "unrecognized token '1abc'");

    [Fact]
    public void UnknownTable_SuggestsTheClosestName() =>
        AssertProblem("select Name from Artst", SqlProblemKind.UnknownTable, "Artst", "no table named 'Artst' (did you mean 'Artist'?)");

    [Fact]
    public void UnknownTable_WithoutCloseName_HasNoSuggestion() =>
        AssertProblem("select * from Xyzzyq", SqlProblemKind.UnknownTable, "Xyzzyq", "no table named 'Xyzzyq'");

    [Fact]
    public void UnknownTable_ItsColumnsAreNotReportedAgain() =>
        AssertProblem("select Nme, a.Foo from Artst a where Bar = 1", SqlProblemKind.UnknownTable, "Artst", "no table named 'Artst' (did you mean 'Artist'?)");

    [Fact]
    public void UnknownTable_UnknownQualifier_NamesTheAliases() =>
        AssertProblem("select x.Name from Artist a", SqlProblemKind.UnknownTable, "x", "no table or alias named 'x' in this query (did you mean 'a'?)", from: 7);

    [Fact]
    public void UnknownColumn_Unqualified_SuggestsTheClosestColumn() =>
        AssertProblem("select Nme from Artist", SqlProblemKind.UnknownColumn, "Nme", "no column named 'Nme' in the tables of this query (did you mean 'Name'?)");

    [Fact]
    public void UnknownColumn_Qualified_NamesTheTable() =>
        AssertProblem("select a.Nam from Artist a", SqlProblemKind.UnknownColumn, "Nam", "no column named 'Nam' in 'a' (did you mean 'Name'?)");

    [Fact]
    public void UnknownColumn_DoubleQuotedIsAnIdentifierNotAString() =>
        AssertProblem("select * from Artist where Name = \"AC/DC\"", SqlProblemKind.UnknownColumn, "\"AC/DC\"", "no column named 'AC/DC' in the tables of this query");

    [Fact]
    public void UnknownColumn_UsingAColumnOnlyOneSideHas() =>
        AssertProblem("select * from Album join Genre using (ArtistId)", SqlProblemKind.UnknownColumn, "ArtistId",
            "cannot join using column ArtistId - column not present in both tables", from: 30);

    [Fact]
    public void AmbiguousColumn_NamesBothTables() =>
        AssertProblem("select Name from Track t join Genre g on g.GenreId = t.GenreId", SqlProblemKind.AmbiguousColumn, "Name",
            "column 'Name' is ambiguous: it is in 't' and 'g'; qualify it with the table or alias");

    [Fact]
    public void AmbiguousColumn_NotForAUsingColumn() =>
        Assert.Empty(SqlAnalyzer.Analyze("select ArtistId from Album join Artist using (ArtistId)", TestSchemas.Catalog("chinook")).Problems);

    [Fact]
    public void UnknownFunction_SuggestsTheClosestFunction() =>
        AssertProblem("select cout(*) from Track", SqlProblemKind.UnknownFunction, "cout", "no function named 'cout' (did you mean 'count'?)");

    [Fact]
    public void UnknownFunction_Regexp_NeedsAnApplicationFunction() =>
        AssertProblem("select Name from Artist where Name regexp 'a'", SqlProblemKind.UnknownFunction, "Name regexp 'a'",
            "no function named 'regexp': SQLite has no REGEXP operator unless the application defines regexp()", from: 20);

    [Fact]
    public void WrongArgumentCount_GivesTheAllowedCounts() =>
        AssertProblem("select substr(Name) from Track", SqlProblemKind.WrongArgumentCount, "substr", "function 'substr' takes 2 or 3 arguments, not 1");

    [Fact]
    public void WrongArgumentCount_Variadic_SaysAtLeast() =>
        AssertProblem("select coalesce(Name) from Track", SqlProblemKind.WrongArgumentCount, "coalesce", "function 'coalesce' takes at least 2 arguments, not 1");

    [Fact]
    public void WrongArgumentCount_MaxTakesOneOrMore() =>
        AssertProblem("select max() from Track", SqlProblemKind.WrongArgumentCount, "max", "function 'max' takes at least 1 argument, not 0");

    [Fact]
    public void MissingNotNullColumn_PointsAtTheTable() =>
        AssertProblem("insert into Album (Title) values ('t')", SqlProblemKind.MissingNotNullColumn, "Album",
            "insert into 'Album' omits NOT NULL column 'ArtistId', which has no default: add it to the column list");

    [Fact]
    public void MissingNotNullColumn_NotForTheRowidAliasNorADefault() =>
        Assert.Empty(SqlAnalyzer.Analyze("insert into Customer (FirstName, LastName, Email) values (:f, :l, :e)", TestSchemas.Catalog("chinook")).Problems);

    [Fact]
    public void MissingNotNullColumn_ACompositeKeyColumnIsRequired() =>
        AssertProblem("insert into user (name, email, login) values ('n', 'e', 'l')", SqlProblemKind.MissingNotNullColumn, "user",
            "insert into 'user' omits NOT NULL column 'id', which has no default: add it to the column list", schema: "user");

    [Fact]
    public void WriteToUnknownColumn_Insert() =>
        AssertProblem("insert into Artist (Nmae) values ('x')", SqlProblemKind.WriteToUnknownColumn, "Nmae", "table 'Artist' has no column named 'Nmae' (did you mean 'Name'?)");

    [Fact]
    public void WriteToUnknownColumn_UpdateSet() =>
        AssertProblem("update Customer set Emial = :email where CustomerId = :id", SqlProblemKind.WriteToUnknownColumn, "Emial",
            "table 'Customer' has no column named 'Emial' (did you mean 'Email'?)");

    [Fact]
    public void Unsupported_NumberedParameter() =>
        AssertProblem("select Name from Artist where ArtistId = ?1", SqlProblemKind.Unsupported, "?1",
            "numbered or anonymous parameters ('?1') are not supported in [Query]: name it, as in :id, @id or $id");

    [Fact]
    public void Unsupported_OtherStatements() =>
        AssertProblem("pragma table_info(Artist)", SqlProblemKind.Unsupported, "pragma",
            "'PRAGMA' statements are not understood by the checker: [Query] takes SELECT, INSERT, UPDATE or DELETE");

    [Fact]
    public void Unsupported_MoreThanOneStatement() =>
        AssertProblem("select 1; select 2", SqlProblemKind.Unsupported, "select", "more than one statement is not understood by the checker: write one statement per query", from: 1);

    [Fact]
    public void Unsupported_Match() =>
        AssertProblem("select Name from Track where Name match 'x'", SqlProblemKind.Unsupported, "Name match 'x'", "MATCH (full-text search) is not understood by the checker", from: 20);

    [Fact]
    public void InvalidUse_AggregateInWhere() =>
        AssertProblem("select count(*) from Track where count(*) > 1", SqlProblemKind.InvalidUse, "count", "misuse of aggregate function count()", from: 10);

    [Fact]
    public void InvalidUse_CompoundArmsOfDifferentWidth() =>
        AssertProblem("select Name from Artist union all select Title, AlbumId from Album", SqlProblemKind.InvalidUse, "union all",
            "SELECTs to the left and right of UNION ALL do not have the same number of result columns");

    [Fact]
    public void InvalidUse_OrderByOutOfRange() =>
        AssertProblem("select Name from Track order by 3", SqlProblemKind.InvalidUse, "3", "1st ORDER BY term out of range - should be between 1 and 1");

    [Fact]
    public void InvalidUse_TooManyValues() =>
        AssertProblem("insert into Artist (Name) values ('x', 'y')", SqlProblemKind.InvalidUse, "Artist", "2 values for 1 columns");

    [Fact]
    public void InvalidUse_WindowFunctionWithoutOver() =>
        AssertProblem("select rank() from Track", SqlProblemKind.InvalidUse, "rank", "misuse of window function rank(): it needs an OVER clause");

    [Fact]
    public void InvalidUse_ConflictTargetThatIsNoKey() =>
        AssertProblem("insert into Customer (FirstName, LastName, Email) values (:f, :l, :e) on conflict (LastName) do nothing", SqlProblemKind.InvalidUse, "LastName",
            "ON CONFLICT clause does not match any PRIMARY KEY or UNIQUE constraint", from: 80);

    [Fact]
    public void Problems_NeverThrow_OnGarbage()
    {
        foreach (string sql in new[] { "", " ", ";", "(", "select (", "select case", "select x'", "with", "with a as", "insert into", "update", "delete", "select * from (select", "select count(*) over (", "\"", "[", "`a", "/*", "--" })
        {
            SqlAnalysis analysis = SqlAnalyzer.Analyze(sql, TestSchemas.Catalog("chinook"));
            Assert.True(analysis.Problems.Count == 1, $"'{sql}' gave {analysis.Problems.Count} problems");
            SqlProblem problem = analysis.Problems[0];
            Assert.InRange(problem.Start, 0, sql.Length);
            Assert.InRange(problem.Start + problem.Length, 0, sql.Length);
        }
    }

    [Fact]
    public void Problems_DeepNesting_IsReportedNotACrash()
    {
        foreach (string sql in new[]
        {
            "select " + new string('(', 100000) + "1" + new string(')', 100000),
            "select " + string.Concat(Enumerable.Repeat("- ", 100000)) + "1",
            "select 1" + string.Concat(Enumerable.Repeat(" + 1", 100000)),
        })
        {
            SqlAnalysis analysis = SqlAnalyzer.Analyze(sql, TestSchemas.Catalog("chinook"));
            SqlProblem problem = Assert.Single(analysis.Problems);
            Assert.Equal((SqlProblemKind.Unsupported, "the statement is nested too deeply for the checker"), (problem.Kind, problem.Message));
        }
    }
}
