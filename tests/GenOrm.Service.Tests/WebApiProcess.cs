using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace GenOrm.Service.Tests;

/// <summary>
/// samples/GenOrm.WebApi as a real process: <c>dotnet GenOrm.WebApi.dll</c> with <c>ASPNETCORE_URLS=http://127.0.0.1:0</c>,
/// so the OS picks a free loopback port, which is read back from the app's "Now listening on" line. Disposing stops the
/// process (killed with its children) whatever the test did.
/// </summary>
public sealed partial class WebApiProcess : IDisposable
{
    /// <summary>Far longer than a start needs even on a loaded machine: it only catches a hang, never judges speed.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private readonly Process _process;
    private readonly List<string> _output = new();

    private WebApiProcess(Process process) => _process = process;

    /// <summary>Gets the address the app listens on, such as <c>http://127.0.0.1:40317</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Gets everything the app has printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the app on the database <paramref name="genOrmUrl"/>, in <paramref name="workingDirectory"/>, and waits until it listens.</summary>
    public static async Task<WebApiProcess> StartAsync(string genOrmUrl, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(AppPath());
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["GENORM_URL"] = genOrmUrl;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new WebApiProcess(process);
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data, listening);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data, null);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("GenOrm.WebApi exited before it listened:\n" + app.Output));
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            app.Address = await listening.Task.WaitAsync(HangGuard);
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource<Uri>? listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (listening is not null && ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    /// <summary>The sample's entry assembly, built by the project reference with the test assembly's configuration.</summary>
    private static string AppPath()
    {
        string configuration = typeof(WebApiProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GenOrm.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("GenOrm.sln not found above " + AppContext.BaseDirectory);
        }

        string path = Path.Combine(dir.FullName, "samples", "GenOrm.WebApi", "bin", configuration, "net10.0", "GenOrm.WebApi.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException("Build samples/GenOrm.WebApi first: " + path + " does not exist.");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningLine();
}
