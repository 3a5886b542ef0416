namespace GenOrm.Tests.Helpers;

/// <summary>
/// Changes the process's current directory and restores it on dispose. Only for tests in
/// <see cref="ProcessStateCollection"/>, which never run in parallel with others.
/// </summary>
public sealed class CurrentDirectoryScope : IDisposable
{
    private readonly string _previous = Environment.CurrentDirectory;

    public CurrentDirectoryScope(string directory) => Environment.CurrentDirectory = directory;

    public void Dispose() => Environment.CurrentDirectory = _previous;
}
