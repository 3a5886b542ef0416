using GenOrm;

namespace GenOrm.ColdStart;

/// <summary>The benchmarks' user table.</summary>
[Table("user")]
public partial class User
{
    /// <summary>The generated key.</summary>
    [PrimaryKey, AutoIncrement] public long Id { get; set; }

    /// <summary>The user's name.</summary>
    [MaxLength(100)] public required string Name { get; set; }

    /// <summary>The unique email.</summary>
    [Unique, MaxLength(100)] public required string Email { get; set; }

    /// <summary>The login.</summary>
    [MaxLength(100)] public required string Login { get; set; }
}
