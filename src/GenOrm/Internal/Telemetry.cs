using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace GenOrm.Internal;

/// <summary>
/// GenOrm's traces and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named <c>GenOrm</c>,
/// with names from OpenTelemetry's database semantic conventions (docs/observability.md lists every one).
/// </summary>
/// <remarks>
/// A statement is recorded when it ends, where echo logs it: one <see cref="ActivityKind.Client"/> span whose start
/// time is the statement's, and one <c>db.client.operation.duration</c> measurement. With no listener attached, the
/// statement path pays one <see cref="IsEnabled"/> check and allocates nothing.
/// </remarks>
internal static class Telemetry
{
    public const string Name = "GenOrm";
    public const string SystemName = "sqlite";

    public static readonly ActivitySource Source = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Meter Meter = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Histogram<double> OperationDuration =
#if NET9_0_OR_GREATER
        Meter.CreateHistogram(
            "db.client.operation.duration",
            unit: "s",
            description: "Duration of database client operations.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });
#else
        Meter.CreateHistogram<double>("db.client.operation.duration", unit: "s", description: "Duration of database client operations.");
#endif

    /// <summary>The engines whose connections <c>db.client.connection.count</c> reports; weak, so a lost engine is not kept.</summary>
    private static readonly ConditionalWeakTable<Engine, object> Engines = new();

    public static readonly ObservableUpDownCounter<int> ConnectionCount = Meter.CreateObservableUpDownCounter(
        "db.client.connection.count",
        ObserveConnections,
        unit: "{connection}",
        description: "The number of connections that are currently in state described by the state attribute.");

    /// <summary>For <c>affectedRows</c>: read the count from the statement that just ran, only if a span is recorded.</summary>
    public const long AskStatement = -2;

    /// <summary>Gets whether anything listens: a span or a duration would be recorded.</summary>
    public static bool IsEnabled
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Source.HasListeners() || OperationDuration.Enabled;
    }

    /// <summary>Gets a start timestamp for a statement when echo or telemetry will need it, else 0 (no clock read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Start(bool echo) => echo || IsEnabled ? Stopwatch.GetTimestamp() : 0;

    public static void Track(Engine engine) => Engines.AddOrUpdate(engine, engine);

    public static void Untrack(Engine engine) => Engines.Remove(engine);

