using System.Diagnostics.Metrics;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// Counts the commands Npgsql sends and waits for (a batch of commands is one) while it is alive, from Npgsql's
/// own meter: each execution adds one to <c>db.client.operation.npgsql.executing</c> when it starts.
/// </summary>
internal sealed class NpgsqlCommandCount : IDisposable
{
    private readonly MeterListener _listener = new();
    private int _count;

    /// <param name="poolName">Counts only the commands of connections whose pool's name (Npgsql's
    /// <c>db.client.connection.pool.name</c>, the connection string without its password) contains it; all when <see langword="null"/>.</param>
    public NpgsqlCommandCount(string? poolName = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.npgsql.executing")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            if (value > 0 && (poolName is null || InPool(tags, poolName)))
            {
                Interlocked.Add(ref _count, value);
            }
        });
        _listener.Start();
    }

    public int Count => Volatile.Read(ref _count);

    private static bool InPool(ReadOnlySpan<KeyValuePair<string, object?>> tags, string poolName)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "db.client.connection.pool.name" && tag.Value is string name && name.Contains(poolName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _listener.Dispose();
}
