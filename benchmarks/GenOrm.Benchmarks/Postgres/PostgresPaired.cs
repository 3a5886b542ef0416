using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// <c>--paired-postgres [--rounds N] [--only NAME]</c>: GenOrm against the hand-written Npgsql baseline, measured in alternating
/// blocks in one process on one throwaway server, for a machine too noisy for BenchmarkDotNet's separate runs to tell a
/// few percent apart (a shared 2-core VM whose round trips vary by ±30% from minute to minute).
/// </summary>
/// <remarks>
/// <para>
/// Each workload is the BenchmarkDotNet class's own pair of <c>[Benchmark]</c> methods (the same peers, rows and
/// lookups). After a warm-up, the block size is set so that one baseline block takes about 100 ms; then each round
/// runs one block of each, in the order A B in even rounds and B A in odd ones, so that a drift of the machine's speed
/// weighs on both alike. A round gives two ratios, GenOrm over the baseline: wall-clock time, and the client process's
/// CPU time (user + system, all threads), which leaves out the server's work and the time spent waiting for it.
/// </para>
/// <para>
/// The report gives, per workload, the median of each ratio over the rounds with a distribution-free 95% confidence
/// interval for that median (the order statistics of a binomial(n, ½)), and the bytes each side allocates per operation
/// on the measuring thread. A ratio is shown as below 1 only when the whole interval is.
/// </para>
/// <para>
/// The bytes are given twice. During the rounds they include about 192 B for each receive that had to wait for the
/// server (.NET's emulated blocking receive on Npgsql's socket, see <see cref="BlockingSockets"/>), on either side, as
/// often as timing makes it happen: between 0 and 1 per round trip, varying from run to run. After the rounds, five more
/// blocks per side run with the sockets blocking in the kernel, which leaves those out: that figure is what the code of
/// each side allocates, the same to the byte from run to run once the JIT has settled, and the one to compare.
/// </para>
/// </remarks>
public static class PostgresPaired
{
    private static readonly TimeSpan TargetBlock = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The pairs measured: each workload's baseline and GenOrm <c>[Benchmark]</c> methods, and how many operations one
    /// call of them is. <see cref="PostgresInstructions"/> counts the same pairs.
    /// </summary>
    public static readonly IReadOnlyList<Pair> Pairs =
    [
        Pair.Of("GetAll (10,000 rows)", () => new PostgresGetAll(), w => w.NpgsqlQuery(), w => w.GenOrm(), 1),
        Pair.Of("GetByEmail (per lookup)", () => new PostgresGetByEmail(), w => w.NpgsqlQuery(), w => w.GenOrm(), Workloads.GetByEmail.Lookups),
        Pair.Of("Request (per request)", () => new PostgresRequest(), w => w.NpgsqlRequest(), w => w.GenOrmRequest(), Workloads.GetByEmail.Lookups),
        Pair.Of("Request + Commit (per request)", () => new PostgresRequest(), w => w.NpgsqlRequest(), w => w.GenOrmRequestCommit(), Workloads.GetByEmail.Lookups),
        Pair.Of("Filtered, typed query", () => new PostgresFilteredQuery(), w => w.NpgsqlQuery(), w => w.GenOrmTyped(), 1),
        Pair.Of("Filtered, [Query] method", () => new PostgresFilteredQuery(), w => w.NpgsqlQuery(), w => w.GenOrmQueryMethod(), 1),
    ];

    public static int Run(int rounds, string? only, string resultsFolder)
    {
        var results = new List<Result>();
        foreach (Pair pair in Pairs)
        {
            if (only is null || pair.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                results.Add(Measure(pair, rounds));
            }
        }

        string report = Report(results, rounds);
        Directory.CreateDirectory(resultsFolder);
        string path = Path.Combine(resultsFolder, "paired-postgres.md");
        File.WriteAllText(path, report);
        Console.WriteLine(report);
        Console.WriteLine("// Written to " + path);
        return 0;
    }

