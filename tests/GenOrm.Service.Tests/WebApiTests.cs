using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GenOrm.Service.Tests;

/// <summary>
/// samples/GenOrm.WebApi started as a real process on a free loopback port and driven over HTTP: every endpoint,
/// every status code, every body.
/// </summary>
public sealed partial class WebApiTests : IAsyncLifetime
{
    private const string UniqueEmail =
        "Cannot write to table 'user': column 'email' must be unique and another row already has this value. Load and update the existing row instead, or use a different value.";

    private const string NameTooLong =
        "The value for column 'name' of table 'user' is longer than its maximum length of 100 characters. Shorten the value, or raise [MaxLength] on the property.";

    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new();
    private WebApiProcess? _app;

    public async Task InitializeAsync()
    {
        _app = await WebApiProcess.StartAsync("sqlite:///" + _dir.File("app.db"), _dir.Path);
        _http.BaseAddress = _app.Address;
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _app?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryEndpoint_ReturnsItsStatusAndBody()
    {
        using (HttpResponseMessage health = await _http.GetAsync("/health"))
        {
            await AssertBody(health, HttpStatusCode.OK, "text/plain", "Healthy");
        }

        await AssertJson(await _http.GetAsync("/users"), HttpStatusCode.OK, "[]");

        using (HttpResponseMessage created = await PostAsync("/users", """{"name":"Ann","email":"ann@example.com","login":"ann"}"""))
        {
            await AssertJson(created, HttpStatusCode.Created, """{"id":1,"name":"Ann","email":"ann@example.com","login":"ann"}""");
            Assert.Equal("/users/ann%40example.com", created.Headers.Location?.OriginalString);
        }

        await AssertJson(
            await PostAsync("/users", """{"name":"Bob","email":"bob@example.com","login":"bob"}"""),
            HttpStatusCode.Created,
            """{"id":2,"name":"Bob","email":"bob@example.com","login":"bob"}""");
        await AssertProblem(
            await PostAsync("/users", """{"name":"Another Ann","email":"ann@example.com","login":"ann2"}"""),
            HttpStatusCode.Conflict,
            "Conflict",
            UniqueEmail);
        await AssertProblem(
            await PostAsync("/users", $$"""{"name":"{{new string('n', 101)}}","email":"long@example.com","login":"long"}"""),
            HttpStatusCode.BadRequest,
            "Bad Request",
            NameTooLong);

        await AssertJson(
            await _http.GetAsync("/users?offset=1&limit=1"),
            HttpStatusCode.OK,
            """[{"id":2,"name":"Bob","email":"bob@example.com","login":"bob"}]""");
        await AssertProblem(await _http.GetAsync("/users?limit=0"), HttpStatusCode.BadRequest, "Bad Request", "offset must be 0 or more and limit between 1 and 100.");
        await AssertProblem(await _http.GetAsync("/users?offset=-1"), HttpStatusCode.BadRequest, "Bad Request", "offset must be 0 or more and limit between 1 and 100.");

        await AssertJson(await _http.GetAsync("/users/ann@example.com"), HttpStatusCode.OK, """{"id":1,"name":"Ann","email":"ann@example.com","login":"ann"}""");
        await AssertProblem(await _http.GetAsync("/users/nobody@example.com"), HttpStatusCode.NotFound, "Not Found", "No user has this email.");

        await AssertJson(
            await PutAsync("/users/ann@example.com", """{"name":"Ann B","login":"annb"}"""),
            HttpStatusCode.OK,
            """{"id":1,"name":"Ann B","email":"ann@example.com","login":"annb"}""");
        await AssertProblem(
            await PutAsync("/users/ann@example.com", $$"""{"name":"{{new string('n', 101)}}","login":"annb"}"""),
            HttpStatusCode.BadRequest,
            "Bad Request",
            NameTooLong);
        await AssertProblem(await PutAsync("/users/nobody@example.com", """{"name":"X","login":"x"}"""), HttpStatusCode.NotFound, "Not Found", "No user has this email.");

        using (HttpResponseMessage deleted = await _http.DeleteAsync("/users/bob@example.com"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(string.Empty, await deleted.Content.ReadAsStringAsync());
        }

        await AssertProblem(await _http.DeleteAsync("/users/bob@example.com"), HttpStatusCode.NotFound, "Not Found", "No user has this email.");

        // The refused writes left nothing behind: the request's connection was disposed, and rolled back, with the request.
        await AssertJson(await _http.GetAsync("/users"), HttpStatusCode.OK, """[{"id":1,"name":"Ann B","email":"ann@example.com","login":"annb"}]""");
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PutAsync(string path, string json) =>
        _http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task AssertBody(HttpResponseMessage response, HttpStatusCode status, string mediaType, string body)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {text}\n{_app?.Output}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, text);
    }

    private async Task AssertJson(HttpResponseMessage response, HttpStatusCode status, string json)
    {
        using (response)
        {
            await AssertBody(response, status, "application/json", json);
        }
    }

    private async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string title, string detail)
    {
        using (response)
        {
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using JsonDocument problem = JsonDocument.Parse(text);
            JsonElement root = problem.RootElement;
            Assert.Equal(["type", "title", "status", "detail", "traceId"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(ProblemType((int)status), root.GetProperty("type").GetString());
            Assert.Equal(title, root.GetProperty("title").GetString());
            Assert.Equal((int)status, root.GetProperty("status").GetInt32());
            Assert.Equal(detail, root.GetProperty("detail").GetString());
            Assert.Matches(TraceParent(), root.GetProperty("traceId").GetString());
        }
    }

    private static string ProblemType(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();
}
