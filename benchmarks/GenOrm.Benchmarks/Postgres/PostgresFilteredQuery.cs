using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// ~1 % of the rows by a range condition, ordered, limited: id in a 200-row range, ORDER BY email, LIMIT 100 (SQLite's
/// <see cref="Workloads.FilteredQuery"/> on PostgreSQL).
/// </summary>
public class PostgresFilteredQuery : PostgresPeerWorkload
{
    private const long Lo = BenchmarkDatabase.FilterFrom;
    private const long Hi = BenchmarkDatabase.FilterTo;
    private const long Take = BenchmarkDatabase.FilterLimit;

    [Benchmark(Baseline = true, Description = "Npgsql (hand-written)")]
    public List<UserRow> NpgsqlQuery() => Npgsql.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "Dapper")]
    public List<UserRow> DapperQuery() => Dapper.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "Dapper.AOT")]
    public List<UserRow> DapperAotQuery() => DapperAot.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "EF Core (no tracking)")]
    public List<UserRow> EfCore() => Ef.Filtered(Lo, Hi, Take);

    [Benchmark(Description = "EF Core (compiled)")]
    public List<UserRow> EfCoreCompiled() => Ef.FilteredCompiled(Lo, Hi, Take);

    [Benchmark(Description = "GenOrm (typed query)")]
    public List<User> GenOrmTyped() => GenOrmPeer.FilteredTyped(Lo, Hi, Take);

    [Benchmark(Description = "GenOrm ([Query])")]
    public List<User> GenOrmQueryMethod() => GenOrmPeer.FilteredQueryMethod(Lo, Hi, Take);
}
