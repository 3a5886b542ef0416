using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using GenOrm;
using GenOrm.LoadBenchmark;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// One command (docs/benchmarks.md, "Load: the web service"):
//   dotnet run -c Release --project benchmarks/GenOrm.LoadBenchmark [-- --clients 8 --requests 2000 --starts 10 --skip-aot]
// The same program is also the server: `serve <genorm|efcore|dapper> <database file>` (started by the driver).
if (args.Length >= 3 && args[0] == "serve")
{
    Serve(args[1], args[2]);
    return 0;
}

var settings = Settings.Parse(args);
string work = Path.Combine(Path.GetTempPath(), "genorm-load-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
try
{
    var report = new StringBuilder();
    report.AppendLine(CultureInfo.InvariantCulture, $"## Load: {settings.Clients} clients x {settings.Requests} requests against 127.0.0.1 (JIT, Release)");
    report.AppendLine();
    report.AppendLine("| service | requests/s | p50 (ms) | p99 (ms) | errors |");
    report.AppendLine("|---|---:|---:|---:|---:|");
    foreach (string peer in new[] { "genorm", "efcore", "dapper" })
    {
        string file = Path.Combine(work, peer + ".db");
        Seed(file);
        using ServerProcess server = await ServerProcess.StartAsync(Environment.ProcessPath!, SelfArguments("serve", peer, file), environment: null);
        LoadResult result = await Load.RunAsync(server.Address, settings.Clients, settings.Requests);
        Console.WriteLine($"{peer}: {result}");
        report.AppendLine(CultureInfo.InvariantCulture, $"| {peer} | {result.RequestsPerSecond:0} | {result.P50:0.000} | {result.P99:0.000} | {result.Errors} |");
    }

    if (!settings.SkipAot)
    {
        report.AppendLine();
        report.Append(await StartAndMemory.RunAsync(work, settings.Starts));
    }

    Console.WriteLine();
    Console.WriteLine(report);
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static void Serve(string peer, string file)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, LoadJson.Default));
    Action<WebApplication> map = peer switch
    {
        "genorm" => Use<GenOrmService>(builder.Services, file),
        "efcore" => Use<EfCoreService>(builder.Services, file),
        "dapper" => Use<DapperService>(builder.Services, file),
        _ => throw new ArgumentException("peer must be genorm, efcore or dapper: " + peer),
    };
    WebApplication app = builder.Build();
    map(app);
    app.Start();
    string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    Console.WriteLine("Now listening on: " + address);
    app.WaitForShutdown();
}

static Action<WebApplication> Use<TService>(IServiceCollection services, string file)
    where TService : IUserService
{
    TService.Add(services, file);
    return TService.Map;
}

// Every peer gets the same file: GenOrm's DDL (STRICT, CHECK on lengths, UNIQUE email), WAL, 1,000 users.
static void Seed(string file)
{
    using Engine engine = Engine.Create("sqlite:///" + file);
    using Connection conn = engine.Connect();
    LoadUser.CreateTable(conn);
    LoadUser.InsertMany(conn, Enumerable.Range(0, Load.SeededUsers).Select(i => new LoadUser { Name = "User " + i, Email = Load.Email(i), Login = "user" + i }));
    conn.Commit();
}

// `dotnet run` starts this program through the dotnet host: run the server the same way.
static string[] SelfArguments(params string[] serveArguments)
{
    string entry = typeof(Settings).Assembly.Location;
    return Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
        ? [entry, .. serveArguments]
        : serveArguments;
}

internal sealed record Settings(int Clients, int Requests, int Starts, bool SkipAot)
{
    public static Settings Parse(string[] args)
    {
        int clients = 8, requests = 2000, starts = 10;
        bool skipAot = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--clients": clients = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--starts": starts = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--skip-aot": skipAot = true; break;
                default: throw new ArgumentException("unknown argument: " + args[i]);
            }
        }

        return new Settings(clients, requests, starts, skipAot);
    }
}

internal sealed record LoadResult(double RequestsPerSecond, double P50, double P99, int Errors)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RequestsPerSecond:0} requests/s, p50 {P50:0.000} ms, p99 {P99:0.000} ms, {Errors} errors");
}

/// <summary>
/// The bounded load: each client sends its requests one after another (a fixed, deterministic mix: 80% get by email,
/// 10% a page of 20 users, 10% create), after a warm-up of 200 requests per client that is not counted.
/// </summary>
internal static class Load
{
    public const int SeededUsers = 1000;

    public static string Email(int i) => "user" + i.ToString(CultureInfo.InvariantCulture) + "@example.com";

    public static async Task<LoadResult> RunAsync(Uri address, int clients, int requests)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseProxy = false }) { BaseAddress = address };
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => ClientAsync(http, c, 200, warmUp: true)));
        var started = Stopwatch.StartNew();
        ClientResult[] results = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => ClientAsync(http, c, requests, warmUp: false)));
        double seconds = started.Elapsed.TotalSeconds;
        double[] latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        return new LoadResult(latencies.Length / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), results.Sum(r => r.Errors));
    }

    private sealed record ClientResult(double[] Latencies, int Errors);

    private static async Task<ClientResult> ClientAsync(HttpClient http, int client, int requests, bool warmUp)
    {
        var latencies = new double[requests];
        int errors = 0;
        for (int i = 0; i < requests; i++)
        {
            using HttpRequestMessage request = Request(client, i, warmUp);
            HttpStatusCode expected = request.Method == HttpMethod.Post ? HttpStatusCode.Created : HttpStatusCode.OK;
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode != expected)
            {
                errors++;
            }
        }

        return new ClientResult(latencies, errors);
    }

    private static HttpRequestMessage Request(int client, int i, bool warmUp) => (i % 10) switch
    {
        0 => new HttpRequestMessage(HttpMethod.Post, "/users")
        {
            Content = new StringContent(
                $$"""{"name":"Load {{client}}","email":"load-{{(warmUp ? "w" : "m")}}-{{client}}-{{i}}@example.com","login":"load"}""",
                Encoding.UTF8,
                "application/json"),
        },
        5 => new HttpRequestMessage(HttpMethod.Get, $"/users?offset={(i * 7) % (SeededUsers - 20)}&limit=20"),
        _ => new HttpRequestMessage(HttpMethod.Get, "/users/" + Email((client * 7919 + i * 31) % SeededUsers)),
    };

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
