using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Peers;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// Starts a throwaway PostgreSQL server with the seeded <c>user</c> table (<see cref="PostgresBenchmarkDatabase"/>) and
/// creates each peer on first use (in BenchmarkDotNet's unmeasured jitting call), so that a benchmark process holds only
/// the connection it measures. The workloads are SQLite's (Workloads/*.cs): the same rows, lookups and limits.
/// </summary>
[MemoryDiagnoser]
public abstract class PostgresPeerWorkload
{
    private NpgsqlPeer? _npgsql;
    private DapperPeer? _dapper;
    private PostgresDapperAotPeer? _dapperAot;
    private EfCorePeer<PostgresBenchContext>? _ef;
    private PostgresGenOrmPeer? _genOrm;

    protected PostgresBenchmarkDatabase Db { get; private set; } = null!;

    protected NpgsqlPeer Npgsql => _npgsql ??= new NpgsqlPeer(Db.OpenConnection(), PostgresInsertMany.Rows);

    protected DapperPeer Dapper => _dapper ??= new DapperPeer(Db.OpenConnection());

    protected PostgresDapperAotPeer DapperAot => _dapperAot ??= CreateDapperAot();

    protected EfCorePeer<PostgresBenchContext> Ef => _ef ??= PostgresBenchContext.Peer(Db.OpenConnection());

    /// <summary>GenOrm through GenOrm.Npgsql, an engine on the same database (its own pool).</summary>
    protected PostgresGenOrmPeer GenOrmPeer => _genOrm ??= new PostgresGenOrmPeer(Db.ConnectionString);

    [GlobalSetup]
    public void GlobalSetup()
    {
        Db = new PostgresBenchmarkDatabase();
        OnSetup();
    }

    protected virtual void OnSetup()
    {
    }

    /// <summary>Disposes what a workload made beside the shared peers, before they and the server go.</summary>
    protected virtual void OnCleanup()
    {
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        OnCleanup();
        _genOrm?.Dispose();
        _ef?.Dispose();
        _dapperAot?.Dispose();
        _dapper?.Dispose();
        _npgsql?.Dispose();
        Db.Dispose();
    }

    private PostgresDapperAotPeer CreateDapperAot()
    {
        var peer = new PostgresDapperAotPeer(Db.OpenConnection());
        peer.VerifyInterceptorsEngaged();
        return peer;
    }
}
