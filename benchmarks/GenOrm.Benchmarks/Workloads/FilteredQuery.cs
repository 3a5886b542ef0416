using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// ~1 % of the rows by a range condition, ordered, limited: id in a 200-row range, ORDER BY email, LIMIT 100.
/// GenOrm's typed query API does not exist yet; its entry uses <c>conn.Query&lt;User&gt;(Sql.Text(...), params)</c>.
/// </summary>
public class FilteredQuery : PeerWorkload
{
    private const long Lo = BenchmarkDatabase.FilterFrom;
    private const long Hi = BenchmarkDatabase.FilterTo;
    private const long Take = BenchmarkDatabase.FilterLimit;

    [Benchmark(Baseline = true, Description = "ADO.NET (hand-written)")]
    public List<UserRow> AdoNet() => Ado.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "SQLitePCL.raw")]
    public List<UserRow> RawSqlite() => Raw.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "Dapper")]
    public List<UserRow> DapperQuery() => Dapper.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "Dapper.AOT")]
    public List<UserRow> DapperAotQuery() => DapperAot.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "EF Core (no tracking)")]
    public List<UserRow> EfCore() => Ef.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "EF Core (compiled)")]
    public List<UserRow> EfCoreCompiled() => Ef.FilteredCompiled(Lo, Hi, Take);

    [Benchmark(Description = "sqlite-net-pcl")]
    public List<SqliteNetUser> SqliteNetQuery() => SqliteNet.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "GenOrm (typed query)")]
    public List<User> GenOrmTyped() => GenOrmPeer.FilteredTyped(Lo, Hi, Take);

    [Benchmark(Description = "GenOrm ([Query])")]
    public List<User> GenOrmQueryMethod() => GenOrmPeer.FilteredQueryMethod(Lo, Hi, Take);

    [Benchmark(Description = "GenOrm (Query<User> + Sql.Text)")]
    public List<User> GenOrm() => GenOrmPeer.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "GenOrm (prototype)")]
    public List<User> GenOrmPrototype() => Prototype.Filtered(Lo, Hi, Take);
}