    /// <summary>
    /// Records one statement (or one batch of executions of it) that has ended: a span and a duration. Does nothing
    /// when nobody listens.
    /// </summary>
    /// <param name="engine">The engine, for <c>db.namespace</c> and whether parameter values may be recorded.</param>
    /// <param name="sql">The SQL text.</param>
    /// <param name="table">The table, when known at compile time.</param>
    /// <param name="start">The statement's start (<see cref="Stopwatch.GetTimestamp"/>), or 0 if it was not read.</param>
    /// <param name="returnedRows">The rows returned, or -1 when not known.</param>
    /// <param name="affectedRows">The rows changed, -1 when not known, or <see cref="AskStatement"/> to ask <paramref name="statement"/>.</param>
    /// <param name="batchSize">The number of executions in a batch, or 0 for a single one.</param>
    /// <param name="error">The error the statement failed with, or <see langword="null"/>.</param>
    /// <param name="statement">The statement, whose remembered values become parameter attributes (opt-in).</param>
    public static void Statement(
        Engine engine,
        string sql,
        string? table,
        long start,
        long returnedRows,
        long affectedRows,
        int batchSize,
        Exception? error,
        Statement? statement = null)
    {
        bool tracing = Source.HasListeners();
        bool measuring = OperationDuration.Enabled;
        if ((!tracing && !measuring) || start == 0)
        {
            return;
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        string operation = OperationName(sql);
        string? errorType = error is null ? null : ErrorType(error);
        if (tracing)
        {
            // Rows changed mean something only for a write (SQLite's changes() still holds the last write's count).
            if (operation is not ("INSERT" or "UPDATE" or "DELETE" or "REPLACE"))
            {
                affectedRows = -1;
            }
            else if (affectedRows == AskStatement)
            {
                affectedRows = statement?.AffectedRows() ?? -1;
            }

            RecordSpan(engine, sql, table, elapsed, operation, returnedRows, affectedRows, batchSize, error, errorType, statement);
        }

        if (measuring)
        {
            var tags = new TagList
            {
                { "db.system.name", engine.Driver.SystemName },
                { "db.namespace", engine.TelemetryNamespace },
                { "db.operation.name", operation },
            };
            if (table is not null)
            {
                tags.Add("db.collection.name", table);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            OperationDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    private static void RecordSpan(
        Engine engine,
        string sql,
        string? table,
        TimeSpan elapsed,
        string operation,
        long returnedRows,
        long affectedRows,
        int batchSize,
        Exception? error,
        string? errorType,
        Statement? statement)
    {
        DateTimeOffset end = DateTimeOffset.UtcNow;
        var tags = new TagList
        {
            { "db.system.name", engine.Driver.SystemName },
            { "db.namespace", engine.TelemetryNamespace },
            { "db.operation.name", operation },
        };
        if (table is not null)
        {
            tags.Add("db.collection.name", table);
        }

        string name = table is null ? operation : operation + " " + table;
        using Activity? activity = Source.StartActivity(name, ActivityKind.Client, parentContext: default, tags, links: null, startTime: end - elapsed);
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("db.query.text", sql);
            if (returnedRows >= 0)
            {
                activity.SetTag("db.response.returned_rows", returnedRows);
            }

            if (affectedRows >= 0)
            {
                activity.SetTag("genorm.affected_rows", affectedRows);
            }

            if (batchSize > 0)
            {
                activity.SetTag("db.operation.batch.size", batchSize);
            }

            if (engine.TraceParameterValues)
            {
                AddParameters(activity, statement);
            }

            if (error is not null)
            {
                activity.SetTag("error.type", errorType);
                if (StatusCode(error) is { } code)
                {
                    activity.SetTag("db.response.status_code", code);
                }

                activity.SetStatus(ActivityStatusCode.Error, error.Message);
            }
        }
        else if (error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error);
        }

        activity.SetEndTime(end.UtcDateTime);
    }

    private static void AddParameters(Activity activity, Statement? statement)
    {
        if (statement is null)
        {
            return;
        }

        foreach ((string name, object? value) in statement.RememberedParameters())
        {
            activity.SetTag("db.query.parameter." + Bare(name), ParameterValue(value));
        }
    }

    /// <summary>A parameter value as a string attribute: text as it is, numbers in the invariant culture, NULL and blobs by a placeholder.</summary>
    private static string ParameterValue(object? value) => value switch
    {
        string text => text,
        null or DBNull => "NULL",
        _ => ValueFormatter.Format(value),
    };

    private static string Bare(string name) => name.Length > 0 && name[0] is ':' or '@' or '$' ? name[1..] : name;

    /// <summary>
    /// The statement's first keyword, upper-cased: <c>SELECT</c>, <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>,
    /// <c>CREATE</c>, <c>WITH</c>, <c>PRAGMA</c>... Returns an interned constant for the common ones.
    /// </summary>
    internal static string OperationName(string sql)
    {
        ReadOnlySpan<char> text = sql.AsSpan().TrimStart();
        int length = 0;
        while (length < text.Length && char.IsAsciiLetter(text[length]))
        {
            length++;
        }

        ReadOnlySpan<char> word = text[..length];
        foreach (string known in KnownOperations)
        {
            if (word.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return length == 0 ? SystemName : word.ToString().ToUpperInvariant();
    }

    private static readonly string[] KnownOperations =
        ["SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "CREATE", "DROP", "ALTER", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "VACUUM", "ANALYZE"];

    /// <summary>
    /// <c>error.type</c>: the SQLite result code's name for a database error (<c>SQLITE_CONSTRAINT_UNIQUE</c>,
    /// <c>SQLITE_BUSY</c>), else the exception's full type name.
    /// </summary>
    private static string ErrorType(Exception error)
    {
        if (error is OperationCanceledException)
        {
            return "cancelled";
        }

        if (Sqlite(error) is { } sqlite)
        {
            int code = sqlite.SqliteExtendedErrorCode != 0 ? sqlite.SqliteExtendedErrorCode : sqlite.SqliteErrorCode;
            return CodeName(code) ?? CodeName(code & 0xFF) ?? code.ToString(CultureInfo.InvariantCulture);
        }

        return error.GetType().FullName ?? error.GetType().Name;
    }

    private static string? StatusCode(Exception error) =>
        Sqlite(error) is { } sqlite ? sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture) : null;

    private static SqliteException? Sqlite(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite)
            {
                return sqlite;
            }
        }

        return null;
    }

    /// <summary>The symbolic names of the result codes a statement commonly fails with.</summary>
    private static string? CodeName(int code) => code switch
    {
        1 => "SQLITE_ERROR",
        5 => "SQLITE_BUSY",
        6 => "SQLITE_LOCKED",
        8 => "SQLITE_READONLY",
        9 => "SQLITE_INTERRUPT",
        10 => "SQLITE_IOERR",
        11 => "SQLITE_CORRUPT",
        13 => "SQLITE_FULL",
        19 => "SQLITE_CONSTRAINT",
        20 => "SQLITE_MISMATCH",
        26 => "SQLITE_NOTADB",
        261 => "SQLITE_BUSY_RECOVERY",
        517 => "SQLITE_BUSY_SNAPSHOT",
        262 => "SQLITE_LOCKED_SHAREDCACHE",
        275 => "SQLITE_CONSTRAINT_CHECK",
        787 => "SQLITE_CONSTRAINT_FOREIGNKEY",
        1299 => "SQLITE_CONSTRAINT_NOTNULL",
        1555 => "SQLITE_CONSTRAINT_PRIMARYKEY",
        1811 => "SQLITE_CONSTRAINT_TRIGGER",
        2067 => "SQLITE_CONSTRAINT_UNIQUE",
        2579 => "SQLITE_CONSTRAINT_ROWID",
        3091 => "SQLITE_CONSTRAINT_DATATYPE",
        _ => null,
    };

    private static IEnumerable<Measurement<int>> ObserveConnections()
    {
        var measurements = new List<Measurement<int>>();
        foreach (KeyValuePair<Engine, object> entry in Engines)
        {
            (int idle, int used) = entry.Key.ConnectionCounts();
            string pool = entry.Key.TelemetryNamespace;
            measurements.Add(new Measurement<int>(idle, new KeyValuePair<string, object?>("db.client.connection.pool.name", pool), new KeyValuePair<string, object?>("db.client.connection.state", "idle")));
            measurements.Add(new Measurement<int>(used, new KeyValuePair<string, object?>("db.client.connection.pool.name", pool), new KeyValuePair<string, object?>("db.client.connection.state", "used")));
        }

        return measurements;
    }
}
