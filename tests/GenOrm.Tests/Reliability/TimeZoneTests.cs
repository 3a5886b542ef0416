using GenOrm.Tests.Helpers;
using Xunit.Abstractions;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// DateTimeKind.Local values depend on the machine's time zone, so the child process runs in zones with daylight
/// saving changes, half-hour offsets and ±12..14 h offsets (the TZ variable); it round-trips 2,000 random local times and
/// the extremes, including times inside a daylight saving gap. GenOrm stores the ticks, not the kind, so each reads back
/// equal (as Unspecified) whatever the zone, and a bound of kind Local or Utc with the same ticks finds the row.
/// </summary>
public sealed class TimeZoneTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ITestOutputHelper _output;

    public TimeZoneTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("America/St_Johns")]
    [InlineData("Europe/London")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Etc/GMT+12")]
    public void LocalDateTimes_RoundTripAndAreFound_InEveryZone(string zone)
    {
        bool zoneAvailable = OperatingSystem.IsLinux() && File.Exists(Path.Combine("/usr/share/zoneinfo", zone));
        using ChildProcess child = ChildProcess.Start(
            ["local-datetimes", _temp.File(zone.Replace('/', '_') + ".db")],
            zoneAvailable ? new Dictionary<string, string> { ["TZ"] = zone } : null);

        var (exitCode, output, error) = child.WaitForExit(ChildProcess.HangGuard);

        Assert.True(exitCode == 0, output + error);
        string summary = output.Trim().Split('\n')[^1];
        Assert.Matches(@"^checked 2008 in-gap \d+ failures 0 zone ", summary);
        if (zoneAvailable)
        {
            Assert.EndsWith(" zone " + zone, summary, StringComparison.Ordinal);
        }

        _output.WriteLine(summary);
    }
}
