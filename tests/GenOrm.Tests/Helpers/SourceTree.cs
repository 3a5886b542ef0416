namespace GenOrm.Tests.Helpers;

/// <summary>The repository the tests were built from, for the tests that check a rule of the source itself.</summary>
internal static class SourceTree
{
    /// <summary>Gets the repository's root: the folder above the test assembly that holds <c>GenOrm.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GenOrm.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GenOrm.sln not found above " + AppContext.BaseDirectory);
    }
}
