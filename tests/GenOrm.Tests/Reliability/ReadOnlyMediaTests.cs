using GenOrm.Tests.Helpers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// Read-only engines (<c>?mode=ro</c>, <c>?immutable=1</c>, <c>Mode=ReadOnly</c>, <see cref="EngineOptions.ReadOnly"/>)
/// read files they may not change, never change their journal mode, and refuse writes naming the file. The media tests
/// make real read-only media with a read-only bind mount (root only).
/// </summary>
public sealed class ReadOnlyMediaTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> ReadOnlyForms => new() { "url", "options", "connection string" };

    [Theory]
    [MemberData(nameof(ReadOnlyForms))]
    public void ReadOnlyEngine_ReadsARollbackJournalFile_AndNeverSwitchesItToWal(string form)
    {
        string path = _temp.File("journal.db");
        CreateDatabase(path, wal: false);

        using Engine engine = ReadOnlyEngine(path, form);

        Assert.True(engine.IsReadOnly);
        Assert.Equal("[(1,), (2,)]", engine.Rows("select x from t order by x"));
        Assert.Equal("[('delete',)]", engine.Rows("pragma journal_mode"));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Theory]
    [MemberData(nameof(ReadOnlyForms))]
    public void ReadOnlyEngine_Write_ThrowsGenOrmExceptionNamingTheFile(string form)
    {
        string path = _temp.File("journal.db");
        CreateDatabase(path, wal: true);
        using Engine engine = ReadOnlyEngine(path, form);
        using Connection connection = engine.Connect();

        var error = Assert.Throws<GenOrmException>(() => connection.Execute(Sql.Text("insert into t values (3)")));

        Assert.Equal(
            $"Cannot write to table 't': the database file '{path}' is open read-only (the engine was created with '?mode=ro', '?immutable=1', " +
            "Mode=ReadOnly or EngineOptions.ReadOnly, or the file or its media is write-protected). Write through an engine that opens the file for writing. " +
            "SQL: insert into t values (3)",
            error.Message);
        Assert.Equal(8, error.SqliteErrorCode);
        Assert.Equal("[(1,), (2,)]", connection.Execute(Sql.Text("select x from t order by x")).ToString());
    }

    [Fact]
    public void ReadOnlyEngine_GeneratedInsert_ThrowsGenOrmExceptionNamingTheFile()
    {
        string path = _temp.File("authors.db");
        using (var writer = Engine.Create("sqlite:///" + path))
        using (Connection connection = writer.Connect())
        {
            GenOrm.Generated.Schema.CreateAll(connection);
            connection.Commit();
        }

        using var engine = Engine.Create("sqlite:///" + path + "?mode=ro");
        using Connection reader = engine.Connect();

        var error = Assert.Throws<GenOrmException>(() => GenOrm.Tests.Relationships.Author.Insert(reader, new() { Name = "Ann" }));

        Assert.StartsWith(
            $"Cannot write to table 'authors': the database file '{path}' is open read-only (the engine was created with '?mode=ro', ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Equal("authors", error.TableName);
    }

    [Fact]
    public void ReadOnlyEngine_WalFileInAWritableFolder_ReadsIt()
    {
        string path = _temp.File("wal.db");
        CreateDatabase(path, wal: true);

        using var engine = Engine.Create("sqlite:///" + path + "?mode=ro");

        Assert.Equal("[(1,), (2,)]", engine.Rows("select x from t order by x"));
        Assert.Equal("[('wal',)]", engine.Rows("pragma journal_mode"));
    }

    [Fact]
    public void ImmutableUrl_ReadsTheFile_AndPathsWithUriCharactersWork()
    {
        string path = _temp.File("odd %20 #name.db");
        CreateDatabase(path, wal: true);

        using var engine = Engine.Create("sqlite:///" + path + "?immutable=1");

        Assert.True(engine.IsReadOnly);
        Assert.Equal("[(1,), (2,)]", engine.Rows("select x from t order by x"));
    }

    [Fact]
    public void ReadOnlyOption_OnAnInMemoryDatabase_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Create("sqlite://", new EngineOptions { ReadOnly = true }));

        Assert.Equal(
            "The database URL 'sqlite://' names an in-memory database, which cannot be opened read-only: it starts empty. " +
            "Open a database file read-only instead. (Parameter 'url')",
            error.Message);
    }

    [RootFact]
    public void ReadOnlyMedia_RollbackJournalFile_ReadsWithEveryReadOnlyForm()
    {
        using var mount = new ReadOnlyMount();
        CreateDatabase(Path.Combine(mount.Source, "journal.db"), wal: false);
        mount.Mount();
        string path = Path.Combine(mount.ReadOnly, "journal.db");

        foreach (string form in new[] { "url", "options", "connection string", "immutable" })
        {
            using Engine engine = ReadOnlyEngine(path, form);
            Assert.Equal("[(1,), (2,)]", engine.Rows("select x from t order by x"));
            Assert.Equal("[('delete',)]", engine.Rows("pragma journal_mode"));
        }
    }

    [RootFact]
    public void ReadOnlyMedia_WritableEngine_ThrowsGenOrmExceptionSayingToOpenItReadOnly()
    {
        using var mount = new ReadOnlyMount();
        CreateDatabase(Path.Combine(mount.Source, "journal.db"), wal: false);
        mount.Mount();
        string path = Path.Combine(mount.ReadOnly, "journal.db");

        foreach (var options in new[] { new EngineOptions(), new EngineOptions { UseWal = false } })
        {
            using var engine = Engine.Create("sqlite:///" + path, options);

            var error = Assert.Throws<GenOrmException>(() => engine.Connect());

            Assert.Equal(
                $"Cannot open the database file '{path}' for writing: the file, its folder or its media is write-protected. " +
                "Open it read-only ('?mode=ro' in the URL, Mode=ReadOnly in a connection string, or EngineOptions.ReadOnly), or make the file and its folder writable.",
                error.Message);
        }
    }

    [RootFact]
    public void ReadOnlyMedia_WalFileWithoutItsShmFile_NeedsImmutable()
    {
        using var mount = new ReadOnlyMount();
        CreateDatabase(Path.Combine(mount.Source, "wal.db"), wal: true);
        Assert.False(File.Exists(Path.Combine(mount.Source, "wal.db-shm")));
        mount.Mount();
        string path = Path.Combine(mount.ReadOnly, "wal.db");

        using (var engine = Engine.Create("sqlite:///" + path + "?mode=ro"))
        {
            var error = Assert.Throws<GenOrmException>(() => engine.Connect());

            Assert.Equal(
                $"Cannot open the database file '{path}': it is in WAL mode, and reading it needs its '-wal' and '-shm' files beside it, " +
                "which SQLite cannot create because the folder is read-only. Copy the database to a writable folder, or open it with '?immutable=1' " +
                "if nothing changes it while it is open (SQLite then reads only the main file and ignores a '-wal' file).",
                error.Message);
        }

        using (var engine = Engine.Create("sqlite:///" + path + "?immutable=1"))
        {
            Assert.Equal("[(1,), (2,)]", engine.Rows("select x from t order by x"));

            // Immutable, SQLite reads only the main file, without WAL: it reports the rollback-journal mode.
            Assert.Equal("[('delete',)]", engine.Rows("pragma journal_mode"));
        }
    }

    [RootFact]
    public void ReadOnlyMedia_WalFileWithItsWalAndShmFiles_ReadsWithModeRo_ImmutableSeesOnlyTheMainFile()
    {
        using var mount = new ReadOnlyMount();
        string source = Path.Combine(mount.Source, "wal.db");
        CreateDatabase(source, wal: true);

        // A writer that stays open keeps the -wal and -shm files, and a commit in the -wal file not yet checkpointed.
        using var writer = new SqliteConnection($"Data Source={source};Pooling=False");
        writer.Open();
        using (SqliteCommand command = writer.CreateCommand())
        {
            command.CommandText = "pragma wal_autocheckpoint = 0; insert into t values (3)";
            command.ExecuteNonQuery();
        }

        mount.Mount();
        string path = Path.Combine(mount.ReadOnly, "wal.db");

        using (var engine = Engine.Create("sqlite:///" + path + "?mode=ro"))
        {
            Assert.Equal("[(1,), (2,), (3,)]", engine.Rows("select x from t order by x"));
        }

        using (var engine = Engine.Create("sqlite:///" + path + "?immutable=1"))
        {
            Assert.Equal("[(1,), (2,)]", engine.Rows("select x from t order by x"));
        }

        writer.Close();
    }

    private static Engine ReadOnlyEngine(string path, string form) => form switch
    {
        "url" => Engine.Create("sqlite:///" + path + "?mode=ro"),
        "immutable" => Engine.Create("sqlite:///" + path + "?immutable=1"),
        "options" => Engine.Create("sqlite:///" + path, new EngineOptions { ReadOnly = true }),
        _ => Engine.Create($"Data Source={path};Mode=ReadOnly"),
    };

    /// <summary>Creates a database of two rows, in WAL or rollback-journal mode, and closes it (checkpointing the WAL).</summary>
    private static void CreateDatabase(string path, bool wal)
    {
        using (var engine = Engine.Create("sqlite:///" + path, new EngineOptions { UseWal = wal }))
        {
            engine.Run("create table t (x integer)", "insert into t values (1), (2)");
        }

        SqliteConnection.ClearAllPools();
    }
}
