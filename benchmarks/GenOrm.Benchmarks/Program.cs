using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace GenOrm.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/GenOrm.Benchmarks -- [--short] [--runs N] [BenchmarkDotNet options]</c>
/// <list type="bullet">
/// <item><c>--short</c>: a few in-process iterations (about a minute for everything), to run before every perf change;</item>
/// <item>default: the full mode, each benchmark in its own process, 12 measured iterations;</item>
/// <item><c>--runs N</c>: repeat the whole run N times and write the median of each mean and ratio
/// (BenchmarkDotNet.Artifacts/results/median-of-N-runs.md), as docs/benchmarks.md quotes them.</item>
/// </list>
/// Without <c>--filter</c>, every SQLite peer workload runs (<c>--filter GenOrm.Benchmarks.Workloads.*</c>); e.g.
/// <c>--filter *.GetByEmail.*</c> picks one, <c>--filter GenOrm.Benchmarks.Diagnostics.*</c> runs the ablations, and
/// <c>--filter *Postgres*</c> the PostgreSQL workloads, each on a throwaway server it starts and stops (PostgreSQL's
/// binaries must be installed). <c>--verify-postgres</c> runs every PostgreSQL peer once and checks their rows;
/// <c>--paired-postgres [--rounds N] [--only NAME]</c> measures GenOrm against the Npgsql baseline in alternating blocks, wall-clock and
/// client CPU time (see <see cref="Postgres.PostgresPaired"/>); <c>--instructions-postgres</c> runs one side of one of those
/// workloads for <c>benchmarks/postgres-instructions.sh</c>, which counts the client's instructions under valgrind.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var arguments = args.ToList();
        if (arguments.Remove("--verify-postgres"))
        {
            return Postgres.PostgresVerification.Run();
        }

        if (arguments.Remove("--paired-postgres"))
        {
            int roundsAt = arguments.IndexOf("--rounds");
            int rounds = roundsAt >= 0 ? int.Parse(arguments[roundsAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 41;
            int onlyAt = arguments.IndexOf("--only");
            return Postgres.PostgresPaired.Run(rounds, onlyAt >= 0 ? arguments[onlyAt + 1] : null, Path.Combine("BenchmarkDotNet.Artifacts", "results"));
        }

        if (arguments.Remove("--instructions-postgres"))
        {
            string Value(string name, string? fallback = null)
            {
                int at = arguments.IndexOf(name);
                return at >= 0 ? arguments[at + 1] : fallback ?? throw new ArgumentException($"--instructions-postgres needs {name}.");
            }

            return Postgres.PostgresInstructions.Run(
                Value("--only"),
                Value("--side"),
                int.Parse(Value("--calls"), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Value("--warmup", "3"), System.Globalization.CultureInfo.InvariantCulture));
        }

        bool shortMode = arguments.Remove("--short");
        int runs = 1;
        int runsAt = arguments.IndexOf("--runs");
        if (runsAt >= 0)
        {
            runs = int.Parse(arguments[runsAt + 1], System.Globalization.CultureInfo.InvariantCulture);
            arguments.RemoveRange(runsAt, 2);
        }

        if (!arguments.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)) &&
            !arguments.Any(a => a is "--list" or "--info" or "--help" or "-h"))
        {
            // The peer comparison; the Diagnostics namespace (ablations of GenOrm's runtime, checks of the baseline) runs
            // only when asked for: --filter GenOrm.Benchmarks.Diagnostics.*
            arguments.AddRange(["--filter", "GenOrm.Benchmarks.Workloads.*"]);
        }

        // A job named on the command line (--job dry, short, ...) replaces this program's own, instead of running beside it.
        bool commandLineJob = arguments.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        IConfig config = CreateConfig(shortMode, commandLineJob);
        var allRuns = new List<Summary[]>();
        for (int run = 1; run <= runs; run++)
        {
            if (runs > 1)
            {
                Console.WriteLine($"// ===== GenOrm benchmarks: run {run} of {runs} =====");
            }

            Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. arguments], config).ToArray();
            if (summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)))
            {
                Console.Error.WriteLine("A benchmark failed; see the log above.");
                return 1;
            }

            allRuns.Add(summaries);
        }

        if (runs > 1)
        {
            string path = MedianReport.Write(allRuns, Path.Combine(config.ArtifactsPath ?? "BenchmarkDotNet.Artifacts", "results"));
            Console.WriteLine(File.ReadAllText(path));
            Console.WriteLine("// Medians written to " + path);
        }

        return 0;
    }

    private static IConfig CreateConfig(bool shortMode, bool commandLineJob)
    {
        Job job = shortMode
            ? Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(100))
                .WithId("Short")
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(4)
                .WithIterationCount(12)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Full");
        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .WithOptions(ConfigOptions.DisableLogFile);
        return commandLineJob ? config : config.AddJob(job);
    }
}
