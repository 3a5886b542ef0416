using GenOrm.Tests.Helpers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Tests.Core;

/// <summary>Every way opening a database file can fail is a <see cref="GenOrmException"/> that names the file as given.</summary>
public sealed class OpenErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void MissingFolder_NamesTheFileAndTheFolder()
    {
        string path = _temp.File("no-such-folder/app.db");
        using var engine = Engine.Create("sqlite:///" + path);

        var error = Assert.Throws<GenOrmException>(() => engine.Connect());

        Assert.Equal(
            $"Cannot open the database file '{path}': its folder '{_temp.File("no-such-folder")}' does not exist. " +
            "Create the folder first, or correct the path.",
            error.Message);
        Assert.Equal(14, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
    }

    [Fact]
    public void PathIsAFolder_SaysSo()
    {
        string path = _temp.File("folder.db");
        Directory.CreateDirectory(path);
        using var engine = Engine.Create("sqlite:///" + path);

        var error = Assert.Throws<GenOrmException>(() => engine.Connect());

        Assert.Equal(
            $"Cannot open the database file '{path}': it is a folder, not a file. Give the path of a database file (for example a file inside that folder).",
            error.Message);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("random")]
    [InlineData("damaged header")]
    public void FileThatIsNotADatabase_SaysSo(string kind)
    {
        string path = _temp.File("not.db");
        switch (kind)
        {
            case "text":
                File.WriteAllText(path, string.Concat(Enumerable.Repeat("This is a text file, not a database.\n", 200)));
                break;
            case "random":
                // What an encrypted database (SQLCipher) looks like to SQLite.
                var bytes = new byte[8192];
                new Random(11).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                break;
            default:
                using (var engine = Engine.Create("sqlite:///" + path))
                {
                    engine.Run("create table t (x integer)");
                }

                byte[] file = File.ReadAllBytes(path);
                "garbage garbage!"u8.CopyTo(file);
                File.WriteAllBytes(path, file);
                break;
        }

        foreach (var options in new[] { new EngineOptions(), new EngineOptions { UseWal = false }, new EngineOptions { ReadOnly = true } })
        {
            using var engine = Engine.Create("sqlite:///" + path, options);

            var error = Assert.Throws<GenOrmException>(() => engine.Connect());

            Assert.Equal(
                $"Cannot open the database file '{path}': it is not a SQLite database (its header is not SQLite's: another kind of file, " +
                "an encrypted database, or a damaged one). Check the path, or restore the file from a backup.",
                error.Message);
            Assert.Equal(26, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode);
        }
    }

    [Fact]
    public void ReadOnlyEngine_MissingFile_SaysItIsNotCreated()
    {
        string path = _temp.File("absent.db");
        using var engine = Engine.Create("sqlite:///" + path + "?mode=ro");

        var error = Assert.Throws<GenOrmException>(() => engine.Connect());

        Assert.Equal(
            $"Cannot open the database file '{path}': it does not exist, and the engine opens it read-only, so it is not created. " +
            "Correct the path, or open it without '?mode=ro' (Mode=ReadOnly, EngineOptions.ReadOnly) to create it.",
            error.Message);
        Assert.False(File.Exists(path));
    }

    [NonRootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void NoPermission_SaysSo()
    {
        string path = _temp.File("locked.db");
        using (var engine = Engine.Create("sqlite:///" + path))
        {
            engine.Run("create table t (x integer)");
        }

        File.SetUnixFileMode(path, UnixFileMode.None);
        try
        {
            using var engine = Engine.Create("sqlite:///" + path);

            var error = Assert.Throws<GenOrmException>(() => engine.Connect());

            Assert.Equal(
                $"Cannot open the database file '{path}': this process has no permission to open it (or to create it in its folder). " +
                "Give the process read and write access to the file and its folder, or open it read-only with '?mode=ro' (EngineOptions.ReadOnly).",
                error.Message);
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void AfterAFailedOpen_TheEngineOpensOnceTheFolderExists()
    {
        string path = _temp.File("later/app.db");
        using var engine = Engine.Create("sqlite:///" + path);
        Assert.Throws<GenOrmException>(() => engine.Connect());

        Directory.CreateDirectory(_temp.File("later"));
        engine.Run("create table t (x integer)", "insert into t values (1)");

        Assert.Equal("[(1,)]", engine.Rows("select x from t"));
        Assert.Equal("[('wal',)]", engine.Rows("pragma journal_mode"));
    }
}

/// <summary>Open errors for relative paths, which depend on the current directory.</summary>
[Collection(ProcessStateCollection.Name)]
public sealed class RelativePathOpenErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void MissingFolder_RelativePath_NamesThePathAsGiven()
    {
        using var cwd = new CurrentDirectoryScope(_temp.Path);
        using var engine = Engine.Create("Data Source=missing/app.db");

        var error = Assert.Throws<GenOrmException>(() => engine.Connect());

        Assert.Equal(
            "Cannot open the database file 'missing/app.db': its folder 'missing' does not exist. Create the folder first, or correct the path.",
            error.Message);
    }
}
