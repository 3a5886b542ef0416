using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Reliability;

/// <summary>
/// What docs/reliability.md says about in-memory engines: their connections share one cache, whose table locks make
/// a connection that has read a table (and not yet committed or rolled back) block writers of that table. The writer
/// fails with <see cref="DatabaseBusyException"/> after the busy timeout, and succeeds once the reader ends its read.
/// </summary>
public sealed class InMemoryLockingTests : IDisposable
{
    private const string LockedMessage =
        "A table was locked for table 'track' by another connection that shares this database's cache (as the connections of an in-memory engine do), " +
        "and GenOrm gave up after waiting 20 ms (EngineOptions.BusyTimeout). Commit or dispose the other connection's work first. SQL: ";

    private readonly Engine _engine = Engine.Create("sqlite://", new EngineOptions { BusyTimeout = TimeSpan.FromMilliseconds(20) });

    public InMemoryLockingTests()
    {
        using Connection setup = _engine.Connect();
        foreach (string ddl in new[] { Artist.CreateTableSql, Album.CreateTableSql, Genre.CreateTableSql, Track.CreateTableSql })
        {
            setup.Execute(Sql.Text(ddl));
        }

        Album.Insert(setup, new Album { AlbumId = 1, Title = "Back in Black" });
        Genre.Insert(setup, new Genre { GenreId = 1, Name = "Rock" });
        setup.Commit();
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void OpenRead_BlocksATextSqlWriter_UntilTheReaderCommits()
    {
        using Connection reader = _engine.Connect();
        using Connection writer = _engine.Connect();
        Assert.Equal(0L, reader.Execute(Sql.Text("select count(*) from track")).Scalar<long>());
        const string insert = "insert into track (TrackId, AlbumId, GenreId, Name) values (1, 1, 1, 'x')";

        var error = Assert.Throws<DatabaseBusyException>(() => writer.Execute(Sql.Text(insert)));

        Assert.Equal(LockedMessage + insert, error.Message);
        Assert.Equal("track", error.TableName);
        Assert.Equal(6, error.SqliteErrorCode);

        reader.Commit();
        writer.Execute(Sql.Text(insert));
        writer.Commit();
        Assert.Equal(1, _engine.Count("track"));
    }

    [Fact]
    public void OpenRead_BlocksAGeneratedInsert_UntilTheReaderRollsBack()
    {
        using Connection reader = _engine.Connect();
        using Connection writer = _engine.Connect();
        Assert.Empty(Track.GetAll(reader));
        var track = new Track { TrackId = 1, AlbumId = 1, GenreId = 1, Name = "Hells Bells" };

        var error = Assert.Throws<DatabaseBusyException>(() => Track.Insert(writer, track));

        Assert.StartsWith(LockedMessage, error.Message, StringComparison.Ordinal);
        Assert.Equal("track", error.TableName);

        reader.Rollback();
        Track.Insert(writer, track);
        writer.Commit();
        Assert.Equal(1, _engine.Count("track"));
    }

    [Fact]
    public void FileEngine_OpenRead_DoesNotBlockTheWriter()
    {
        using var temp = new TempDirectory();
        using var engine = Engine.Create(temp.SqliteUrl("wal.db"), new EngineOptions { BusyTimeout = TimeSpan.FromMilliseconds(20) });
        engine.Run("create table t (x integer)");
        using Connection reader = engine.Connect();
        using Connection writer = engine.Connect();
        Assert.Equal(0L, reader.Execute(Sql.Text("select count(*) from t")).Scalar<long>());

        writer.Execute(Sql.Text("insert into t values (1)"));
        writer.Commit();

        Assert.Equal(0L, reader.Execute(Sql.Text("select count(*) from t")).Scalar<long>());
        reader.Commit();
        Assert.Equal(1L, reader.Execute(Sql.Text("select count(*) from t")).Scalar<long>());
    }
}
