using GenOrm.Generators.Model;
using GenOrm.Generators.Sql.Analysis;
using GenOrm.Generators.Tests.SqlChecker;

namespace GenOrm.Generators.Tests.Sql;

/// <summary>
/// What the checker notes as running differently on PostgreSQL (GENORM047): valid SQLite that PostgreSQL rejects or
/// runs with another result. Each note has its exact text and span; portable statements get none; none of them is a
/// problem (the statement stays valid SQLite).
/// </summary>
public sealed class PostgresDifferenceTests
{
    internal const string Source = """
        using System;
        using GenOrm;
        namespace Shop;

        [Table] public partial class Product
        {
            [PrimaryKey, AutoIncrement] public long ProductId { get; set; }
            public required string Name { get; set; }
            public string? Note { get; set; }
            public bool Active { get; set; }
            public double Price { get; set; }
            public long Stock { get; set; }
        }
        """;

    private static readonly Lazy<SqlCatalog> Catalog = new(() => SqlCatalog.From(TestSchemas.Parse(Source)));

    /// <summary>The statements, the text each note covers, and its message.</summary>
    public static TheoryData<string, string, string> Differences() => new()
    {
        {
            "select ifnull(Note, '') from Product", "ifnull",
            "PostgreSQL has no function 'ifnull' as SQLite has it: use coalesce(), which both databases have"
        },
        {
            "select iif(Active, 'yes', 'no') from Product", "iif",
            "PostgreSQL has no function 'iif' as SQLite has it: use CASE WHEN ... THEN ... ELSE ... END, which both databases have"
        },
        {
            "select group_concat(Name, ', ') from Product", "group_concat",
            "PostgreSQL has no function 'group_concat' as SQLite has it: use string_agg(value, separator), which both databases have"
        },
        {
            "select datetime('now')", "datetime",
            "PostgreSQL has no function 'datetime' as SQLite has it: SQLite's date and time functions take modifiers PostgreSQL does not: " +
            "pass the value as a parameter, or use CURRENT_TIMESTAMP, which both databases have"
        },
        {
            "select json_extract('{\"a\": 1}', '$.a')", "json_extract",
            "'json_extract' is SQLite's JSON function: PostgreSQL's JSON functions and operators have other names and take json or jsonb values"
        },
        {
            "select Name, max(Price) from Product", "Name",
            "a column outside any aggregate, in a query that aggregates without GROUP BY, is taken from one of the rows on SQLite and refused by PostgreSQL: " +
            "put it inside an aggregate (max(...)) or in a GROUP BY"
        },
        {
            "select value from json_each(:ids)", "json_each",
            "'json_each' is SQLite's table function: PostgreSQL's are json_array_elements() and json_each() of json values, with other columns; " +
            "pass a list of values with IN (...) instead, which both databases have"
        },
        {
            "select max(Price, 10) from Product", "max",
            "PostgreSQL's max() is an aggregate of one argument (its 'greatest' is not SQLite's): write CASE WHEN ... THEN ... ELSE ... END to run on both"
        },
        {
            "select round(Price, 2) from Product", "round",
            "PostgreSQL's round(value, digits) takes a numeric, not a double precision or real: write round(CAST(value AS NUMERIC), digits) to run on both"
        },
        {
            "select sum(Active) from Product", "sum",
            "'Active' is a boolean on PostgreSQL, which has no sum() of booleans: write sum(CASE WHEN Active THEN 1 ELSE 0 END) to run on both"
        },
        {
            "select Name from Product where Name like :pattern", "Name like :pattern",
            "LIKE ignores the case of ASCII letters on SQLite and not on PostgreSQL, so the same statement matches other rows there: " +
            "compare lower(...) LIKE lower(...) to match the same rows on both"
        },
        {
            "select Name from Product where Name glob 'A*'", "Name glob 'A*'",
            "PostgreSQL has no GLOB operator: use LIKE (with lower() on both sides for the same rows on both databases)"
        },
        {
            "select Name from Product where Note is :note", "Note is :note",
            "PostgreSQL's IS compares with NULL, TRUE or FALSE only: write IS NOT DISTINCT FROM, which both databases have"
        },
        {
            "select Name from Product where Note is not Name", "Note is not Name",
            "PostgreSQL's IS NOT compares with NULL, TRUE or FALSE only: write IS DISTINCT FROM, which both databases have"
        },
        {
            "select Name from Product where Active = 1", "Active = 1",
            "'Active' is a boolean on PostgreSQL, which does not compare a boolean with an integer: write TRUE or FALSE, which both databases have"
        },
        {
            "select Name from Product where 0 <> Active", "0 <> Active",
            "'Active' is a boolean on PostgreSQL, which does not compare a boolean with an integer: write TRUE or FALSE, which both databases have"
        },
        {
            "select Name from Product order by Name limit :skip, :take", ":skip, :take",
            "PostgreSQL has no LIMIT offset, count: write LIMIT count OFFSET offset, which both databases have"
        },
        {
            "insert or ignore into Product (Name, Active, Price, Stock) values (:name, true, 1, 1)", "insert or ignore",
            "PostgreSQL has no INSERT OR IGNORE: write INSERT ... ON CONFLICT DO NOTHING or DO UPDATE SET ..., which both databases have"
        },
        {
            "replace into Product (ProductId, Name, Active, Price, Stock) values (1, :name, true, 1, 1)", "replace into",
            "PostgreSQL has no REPLACE INTO: write INSERT ... ON CONFLICT (key) DO UPDATE SET ..., which both databases have"
        },
        {
            "with cheap as (select ProductId from Product where Price < 1) insert or replace into Product (ProductId, Name, Active, Price, Stock) select ProductId, 'x', true, 1, 1 from cheap",
            "insert or replace",
            "PostgreSQL has no INSERT OR REPLACE: write INSERT ... ON CONFLICT DO NOTHING or DO UPDATE SET ..., which both databases have"
        },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void EachDifference_IsNotedOnItsText_AndIsNoProblem(string sql, string noted, string message)
    {
        SqlAnalysis analysis = SqlAnalyzer.Analyze(sql, Catalog.Value);

        Assert.Empty(analysis.Problems);
        SqlDifference difference = Assert.Single(analysis.PostgresDifferences);
        Assert.Equal(noted, sql.Substring(difference.Start, difference.Length));
        Assert.Equal(message, difference.Message);
    }

    /// <summary>Statements that run the same on both databases: no note.</summary>
    public static TheoryData<string> PortableStatements() => new()
    {
        "select coalesce(Note, '') from Product",
        "select case when Active then 'yes' else 'no' end from Product",
        "select string_agg(Name, ', ') from Product",
        "select max(Price), min(Stock), count(*), avg(Price), sum(Stock) from Product",
        "select round(Stock, 2), round(Price), round(cast(Price as numeric), 2) from Product",
        "select Name from Product where lower(Name) like lower(:pattern)",
        "select Name from Product where upper(Name) like '%-%'",
        "select Name from Product where Note is null and Active is not true and Active is false",
        "select Name from Product where Note is not distinct from :note",
        "select Name from Product where Active = true and Stock = 1 and not Active",
        "select Name from Product order by Name limit :take offset :skip",
        "insert into Product (Name, Active, Price, Stock) values (:name, true, 1, 1) on conflict do nothing",
        "select Name, length(Name), upper(Name), substr(Name, 1, 2), replace(Name, 'a', 'b'), abs(Stock) from Product",
        "select count(*) filter (where Active) from Product",
        "select Name, row_number() over (order by Price) from Product",
        "select Name, max(Price) from Product group by Name",
    };

    [Theory]
    [MemberData(nameof(PortableStatements))]
    public void PortableStatements_HaveNoNote(string sql)
    {
        SqlAnalysis analysis = SqlAnalyzer.Analyze(sql, Catalog.Value);

        Assert.Empty(analysis.Problems);
        Assert.Empty(analysis.PostgresDifferences);
    }

    [Fact]
    public void SeveralDifferences_EachNoted_InTheOrderFound()
    {
        const string Sql = "select ifnull(Note, '') from Product where Name like :p and Active = 0";

        SqlAnalysis analysis = SqlAnalyzer.Analyze(Sql, Catalog.Value);

        Assert.Equal(
            new[] { "ifnull", "Name like :p", "Active = 0" },
            analysis.PostgresDifferences.Select(d => Sql.Substring(d.Start, d.Length)).ToArray());
    }
}
