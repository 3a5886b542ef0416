using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Workloads;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// 1,000 lookups by the unique email column per invocation, a round trip each; times are per lookup (SQLite's
/// <see cref="GetByEmail"/> on PostgreSQL, the same emails).
/// </summary>
public class PostgresGetByEmail : PostgresPeerWorkload
{
    private string[] _emails = null!;

    protected override void OnSetup() => _emails = GetByEmail.LookupEmails();

    [Benchmark(Baseline = true, OperationsPerInvoke = GetByEmail.Lookups, Description = "Npgsql (hand-written)")]
    public int NpgsqlQuery() => Count(Npgsql.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Dapper")]
    public int DapperQuery() => Count(Dapper.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Dapper.AOT")]
    public int DapperAotQuery() => Count(DapperAot.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "EF Core (no tracking)")]
    public int EfCore() => Count(Ef.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "EF Core (compiled)")]
    public int EfCoreCompiled() => Count(Ef.GetByEmailCompiled);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "GenOrm")]
    public int GenOrm() => GenOrmPeer.GetByEmail(_emails);

    private int Count(Func<string, UserRow?> lookup) => GetByEmail.CountFound(_emails, lookup);
}
