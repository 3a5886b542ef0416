using System;
using System.Globalization;

namespace GenOrm.Extensions.DependencyInjection;

/// <summary>The health check's descriptions: they name the database file and say what to do, never a value from it.</summary>
internal static class HealthCheckMessages
{
    public static string Healthy(string database) =>
        $"The database '{database}' answered.";

    public static string Busy(string database, TimeSpan busyTimeout) =>
        $"The database '{database}' is busy: another connection held its lock for longer than the busy timeout ({Duration(busyTimeout)}). "
        + "Look for a long-running write transaction, or raise EngineOptions.BusyTimeout.";

    public static string TimedOut(string database, TimeSpan timeout) =>
        $"The database '{database}' did not answer within the health check's timeout ({Duration(timeout)}). "
        + "Look for a long-running statement or a slow disk, or raise the timeout given to AddGenOrmCheck.";

    public static string Unreachable(string database, string reason) =>
        $"The database '{database}' cannot be used: {reason}";

    private static string Duration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000
            ? duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms"
            : duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
