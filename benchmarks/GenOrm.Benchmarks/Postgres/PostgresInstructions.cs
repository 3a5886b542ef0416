namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// <c>--instructions-postgres --only NAME --side baseline|genorm --calls N [--warmup W]</c>: one side of one
/// <see cref="PostgresPaired.Pairs"/> workload, run N times after a warm-up of both sides, for
/// <c>benchmarks/postgres-instructions.sh</c> to count under <c>valgrind --tool=callgrind</c>. The script runs each side
/// with two call counts and divides the difference of the client's instruction counts by the operations between them,
/// which leaves out the start, the server's set-up and the warm-up. The server runs outside valgrind; only the client's
/// own work is counted, the same from run to run however busy the machine is.
/// </summary>
public static class PostgresInstructions
{
    public static int Run(string only, string side, int calls, int warmup)
    {
        PostgresPaired.Pair[] matches = [.. PostgresPaired.Pairs.Where(p => p.Name.Contains(only, StringComparison.OrdinalIgnoreCase))];
        if (matches.Length != 1)
        {
            Console.Error.WriteLine($"--only '{only}' names {matches.Length} workloads; name one of: {string.Join("; ", PostgresPaired.Pairs.Select(p => p.Name))}");
            return 2;
        }

        PostgresPaired.Pair pair = matches[0];
        Func<PostgresPeerWorkload, object> measured = side switch
        {
            "baseline" => pair.Baseline,
            "genorm" => pair.GenOrm,
            _ => throw new ArgumentException($"--side is 'baseline' or 'genorm', not '{side}'."),
        };

        PostgresPeerWorkload workload = pair.Create();
        workload.GlobalSetup();
        try
        {
            for (int i = 0; i < warmup; i++)
            {
                pair.Baseline(workload);
                pair.GenOrm(workload);
            }

            // As in the paired mode's byte counts: receives wait in the kernel, so how often one finds no reply yet
            // (a matter of timing) changes nothing that is counted.
            using BlockingSockets? blocking = BlockingSockets.Engage(workload);
            for (int i = 0; i < calls; i++)
            {
                measured(workload);
            }

            Console.WriteLine($"// {pair.Name}: {calls} call(s) of {side}, {pair.OperationsPerCall} operation(s) each, after {warmup} warm-up call(s) of each side");
            return 0;
        }
        finally
        {
            workload.GlobalCleanup();
        }
    }
}