    private static Result Measure(Pair pair, int rounds)
    {
        string name = pair.Name;
        int operationsPerCall = pair.OperationsPerCall;
        Console.WriteLine($"// {name}: starting a server");
        PostgresPeerWorkload workload = pair.Create();
        workload.GlobalSetup();
        try
        {
            Action a = () => pair.Baseline(workload);
            Action b = () => pair.GenOrm(workload);

            // Warm-up: both sides jitted to their final tier and their pools and statements prepared.
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed < TimeSpan.FromSeconds(3))
            {
                a();
                b();
            }

            // The block size from the median of nine baseline calls (one call alone is too noisy a guide here).
            var times = new long[9];
            for (int i = 0; i < times.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                a();
                times[i] = Stopwatch.GetElapsedTime(start).Ticks;
            }

            Array.Sort(times);
            int calls = Math.Max(1, (int)(TargetBlock.Ticks / Math.Max(1, times[times.Length / 2])));
            Console.WriteLine($"// {name}: {rounds} rounds of {calls} call(s) per side, {operationsPerCall} operation(s) per call");

            var wall = new double[rounds];
            var cpu = new double[rounds];
            long allocatedA = 0, allocatedB = 0;
            for (int round = 0; round < rounds; round++)
            {
                Block first, second;
                if (round % 2 == 0)
                {
                    first = Block.Run(a, calls);
                    second = Block.Run(b, calls);
                }
                else
                {
                    second = Block.Run(b, calls);
                    first = Block.Run(a, calls);
                }

                wall[round] = second.Wall / first.Wall;
                cpu[round] = second.Cpu / Math.Max(1e-9, first.Cpu);
                allocatedA += first.Allocated;
                allocatedB += second.Allocated;
            }

            double operations = (double)rounds * calls * operationsPerCall;
            (double? exactA, double? exactB) = MeasureWithoutSocketWaits(workload, a, b, calls, operationsPerCall);
            return new Result(name, calls * operationsPerCall, wall, cpu, allocatedA / operations, allocatedB / operations, exactA, exactB);
        }
        finally
        {
            workload.GlobalCleanup();
        }
    }

    /// <summary>
    /// After the rounds: the bytes each side allocates per operation on the measuring thread with the workload's sockets
    /// blocking in the kernel (<see cref="BlockingSockets"/>), which leaves out the receives that had to wait for the
    /// server; the median of five blocks per side. <see langword="null"/> where the sockets cannot be made blocking.
    /// </summary>
    private static (double? Baseline, double? GenOrm) MeasureWithoutSocketWaits(PostgresPeerWorkload workload, Action a, Action b, int calls, int operationsPerCall)
    {
        using BlockingSockets? blocking = BlockingSockets.Engage(workload);
        if (blocking is not { Count: > 0 })
        {
            return (null, null);
        }

        var bytesA = new double[5];
        var bytesB = new double[5];
        for (int i = 0; i < bytesA.Length; i++)
        {
            bytesA[i] = Block.Run(a, calls).Allocated / ((double)calls * operationsPerCall);
            bytesB[i] = Block.Run(b, calls).Allocated / ((double)calls * operationsPerCall);
        }

        Array.Sort(bytesA);
        Array.Sort(bytesB);
        return (bytesA[bytesA.Length / 2], bytesB[bytesB.Length / 2]);
    }

    private static string Report(List<Result> results, int rounds)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# GenOrm / Npgsql (hand-written), paired blocks on one server: {rounds} rounds per workload");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} logical CPUs, {Environment.OSVersion}, .NET {Environment.Version}; ratios are GenOrm over the baseline, median over the rounds [95% confidence interval of the median].");
        text.AppendLine();
        text.AppendLine("Allocated: bytes per operation on the measuring thread, baseline / GenOrm; during the rounds, and then without the receives that waited for the server (sockets blocking in the kernel: what the code allocates, the same from run to run).");
        text.AppendLine();
        text.AppendLine("| workload | operations per block | wall-clock time | client CPU time | allocated per op, rounds | allocated per op, without socket waits |");
        text.AppendLine("|---|---:|---|---|---:|---:|");
        foreach (Result r in results)
        {
            string exact = r.BaselineExactBytes is { } ea && r.GenOrmExactBytes is { } eb
                ? string.Create(CultureInfo.InvariantCulture, $"{ea:N0} / {eb:N0} B")
                : "n/a";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.OperationsPerBlock:N0} | {Median(r.Wall)} | {Median(r.Cpu)} | {r.BaselineBytes:N0} / {r.GenOrmBytes:N0} B | {exact} |");
        }

        return text.ToString();
    }

    /// <summary>The median and its distribution-free 95% interval: the order statistics k and n + 1 - k of a binomial(n, ½).</summary>
    private static string Median(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        int k = Math.Max(1, (int)Math.Floor((n - (1.96 * Math.Sqrt(n))) / 2));
        double low = sorted[k - 1], high = sorted[n - k];
        string verdict = high < 1 ? "below 1" : low > 1 ? "above 1" : "1 within";
        return string.Create(CultureInfo.InvariantCulture, $"{median:F3} [{low:F3}, {high:F3}] ({verdict})");
    }

    private readonly record struct Block(double Wall, double Cpu, long Allocated)
    {
        public static Block Run(Action action, int calls)
        {
            using Process self = Process.GetCurrentProcess();
            TimeSpan cpuStart = self.TotalProcessorTime;
            long allocatedStart = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
            {
                action();
            }

            long end = Stopwatch.GetTimestamp();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedStart;
            self.Refresh();
            return new Block(end - start, (self.TotalProcessorTime - cpuStart).TotalMilliseconds, allocated);
        }
    }

    /// <summary>One workload's baseline and GenOrm methods, and the operations in one call of them.</summary>
    public sealed record Pair(string Name, Func<PostgresPeerWorkload> Create, Func<PostgresPeerWorkload, object> Baseline, Func<PostgresPeerWorkload, object> GenOrm, int OperationsPerCall)
    {
        public static Pair Of<TWorkload>(string name, Func<TWorkload> create, Func<TWorkload, object> baseline, Func<TWorkload, object> genOrm, int operationsPerCall)
            where TWorkload : PostgresPeerWorkload =>
            new(name, create, w => baseline((TWorkload)w), w => genOrm((TWorkload)w), operationsPerCall);
    }

    private sealed record Result(string Name, int OperationsPerBlock, double[] Wall, double[] Cpu, double BaselineBytes, double GenOrmBytes, double? BaselineExactBytes, double? GenOrmExactBytes);
}
