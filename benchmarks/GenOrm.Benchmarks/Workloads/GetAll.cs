using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>All 10,000 rows into a list of entities.</summary>
public class GetAll : PeerWorkload
{
    [Benchmark(Baseline = true, Description = "ADO.NET (hand-written)")]
    public List<UserRow> AdoNet() => Ado.GetAll();

    [Benchmark(Description = "SQLitePCL.raw")]
    public List<UserRow> RawSqlite() => Raw.GetAll();

    [Benchmark(Description = "Dapper")]
    public List<UserRow> DapperQuery() => Dapper.GetAll();

    [Benchmark(Description = "Dapper.AOT")]
    public List<UserRow> DapperAotQuery() => DapperAot.GetAll();

    [Benchmark(Description = "EF Core (no tracking)")]
    public List<UserRow> EfCore() => Ef.GetAll();

    [Benchmark(Description = "EF Core (compiled)")]
    public List<UserRow> EfCoreCompiled() => Ef.GetAllCompiled();

    [Benchmark(Description = "sqlite-net-pcl")]
    public List<SqliteNetUser> SqliteNetQuery() => SqliteNet.GetAll();

    [Benchmark(Description = "GenOrm")]
    public List<User> GenOrm() => GenOrmPeer.GetAll();

    [Benchmark(Description = "GenOrm (prototype)")]
    public List<User> GenOrmPrototype() => Prototype.GetAll();
}
