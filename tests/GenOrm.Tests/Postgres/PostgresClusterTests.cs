using System.Net.Sockets;
using GenOrm.Testing;
using GenOrm.Tests.Helpers;
using Npgsql;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>The throwaway server itself (tests/Shared/PostgresCluster.cs), which every PostgreSQL test stands on.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture fixture)
{
    [PostgresFact]
    public void Server_AnswersShowServerVersion_With15()
    {
        string version = Scalar<string>(fixture.Cluster.AdminConnectionString, "show server_version");

        Assert.Matches(@"^15\.\d+( |$)", version);
    }

    [PostgresFact]
    public void CreateDatabase_TwoDatabases_AreIsolated()
    {
        PostgresDatabase first = fixture.CreateDatabase();
        PostgresDatabase second = fixture.CreateDatabase();

        Execute(first.ConnectionString, "create table t (x integer)", "insert into t values (1)");

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal($"postgresql://postgres@127.0.0.1:{fixture.Cluster.Port}/{first.Name}", first.Url);
        Assert.Equal(first.Name, Scalar<string>(first.ConnectionString, "select current_database()"));
        Assert.Equal(second.Name, Scalar<string>(second.ConnectionString, "select current_database()"));
        Assert.Equal(1L, Scalar<long>(first.ConnectionString, "select count(*) from t"));
        Assert.Equal(0L, Scalar<long>(second.ConnectionString, "select count(*) from pg_class where relname = 't'"));
    }

    [PostgresFact]
    public void Server_RunsAsPostgresOsUser_WhenTheTestsRunAsRoot()
    {
        // CI runs as root, which PostgreSQL refuses: the cluster runs its server as the OS user 'postgres' (runuser).
        int pid = fixture.Cluster.ReadPostmasterProcessId() ?? throw new InvalidOperationException("The shared cluster has no postmaster.pid.");
        string expectedUid = PostgresCluster.RunsAsRoot ? ReadOnlyMount.Run("id", "-u", PostgresCluster.ServerOsUser) : ReadOnlyMount.Run("id", "-u");

        Assert.Equal(expectedUid, ReadOnlyMount.Run("ps", "-o", "uid=", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(fixture.Cluster.DataDirectory, Scalar<string>(fixture.Cluster.AdminConnectionString, "show data_directory"));
        Assert.Equal("postgres", Scalar<string>(fixture.Cluster.AdminConnectionString, "select current_user"));
    }

    [PostgresFact]
    public void Server_AcceptsConnectionsOnItsUnixSocket()
    {
        string socketDirectory = fixture.Cluster.SocketDirectory ?? throw new InvalidOperationException("The cluster's folder is too long a path for a socket.");
        string connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = socketDirectory,
            Port = fixture.Cluster.Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;

        Assert.True(File.Exists(Path.Combine(socketDirectory, $".s.PGSQL.{fixture.Cluster.Port}")));
        Assert.Equal("[local]", Scalar<string>(connectionString, "select coalesce(inet_client_addr()::text, '[local]')"));
    }

    [PostgresFact]
    public void SecondCluster_Dispose_DeletesItsFolderAndRefusesConnections()
    {
        PostgresCluster cluster = PostgresCluster.Start();
        string folder = cluster.Folder;
        string connectionString = cluster.AdminConnectionString;
        Assert.NotEqual(fixture.Cluster.Port, cluster.Port);
        Assert.Equal(1, Scalar<int>(connectionString, "select 1"));

        cluster.Dispose();

        Assert.False(Directory.Exists(folder));
        AssertRefused(connectionString);
        Assert.Equal(1, Scalar<int>(fixture.Cluster.AdminConnectionString, "select 1"));
    }

    [PostgresFact]
    public void Watchdog_StopsTheServer_WhenItsProcessDiesWithoutDisposing()
    {
        PostgresCluster cluster = PostgresCluster.Start();
        string folder = cluster.Folder;
        string connectionString = cluster.AdminConnectionString;

        cluster.CloseWatchdogPipeAsIfKilled();

        // The watchdog is a detached process, not ours to wait for: wait (bounded, generously) for it to delete the
        // folder, which it does after pg_ctl has stopped the server.
        for (int i = 0; i < 600 && Directory.Exists(folder); i++)
        {
            Thread.Sleep(100);
        }

        Assert.False(Directory.Exists(folder));
        AssertRefused(connectionString);
    }

    private static void AssertRefused(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        var error = Assert.Throws<NpgsqlException>(() => connection.Open());
        var socket = Assert.IsType<SocketException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);
    }
}
