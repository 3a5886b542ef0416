using GenOrm.Tests.Postgres;
using Npgsql;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Core;

/// <summary>
/// PostgreSQL URLs (libpq's and SQLAlchemy's form) and Npgsql connection strings, resolved to Npgsql's connection string
/// text; the driver (GenOrm.Npgsql) is not there yet, so Engine.Create refuses them with a message naming the package.
/// </summary>
public sealed class PostgresUrlTests
{
    [Theory]
    [InlineData("postgresql://user:secret@db.example.com:5433/app", "Host=db.example.com;Port=5433;Database=app;Username=user;Password=secret")]
    [InlineData("postgres://user@localhost/app", "Host=localhost;Port=5432;Database=app;Username=user")]
    [InlineData("postgresql+npgsql://user@localhost/app", "Host=localhost;Port=5432;Database=app;Username=user")]
    [InlineData("POSTGRESQL://localhost", "Host=localhost;Port=5432")]
    [InlineData("postgresql://user@[::1]:6432/app", "Host=::1;Port=6432;Database=app;Username=user")]
    [InlineData("postgresql://postgres@/app?host=/tmp/x", "Host=/tmp/x;Port=5432;Database=app;Username=postgres")]
    [InlineData("postgresql://postgres@/app?host=/tmp/x&port=5433", "Host=/tmp/x;Port=5433;Database=app;Username=postgres")]
    [InlineData("postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/app", "Host=/var/run/postgresql;Port=5432;Database=app;Username=postgres")]
    [InlineData("postgresql://h/app?sslmode=disable", "Host=h;Port=5432;Database=app;SSL Mode=Disable")]
    [InlineData("postgresql://h/app?sslmode=verify-full&sslrootcert=/etc/ca.pem", "Host=h;Port=5432;Database=app;SSL Mode=VerifyFull;Root Certificate=/etc/ca.pem")]
    [InlineData("postgresql://h/app?application_name=my%20app&connect_timeout=10", "Host=h;Port=5432;Database=app;Application Name=\"my app\";Timeout=10")]
    [InlineData("postgresql://h/app?options=-c%20search_path%3Dshop", "Host=h;Port=5432;Database=app;Options=\"-c search_path=shop\"")]
    [InlineData("postgresql://h/app?target_session_attrs=read-write", "Host=h;Port=5432;Database=app;Target Session Attributes=read-write")]
    [InlineData("postgresql://h?dbname=app&user=u", "Host=h;Port=5432;Database=app;Username=u")]
    [InlineData("postgresql://app:p%40ss@db:5433/shop?sslmode=verify-full", "Host=db;Port=5433;Database=shop;Username=app;Password=p@ss;SSL Mode=VerifyFull")]
    public void PostgresUrl_ResolvesToNpgsqlConnectionString(string url, string expected)
    {
        DatabaseUrl.Resolved resolved = DatabaseUrl.Resolve(url);

        Assert.Equal(DatabaseKind.Postgres, resolved.Kind);
        Assert.Equal(expected, resolved.ConnectionString);
        Assert.False(resolved.InMemory);
        Assert.Null(resolved.FilePath);

        // Npgsql reads it as one piece per keyword.
        _ = new NpgsqlConnectionStringBuilder(resolved.ConnectionString);
    }

