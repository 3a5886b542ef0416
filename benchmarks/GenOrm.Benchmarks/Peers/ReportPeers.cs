using Dapper;
using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// The report workload's peers: a join + GROUP BY top-N over the users and their purchases, each peer as its docs
/// recommend. Each opens its own connection on the shared file.
/// </summary>
public static class ReportPeers
{
    /// <summary>The number of purchases seeded: several per user.</summary>
    public const int PurchaseCount = 50_000;

    /// <summary>Seeds the purchases (GenOrm's own table) into the benchmark file.</summary>
    public static void Seed(BenchmarkDatabase db)
    {
        using (var engine = Engine.Create(db.ConnectionString))
        using (Connection conn = engine.Connect())
        {
            Purchase.CreateTable(conn);
            conn.Commit();
        }

        using var connection = new SqliteConnection(db.ConnectionString);
        connection.Open();
        using SqliteTransaction tx = connection.BeginTransaction();
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO purchase (UserId, Amount) VALUES (@u, @a)";
        SqliteParameter u = insert.Parameters.Add("@u", SqliteType.Integer);
        SqliteParameter a = insert.Parameters.Add("@a", SqliteType.Integer);
        for (int i = 0; i < PurchaseCount; i++)
        {
            u.Value = 1 + ((i * 7919L) % BenchmarkDatabase.RowCount);
            a.Value = 100 + ((i * 104729L) % 10_000);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }
}

/// <summary>Hand-written Microsoft.Data.Sqlite: a prepared command, typed getters by ordinal. The baseline.</summary>
public sealed class AdoNetReportPeer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _top;

    public AdoNetReportPeer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        BenchmarkDatabase.ApplyPragmas(_connection);
        _command = _connection.CreateCommand();
        _command.CommandText = ReportQueries.Sql;
        _top = _command.Parameters.Add(":top", SqliteType.Integer);
        _command.Prepare();
    }

    public List<ReportRow> Top(int top)
    {
        _top.Value = top;
        var rows = new List<ReportRow>();
        using SqliteDataReader reader = _command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new ReportRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return rows;
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }
}

/// <summary>Dapper: SQL text and an anonymous-type parameter.</summary>
[DapperAot(false)]
public sealed class DapperReportPeer(string connectionString) : IDisposable
{
    private readonly SqliteConnection _connection = Open(connectionString);

    public List<ReportRowClass> Top(int top) => _connection.Query<ReportRowClass>(ReportQueries.Sql, new { top }).AsList();

    public void Dispose() => _connection.Dispose();

    internal static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        BenchmarkDatabase.ApplyPragmas(connection);
        return connection;
    }
}

/// <summary>The same Dapper call, rewritten at build time by Dapper.AOT's interceptors.</summary>
[DapperAot(true)]
[CacheCommand(true)]
public sealed class DapperAotReportPeer(string connectionString) : IDisposable
{
    private readonly SqliteConnection _connection = DapperReportPeer.Open(connectionString);

    public List<ReportRowClass> Top(int top) => _connection.Query<ReportRowClass>(ReportQueries.Sql, new { top }).AsList();

    public void Dispose() => _connection.Dispose();
}

/// <summary>The report's EF Core model: the users and their purchases.</summary>
public sealed class ReportContext(DbContextOptions<ReportContext> options) : DbContext(options)
{
    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<PurchaseRow> Purchases => Set<PurchaseRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserRow>(user =>
        {
            user.ToTable("user");
            user.HasKey(u => u.Id);
        });
        modelBuilder.Entity<PurchaseRow>(purchase =>
        {
            purchase.ToTable("purchase");
            purchase.HasKey(p => p.Id);
        });
    }
}

/// <summary>A purchase as EF Core maps it.</summary>
public sealed class PurchaseRow
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public long Amount { get; set; }
}

/// <summary>EF Core: the LINQ join + group, no tracking; and the same query compiled.</summary>
public sealed class EfCoreReportPeer : IDisposable
{
    private static readonly Func<ReportContext, int, IEnumerable<ReportRowClass>> s_top =
        EF.CompileQuery((ReportContext c, int top) => Query(c).Take(top));

    private readonly SqliteConnection _connection;
    private readonly ReportContext _context;

    public EfCoreReportPeer(string connectionString)
    {
        _connection = DapperReportPeer.Open(connectionString);
        _context = new ReportContext(new DbContextOptionsBuilder<ReportContext>().UseSqlite(_connection).EnableThreadSafetyChecks(false).Options);
    }

    public List<ReportRowClass> Top(int top) => Query(_context).Take(top).ToList();

    public List<ReportRowClass> TopCompiled(int top) => s_top(_context, top).ToList();

    public void Dispose()
    {
        _context.Dispose();
        _connection.Dispose();
    }

    private static IQueryable<ReportRowClass> Query(ReportContext c) =>
        from u in c.Users.AsNoTracking()
        join p in c.Purchases.AsNoTracking() on u.Id equals p.UserId
        group p by new { u.Id, u.Name } into g
        orderby g.Sum(x => x.Amount) descending, g.Key.Id
        select new ReportRowClass { Name = g.Key.Name, Purchases = g.Count(), Total = g.Sum(x => x.Amount) };
}

/// <summary>GenOrm: the checked [Query] method, on one connection whose implicit transaction is committed per call.</summary>
public sealed class GenOrmReportPeer : IDisposable
{
    private readonly Engine _engine;
    private readonly Connection _connection;

    public GenOrmReportPeer(string connectionString)
    {
        _engine = Engine.Create(connectionString);
        _connection = _engine.Connect();
        BenchmarkDatabase.ApplyPragmas(_connection.DbConnection);
    }

    public List<ReportRow> Top(int top)
    {
        List<ReportRow> rows = ReportQueries.TopSpenders(_connection, top);
        _connection.Commit();
        return rows;
    }

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }
}
