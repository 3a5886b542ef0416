namespace GenOrm.Tests.Helpers;

/// <summary>Whether the tests run as root, who may read and write any file whatever its permissions say.</summary>
public static class User
{
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && Environment.UserName == "root";
}

/// <summary>A test that needs file permissions to hold; skipped, with the reason, when the tests run as root.</summary>
public sealed class NonRootFactAttribute : FactAttribute
{
    public NonRootFactAttribute()
    {
        if (User.IsRoot || !OperatingSystem.IsLinux())
        {
            Skip = "File permissions do not stop root (and this test uses Unix permissions): run the tests as an ordinary Linux user to check it.";
        }
    }
}

/// <summary>A test that mounts a read-only bind mount (Linux, as root); skipped, with the reason, otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!User.IsRoot)
        {
            Skip = "Making read-only media needs 'mount --bind -o ro', which only root can do on Linux.";
        }
    }
}
