using GenOrm.Tests.Helpers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Tests.Core;

public sealed class EngineUrlTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> InMemoryUrls => new()
    {
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite+pysqlite:///:memory:",
        "Data Source=:memory:",
    };

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("postgresql://app:s3cr%40t@db.internal:5433/shop?sslmode=disable", "postgresql://app:***@db.internal:5433/shop?sslmode=disable")]
    [InlineData("Host=db.internal;Username=app;Password=s3cret;Database=shop", "Host=db.internal;Username=app;Password=***;Database=shop")]
    [InlineData("sqlite:///data/app.db", "sqlite:///data/app.db")]
    public void Url_HidesThePassword_ConnectionStringKeepsIt(string url, string shown)
    {
        // Creating an engine opens nothing on PostgreSQL (the pool connects on the first Connect()).
        using var engine = Engine.Create(url.StartsWith("sqlite", StringComparison.Ordinal) ? _temp.SqliteUrl("app.db") : url);

        if (url.StartsWith("sqlite", StringComparison.Ordinal))
        {
            Assert.DoesNotContain("***", engine.Url, StringComparison.Ordinal);
            Assert.Equal(shown, DatabaseUrl.MaskPassword(url));
            return;
        }

        Assert.Equal(shown, engine.Url);
        Assert.Contains(url.Contains("s3cr%40t", StringComparison.Ordinal) ? "Password=s3cr@t" : "Password=s3cret", engine.ConnectionString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InMemoryUrls))]
    public void InMemoryUrl_OpensInMemoryDatabase(string url)
    {
        using var engine = Engine.Create(url);

        Assert.True(engine.IsInMemory);
        Assert.Equal(url, engine.Url);
        Assert.Contains("Mode=Memory", engine.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("[('result',)]", engine.Rows("select 'result'"));
    }

    [Theory]
    [MemberData(nameof(InMemoryUrls))]
    public void InMemoryData_IsSharedByConnectionsOfOneEngine(string url)
    {
        using var engine = Engine.Create(url);
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("create table t (x integer, y text)"));
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            connection.Commit();
        }

        using (Connection connection = engine.Connect())
        {
            Assert.Equal("[(1, 'a')]", connection.Execute(Sql.Text("select x, y from t")).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(InMemoryUrls))]
    public void TwoInMemoryEngines_NeverSeeEachOthersTables(string url)
    {
        using var first = Engine.Create(url);
        using var second = Engine.Create(url);
        first.Run("create table t (x integer)", "insert into t values (1)");

        Assert.Equal(0L, ScalarOn(second, "select count(*) from sqlite_master where name = 't'"));
        using Connection connection = second.Connect();
        var error = Assert.Throws<GenOrmException>(() => connection.Execute(Sql.Text("select * from t")));
        Assert.Equal("SQLite rejected the statement: no such table: t. SQL: select * from t", error.Message);
    }

    [Fact]
    public void InMemoryEngine_Dispose_DiscardsDatabase()
    {
        var engine = Engine.Create("sqlite://");
        engine.Run("create table t (x integer)");
        string connectionString = engine.ConnectionString;

        engine.Dispose();

        using var raw = new SqliteConnection(connectionString);
        raw.Open();
        using SqliteCommand command = raw.CreateCommand();
        command.CommandText = "select count(*) from sqlite_master";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public void AbsoluteFileUrl_PersistsAcrossEngines()
    {
        string url = _temp.SqliteUrl("x.db");
        Assert.StartsWith("sqlite:////", url, StringComparison.Ordinal);

        using (var engine = Engine.Create(url))
        {
            Assert.False(engine.IsInMemory);
            Assert.Equal("Data Source=" + _temp.File("x.db") + ";Foreign Keys=True", engine.ConnectionString);
            engine.Run("create table t (x integer, y text)", "insert into t values (1, 'a')");
        }

        Assert.True(File.Exists(_temp.File("x.db")));
        using (var engine = Engine.Create(url))
        {
            Assert.Equal("[(1, 'a')]", engine.Rows("select x, y from t"));
        }
    }

    [Fact]
    public void DataSourceWithAbsolutePath_PersistsAcrossEngines()
    {
        string connectionString = "Data Source=" + _temp.File("y.db");

        using (var engine = Engine.Create(connectionString))
        {
            Assert.False(engine.IsInMemory);
            engine.Run("create table t (x integer)", "insert into t values (7)");
        }

        using (var engine = Engine.Create(connectionString))
        {
            Assert.Equal("[(7,)]", engine.Rows("select x from t"));
        }
    }

    [Fact]
    public void FileEngine_UncommittedWork_IsNotPersisted()
    {
        string url = _temp.SqliteUrl("z.db");
        using (var engine = Engine.Create(url))
        {
            engine.Run("create table t (x integer)");
            using Connection connection = engine.Connect();
            connection.Execute(Sql.Text("insert into t values (1)"));
        }

        using (var engine = Engine.Create(url))
        {
            Assert.Equal(0L, engine.Count("t"));
        }
    }

    [Theory]
    [InlineData("sqlite://")]
    [InlineData("Data Source=:memory:")]
    [InlineData("file")]
    public void Connections_EnforceForeignKeys(string url)
    {
        using var engine = Engine.Create(url == "file" ? _temp.SqliteUrl("fk.db") : url);

        Assert.Equal(1L, ScalarOn(engine, "pragma foreign_keys"));
    }

    [Fact]
    public void UnsupportedScheme_ThrowsArgumentExceptionQuotingUrl()
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Create("mysql://u:secret@h/db"));

        Assert.Equal("url", error.ParamName);
        Assert.Equal(
            "The database URL 'mysql://u:***@h/db' uses the scheme 'mysql', which GenOrm does not support. " +
            "Use 'sqlite:///path.db', 'sqlite://' (in memory), 'postgresql://user:password@host:5432/dbname', or a connection string " +
            "such as 'Data Source=app.db' (SQLite) or 'Host=localhost;Username=app;Database=app' (PostgreSQL). (Parameter 'url')",
            error.Message);
    }

    [Theory]
    [InlineData("sqlite://host/x.db", "SQLite URLs have no host; write 'sqlite:///relative.db' or 'sqlite:////absolute/path.db'.")]
    [InlineData("sqlite:///x.db?cache=shared", "the query option 'cache=shared' is not supported; GenOrm supports 'mode=ro' (read only) and 'immutable=1' (read-only media). Use an ADO.NET connection string for other connection options.")]
    [InlineData("sqlite:///", "the database path is empty.")]
    [InlineData("sqlite+://", "the driver name after '+' is empty.")]
    [InlineData("not a url", "Format of the initialization string does not conform to specification starting at index 0.")]
    public void MalformedUrl_ThrowsArgumentExceptionQuotingUrlAndReason(string url, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Create(url));

        Assert.StartsWith($"The database URL '{url}' is not valid: {reason}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite://host/x.db")]
    [InlineData("sqlite:///x.db?cache=shared")]
    [InlineData("not a url")]
    [InlineData("Data Source=x.db;Frobnicate=1")]
    public void MalformedUrl_ArgumentException_NamesTheUrlParameter(string url)
    {
        // Engine.Create's parameter is 'url', whichever form the caller passed.
        var error = Assert.Throws<ArgumentException>(() => Engine.Create(url));

        Assert.Equal("url", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyUrl_ThrowsArgumentException(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Create(url));

        Assert.Equal("url", error.ParamName);
    }

    [Fact]
    public void Connect_AfterEngineDisposed_ThrowsObjectDisposedExceptionSayingWhatToDo()
    {
        var engine = Engine.Create("sqlite://");
        engine.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => engine.Connect());

        // ErrorMessages.EngineDisposed(), as Connection uses ErrorMessages.ConnectionDisposed().
        Assert.StartsWith("The engine has been disposed. Create a new one with Engine.Create(...).", error.Message, StringComparison.Ordinal);
    }

    private static long ScalarOn(Engine engine, string sql)
    {
        using Connection connection = engine.Connect();
        return connection.Execute(Sql.Text(sql)).Scalar<long>();
    }
}

[Collection(ProcessStateCollection.Name)]
public sealed class RelativeDatabasePathTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("sqlite:///relative.db")]
    [InlineData("Data Source=relative.db")]
    public void RelativePath_IsRelativeToCurrentDirectory(string url)
    {
        using (new CurrentDirectoryScope(_temp.Path))
        using (var engine = Engine.Create(url))
        {
            engine.Run("create table t (x integer)", "insert into t values (1)");
        }

        Assert.True(File.Exists(_temp.File("relative.db")));
        using var reopened = Engine.Create("Data Source=" + _temp.File("relative.db"));
        Assert.Equal("[(1,)]", reopened.Rows("select x from t"));
    }
}
