using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace GenOrm.Benchmarks;

/// <summary>Medians over repeated runs: the machine is noisy, so docs/benchmarks.md quotes these, not one run's error bars.</summary>
internal static class MedianReport
{
    private sealed record Row(string Workload, string Method, double MeanNs, double Ratio, long? AllocatedBytes);

    public static string Write(IReadOnlyList<Summary[]> runs, string directory)
    {
        var rows = new List<Row>();
        foreach (Summary[] run in runs)
        {
            foreach (Summary summary in run)
            {
                foreach (IGrouping<string, BenchmarkReport> workload in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Type.Name))
                {
                    BenchmarkReport? baseline = workload.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
                    foreach (BenchmarkReport report in workload)
                    {
                        if (report.ResultStatistics is null)
                        {
                            continue;
                        }

                        double mean = report.ResultStatistics.Mean;
                        double ratio = baseline?.ResultStatistics is { } b ? mean / b.Mean : double.NaN;
                        rows.Add(new Row(workload.Key, report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo, mean, ratio,
                            report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)));
                    }
                }
            }
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Medians of {runs.Count} runs\n\n");
        foreach (IGrouping<string, Row> workload in rows.GroupBy(r => r.Workload))
        {
            text.Append(CultureInfo.InvariantCulture, $"## {workload.Key}\n\n");
            text.Append("| Method | Median mean | Median ratio | Ratios (each run) | Allocated |\n|---|---:|---:|---|---:|\n");
            foreach (IGrouping<string, Row> method in workload.GroupBy(r => r.Method))
            {
                double[] means = method.Select(r => r.MeanNs).Order().ToArray();
                double[] ratios = method.Select(r => r.Ratio).ToArray();
                long? allocated = method.Select(r => r.AllocatedBytes).FirstOrDefault(a => a is not null);
                text.Append(CultureInfo.InvariantCulture,
                    $"| {method.Key} | {FormatTime(Median(means))} | {Median(ratios):0.00} | {string.Join(" / ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} | {FormatBytes(allocated)} |\n");
            }

            text.Append('\n');
        }

        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"median-of-{runs.Count}-runs.md");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static double Median(double[] values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string FormatTime(double ns) => ns switch
    {
        >= 1_000_000 => (ns / 1_000_000).ToString("0.000", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns / 1_000).ToString("0.000", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
    };

    private static string FormatBytes(long? bytes) => bytes switch
    {
        null => "-",
        >= 1024 * 1024 => (bytes.Value / 1024.0 / 1024.0).ToString("0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes.Value / 1024.0).ToString("0.##", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
