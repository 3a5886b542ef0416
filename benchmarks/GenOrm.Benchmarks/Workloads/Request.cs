using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Peers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// The shape of a web request: a connection from the pool, one lookup by the unique email, dispose. 1,000 different
/// emails per invocation (the same as <see cref="GetByEmail"/>); times are per request. Every peer's answer is checked
/// once at setup, so a peer that finds nothing cannot look fast.
/// </summary>
public class Request : PeerWorkload
{
    private string[] _emails = null!;
    private AdoRequestPeer? _ado;
    private DapperRequestPeer? _dapper;
    private DapperAotRequestPeer? _dapperAot;
    private EfCoreRequestPeer? _ef;
    private GenOrmRequestPeer? _genOrm;
    private SqliteConnection? _longConnection;
    private SqliteCommand? _longCommand;
    private SqliteParameter? _longParameter;
    private Connection? _genOrmLong;

    private AdoRequestPeer AdoPeer => _ado ??= Checked(new AdoRequestPeer(Db.ConnectionString), p => p.GetByEmail(_emails[0])?.Email);
    private DapperRequestPeer DapperPeer => _dapper ??= Checked(new DapperRequestPeer(Db.ConnectionString), p => p.GetByEmail(_emails[0])?.Email);
    private DapperAotRequestPeer DapperAotPeer => _dapperAot ??= Checked(new DapperAotRequestPeer(Db.ConnectionString), p => p.GetByEmail(_emails[0])?.Email);
    private EfCoreRequestPeer EfPeer => _ef ??= Checked(new EfCoreRequestPeer(Db.ConnectionString), p => p.GetByEmail(_emails[0])?.Email);
    private GenOrmRequestPeer GenOrm => _genOrm ??= Checked(new GenOrmRequestPeer(Db.ConnectionString), p => p.GetByEmail(_emails[0])?.Email);

    protected override void OnSetup() => _emails = GetByEmail.LookupEmails();

    [Benchmark(Baseline = true, OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: ADO.NET (hand-written, pooled)")]
    public int AdoNetRequest() => Count(AdoPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: SQLitePCL.raw (one handle, statement kept)")]
    public int RawRequest() => Count(Raw.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: Dapper (pooled)")]
    public int DapperRequest() => Count(DapperPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: Dapper.AOT (pooled)")]
    public int DapperAotRequest() => Count(DapperAotPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: EF Core (pooled context, compiled)")]
    public int EfCoreRequest() => Count(EfPeer.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request: GenOrm")]
    public int GenOrmRequest() => Count(GenOrm.GetByEmail);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request + Commit: ADO.NET (hand-written, pooled)")]
    public int AdoNetRequestCommit() => Count(AdoPeer.GetByEmailCommit);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Request + Commit: GenOrm")]
    public int GenOrmRequestCommit() => Count(GenOrm.GetByEmailCommit);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Commit after every lookup: ADO.NET (one connection)")]
    public int AdoNetCommitEach()
    {
        if (_longConnection is null)
        {
            _longConnection = new SqliteConnection(Db.ConnectionString);
            _longConnection.Open();
            _longCommand = _longConnection.CreateCommand();
            _longCommand.CommandText = BenchmarkDatabase.SelectByEmail;
            _longParameter = _longCommand.Parameters.Add("@email", SqliteType.Text);
        }

        return Count(email => AdoRequestPeer.GetByEmailCommitEach(_longConnection, _longCommand!, _longParameter!, email));
    }

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "Commit after every lookup: GenOrm (one connection)")]
    public int GenOrmCommitEach()
    {
        _genOrmLong ??= GenOrm.Engine.Connect();
        int found = 0;
        foreach (string email in _emails)
        {
            if (User.GetByEmail(_genOrmLong, email) is not null)
            {
                found++;
            }

            _genOrmLong.Commit();
        }

        return found;
    }

    protected override void OnCleanup()
    {
        _genOrmLong?.Dispose();
        _longCommand?.Dispose();
        _longConnection?.Dispose();
        _genOrm?.Dispose();
        _ef?.Dispose();
    }

    private int Count<T>(Func<string, T?> lookup)
        where T : class => GetByEmail.CountFound(_emails, lookup);

    private TPeer Checked<TPeer>(TPeer peer, Func<TPeer, string?> lookup) => GetByEmail.Checked(peer, _emails[0], lookup);
}
