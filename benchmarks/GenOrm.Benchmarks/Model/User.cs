using GenOrm;

namespace GenOrm.Benchmarks.Model;

/// <summary>The seed's user table as a GenOrm entity: the generator writes GetAll, GetByEmail, InsertMany...</summary>
[Table("user")]
public partial class User
{
    [PrimaryKey, AutoIncrement] public long Id { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [Unique, MaxLength(100)] public required string Email { get; set; }
    [MaxLength(100)] public required string Login { get; set; }
}

/// <summary>The filtered query as a checked <c>[Query]</c> method: SQL fixed at compile time, bound and read at known ordinals.</summary>
public static partial class UserQueries
{
    /// <summary>Users in an id range, ordered by email, limited: the filtered workload's statement.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="lo">The first id.</param>
    /// <param name="hi">The id after the last.</param>
    /// <param name="take">How many rows at most.</param>
    /// <returns>The users.</returns>
    [Query("select * from \"user\" where Id >= :lo and Id < :hi order by Email limit :take")]
    public static partial List<User> Filtered(Connection connection, long lo, long hi, long take);
}
