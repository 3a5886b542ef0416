using System.Text.Json.Serialization;
using Dapper;
using GenOrm;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GenOrm.LoadBenchmark;

/// <summary>The service's three endpoints, as each data layer writes them: get by email, a page of users, create.</summary>
public interface IUserService
{
    static abstract void Add(IServiceCollection services, string file);

    static abstract void Map(WebApplication app);
}

/// <summary>GenOrm: AddGenOrm, a Connection per request, generated lookups.</summary>
public sealed class GenOrmService : IUserService
{
    public static void Add(IServiceCollection services, string file) => services.AddGenOrm("sqlite:///" + file);

    public static void Map(WebApplication app)
    {
        app.MapGet("/users/{email}", (Connection conn, string email) =>
            LoadUser.GetByEmail(conn, email) is { } user ? Results.Ok(UserResponse.From(user)) : Results.NotFound());
        app.MapGet("/users", (Connection conn, int offset, int limit) =>
            Results.Ok(LoadUser.Query(conn).OrderBy(LoadUser.Columns.Id).Limit(limit).Offset(offset).All().ConvertAll(UserResponse.From)));
        app.MapPost("/users", (Connection conn, CreateUser body) =>
        {
            var user = new LoadUser { Name = body.Name, Email = body.Email, Login = body.Login };
            try
            {
                LoadUser.Insert(conn, user);
                conn.Commit();
            }
            catch (ConstraintViolationException e) when (e.Kind == ConstraintKind.Unique)
            {
                return Results.Conflict();
            }

            return Results.Created("/users/" + user.Email, UserResponse.From(user));
        });
    }
}

/// <summary>EF Core: a pooled DbContext per request, no tracking for reads.</summary>
public sealed class EfCoreService : IUserService
{
    public static void Add(IServiceCollection services, string file) =>
        services.AddDbContextPool<LoadContext>(options => options.UseSqlite($"Data Source={file}"));

    public static void Map(WebApplication app)
    {
        app.MapGet("/users/{email}", async (LoadContext db, string email) =>
            await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email) is { } user ? Results.Ok(UserResponse.From(user)) : Results.NotFound());
        app.MapGet("/users", async (LoadContext db, int offset, int limit) =>
            Results.Ok((await db.Users.AsNoTracking().OrderBy(u => u.Id).Skip(offset).Take(limit).ToListAsync()).ConvertAll(UserResponse.From)));
        app.MapPost("/users", async (LoadContext db, CreateUser body) =>
        {
            var user = new EfUser { Name = body.Name, Email = body.Email, Login = body.Login };
            db.Users.Add(user);
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 })
            {
                return Results.Conflict();
            }

            return Results.Created("/users/" + user.Email, UserResponse.From(user));
        });
    }
}

/// <summary>Dapper: a pooled SqliteConnection per request, hand-written SQL.</summary>
public sealed class DapperService : IUserService
{
    private const string Columns = "id AS Id, name AS Name, email AS Email, login AS Login";
    private static string s_connectionString = "";

    public static void Add(IServiceCollection services, string file) => s_connectionString = $"Data Source={file}";

    public static void Map(WebApplication app)
    {
        app.MapGet("/users/{email}", async (string email) =>
        {
            await using var conn = new SqliteConnection(s_connectionString);
            DapperUser? user = await conn.QueryFirstOrDefaultAsync<DapperUser>($"SELECT {Columns} FROM \"user\" WHERE email = @email", new { email });
            return user is null ? Results.NotFound() : Results.Ok(UserResponse.From(user));
        });
        app.MapGet("/users", async (int offset, int limit) =>
        {
            await using var conn = new SqliteConnection(s_connectionString);
            var users = await conn.QueryAsync<DapperUser>($"SELECT {Columns} FROM \"user\" ORDER BY id LIMIT @limit OFFSET @offset", new { limit, offset });
            return Results.Ok(users.Select(UserResponse.From).ToList());
        });
        app.MapPost("/users", async (CreateUser body) =>
        {
            await using var conn = new SqliteConnection(s_connectionString);
            try
            {
                long id = await conn.ExecuteScalarAsync<long>(
                    "INSERT INTO \"user\" (name, email, login) VALUES (@Name, @Email, @Login) RETURNING id", body);
                return Results.Created("/users/" + body.Email, new UserResponse(id, body.Name, body.Email, body.Login));
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == 2067)
            {
                return Results.Conflict();
            }
        });
    }
}

/// <summary>The sample's user table, for GenOrm (the driver creates and seeds it with GenOrm's DDL for every peer).</summary>
[Table("user")]
public partial class LoadUser
{
    [PrimaryKey, AutoIncrement, Column("id")] public long Id { get; set; }

    [MaxLength(100), Column("name")] public required string Name { get; set; }

    [Unique, MaxLength(100), Column("email")] public required string Email { get; set; }

    [MaxLength(100), Column("login")] public required string Login { get; set; }
}

public sealed class EfUser
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public required string Login { get; set; }
}

public sealed class LoadContext(DbContextOptions<LoadContext> options) : DbContext(options)
{
    public DbSet<EfUser> Users => Set<EfUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EfUser>(user =>
        {
            user.ToTable("user");
            user.Property(u => u.Id).HasColumnName("id");
            user.Property(u => u.Name).HasColumnName("name").HasMaxLength(100);
            user.Property(u => u.Email).HasColumnName("email").HasMaxLength(100);
            user.Property(u => u.Login).HasColumnName("login").HasMaxLength(100);
            user.HasIndex(u => u.Email).IsUnique();
        });
    }
}

public sealed class DapperUser
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string Login { get; set; } = "";
}

public sealed record UserResponse(long Id, string Name, string Email, string Login)
{
    public static UserResponse From(LoadUser u) => new(u.Id, u.Name, u.Email, u.Login);

    public static UserResponse From(EfUser u) => new(u.Id, u.Name, u.Email, u.Login);

    public static UserResponse From(DapperUser u) => new(u.Id, u.Name, u.Email, u.Login);
}

public sealed record CreateUser(string Name, string Email, string Login);

[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(List<UserResponse>))]
[JsonSerializable(typeof(CreateUser))]
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class LoadJson : JsonSerializerContext
{
}
