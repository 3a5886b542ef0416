using System.Text.Json;
using System.Text.Json.Serialization;
using GenOrm;
using GenOrm.WebApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

// A minimal API over the seed's user table, published with NativeAOT. It listens where ASPNETCORE_URLS (or --urls)
// says; the database is GENORM_URL, by default sqlite:///app.db in the working directory.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
builder.Services.AddProblemDetails();
string url = builder.Configuration["GENORM_URL"] ?? "sqlite:///app.db";
bool echo = string.Equals(builder.Configuration["GENORM_ECHO"], "true", StringComparison.OrdinalIgnoreCase);
builder.Services.AddGenOrm(url, options => options.Echo = echo);
builder.Services.AddHealthChecks().AddGenOrmCheck();

var app = builder.Build();
using (Connection setup = app.Services.GetRequiredService<Engine>().Connect())
{
    User.CreateTable(setup);
    setup.Commit();
}

// The connection is the request's own (scoped): disposed at the end of the request, so a handler that does not
// commit leaves nothing behind.
RouteGroupBuilder users = app.MapGroup("/users");

users.MapGet("/", Results<Ok<List<UserResponse>>, ProblemHttpResult> (Connection conn, int? offset, int? limit) =>
{
    int skip = offset ?? 0;
    int take = limit ?? 20;
    if (skip < 0 || take is < 1 or > 100)
    {
        return TypedResults.Problem("offset must be 0 or more and limit between 1 and 100.", statusCode: StatusCodes.Status400BadRequest);
    }

    List<User> page = User.Query(conn).OrderBy(User.Columns.Id).Limit(take).Offset(skip).All();
    return TypedResults.Ok(page.ConvertAll(UserResponse.From));
});

users.MapGet("/{email}", Results<Ok<UserResponse>, ProblemHttpResult> (Connection conn, string email) =>
    User.GetByEmail(conn, email) is { } user ? TypedResults.Ok(UserResponse.From(user)) : NotFound(email));

users.MapPost("/", Results<Created<UserResponse>, ProblemHttpResult> (Connection conn, CreateUser body) =>
{
    var user = new User { Name = body.Name, Email = body.Email, Login = body.Login };
    try
    {
        User.Insert(conn, user);
        conn.Commit();
    }
    catch (ConstraintViolationException e)
    {
        return Refused(e);
    }

    return TypedResults.Created("/users/" + Uri.EscapeDataString(user.Email), UserResponse.From(user));
});

users.MapPut("/{email}", Results<Ok<UserResponse>, ProblemHttpResult> (Connection conn, string email, UpdateUser body) =>
{
    if (User.GetByEmail(conn, email) is not { } user)
    {
        return NotFound(email);
    }

    user.Name = body.Name;
    user.Login = body.Login;
    try
    {
        User.Update(conn, user);
        conn.Commit();
    }
    catch (ConstraintViolationException e)
    {
        return Refused(e);
    }

    return TypedResults.Ok(UserResponse.From(user));
});

users.MapDelete("/{email}", Results<NoContent, ProblemHttpResult> (Connection conn, string email) =>
{
    if (User.GetByEmail(conn, email) is not { } user)
    {
        return NotFound(email);
    }

    User.Delete(conn, user);
    conn.Commit();
    return TypedResults.NoContent();
});

app.MapHealthChecks("/health");
app.Run();

// A missing user is a 404 that names no value from the request (an email is personal data).
static ProblemHttpResult NotFound(string email) =>
    TypedResults.Problem("No user has this email.", statusCode: StatusCodes.Status404NotFound);

// GenOrm's message is written for people and never echoes the value, so it is the problem's detail as it is.
static ProblemHttpResult Refused(ConstraintViolationException e) =>
    TypedResults.Problem(e.Message, statusCode: e.Kind == ConstraintKind.Unique ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);

namespace GenOrm.WebApi
{
    /// <summary>A user as the API returns it.</summary>
    public sealed record UserResponse(long Id, string Name, string Email, string Login)
    {
        /// <summary>Maps a row to its response.</summary>
        public static UserResponse From(User user) => new(user.Id, user.Name, user.Email, user.Login);
    }

    /// <summary>The body of <c>POST /users</c>.</summary>
    public sealed record CreateUser(string Name, string Email, string Login);

    /// <summary>The body of <c>PUT /users/{email}</c>.</summary>
    public sealed record UpdateUser(string Name, string Login);

    /// <summary>System.Text.Json's source-generated metadata for every type the API reads or writes (NativeAOT).</summary>
    [JsonSerializable(typeof(List<UserResponse>))]
    [JsonSerializable(typeof(CreateUser))]
    [JsonSerializable(typeof(UpdateUser))]
    [JsonSerializable(typeof(ProblemDetails))]
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    internal sealed partial class AppJsonContext : JsonSerializerContext
    {
    }
}
