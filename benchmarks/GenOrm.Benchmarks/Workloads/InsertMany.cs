using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// 1,000 new rows in one committed transaction; every peer writes the generated key back into its entities (GenOrm's
/// InsertMany does for an [AutoIncrement] key). The entities are built inside the measured call from strings prepared
/// beforehand; after each iteration the table is cut back to its 10,000 seed rows.
/// </summary>
[InvocationCount(InvocationsPerIteration)]
public class InsertMany : PeerWorkload
{
    public const int Rows = 1_000;
    public const int InvocationsPerIteration = 16;

    private NewUsers _newUsers = null!;
    private string[] _names = null!;
    private string[] _logins = null!;

    protected override void OnSetup()
    {
        _newUsers = new NewUsers(Rows, InvocationsPerIteration);
        _names = _newUsers.Names;
        _logins = _newUsers.Logins;
    }

    [IterationSetup]
    public void IterationSetup() => _newUsers.PrepareIteration();

    [IterationCleanup]
    public void IterationCleanup() => Db.ResetToSeed();

    private string[] NextEmails() => _newUsers.NextEmails();

    [Benchmark(Baseline = true, Description = "ADO.NET (hand-written)")]
    public void AdoNet()
    {
        string[] emails = NextEmails();
        var users = new List<UserRow>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new UserRow { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        Ado.InsertMany(users);
    }

    [Benchmark(Description = "SQLitePCL.raw")]
    public void RawSqlite()
    {
        string[] emails = NextEmails();
        var users = new List<UserRow>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new UserRow { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        Raw.InsertMany(users);
    }

    [Benchmark(Description = "Dapper")]
    public void DapperExecute()
    {
        string[] emails = NextEmails();
        var users = new List<UserRow>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new UserRow { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        Dapper.InsertMany(users);
    }

    [Benchmark(Description = "Dapper.AOT")]
    public void DapperAotExecute()
    {
        string[] emails = NextEmails();
        var users = new List<UserRow>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new UserRow { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        DapperAot.InsertMany(users);
    }

    [Benchmark(Description = "EF Core (AddRange + SaveChanges)")]
    public void EfCore()
    {
        string[] emails = NextEmails();
        var users = new List<UserRow>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new UserRow { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        Ef.InsertMany(users);
    }

    [Benchmark(Description = "sqlite-net-pcl")]
    public void SqliteNetInsertAll()
    {
        string[] emails = NextEmails();
        var users = new List<SqliteNetUser>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new SqliteNetUser { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        SqliteNet.InsertMany(users);
    }

    [Benchmark(Description = "GenOrm")]
    public void GenOrm()
    {
        string[] emails = NextEmails();
        var users = new List<User>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new User { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        GenOrmPeer.InsertMany(users);
    }

    [Benchmark(Description = "GenOrm (prototype)")]
    public void GenOrmPrototype()
    {
        string[] emails = NextEmails();
        var users = new List<User>(Rows);
        for (int i = 0; i < Rows; i++)
        {
            users.Add(new User { Name = _names[i], Email = emails[i], Login = _logins[i] });
        }

        Prototype.InsertMany(users);
    }
}
