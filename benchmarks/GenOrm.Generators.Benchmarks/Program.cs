using System.Diagnostics;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Benchmarks;

/// <summary>
/// Runs the generator benchmarks: <c>dotnet run -c Release --project benchmarks/GenOrm.Generators.Benchmarks -- --filter '*'</c>.
/// With <c>--check</c>, runs each scenario a few times without BenchmarkDotNet and prints what each run re-emitted;
/// with <c>--steps</c>, prints where a method-body edit's run spends its time, step by step.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["--check"])
        {
            Check();
            return;
        }

        if (args is ["--steps"])
        {
            Steps();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// Runs the method-body edit on a driver that tracks its steps and prints the time each named step took (summed
    /// over its runs), slowest first: where an after-edit run spends what is not Roslyn's own.
    /// </summary>
    private static void Steps()
    {
        var benchmarks = new GeneratorBenchmarks();
        benchmarks.GlobalSetup();
        GeneratorDriver warm = SyntheticAssembly.CreateDriver(trackSteps: true).RunGenerators(benchmarks.FullCompilation());
        for (int i = 0; i < 5; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            GeneratorDriver driver = warm.RunGenerators(benchmarks.MethodBodyEditCompilation());
            double total = stopwatch.Elapsed.TotalMilliseconds;
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Console.WriteLine($"run {i}: {total:F1} ms");
            if (i < 4)
            {
                continue;
            }

            foreach (var step in result.TrackedSteps.Concat(result.TrackedOutputSteps)
                .Select(pair => (pair.Key, Ms: pair.Value.Sum(run => run.ElapsedTime.TotalMilliseconds), Runs: pair.Value.Length,
                    New: pair.Value.Sum(run => run.Outputs.Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified))))
                .OrderByDescending(step => step.Ms))
            {
                Console.WriteLine($"  {step.Key,-40} {step.Ms,8:F2} ms  {step.Runs,5} runs  {step.New,5} new/modified");
            }
        }
    }

    private static void Check()
    {
        var benchmarks = new GeneratorBenchmarks();
        benchmarks.GlobalSetup();
        (string Name, Action Setup, Func<GeneratorDriver> Run)[] scenarios =
        {
            (nameof(GeneratorBenchmarks.FullRun), benchmarks.SetupFullRun, benchmarks.FullRun),
            (nameof(GeneratorBenchmarks.RunAfterMethodBodyEdit), benchmarks.SetupMethodBodyEdit, benchmarks.RunAfterMethodBodyEdit),
            (nameof(GeneratorBenchmarks.RunAfterColumnEdit), benchmarks.SetupColumnEdit, benchmarks.RunAfterColumnEdit),
        };
        foreach ((string name, Action setup, Func<GeneratorDriver> run) in scenarios)
        {
            var times = new List<double>();
            GeneratorDriver driver = null!;
            for (int i = 0; i < 10; i++)
            {
                setup();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                var stopwatch = Stopwatch.StartNew();
                driver = run();
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
                if (i == 9)
                {
                    Console.WriteLine($"{name}: allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / 1024.0:F1} MB on this thread");
                }
            }

            times.Sort();
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Console.WriteLine(
                $"{name}: min {times[0]:F1} ms, median {times[times.Count / 2]:F1} ms; {result.GeneratedSources.Length} files");
        }
    }
}
