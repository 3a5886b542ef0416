using System.Diagnostics;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// Runs tests/GenOrm.ReliabilityApp as a separate process (<c>dotnet GenOrm.ReliabilityApp.dll ...</c>) and reads its
/// standard output line by line. The test project references the app, so a plain <c>dotnet test</c> builds it first
/// and copies it next to the test assembly.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    /// <summary>
    /// Gets how long <see cref="WaitForExit"/> waits before it calls the child hung: far longer than any child needs even
    /// on a loaded machine, so it only catches a real hang and is never a verdict about speed.
    /// </summary>
    public static TimeSpan HangGuard { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets the path of the app's entry assembly.</summary>
    public static string AppPath { get; } = FindApp();

    /// <summary>Starts the app with <paramref name="arguments"/>, and optional extra environment variables.</summary>
    public static ChildProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(AppPath);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + AppPath);
        return new ChildProcess(process);
    }

    /// <summary>Gets the process id.</summary>
    public int Id => _process.Id;

    /// <summary>Gets a value indicating whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Reads the next line of standard output, or <see langword="null"/> at its end.</summary>
    public string? ReadLine() => _process.StandardOutput.ReadLine();

    /// <summary>
    /// Reads the next line of standard output and fails unless it is <paramref name="expected"/>; the failure carries
    /// what the child wrote to standard error (its exception), so that a child that died says why.
    /// </summary>
    public void ExpectLine(string expected)
    {
        string? line = ReadLine();
        if (line == expected)
        {
            return;
        }

        string error = _process.WaitForExit(TimeSpan.FromSeconds(30)) ? _process.StandardError.ReadToEnd() : "(the child is still running)";
        Assert.Fail($"The child wrote {(line is null ? "nothing (its output ended)" : "\"" + line + "\"")} where \"{expected}\" was expected. Its error output:\n{error}");
    }

    /// <summary>Writes a line to the process's standard input.</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Kills the process at once (SIGKILL on Unix) and waits for it to be gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit and returns its exit code, its remaining output and its error output.</summary>
    public (int ExitCode, string Output, string Error) WaitForExit(TimeSpan timeout)
    {
        Task<string> output = _process.StandardOutput.ReadToEndAsync();
        Task<string> error = _process.StandardError.ReadToEndAsync();
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill();
            throw new TimeoutException("The child process did not exit within " + timeout + ": " + AppPath);
        }

        return (_process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string FindApp()
    {
        // Copied next to the tests by the ProjectReference; its runtimeconfig.json must be there too for "dotnet app.dll".
        string beside = Path.Combine(AppContext.BaseDirectory, "GenOrm.ReliabilityApp.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
        {
            return beside;
        }

        throw new FileNotFoundException(
            "GenOrm.ReliabilityApp.dll (with its .runtimeconfig.json) is not next to the test assembly; build tests/GenOrm.Tests, which references it.",
            beside);
    }
}
