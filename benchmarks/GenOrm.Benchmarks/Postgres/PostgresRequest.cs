using BenchmarkDotNet.Attributes;
using Dapper;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Peers;
using GenOrm.Benchmarks.Workloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// The shape of a web request on PostgreSQL (SQLite's <see cref="Request"/>): a connection from the pool, one lookup by
/// the unique email, dispose. 1,000 different emails per invocation; times are per request. Every pool prepares a
/// statement on the server after its second use (<c>Max Auto Prepare</c>, as GenOrm.Npgsql sets it), so that no peer
/// pays a parse per request that another does not. Every peer's answer is checked once at setup.
/// </summary>
public class PostgresRequest : PostgresPeerWorkload
{
    private string[] _emails = null!;
    private NpgsqlDataSource? _dataSource;
    private NpgsqlRequestPeer? _npgsqlPeer;
    private PostgresDapperRequestPeer? _dapperPeer;
    private PostgresDapperAotRequestPeer? _dapperAotPeer;
    private PostgresEfCoreRequestPeer? _efPeer;
    private GenOrmRequestPeer? _genOrmPeer;

    private NpgsqlDataSource DataSource => _dataSource ??= NpgsqlDataSource.Create(AutoPrepared(Db.ConnectionString));
    private NpgsqlRequestPeer NpgsqlPeer => _npgsqlPeer ??= Checked(new NpgsqlRequestPeer(DataSource), p => p.GetByEmail(_emails[0])?.Email);
    private PostgresDapperRequestPeer DapperPeer => _dapperPeer ??= Checked(new PostgresDapperRequestPeer(DataSource), p => p.GetByEmail(_emails[0])?.Email);
    private PostgresDapperAotRequestPeer DapperAotPeer => _dapperAotPeer ??= Checked(new PostgresDapperAotRequestPeer(DataSource), p => p.GetByEmail(_emails[0])?.Email);
    private PostgresEfCoreRequestPeer EfPeer => _efPeer ??= Checked(new PostgresEfCoreRequestPeer(AutoPrepared(Db.ConnectionString)), p => p.GetByEmail(_emails[0])?.Email);
    private GenOrmRequestPeer RequestGenOrm => _genOrmPeer ??= Checked(CreateGenOrm(), p => p.GetByEmail(_emails[0])?.Email);

    protected override void OnSetup() => _emails = GetByEmail.LookupEmails();

    [Benchmark(Baseline = true, OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: Npgsql (hand-written, pooled)")]
    public int NpgsqlRequest() => Count(NpgsqlPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: Dapper (pooled)")]
    public int DapperRequest() => Count(DapperPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: Dapper.AOT (pooled)")]
    public int DapperAotRequest() => Count(DapperAotPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: EF Core (pooled context, compiled)")]
    public int EfCoreRequest() => Count(EfPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: GenOrm")]
    public int GenOrmRequest() => Count(RequestGenOrm.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request + Commit: GenOrm")]
    public int GenOrmRequestCommit() => Count(RequestGenOrm.GetByEmailCommit);

    protected override void OnCleanup()
    {
        _genOrmPeer?.Dispose();
        _dataSource?.Dispose();
    }

    /// <summary>The connection string with the automatic preparation GenOrm.Npgsql sets for its own pool.</summary>
    private static string AutoPrepared(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 256, AutoPrepareMinUsages = 2 }.ConnectionString;

    private GenOrmRequestPeer CreateGenOrm()
    {
        global::GenOrm.Npgsql.NpgsqlDriver.Register();
        return new GenOrmRequestPeer(Db.ConnectionString);
    }

    private int Count<T>(Func<string, T?> lookup)
        where T : class => GetByEmail.CountFound(_emails, lookup);

    private TPeer Checked<TPeer>(TPeer peer, Func<TPeer, string?> lookup) => GetByEmail.Checked(peer, _emails[0], lookup);
}

/// <summary>
/// The request shape hand-written on Npgsql: a connection from the data source per request, a command with its typed
/// positional parameter, the lookup, dispose.
/// </summary>
public sealed class NpgsqlRequestPeer(NpgsqlDataSource dataSource)
{
    public UserRow? GetByEmail(string email)
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(PostgresBenchmarkDatabase.SelectByEmailPositional, connection)
        {
            Parameters = { new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = email } },
        };
        using NpgsqlDataReader reader = command.ExecuteReader();
        return reader.Read()
            ? new UserRow { Id = reader.GetInt64(0), Name = reader.GetString(1), Email = reader.GetString(2), Login = reader.GetString(3) }
            : null;
    }
}

/// <summary>Dapper per request on Npgsql: a pooled connection per request.</summary>
[DapperAot(false)]
public sealed class PostgresDapperRequestPeer(NpgsqlDataSource dataSource)
{
    public UserRow? GetByEmail(string email)
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        return connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });
    }
}

/// <summary>The same Dapper call, rewritten at build time by Dapper.AOT's interceptors.</summary>
[DapperAot(true)]
[CacheCommand(true)]
public sealed class PostgresDapperAotRequestPeer(NpgsqlDataSource dataSource)
{
    public UserRow? GetByEmail(string email)
    {
        using NpgsqlConnection connection = dataSource.OpenConnection();
        return connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });
    }
}

/// <summary>EF Core per request on Npgsql: a context from a pool per request, a compiled no-tracking query.</summary>
public sealed class PostgresEfCoreRequestPeer
{
    private static readonly Func<PostgresBenchContext, string, UserRow?> s_byEmail =
        EF.CompileQuery((PostgresBenchContext c, string email) => c.Users.AsNoTracking().FirstOrDefault(u => u.Email == email));

    private readonly PooledDbContextFactory<PostgresBenchContext> _factory;

    public PostgresEfCoreRequestPeer(string connectionString)
    {
        DbContextOptions<PostgresBenchContext> options = new DbContextOptionsBuilder<PostgresBenchContext>()
            .UseNpgsql(connectionString)
            .EnableThreadSafetyChecks(false)
            .Options;
        _factory = new PooledDbContextFactory<PostgresBenchContext>(options);
    }

    public UserRow? GetByEmail(string email)
    {
        using PostgresBenchContext context = _factory.CreateDbContext();
        return s_byEmail(context, email);
    }
}
