using GenOrm;

namespace GenOrm.Benchmarks.Model;

/// <summary>A purchase by a user, for the report workload: GenOrm's own table, seeded beside the users.</summary>
[Table("purchase")]
public partial class Purchase
{
    [PrimaryKey, AutoIncrement] public long Id { get; set; }
    [Index] public long UserId { get; set; }
    public long Amount { get; set; }
}

/// <summary>One row of the report: a user's name, number of purchases and their total, as every peer reads it.</summary>
public sealed record ReportRow(string Name, long Purchases, long Total);

/// <summary>The same row with settable members, for EF Core's LINQ projection and Dapper's mapping.</summary>
public sealed class ReportRowClass
{
    public string Name { get; set; } = "";
    public long Purchases { get; set; }
    public long Total { get; set; }
}

/// <summary>The report as a checked [Query] method: the generator verified the join, the GROUP BY and the row type.</summary>
public static partial class ReportQueries
{
    /// <summary>The report's SQL, shared by every peer that writes SQL by hand.</summary>
    public const string Sql = """
        select u.Name as Name, count(*) as Purchases, sum(p.Amount) as Total
        from "user" u join purchase p on p.UserId = u.Id
        group by u.Id, u.Name
        order by Total desc, u.Id
        limit :top
        """;

    /// <summary>The top users by total purchase amount.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="top">How many users.</param>
    /// <returns>The report rows.</returns>
    [Query(Sql)]
    public static partial List<ReportRow> TopSpenders(Connection connection, int top);
}
