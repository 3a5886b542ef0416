using GenOrm;

namespace GenOrm.Quickstart;

/// <summary>
/// The seed's <c>User</c>: SQLAlchemy's declarative class, as a GenOrm <c>[Table]</c> partial class. The generator
/// adds <c>CreateTable</c>, <c>GetAll</c>, <c>GetById</c>, <c>GetByEmail</c>, <c>Insert</c> and the rest at compile time.
/// </summary>
[Table("user")]
public partial class User
{
    /// <summary>Part of the composite primary key (id, email), as in the seed.</summary>
    [PrimaryKey]
    [Column("id")]
    public long Id { get; set; }

    /// <summary>The user's name: <c>String(100), nullable=False</c>.</summary>
    [MaxLength(100)]
    [Column("name")]
    public required string Name { get; set; }

    /// <summary>The other part of the primary key.</summary>
    [PrimaryKey]
    [MaxLength(100)]
    [Column("email")]
    public required string Email { get; set; }

    /// <summary>The user's login: <c>String(100), nullable=False</c>.</summary>
    [MaxLength(100)]
    [Column("login")]
    public required string Login { get; set; }

    /// <summary>The user's nickname: new in schema v2 (schema/v2.json), filled from the login by <see cref="FillNicknames"/>.</summary>
    [Column("nickname")]
    public string? Nickname { get; set; }

    /// <summary>The hook of the migration step from schema v1 to v2: gives every existing user a nickname.</summary>
    /// <param name="connection">The connection the step runs on, inside its transaction.</param>
    [Migration(From = 1)]
    internal static void FillNicknames(Connection connection) =>
        connection.Execute(Sql.Text("update \"user\" set nickname = login where nickname is null"));

    /// <summary>Formats the user the way SQLAlchemy's default repr would show its columns.</summary>
    /// <returns>The formatted user.</returns>
    public override string ToString() => $"User(id={Id}, name='{Name}', email='{Email}', login='{Login}')";
}
