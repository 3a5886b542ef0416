using System.Diagnostics;
using BenchmarkDotNet.Running;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Benchmarks;

/// <summary>
/// Runs the generator benchmarks: <c>dotnet run -c Release --project benchmarks/GenOrm.Generators.Benchmarks -- --filter '*'</c>.
/// With <c>--check</c>, runs each scenario a few times without BenchmarkDotNet and prints what each run re-emitted.
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
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
