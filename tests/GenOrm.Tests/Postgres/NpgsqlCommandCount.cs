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

    public NpgsqlCommandCount()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.npgsql.executing")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            if (value > 0)
            {
                Interlocked.Add(ref _count, value);
            }
        });
        _listener.Start();
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