    [Fact]
    public void UserAndPassword_ArePercentDecoded_AndEscapedForTheConnectionString()
    {
        const string user = "al ice@corp";
        const string password = "p@ss;w=\"o'rd:/?#% +ä";
        string url = $"postgresql://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@h/db%20name";

        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.Resolve(url).ConnectionString);

        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
        Assert.Equal("db name", builder.Database);
        Assert.Equal("h", builder.Host);
        Assert.Equal(5432, builder.Port);
    }

    [Fact]
    public void PlusInPassword_StaysPlus()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.Resolve("postgresql://u:a+b@h/db").ConnectionString);

        Assert.Equal("a+b", builder.Password);
    }

    [Theory]
    [InlineData("Host=localhost;Username=app;Password=secret;Database=app")]
    [InlineData("Server=localhost;Database=app")]
    [InlineData("host=/var/run/postgresql;port=5433")]
    public void NpgsqlConnectionString_IsRecognised_AndKeptAsWritten(string connectionString)
    {
        DatabaseUrl.Resolved resolved = DatabaseUrl.Resolve(connectionString);

        Assert.Equal(DatabaseKind.Postgres, resolved.Kind);
        Assert.Equal(connectionString, resolved.ConnectionString);
    }

    [Theory]
    [InlineData("Data Source=app.db")]
    [InlineData("sqlite:///app.db")]
    public void SqliteForms_StaySqlite(string url)
    {
        Assert.Equal(DatabaseKind.Sqlite, DatabaseUrl.Resolve(url).Kind);
    }

    [Theory]
    [InlineData("postgresql://u:secret@h/db", "postgresql://u:***@h/db")]
    [InlineData("postgresql+npgsql://u:secret@h/db", "postgresql+npgsql://u:***@h/db")]
    [InlineData("Host=h;Username=u;Password=secret", "Host=h;Username=u;Password=***")]
    public void EngineCreate_PostgresUrl_NoDriverRegistered_ThrowsNotSupportedNamingThePackageAndTheCall_PasswordMasked(string url, string masked)
    {
        // This test process registers GenOrm.Npgsql (PostgresTests' module initializer); the engine's driver choice
        // without a registration is what a process without the package sees.
        var error = Assert.Throws<NotSupportedException>(
            () => Engine.CreateDriver(url, DatabaseUrl.Resolve(url), new EngineOptions(), postgres: null));

        Assert.Equal(
            $"The database URL '{masked}' names a PostgreSQL database, which GenOrm opens through the GenOrm.Npgsql package: " +
            "add it to the project (dotnet add package GenOrm.Npgsql), which registers its driver by itself in an assembly that references it, " +
            "or call GenOrm.Npgsql.NpgsqlDriver.Register() once before Engine.Create.",
            error.Message);
    }

    [Theory]
    [InlineData("postgresql://u:secret@h:99999/db", "postgresql://u:***@h:99999/db", "the port '99999' is not a whole number from 1 to 65535.")]
    [InlineData("postgresql://u:secret@h:port/db", "postgresql://u:***@h:port/db", "the port 'port' is not a whole number from 1 to 65535.")]
    [InlineData("postgresql://u:secret@/db", "postgresql://u:***@/db", "it names no host; write 'postgresql://user:password@host:5432/dbname', or give a unix socket folder as in 'postgresql://user@/dbname?host=/var/run/postgresql'.")]
    [InlineData("postgresql://u:secret@h/db?frob=1", "postgresql://u:***@h/db?frob=1", "the query option 'frob' is not supported; GenOrm supports host, port, dbname, user, password, sslmode, sslrootcert, sslcert, sslkey, sslpassword, application_name, connect_timeout, options, target_session_attrs, client_encoding. Use an Npgsql connection string (Host=...;Username=...;...) for other connection options.")]
    [InlineData("postgresql://u:sec/ret@h/db", "postgresql://u:***@h/db", "it has an '@' after the user name and password; percent-encode '@', '/', '?' and '#' in them as %40, %2F, %3F and %23.")]
    [InlineData("postgresql://u:sec@ret@h/db", "postgresql://u:***@h/db", "it has an '@' after the user name and password; percent-encode '@', '/', '?' and '#' in them as %40, %2F, %3F and %23.")]
    [InlineData("postgresql://u:sec#ret@h/db", "postgresql://u:***@h/db", "it has a '#' fragment, which a database URL cannot have; percent-encode a '#' in a password as %23.")]
    [InlineData("postgresql://u:p%zzsecret@h/db", "postgresql://u:***@h/db", "the password has a '%' that is not followed by two hexadecimal digits; write a '%' itself as %25.")]
    [InlineData("postgresql://u:p%FFsecret@h/db", "postgresql://u:***@h/db", "the password is not valid UTF-8 once its %XX escapes are decoded.")]
    [InlineData("postgresql://h1,h2/db", "postgresql://h1,h2/db", "it names several hosts; GenOrm's URL takes one. Use an Npgsql connection string (Host=host1,host2;...) for several.")]
    [InlineData("postgresql://::1/db", "postgresql://::1/db", "write an IPv6 address in brackets, as in 'postgresql://user@[::1]:5432/dbname'.")]
    [InlineData("postgresql://[::1/db", "postgresql://[::1/db", "the IPv6 address must be in brackets, followed by nothing or by ':port', as in 'postgresql://user@[::1]:5432/dbname'.")]
    [InlineData("postgresql://h/db/extra", "postgresql://h/db/extra", "the path after the host must be one database name; percent-encode a '/' in the name as %2F.")]
    [InlineData("postgresql://h/db?sslmode=sometimes", "postgresql://h/db?sslmode=sometimes", "sslmode 'sometimes' is not one of disable, allow, prefer, require, verify-ca, verify-full.")]
    [InlineData("postgresql://h/db?host=other", "postgresql://h/db?host=other", "it gives 'host' more than once.")]
    [InlineData("postgresql://h/db?dbname=other", "postgresql://h/db?dbname=other", "it gives 'dbname' more than once.")]
    [InlineData("postgresql://h/db?sslmode", "postgresql://h/db?sslmode", "the query option 'sslmode' has no value; write 'sslmode=value'.")]
    [InlineData("postgresql://h/db?connect_timeout=-1", "postgresql://h/db?connect_timeout=-1", "the connect_timeout '-1' is not a whole number from 0 to 2147483647.")]
    [InlineData("postgresql://h/db?password=secret&sslmode=no", "postgresql://h/db?password=***&sslmode=no", "sslmode 'no' is not one of disable, allow, prefer, require, verify-ca, verify-full.")]
    [InlineData("postgresql+://h/db", "postgresql+://h/db", "the driver name after '+' is empty.")]
    [InlineData("Host=h;Data Source=x.db;Password=secret", "Host=h;Data Source=x.db;Password=***", "it has both a PostgreSQL 'Host' and a SQLite 'Data Source'; keep the one of the database you mean.")]
    public void MalformedPostgresUrl_ThrowsArgumentException_QuotingTheUrlWithPasswordMasked(string url, string masked, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Create(url));

        Assert.Equal("url", error.ParamName);
        Assert.Equal($"The database URL '{masked}' is not valid: {reason} (Parameter 'url')", error.Message);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data Source=x.db;Password=secret;Frobnicate=1", "Data Source=x.db;Password=***;Frobnicate=1")]
    [InlineData("Data Source=x.db; pwd = \"se;cret\" ;Frobnicate=1", "Data Source=x.db; pwd = *** ;Frobnicate=1")]
    public void MalformedSqliteConnectionString_MasksItsPassword(string connectionString, string masked)
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.Create(connectionString));

        Assert.StartsWith($"The database URL '{masked}' is not valid: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cret", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The resolved connection strings, opened for real on the shared PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresUrlServerTests(PostgresFixture fixture)
{
    [PostgresFact]
    public void DatabaseUrl_OverTcp_OpensThatDatabase()
    {
        var database = fixture.CreateDatabase();

        string connectionString = DatabaseUrl.Resolve(database.Url).ConnectionString;

        Assert.Equal(database.Name, Scalar<string>(connectionString, "select current_database()"));
        Assert.Equal("postgres", Scalar<string>(connectionString, "select current_user"));
        Assert.Equal("127.0.0.1", Scalar<string>(connectionString, "select host(inet_client_addr())"));
    }

    [PostgresFact]
    public void DatabaseUrl_WithUnixSocketFolder_OpensThatDatabaseThroughTheSocket()
    {
        var database = fixture.CreateDatabase();
        string socketDirectory = fixture.Cluster.SocketDirectory ?? throw new InvalidOperationException("The cluster has no unix socket.");
        string url = $"postgresql://postgres@/{database.Name}?host={Uri.EscapeDataString(socketDirectory)}&port={fixture.Cluster.Port}";

        string connectionString = DatabaseUrl.Resolve(url).ConnectionString;

        Assert.Equal(database.Name, Scalar<string>(connectionString, "select current_database()"));
        Assert.Equal("unix socket", Scalar<string>(connectionString, "select coalesce(host(inet_client_addr()), 'unix socket')"));
    }
}
