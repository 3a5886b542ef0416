using GenOrm.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GenOrm.Service.Tests;

/// <summary>The health check through the real <see cref="HealthCheckService"/>, on real database files.</summary>
public sealed class HealthCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReachableDatabase_IsHealthy()
    {
        string file = _dir.File("app.db");
        HealthReportEntry entry = await CheckAsync("sqlite:///" + file);

        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal($"The database '{file}' answered.", entry.Description);
        Assert.Null(entry.Exception);
    }

    [Fact]
    public async Task MissingFolder_IsUnhealthy_WithGenOrmsOpenMessage()
    {
        string file = _dir.File(Path.Combine("missing", "app.db"));
        HealthReportEntry entry = await CheckAsync("sqlite:///" + file);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        GenOrmException error = Assert.IsType<GenOrmException>(entry.Exception);
        Assert.Equal(
            $"Cannot open the database file '{file}': its folder '{Path.GetDirectoryName(file)}' does not exist. Create the folder first, or correct the path.",
            error.Message);
        Assert.Equal($"The database '{file}' cannot be used: " + error.Message, entry.Description);
    }

    [Fact]
    public async Task LockedDatabase_IsReportedBusy()
    {
        string file = _dir.File("app.db");
        using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        holder.Open();
        using (SqliteCommand setup = holder.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
            setup.ExecuteNonQuery();
        }

        HealthReportEntry entry = await CheckAsync("sqlite:///" + file, options =>
        {
            options.UseWal = false;
            options.BusyTimeout = TimeSpan.FromMilliseconds(50);
        });

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsType<DatabaseBusyException>(entry.Exception);
        Assert.Equal(
            $"The database '{file}' is busy: another connection held its lock for longer than the busy timeout (50 ms). "
            + "Look for a long-running write transaction, or raise EngineOptions.BusyTimeout.",
            entry.Description);
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeout_IsReportedWithTheTimeout()
    {
        string file = _dir.File("app.db");
        HealthReportEntry entry = await CheckAsync("sqlite:///" + file, timeout: TimeSpan.Zero);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.IsAssignableFrom<OperationCanceledException>(entry.Exception);
        Assert.Equal(
            $"The database '{file}' did not answer within the health check's timeout (0 ms). "
            + "Look for a long-running statement or a slow disk, or raise the timeout given to AddGenOrmCheck.",
            entry.Description);
    }

    [Fact]
    public async Task FailureStatusAndName_AreTheRegistrations()
    {
        string file = _dir.File(Path.Combine("missing", "app.db"));
        HealthReportEntry entry = await CheckAsync("sqlite:///" + file, name: "orders-db", failureStatus: HealthStatus.Degraded);

        Assert.Equal(HealthStatus.Degraded, entry.Status);
    }

    [Fact]
    public void NegativeTimeout_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ServiceCollection().AddHealthChecks().AddGenOrmCheck(timeout: TimeSpan.FromSeconds(-1)));
        Assert.Equal("timeout", error.ParamName);
    }

    private static async Task<HealthReportEntry> CheckAsync(
        string url,
        Action<EngineOptions>? configure = null,
        string name = "genorm",
        HealthStatus? failureStatus = null,
        TimeSpan? timeout = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddGenOrm(url, configure);
        services.AddHealthChecks().AddGenOrmCheck(name, failureStatus, timeout: timeout);
        await using ServiceProvider provider = services.BuildServiceProvider();
        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return Assert.Single(report.Entries, e => e.Key == name).Value;
    }
}
