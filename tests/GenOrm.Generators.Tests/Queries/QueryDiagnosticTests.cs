using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Tests.Queries;

/// <summary>
/// One test per [Query] descriptor (several for the literal kinds): ID, full message and the exact span, which for a
/// problem in the SQL is inside the literal, in regular, verbatim and raw strings alike.
/// </summary>
public sealed class QueryDiagnosticTests
{
    private const string Tables = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
            public string? Nick { get; set; }
            public int Score { get; set; }
        }
        """;

    private const string Head = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using GenOrm;
        namespace App;
        """;

    [Fact]
    public void GENORM037_RegularStringWithEscapes_ReportedOnTheParameterInsideTheLiteral() => DiagnosticAssert.Single(
        "GENORM037",
        "The SQL of [Query] method 'Q.Find' uses parameter ':idd', but the method has no parameter named 'idd'; add the parameter to the method, or fix the name in the SQL",
        Head + """

        public static partial class Q
        {
            [Query("select Name\tfrom user\u0020where Id = [|:idd|]")]
            public static partial string? Find(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM037_VerbatimStringOnSecondLine_ReportedOnTheParameterInsideTheLiteral() => DiagnosticAssert.Single(
        "GENORM037",
        "The SQL of [Query] method 'Q.Find' uses parameter '@idd', but the method has no parameter named 'idd'; add the parameter to the method, or fix the name in the SQL",
        Head + """

        public static partial class Q
        {
            [Query(@"select Name
                from user where Name <> 'a""b' and Id = [|@idd|]")]
            public static partial string? Find(Connection connection);
        }
        """.Replace("'a\"\"b'", "'ab'"),
        Tables);

    [Fact]
    public void GENORM037_MultiLineRawString_ReportedOnTheParameterInsideTheLiteral() => DiagnosticAssert.Single(
        "GENORM037",
        "The SQL of [Query] method 'Q.Find' uses parameter '$idd', but the method has no parameter named 'idd'; add the parameter to the method, or fix the name in the SQL",
        Head + """"

        public static partial class Q
        {
            [Query("""
                select Name
                from user
                    where Id = [|$idd|]
                """)]
            public static partial string? Find(Connection connection);
        }
        """",
        Tables);

    [Fact]
    public void GENORM037_SingleLineRawString_ReportedOnTheParameterInsideTheLiteral() => DiagnosticAssert.Single(
        "GENORM037",
        "The SQL of [Query] method 'Q.Find' uses parameter ':idd', but the method has no parameter named 'idd'; add the parameter to the method, or fix the name in the SQL",
        Head + """"

        public static partial class Q
        {
            [Query("""select Name from user where Id = [|:idd|]""")]
            public static partial string? Find(Connection connection);
        }
        """",
        Tables);

    [Fact]
    public void GENORM037_ConstantThatIsNotALiteral_ReportedOnTheArgument() => DiagnosticAssert.Single(
        "GENORM037",
        "The SQL of [Query] method 'Q.Find' uses parameter ':idd', but the method has no parameter named 'idd'; add the parameter to the method, or fix the name in the SQL",
        Head + """

        public static partial class Q
        {
            private const string Sql = "select Name from user where Id = :idd";

            [Query([|Sql|])]
            public static partial string? Find(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM038_UnusedMethodParameter_ReportedOnTheParameterIdentifier() => DiagnosticAssert.Single(
        "GENORM038",
        "Parameter 'extra' of [Query] method 'Q.Find' is not used in the SQL; use it as :extra in the statement, or remove it",
        Head + """

        public static partial class Q
        {
            [Query("select Name from user where Id = :id")]
            public static partial string? Find(Connection connection, long id, int [|extra|]);
        }
        """,
        Tables);

    [Fact]
    public void GENORM040_ColumnWithoutMember_ReportedOnTheColumn() => DiagnosticAssert.Single(
        "GENORM040",
        "Result column 'Score' of [Query] method 'Q.All' has no member in 'Row' to receive it; add a member named 'Score', alias the column to a member's name, or remove it from the statement",
        Head + """

        public static partial class Q
        {
            [Query("select Name, [|Score|] from user")]
            public static partial List<Row> All(Connection connection);
        }

        public sealed record Row(string Name);
        """,
        Tables);

    [Fact]
    public void GENORM041_ConstructorParameterWithoutColumn_ReportedOnTheReturnType() => DiagnosticAssert.Single(
        "GENORM041",
        "Constructor parameter 'Rank' of 'Row' must be filled, but the SQL of [Query] method 'Q.All' returns no column for it; select a column named 'Rank' (or alias one), or make it optional",
        Head + """

        public static partial class Q
        {
            [Query("select Name from user")]
            public static partial [|List<Row>|] All(Connection connection);
        }

        public sealed record Row(string Name, long Rank);
        """,
        Tables);

    [Fact]
    public void GENORM042_TextColumnIntoInteger_ReportedOnTheColumn() => DiagnosticAssert.Single(
        "GENORM042",
        "Result column 'Name' of [Query] method 'Q.Names' holds the values of column 'user.Name' (string), which cannot be read into the result of type 'long'; change the member's type, or CAST the column in the SQL",
        Head + """

        public static partial class Q
        {
            [Query("select [|Name|] from user")]
            public static partial List<long> Names(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM043_NullableColumnIntoNonNullableMember_ReportedOnTheColumn() => DiagnosticAssert.Single(
        "GENORM043",
        "Result column 'Nick' of [Query] method 'Q.All' can be NULL, but member 'Nick' has the non-nullable type 'string'; make it 'string?', or give the column a value with coalesce() or ifnull()",
        Head + """

        public static partial class Q
        {
            [Query("select Name, [|Nick|] from user")]
            public static partial List<Row> All(Connection connection);
        }

        public sealed record Row(string Name, string Nick);
        """,
        Tables);

    [Fact]
    public void GENORM044_NotStatic_ReportedOnTheMethodIdentifier() => DiagnosticAssert.Single(
        "GENORM044",
        "[Query] method 'Q.All' cannot be generated: it must be static; add the 'static' modifier",
        Head + """

        public partial class Q
        {
            [Query("select Name from user")]
            public partial List<string> [|All|](Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM044_NoConnection_ReportedOnTheMethodIdentifier() => DiagnosticAssert.Single(
        "GENORM044",
        "[Query] method 'Q.All' cannot be generated: it has no GenOrm.Connection parameter to run on; add one, such as 'Connection connection'",
        Head + """

        public static partial class Q
        {
            [Query("select Name from user")]
            public static partial List<string> [|All|]();
        }
        """,
        Tables);

    [Fact]
    public void GENORM044_RowsFromAStatementWithoutRows_ReportedOnTheReturnType() => DiagnosticAssert.Single(
        "GENORM044",
        "[Query] method 'Q.Touch' cannot be generated: its statement returns no rows; return int (the number of rows changed) or void, or add a RETURNING clause",
        Head + """

        public static partial class Q
        {
            [Query("update user set Score = 0 where Id = :id")]
            public static partial [|List<long>|] Touch(Connection connection, long id);
        }
        """,
        Tables);

    [Fact]
    public void GENORM030_SyntaxError_ReportedOnTheToken() => DiagnosticAssert.Single(
        "GENORM030",
        "The SQL of [Query] method 'Q.All' has a syntax error near 'form': expected an operator, a clause (FROM, WHERE, GROUP BY, ORDER BY, LIMIT) or end of statement (did you mean FROM?); fix the statement",
        Head + """

        public static partial class Q
        {
            [Query("select Name [|form|] user")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM031_UnknownTable_ReportedOnTheName() => DiagnosticAssert.Single(
        "GENORM031",
        "The SQL of [Query] method 'Q.All' refers to no table named 'users' (did you mean 'user'?); declare the table with [Table] or fix the name",
        Head + """

        public static partial class Q
        {
            [Query("select Name from [|users|]")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM032_UnknownColumn_ReportedOnTheName() => DiagnosticAssert.Single(
        "GENORM032",
        "The SQL of [Query] method 'Q.All' refers to no column named 'Nmae' in the tables of this query (did you mean 'Name'?); fix the name, or add the property to the table class",
        Head + """

        public static partial class Q
        {
            [Query("select [|Nmae|] from user")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM033_AmbiguousColumn_ReportedOnTheName() => DiagnosticAssert.Single(
        "GENORM033",
        "The SQL of [Query] method 'Q.All' has an ambiguous column: column 'Name' is ambiguous: it is in 'a' and 'b'; qualify it with the table or alias",
        Head + """

        public static partial class Q
        {
            [Query("select [|Name|] from user a join user b on a.Id = b.Id")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM034_UnknownFunction_ReportedOnTheCall() => DiagnosticAssert.Single(
        "GENORM034",
        "The SQL of [Query] method 'Q.All' calls a function wrongly: no function named 'nosuchfn'; call a function SQLite provides, with the number of arguments it takes",
        Head + """

        public static partial class Q
        {
            [Query("select [|nosuchfn|](Name) from user")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM035_InsertWithoutNotNullColumn_ReportedInTheStatement() => DiagnosticAssert.Single(
        "GENORM035",
        "The SQL of [Query] method 'Q.Add' writes rows the table does not accept: insert into 'user' omits NOT NULL column 'Name', which has no default: add it to the column list, or declare a [Default] for the column",
        Head + """

        public static partial class Q
        {
            [Query("insert into [|user|] (Nick, Score) values (:nick, 0)")]
            public static partial int Add(Connection connection, string? nick);
        }
        """,
        Tables);

    [Fact]
    public void GENORM036_PositionalParameter_ReportedOnIt() => DiagnosticAssert.Single(
        "GENORM036",
        "The SQL of [Query] method 'Q.All' cannot be checked: numbered or anonymous parameters ('?') are not supported in [Query]: name it, as in :id, @id or $id; rewrite the statement, or set Verify = false on [Query] to run it unchecked and map its columns by name",
        Head + """

        public static partial class Q
        {
            [Query("select Name from user where Id = [|?|]")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM039_TextParameterAgainstIntegerColumn_ReportedOnTheParameter() => DiagnosticAssert.Single(
        "GENORM039",
        "Parameter 'score' of [Query] method 'Q.All' has type 'string', but the SQL uses it with column 'user.Score' of type 'int'; give the parameter the column's type, 'int'",
        Head + """

        public static partial class Q
        {
            [Query("select Name from user where Score = [|:score|]")]
            public static partial List<string> All(Connection connection, string score);
        }
        """,
        Tables);

    [Fact]
    public void GENORM045_AggregateInWhere_ReportedOnIt() => DiagnosticAssert.Single(
        "GENORM045",
        "The SQL of [Query] method 'Q.All' is not valid: misuse of aggregate function count(); fix the statement",
        Head + """

        public static partial class Q
        {
            [Query("select Name from user where [|count|](*) > 1")]
            public static partial List<string> All(Connection connection);
        }
        """,
        Tables);

    [Fact]
    public void GENORM046_SqlTextOnADeclaredTable_UnknownColumnIsAWarningInsideTheLiteral()
    {
        const string source = Head + """

            public static class Q
            {
                public static Sql Find() => Sql.Text("select Nmae from user where Id = :id");
                public static Sql Elsewhere() => Sql.Text("select nothing from not_declared");
            }
            """;
        GeneratorOutput output = TestCompilation.Run(source, Tables);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal("GENORM046", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(
            "The SQL of this Sql.Text refers to no column named 'Nmae' in the tables of this query (did you mean 'Name'?); fix the name, or declare the table with [Table]",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        int line = source.Split('\n').TakeWhile(l => !l.Contains("Nmae", StringComparison.Ordinal)).Count();
        int column = source.Split('\n')[line].IndexOf("Nmae", StringComparison.Ordinal);
        Assert.Equal(new LinePositionSpan(new LinePosition(line, column), new LinePosition(line, column + 4)), diagnostic.Location.GetLineSpan().Span);
    }

    private const string PortabilitySource = Head + """"

        public static partial class Q
        {
            [Query("""
                select Name from user
                where [|Name like :pattern|] and Score > 0
                """)]
            public static partial List<string> Named(Connection connection, string pattern);
        }
        """";

    [Fact]
    public void GENORM047_WithNpgsqlReferenced_LikeIsAWarningOnTheLikeInsideTheRawString() => DiagnosticAssert.SingleWarningWithNpgsql(
        "GENORM047",
        "The SQL of [Query] method 'Q.Named' does not run the same on PostgreSQL: LIKE ignores the case of ASCII letters on SQLite and not on PostgreSQL, " +
        "so the same statement matches other rows there: compare lower(...) LIKE lower(...) to match the same rows on both",
        PortabilitySource,
        Tables);

    [Fact]
    public void GENORM047_WithoutNpgsql_NothingIsReported()
    {
        GeneratorOutput output = TestCompilation.Run(PortabilitySource.Replace("[|", "", StringComparison.Ordinal).Replace("|]", "", StringComparison.Ordinal), Tables);

        output.AssertNoDiagnostics();
    }

    [Fact]
    public void GENORM047_OnAStatementWithAnError_OnlyTheErrorIsReported()
    {
        const string source = Head + """

            public static partial class Q
            {
                [Query("select ifnull(Nick, '') from user where Nmae = :name")]
                public static partial List<string> Nicks(Connection connection, string name);
            }
            """;
        GeneratorOutput output = TestCompilation.RunWithNpgsql(source, Tables);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal("GENORM032", diagnostic.Id);
    }

    [Fact]
    public void GENORM047_TheMethodIsStillGenerated_AndRunsItsStatement()
    {
        const string source = Head + """

            public static partial class Q
            {
                [Query("select ifnull(Nick, Name) from user order by Id")]
                public static partial List<string> Nicks(Connection connection);
            }
            """;
        GeneratorOutput output = TestCompilation.RunWithNpgsql(source, Tables);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        Assert.Equal("GENORM047", diagnostic.Id);
        string generated = output.RunResult.Results.Single().GeneratedSources.Single(s => s.HintName.Contains("Q.", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("""public const string SqlPostgres = "select ifnull(\"Nick\", \"Name\") from \"user\" order by \"Id\"";""", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("throw", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void GENORM048_WithNpgsqlReferenced_AnUnquotedMixedCaseName_IsAWarningOnTheName() => DiagnosticAssert.SingleWarningWithNpgsql(
        "GENORM048",
        "The SQL of this Sql.Text does not run the same on PostgreSQL: PostgreSQL folds the unquoted name 'Score' to 'score', and GenOrm's " +
        "PostgreSQL tables keep their names as declared: write \"Score\", which SQLite reads the same",
        Head + """

        public static class Q
        {
            public static Sql Best() => Sql.Text("select \"Name\" from \"user\" where [|Score|] > 10");
        }
        """,
        Tables);

    [Fact]
    public void GENORM048_WithNpgsqlReferenced_SqlitesOwnFunction_IsAWarningOnIt() => DiagnosticAssert.SingleWarningWithNpgsql(
        "GENORM048",
        "The SQL of this Sql.Text does not run the same on PostgreSQL: PostgreSQL has no function 'ifnull' as SQLite has it: use coalesce(), which both databases have",
        Head + """

        public static class Q
        {
            public static Sql Nicks() => Sql.Text("select [|ifnull|](\"Nick\", '') from \"user\"");
        }
        """,
        Tables);

    [Fact]
    public void GENORM048_QuotedNamesLowerCaseTablesAndDdl_AreNotReported_AndWithoutNpgsqlNothingIs()
    {
        const string source = Head + """

            public static class Q
            {
                public static Sql Quoted() => Sql.Text("select \"Name\", \"Score\" from user where \"Id\" = :id");
                public static Sql Ddl() => Sql.Text("create table user_copy (Name text, Score integer)");
                public static Sql Unquoted() => Sql.Text("select Name from user");
            }
            """;

        GeneratorOutput withNpgsql = TestCompilation.RunWithNpgsql(source, Tables);
        GeneratorOutput without = TestCompilation.Run(source, Tables);

        Diagnostic diagnostic = Assert.Single(withNpgsql.Diagnostics);
        Assert.Equal("GENORM048", diagnostic.Id);
        Assert.Contains("'Name' to 'name'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        int line = source.Split('\n').TakeWhile(l => !l.Contains("select Name from user", StringComparison.Ordinal)).Count();
        int column = source.Split('\n')[line].IndexOf("Name from user", StringComparison.Ordinal);
        Assert.Equal(new LinePositionSpan(new LinePosition(line, column), new LinePosition(line, column + 4)), diagnostic.Location.GetLineSpan().Span);
        without.AssertNoDiagnostics();
    }
}
