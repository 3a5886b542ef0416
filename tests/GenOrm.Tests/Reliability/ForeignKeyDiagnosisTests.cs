namespace GenOrm.Tests.Reliability;

/// <summary>A foreign key failure names the key that failed: the table, its column(s) and the parent table and column(s).</summary>
public sealed class ForeignKeyDiagnosisTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public ForeignKeyDiagnosisTests()
    {
        _conn = _engine.Connect();
        foreach (string ddl in new[] { Artist.CreateTableSql, Album.CreateTableSql, Genre.CreateTableSql, Track.CreateTableSql })
        {
            _conn.Execute(Sql.Text(ddl));
        }

        Artist.Insert(_conn, new Artist { ArtistId = 1, Name = "AC/DC" });
        Album.Insert(_conn, new Album { AlbumId = 1, Title = "Back in Black" });
        Genre.Insert(_conn, new Genre { GenreId = 1, Name = "Rock" });
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    public static TheoryData<string, string, string> EachKey => new()
    {
        { "AlbumId", "album", "AlbumId" },
        { "GenreId", "genre", "GenreId" },
        { "ComposerId", "artist", "ArtistId" },
    };

    [Theory]
    [MemberData(nameof(EachKey))]
    public void GeneratedInsert_NamesTheKeyThatFailed(string column, string parent, string parentColumn)
    {
        Track track = TrackWithMissing(column);

        var error = Assert.Throws<ConstraintViolationException>(() => Track.Insert(_conn, track));

        Assert.Equal(
            $"Cannot write to table 'track': column '{column}' refers to table '{parent}' (column '{parentColumn}'), which has no row with that value. " +
            $"Insert the '{parent}' row first, or use a value that a row of '{parent}' has.",
            error.Message);
        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        Assert.Equal("track", error.TableName);
        Assert.Equal(column, error.ColumnName);
        Assert.Equal(787, Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(error.InnerException).SqliteExtendedErrorCode);
        Assert.Equal(0, Track.Query(_conn).Count());
    }

    [Theory]
    [MemberData(nameof(EachKey))]
    public void GeneratedUpdate_NamesTheKeyThatFailed(string column, string parent, string parentColumn)
    {
        Track.Insert(_conn, new Track { TrackId = 1, AlbumId = 1, GenreId = 1, ComposerId = 1, Name = "Hells Bells" });
        Track track = TrackWithMissing(column);
        track.TrackId = 1;

        var error = Assert.Throws<ConstraintViolationException>(() => Track.Update(_conn, track));

        Assert.Equal(
            $"Cannot write to table 'track': column '{column}' refers to table '{parent}' (column '{parentColumn}'), which has no row with that value. " +
            $"Insert the '{parent}' row first, or use a value that a row of '{parent}' has.",
            error.Message);
        Assert.Equal(column, error.ColumnName);
        Assert.Equal("[(1, 1, 1)]", _conn.Execute(Sql.Text("select AlbumId, GenreId, ComposerId from track")).ToString());
    }

    [Theory]
    [MemberData(nameof(EachKey))]
    public void TextSqlInsert_NamesTheKeyThatFailed(string column, string parent, string parentColumn)
    {
        Track track = TrackWithMissing(column);

        var error = Assert.Throws<ConstraintViolationException>(() => _conn.Execute(
            Sql.Text("insert into track (TrackId, AlbumId, GenreId, ComposerId, Name) values (:id, :album, :genre, :composer, 'x')"),
            new Params { ["id"] = 1, ["album"] = track.AlbumId, ["genre"] = track.GenreId, ["composer"] = track.ComposerId }));

        Assert.Equal(
            $"Cannot write to table 'track': column '{column}' refers to table '{parent}' (column '{parentColumn}'), which has no row with that value. " +
            $"Insert the '{parent}' row first, or use a value that a row of '{parent}' has.",
            error.Message);
        Assert.Equal("track", error.TableName);
        Assert.Equal(column, error.ColumnName);
    }

    [Fact]
    public void DeletingAParentStillReferredTo_NamesTheChildTableAndColumn()
    {
        Track.Insert(_conn, new Track { TrackId = 1, AlbumId = 1, GenreId = 1, ComposerId = 1, Name = "Hells Bells" });
        _conn.Commit();
        const string expected =
            "Cannot delete from table 'artist': rows of table 'track' still refer to it through column 'ComposerId' (which refers to column 'ArtistId'). " +
            "Delete or change those 'track' rows first, or declare the foreign key with OnDelete = OnDelete.Cascade or OnDelete.SetNull (ON DELETE CASCADE or SET NULL).";

        var generated = Assert.Throws<ConstraintViolationException>(() => Artist.Delete(_conn, new Artist { ArtistId = 1 }));
        var text = Assert.Throws<ConstraintViolationException>(() => _conn.Execute(Sql.Text("delete from artist where ArtistId = 1")));

        foreach (ConstraintViolationException error in new[] { generated, text })
        {
            Assert.Equal(expected, error.Message);
            Assert.Equal("artist", error.TableName);
            Assert.Equal("ArtistId", error.ColumnName);
        }

        Assert.Equal(1, Artist.Query(_conn).Count());
    }

    [Fact]
    public void ChangingAReferredParentKey_NamesTheChildTableAndColumn()
    {
        Track.Insert(_conn, new Track { TrackId = 1, AlbumId = 1, GenreId = 1, Name = "Hells Bells" });

        var error = Assert.Throws<ConstraintViolationException>(() => _conn.Execute(Sql.Text("update genre set GenreId = 2")));

        Assert.Equal(
            "Cannot change table 'genre': rows of table 'track' still refer to it through column 'GenreId' (which refers to column 'GenreId'). " +
            "Delete or change those 'track' rows first.",
            error.Message);
    }

    [Fact]
    public void FailureInsideAnExplicitTransaction_KeepsEarlierRows_AndTheTransactionStaysUsable()
    {
        _conn.Begin();
        Album.Insert(_conn, new Album { AlbumId = 2, Title = "Highway to Hell" });
        Track.Insert(_conn, new Track { TrackId = 1, AlbumId = 2, GenreId = 1, Name = "Highway to Hell" });

        var error = Assert.Throws<ConstraintViolationException>(() => Track.Insert(_conn, TrackWithMissing("GenreId")));
        Assert.Equal("GenreId", error.ColumnName);

        Assert.Equal(0L, _conn.Execute(Sql.Text("pragma defer_foreign_keys")).Scalar<long>());
        Track.Insert(_conn, new Track { TrackId = 3, AlbumId = 2, GenreId = 1, Name = "Girls Got Rhythm" });
        _conn.Commit();

        using Connection other = _engine.Connect();
        Assert.Equal("[(1, 2), (3, 2)]", other.Execute(Sql.Text("select TrackId, AlbumId from track order by TrackId")).ToString());
        Assert.Equal("[(1,), (2,)]", other.Execute(Sql.Text("select AlbumId from album order by AlbumId")).ToString());
    }

    [Fact]
    public void CompositeKey_AndAKeyToTheParentsPrimaryKey_NameEveryColumn()
    {
        _conn.Execute(Sql.Text("create table edition (album integer, number integer, primary key (album, number))"));
        _conn.Execute(Sql.Text("create table pressing (id integer primary key, album integer, number integer, foreign key (album, number) references edition)"));

        var error = Assert.Throws<ConstraintViolationException>(() => _conn.Execute(Sql.Text("insert into pressing values (1, 1, 2)")));

        Assert.Equal(
            "Cannot write to table 'pressing': columns 'album, number' refer to table 'edition' (columns 'album, number'), which has no row with those values. " +
            "Insert the 'edition' row first, or use a value that a row of 'edition' has.",
            error.Message);
        Assert.Equal("album, number", error.ColumnName);
    }

    [Fact]
    public void RowsAlreadyOrphaned_AreNotBlamed()
    {
        using var temp = new GenOrm.Tests.Helpers.TempDirectory();
        string path = temp.File("orphans.db");
        using (var unchecked_ = Engine.Create($"Data Source={path};Foreign Keys=False"))
        using (Connection conn = unchecked_.Connect())
        {
            foreach (string ddl in new[] { Artist.CreateTableSql, Album.CreateTableSql, Genre.CreateTableSql, Track.CreateTableSql })
            {
                conn.Execute(Sql.Text(ddl));
            }

            Genre.Insert(conn, new Genre { GenreId = 1, Name = "Rock" });
            Track.Insert(conn, new Track { TrackId = 1, AlbumId = 99, GenreId = 1, Name = "orphan" });
            conn.Commit();
        }

        using var engine = Engine.Create("sqlite:///" + path);
        using Connection checkedConn = engine.Connect();
        Album.Insert(checkedConn, new Album { AlbumId = 1, Title = "Back in Black" });
        Artist.Insert(checkedConn, new Artist { ArtistId = 1, Name = "AC/DC" });

        var error = Assert.Throws<ConstraintViolationException>(() => Track.Insert(checkedConn, TrackWithMissing("GenreId")));

        Assert.Equal("GenreId", error.ColumnName);
    }

    private static Track TrackWithMissing(string column) => new()
    {
        TrackId = 2,
        AlbumId = column == "AlbumId" ? 99 : 1,
        GenreId = column == "GenreId" ? 99 : 1,
        ComposerId = column == "ComposerId" ? 99 : 1,
        Name = "Shoot to Thrill",
    };
}
