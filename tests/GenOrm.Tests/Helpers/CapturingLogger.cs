using Microsoft.Extensions.Logging;

namespace GenOrm.Tests.Helpers;

/// <summary>An <see cref="ILogger"/> that keeps every entry, formatted, for assertions.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly List<LogEntry> _entries = new();

    /// <summary>Gets a snapshot of the entries logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return _entries.ToArray();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
        }
    }
}

/// <summary>One entry of a <see cref="CapturingLogger"/>.</summary>
public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception);
