using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>All 10,000 rows into a list of entities (SQLite's <see cref="Workloads.GetAll"/> on PostgreSQL).</summary>
public class PostgresGetAll : PostgresPeerWorkload
{
    [Benchmark(Baseline = true, Description = "Npgsql (hand-written)")]
    public List<UserRow> NpgsqlQuery() => Npgsql.GetAll();

    [Benchmark(Description = "Dapper")]
    public List<UserRow> DapperQuery() => Dapper.GetAll();

    [Benchmark(Description = "Dapper.AOT")]
    public List<UserRow> DapperAotQuery() => DapperAot.GetAll();

    [Benchmark(Description = "EF Core (no tracking)")]
    public List<UserRow> EfCore() => Ef.GetAll();

    [Benchmark(Description = "EF Core (compiled)")]
    public List<UserRow> EfCoreCompiled() => Ef.GetAllCompiled();

    [Benchmark(Description = "GenOrm")]
    public List<User> GenOrm() => GenOrmPeer.GetAll();
}
