using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GenOrm;

/// <summary>Writes what <see cref="EngineOptions.Echo"/> shows: statements, parameters, timings and transaction events.</summary>
internal sealed class EchoLog
{
    private const string Prefix = "[genorm] ";
    private const int MaxParameterSetsShown = 10;
    private static readonly EventId StatementEvent = new(1, "GenOrmStatement");

    private readonly ILogger? _logger;
    private readonly TextWriter? _writer;

    public EchoLog(ILogger? logger, TextWriter? writer)
    {
        _logger = logger;
        _writer = writer;
    }

    public void Line(string text)
    {
        if (_logger is not null)
        {
            _logger.Log(LogLevel.Information, StatementEvent, text, null, static (state, _) => state);
            return;
        }

        TextWriter writer = _writer ?? Console.Out;
        string prefixed = text.Contains('\n', StringComparison.Ordinal)
            ? Prefix + text.ReplaceLineEndings("\n").Replace("\n", "\n" + Prefix, StringComparison.Ordinal)
            : Prefix + text;
        lock (writer)
        {
            writer.WriteLine(prefixed);
        }
    }

    public void Statement(string sql, TimeSpan elapsed, string parameters, bool failed = false)
    {
        Line(sql);
        string timing = failed ? "failed after " : "executed in ";
        Line("[" + timing + Milliseconds(elapsed) + "]" + (parameters.Length == 0 ? string.Empty : " " + parameters));
    }

    /// <summary>Formats parameters for echo: <c>{x: 1, name: 'Ann'}</c> (names without their prefix), or nothing when there are none.</summary>
    public static string FormatParameters(IEnumerable<(string Name, object? Value)> parameters)
    {
        StringBuilder? builder = null;
        foreach ((string name, object? value) in parameters)
        {
            builder = builder is null ? new StringBuilder("{") : builder.Append(", ");
            builder.Append(name.AsSpan(name.Length > 0 && name[0] is ':' or '@' or '$' ? 1 : 0)).Append(": ").Append(ValueFormatter.Format(value));
        }

        return builder is null ? string.Empty : builder.Append('}').ToString();
    }

    public static string FormatBatch(List<string> sets, int total)
    {
        string shown = string.Join(", ", sets);
        string more = total > sets.Count ? ", ... " + (total - sets.Count).ToString(CultureInfo.InvariantCulture) + " more" : string.Empty;
        return total.ToString(CultureInfo.InvariantCulture) + " parameter sets: [" + shown + more + "]";
    }

    public static bool ShowsSet(int index) => index < MaxParameterSetsShown;

    private static string Milliseconds(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
