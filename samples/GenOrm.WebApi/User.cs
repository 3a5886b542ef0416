using GenOrm;

namespace GenOrm.WebApi;

/// <summary>
/// The seed's <c>user</c> table (id, name, email, login; names and emails up to 100 characters), with the email
/// unique so that the service can look users up by it: a second user with the same email is a 409.
/// </summary>
[Table("user")]
public partial class User
{
    /// <summary>The key SQLite assigns.</summary>
    [PrimaryKey, AutoIncrement]
    [Column("id")]
    public long Id { get; set; }

    /// <summary>The user's name: up to 100 characters, else a 400 with GenOrm's message.</summary>
    [MaxLength(100)]
    [Column("name")]
    public required string Name { get; set; }

    /// <summary>The user's email, unique.</summary>
    [Unique]
    [MaxLength(100)]
    [Column("email")]
    public required string Email { get; set; }

    /// <summary>The user's login.</summary>
    [MaxLength(100)]
    [Column("login")]
    public required string Login { get; set; }
}
