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
    protected BenchmarkDatabase Db { get; private set; } = null!;
    protected AdoNetPeer Ado { get; private set; } = null!;
    protected RawPeer Raw { get; private set; } = null!;
    protected DapperPeer Dapper { get; private set; } = null!;
    protected DapperAotPeer DapperAot { get; private set; } = null!;
    protected EfCorePeer Ef { get; private set; } = null!;
    protected SqliteNetPeer SqliteNet { get; private set; } = null!;
    protected GenOrmPeer GenOrmPeer { get; private set; } = null!;
    protected GenOrmPrototypePeer Prototype { get; private set; } = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        Db = BenchmarkDatabase.Create();
        Ado = new AdoNetPeer(Db.ConnectionString);
        Raw = new RawPeer(Db.Path);
        Dapper = new DapperPeer(Db.ConnectionString);
        DapperAot = new DapperAotPeer(Db.ConnectionString);
        DapperAotPeer.VerifyInterceptorsEngaged(DapperAot);
        Ef = new EfCorePeer(Db.ConnectionString);
        SqliteNet = new SqliteNetPeer(Db.Path);
        GenOrmPeer = new GenOrmPeer(Db.ConnectionString);
        Prototype = new GenOrmPrototypePeer(Db.ConnectionString);
        OnSetup();
    }

    protected virtual void OnSetup()
    {
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        Prototype.Dispose();
        GenOrmPeer.Dispose();
        SqliteNet.Dispose();
        Ef.Dispose();
        DapperAot.Dispose();
        Dapper.Dispose();
        Raw.Dispose();
        Ado.Dispose();
        Db.Dispose();
    }
}
