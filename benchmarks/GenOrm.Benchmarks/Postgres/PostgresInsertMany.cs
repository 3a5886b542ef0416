using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Workloads;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// 1,000 new rows in one committed transaction, every peer writing the generated key back into its entities (SQLite's
/// <see cref="InsertMany"/> on PostgreSQL). The entities are built inside the measured call from strings prepared
/// beforehand; after each iteration the table is cut back to its 10,000 seed rows and vacuumed.
/// </summary>
[InvocationCount(InsertMany.InvocationsPerIteration)]
public class PostgresInsertMany : PostgresPeerWorkload
{
    public const int Rows = InsertMany.Rows;

    private NewUsers _newUsers = null!;

    protected override void OnSetup() => _newUsers = new NewUsers(Rows, InsertMany.InvocationsPerIteration);

    [IterationSetup]
    public void IterationSetup() => _newUsers.PrepareIteration();

    [IterationCleanup]
    public void IterationCleanup() => Db.ResetToSeed();

    [Benchmark(Baseline = true, Description = "Npgsql (hand-written, one batch)")]
    public void NpgsqlBatch() => Npgsql.InsertMany(NewRows());

    [Benchmark(Description = "Npgsql (hand-written, INSERT per row)")]
    public void NpgsqlPerRow() => Npgsql.InsertManyPerRow(NewRows());

    [Benchmark(Description = "Dapper")]
    public void DapperExecute() => Dapper.InsertMany(NewRows());

    [Benchmark(Description = "Dapper.AOT")]
    public void DapperAotExecute() => DapperAot.InsertMany(NewRows());

    [Benchmark(Description = "EF Core (AddRange + SaveChanges)")]
    public void EfCore() => Ef.InsertMany(NewRows());

    [Benchmark(Description = "GenOrm (InsertMany: one batch per 1,000 rows)")]
    public void GenOrm() => GenOrmPeer.InsertMany(NewUsers());

    private List<User> NewUsers()
    {
        string[] emails = _newUsers.NextEmails();
        var users = new List<User>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new User { Name = _newUsers.Names[i], Email = emails[i], Login = _newUsers.Logins[i] });
        }

        return users;
    }

    private List<UserRow> NewRows()
    {
        string[] emails = _newUsers.NextEmails();
        var users = new List<UserRow>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new UserRow { Name = _newUsers.Names[i], Email = emails[i], Login = _newUsers.Logins[i] });
        }

        return users;
    }
}
