using GenOrm;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Orm;

namespace GenOrm.Tests.Query;

/// <summary>
/// Measures the process's managed heap (<see cref="GC.GetTotalMemory(bool)"/>), which every test running at the same
/// time shares: so it runs alone, in the collection that xunit starts only after the parallel ones have finished.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class StreamingMemoryTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public StreamingMemoryTests()
    {
        _conn = _engine.Connect();
        Product.CreateTable(_conn);
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void Stream_ReadsAHundredThousandRowsWithBoundedMemory()
    {
        const int rows = 100_000;
        string padding = new('x', 200);
        Product.InsertMany(_conn, Enumerable.Range(1, rows).Select(i => new Product { Id = i, Name = padding + i, Price = i }));
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakGrowth = 0;
        long count = 0;
        double sum = 0;

        foreach (Product product in Product.Query(_conn).OrderBy(Product.Columns.Id).Stream())
        {
            count++;
            sum += product.Price;
            if (count % 25_000 == 0)
            {
                peakGrowth = Math.Max(peakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        // Buffered, these rows would hold about 45 MB of strings; streamed, memory stays flat.
        Assert.Equal(rows, count);
        Assert.Equal(rows * (rows + 1.0) / 2.0, sum);
        Assert.True(peakGrowth < 8_000_000, $"memory grew by {peakGrowth:N0} bytes while streaming");
        Assert.Equal(1L, _conn.Execute(Sql.Text("select 1")).Scalar<long>());
    }
}
