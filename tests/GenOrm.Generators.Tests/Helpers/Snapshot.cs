using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace GenOrm.Generators.Tests.Helpers;

/// <summary>
/// Compares generated text with <c>Snapshots/&lt;TestClass&gt;.&lt;TestName&gt;.verified.cs</c>, as Verify would. The
/// generator version is scrubbed to <c>FIXED_VERSION</c>. On a mismatch it writes <c>.received.cs</c> beside the
/// verified file and fails with a diff; with <c>GENORM_ACCEPT_SNAPSHOTS=1</c> it overwrites the verified file instead.
/// </summary>
internal static partial class Snapshot
{
    private const string AcceptVariable = "GENORM_ACCEPT_SNAPSHOTS";
    private const int ContextLines = 3;

    /// <summary>Verifies <paramref name="actual"/> against the test's snapshot.</summary>
    /// <param name="actual">The generated text.</param>
    /// <param name="callerFile">Supplied by the compiler: finds the test class and the Snapshots folder.</param>
    /// <param name="testName">Supplied by the compiler: the test method.</param>
    public static void Verify(string actual, [CallerFilePath] string callerFile = "", [CallerMemberName] string testName = "")
    {
        string scrubbed = Scrub(actual);
        string baseName = Path.Combine(FindSnapshotFolder(callerFile), $"{Path.GetFileNameWithoutExtension(callerFile)}.{testName}");
        string verifiedPath = baseName + ".verified.cs";
        string receivedPath = baseName + ".received.cs";

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, scrubbed, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Delete(receivedPath);
            return;
        }

        string? verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (verified == scrubbed)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, scrubbed, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Assert.Fail(verified is null
            ? $"No snapshot at {verifiedPath}. Wrote {receivedPath}; review it and rename it to .verified.cs, or run with {AcceptVariable}=1."
            : $"The generated text differs from {verifiedPath} (wrote {receivedPath}; run with {AcceptVariable}=1 to accept):\n{Diff(verified, scrubbed)}");
    }

    /// <summary>Replaces the generator version in <c>[GeneratedCode]</c> with <c>FIXED_VERSION</c>.</summary>
    public static string Scrub(string text) =>
        GeneratedCodeVersion().Replace(text.ReplaceLineEndings("\n"), "$1FIXED_VERSION$2");

    /// <summary>A unified-style diff: changed lines with <c>-</c>/<c>+</c> and a few lines of context.</summary>
    private static string Diff(string expected, string actual)
    {
        List<DiffPiece> lines = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false).Lines;
        var shown = new SortedSet<int>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Unchanged)
            {
                for (int j = Math.Max(0, i - ContextLines); j <= Math.Min(lines.Count - 1, i + ContextLines); j++)
                {
                    shown.Add(j);
                }
            }
        }

        var diff = new StringBuilder();
        int previous = -1;
        foreach (int i in shown)
        {
            if (i != previous + 1)
            {
                diff.Append("@@ line ").Append(i + 1).Append(" @@\n");
            }

            string prefix = lines[i].Type switch
            {
                ChangeType.Deleted => "- ",
                ChangeType.Inserted => "+ ",
                _ => "  ",
            };
            diff.Append(prefix).Append(lines[i].Text).Append('\n');
            previous = i;
        }

        return diff.ToString();
    }

    private static string FindSnapshotFolder(string callerFile)
    {
        for (DirectoryInfo? directory = new FileInfo(callerFile).Directory; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GenOrm.Generators.Tests.csproj")))
            {
                return Path.Combine(directory.FullName, "Snapshots");
            }
        }

        throw new InvalidOperationException($"No GenOrm.Generators.Tests.csproj above {callerFile}.");
    }

    [GeneratedRegex("""(GeneratedCode\("GenOrm\.Generators", ")[^"]*("\))""")]
    private static partial Regex GeneratedCodeVersion();
}
