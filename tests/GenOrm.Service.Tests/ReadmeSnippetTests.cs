using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GenOrm.Service.Tests;

/// <summary>The README's user class, under another table name.</summary>
[Table("readme_user")]
public partial class ReadmeUser
{
    [PrimaryKey, AutoIncrement] public long Id { get; set; }

    [MaxLength(100)] public required string Name { get; set; }

    [Unique, MaxLength(100)] public required string Email { get; set; }
}

/// <summary>The README's "In an ASP.NET Core app" snippet as written, on Kestrel in this process, on a free loopback port.</summary>
public sealed class ReadmeSnippetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InAnAspNetCoreApp_WorksAsTheReadmeShows()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = _dir.Path });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        // The README's lines, with ReadmeUser for User.
        builder.Services.AddGenOrm("sqlite:///" + _dir.File("app.db"), options => options.Echo = builder.Environment.IsDevelopment());
        builder.Services.AddHealthChecks().AddGenOrmCheck();
        await using WebApplication app = builder.Build();
        using (Connection setup = app.Services.GetRequiredService<Engine>().Connect())
        {
            ReadmeUser.CreateTable(setup);
            setup.Commit();
        }

        app.MapGet("/users/{email}", (Connection conn, string email) =>
            ReadmeUser.GetByEmail(conn, email) is { } user ? Results.Ok(user) : Results.NotFound());
        app.MapPost("/users", (Connection conn, ReadmeUser user) =>
        {
            ReadmeUser.Insert(conn, user);
            conn.Commit();
            return Results.Created($"/users/{user.Email}", user);
        });
        app.MapHealthChecks("/health");

        await app.StartAsync();
        try
        {
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            using HttpResponseMessage created = await http.PostAsJsonAsync("/users", new { name = "Ann", email = "ann@example.com" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("""{"id":1,"name":"Ann","email":"ann@example.com"}""", await created.Content.ReadAsStringAsync());
            Assert.Equal("""{"id":1,"name":"Ann","email":"ann@example.com"}""", await http.GetStringAsync("/users/ann@example.com"));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/users/bob@example.com")).StatusCode);
            Assert.Equal("Healthy", await http.GetStringAsync("/health"));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
