using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Peers;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// Sets up one seeded SQLite file and every peer on it. BenchmarkDotNet runs each benchmark method in its own process
/// (in the full mode), so only one peer is active per process; the others stay idle.
/// </summary>
[MemoryDiagnoser]
public abstract class PeerWorkload
{
    private AdoNetPeer? _ado;
    private RawPeer? _raw;
    private DapperPeer? _dapper;
    private DapperAotPeer? _dapperAot;
    private EfCorePeer<BenchContext>? _ef;
    private SqliteNetPeer? _sqliteNet;
    private GenOrmPeer? _genOrm;
    private GenOrmPrototypePeer? _prototype;

    protected BenchmarkDatabase Db { get; private set; } = null!;

    // Each peer is created on first use (in BenchmarkDotNet's jitting invocation, which is not measured), so that a
    // benchmark process holds only the connection it measures: with all eight open, the first-opened Microsoft.Data.Sqlite
    // connections measured up to 2x slower than the same code in a process of its own.
    protected AdoNetPeer Ado => _ado ??= new AdoNetPeer(Db.ConnectionString);
    protected RawPeer Raw => _raw ??= new RawPeer(Db.Path);
    protected DapperPeer Dapper => _dapper ??= new DapperPeer(Db.OpenConnection());
    protected DapperAotPeer DapperAot => _dapperAot ??= CreateDapperAot();
    protected EfCorePeer<BenchContext> Ef => _ef ??= EfCorePeer.ForSqlite(Db.ConnectionString);
    protected SqliteNetPeer SqliteNet => _sqliteNet ??= new SqliteNetPeer(Db.Path);
    protected GenOrmPeer GenOrmPeer => _genOrm ??= new GenOrmPeer(Db.ConnectionString);
    protected GenOrmPrototypePeer Prototype => _prototype ??= new GenOrmPrototypePeer(Db.ConnectionString);

    private DapperAotPeer CreateDapperAot()
    {
        var peer = new DapperAotPeer(Db.ConnectionString);
        DapperAotPeer.VerifyInterceptorsEngaged(peer);
        return peer;
    }

    [GlobalSetup]
    public void GlobalSetup()
    {
        Db = BenchmarkDatabase.Create();
        OnSetup();
    }

    protected virtual void OnSetup()
    {
    }

    /// <summary>Disposes what a workload set up beyond the shared peers; runs before they are disposed.</summary>
    protected virtual void OnCleanup()
    {
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        OnCleanup();
        _prototype?.Dispose();
        _genOrm?.Dispose();
        _sqliteNet?.Dispose();
        _ef?.Dispose();
        _dapperAot?.Dispose();
        _dapper?.Dispose();
        _raw?.Dispose();
        _ado?.Dispose();
        Db.Dispose();
    }
}
