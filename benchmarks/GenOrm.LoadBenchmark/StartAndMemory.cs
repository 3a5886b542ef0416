using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GenOrm.LoadBenchmark;

/// <summary>
/// samples/GenOrm.WebApi published twice, JIT and NativeAOT: each started <c>starts</c> times on a new database; start
/// time is from starting the process to its first 200 on <c>/health</c>; memory is the resident set after that, and its
/// peak after 1,000 list requests.
/// </summary>
internal static class StartAndMemory
{
    public static async Task<string> RunAsync(string work, int starts)
    {
        string sample = Path.Combine(RepositoryRoot(), "samples", "GenOrm.WebApi");
        string jit = Path.Combine(work, "jit");
        string aot = Path.Combine(work, "aot");
        Publish(sample, jit, "-c", "Release", "-p:PublishAot=false", "-o", jit);
        Publish(sample, aot, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", aot);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## samples/GenOrm.WebApi: NativeAOT against JIT (median of {starts} starts)");
        report.AppendLine();
        report.AppendLine("| build | start to first /health (ms) | RSS after start (MiB) | peak RSS after 1,000 requests (MiB) |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var (name, program, arguments) in new[]
        {
            ("JIT", "dotnet", new[] { Path.Combine(jit, "GenOrm.WebApi.dll") }),
            ("NativeAOT", Path.Combine(aot, "GenOrm.WebApi"), Array.Empty<string>()),
        })
        {
            var startMs = new List<double>();
            var rss = new List<double>();
            var peak = new List<double>();
            for (int i = 0; i < starts; i++)
            {
                string data = Path.Combine(work, $"{name}-{i}");
                Directory.CreateDirectory(data);
                var environment = new Dictionary<string, string>
                {
                    ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                    ["GENORM_URL"] = "sqlite:///" + Path.Combine(data, "app.db"),
                };
                long started = Stopwatch.GetTimestamp();
                using ServerProcess server = await ServerProcess.StartAsync(program, arguments, environment);
                using var http = new HttpClient { BaseAddress = server.Address };
                while (!(await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                }

                startMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                rss.Add(server.MemoryMiB("VmRSS"));
                for (int r = 0; r < 1000; r++)
                {
                    (await http.GetAsync("/users?limit=20")).EnsureSuccessStatusCode();
                }

                peak.Add(server.MemoryMiB("VmHWM"));
            }

            Console.WriteLine($"{name}: start {Median(startMs):0.0} ms, RSS {Median(rss):0.0} MiB, peak {Median(peak):0.0} MiB");
            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Median(startMs):0.0} | {Median(rss):0.0} | {Median(peak):0.0} |");
        }

        return report.ToString();
    }

    private static void Publish(string project, string output, params string[] options)
    {
        Console.WriteLine($"dotnet publish {project} {string.Join(' ', options)}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("publish");
        info.ArgumentList.Add(project);
        foreach (string option in options)
        {
            info.ArgumentList.Add(option);
        }

        using Process process = Process.Start(info)!;
        string log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish failed for " + output + ":\n" + log);
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count == 0 ? double.NaN : values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GenOrm.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("GenOrm.sln not found above " + AppContext.BaseDirectory);
    }
}
