using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Peers;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// A report: the top 10 users by the total of their purchases, a join + GROUP BY over 10,000 users and 50,000
/// purchases. GenOrm's entry is a checked <c>[Query]</c> method.
/// </summary>
public class Report : PeerWorkload
{
    private const int Top = 10;

    private AdoNetReportPeer? _ado;
    private DapperReportPeer? _dapper;
    private DapperAotReportPeer? _dapperAot;
    private EfCoreReportPeer? _ef;
    private GenOrmReportPeer? _genOrm;

    private AdoNetReportPeer AdoReport => _ado ??= new AdoNetReportPeer(Db.ConnectionString);
    private DapperReportPeer DapperReport => _dapper ??= new DapperReportPeer(Db.ConnectionString);
    private DapperAotReportPeer DapperAotReport => _dapperAot ??= new DapperAotReportPeer(Db.ConnectionString);
    private EfCoreReportPeer EfReport => _ef ??= new EfCoreReportPeer(Db.ConnectionString);
    private GenOrmReportPeer GenOrmReport => _genOrm ??= new GenOrmReportPeer(Db.ConnectionString);

    protected override void OnSetup() => ReportPeers.Seed(Db);

    protected override void OnCleanup()
    {
        _genOrm?.Dispose();
        _ef?.Dispose();
        _dapperAot?.Dispose();
        _dapper?.Dispose();
        _ado?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ADO.NET (hand-written)")]
    public List<ReportRow> AdoNet() => AdoReport.Top(Top);

    [Benchmark(Description = "Dapper")]
    public List<ReportRowClass> DapperQuery() => DapperReport.Top(Top);

    [Benchmark(Description = "Dapper.AOT")]
    public List<ReportRowClass> DapperAotQuery() => DapperAotReport.Top(Top);

    [Benchmark(Description = "EF Core (no tracking)")]
    public List<ReportRowClass> EfCore() => EfReport.Top(Top);

    [Benchmark(Description = "EF Core (compiled)")]
    public List<ReportRowClass> EfCoreCompiled() => EfReport.TopCompiled(Top);

    [Benchmark(Description = "GenOrm ([Query])")]
    public List<ReportRow> GenOrm() => GenOrmReport.Top(Top);
}
