using GenOrm;

namespace GenOrm.Quickstart;

/// <summary>SQL checked at compile time against the <see cref="User"/> table: GenOrm writes the method's body.</summary>
public static partial class UserReports
{
    /// <summary>Counts the users per login initial, largest group first.</summary>
    /// <param name="connection">The connection to run on.</param>
    /// <param name="top">The most groups to return.</param>
    /// <returns>The groups.</returns>
    [Query("""
        select substr(login, 1, 1) as Initial, count(*) as Users
        from "user"
        group by Initial
        order by Users desc, Initial
        limit :top
        """)]
    public static partial List<LoginGroup> ByLoginInitial(Connection connection, int top);
}

/// <summary>One row of <see cref="UserReports.ByLoginInitial"/>.</summary>
/// <param name="Initial">The first letter of the logins.</param>
/// <param name="Users">How many users have it.</param>
public sealed record LoginGroup(string Initial, long Users);
