using System.Diagnostics;

namespace GenOrm.Tests.Helpers;

/// <summary>
/// A folder and a read-only view of it: <c>mount --bind</c> of <see cref="Source"/> on <see cref="ReadOnly"/>, then a
/// read-only remount, so that even root cannot write under <see cref="ReadOnly"/>. Root only (see
/// <see cref="RootFactAttribute"/>). Dispose unmounts it, always.
/// </summary>
public sealed class ReadOnlyMount : IDisposable
{
    private readonly TempDirectory _temp = new();
    private bool _mounted;

    public ReadOnlyMount()
    {
        Source = _temp.File("source");
        ReadOnly = _temp.File("read-only");
        Directory.CreateDirectory(Source);
        Directory.CreateDirectory(ReadOnly);
    }

    /// <summary>Gets the writable folder.</summary>
    public string Source { get; }

    /// <summary>Gets the read-only view of <see cref="Source"/>, once <see cref="Mount"/> has run.</summary>
    public string ReadOnly { get; }

    /// <summary>Mounts <see cref="Source"/> read-only on <see cref="ReadOnly"/>.</summary>
    public void Mount()
    {
        Run("mount", "--bind", Source, ReadOnly);
        _mounted = true;
        Run("mount", "-o", "remount,bind,ro", ReadOnly);
        Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(ReadOnly, "probe"), "x"));
    }

    public void Dispose()
    {
        SqliteReset();
        if (_mounted)
        {
            Run("umount", ReadOnly);
        }

        _temp.Dispose();
    }

    private static void SqliteReset() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    /// <summary>
    /// Runs a program (mount, umount, id, ps) and fails the test, with what it printed, if it does not succeed.
    /// </summary>
    /// <returns>Its standard output, trimmed.</returns>
    internal static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
        return output.Result.Trim();
    }
}
