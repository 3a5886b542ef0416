using System.Data.Common;
using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// The <c>user</c> table's EF Core model, for every provider. Each provider gets its own context type, because EF Core
/// builds and caches one model per context type.
/// </summary>
public abstract class UserContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<UserRow> Users => Set<UserRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<UserRow>(user =>
        {
            user.ToTable("user");
            user.HasKey(u => u.Id);
            user.Property(u => u.Name).HasMaxLength(100);
            user.Property(u => u.Email).HasMaxLength(100);
            user.Property(u => u.Login).HasMaxLength(100);
            user.HasIndex(u => u.Email).IsUnique();
        });
}

/// <summary>The SQLite context.</summary>
public sealed class BenchContext(DbContextOptions<BenchContext> options) : UserContext(options);

public static class EfCorePeer
{
    /// <summary>The SQLite peer: its own open connection, the benchmark pragmas applied.</summary>
    public static EfCorePeer<BenchContext> ForSqlite(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        BenchmarkDatabase.ApplyPragmas(connection);
        DbContextOptions<BenchContext> options = new DbContextOptionsBuilder<BenchContext>()
            .UseSqlite(connection)
            .EnableThreadSafetyChecks(false)
            .Options;
        return new EfCorePeer<BenchContext>(connection, new BenchContext(options));
    }
}

/// <summary>
/// EF Core 10 as its performance docs recommend for reads: a long-lived context on an open connection,
/// <c>AsNoTracking</c>, thread-safety checks off; and compiled queries (<see cref="EF.CompileQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>),
/// compiled once per context type, so once per provider.
/// </summary>
/// <param name="connection">The context's open connection; the peer disposes it.</param>
/// <param name="context">A context on that connection.</param>
public sealed class EfCorePeer<TContext>(DbConnection connection, TContext context) : IDisposable
    where TContext : UserContext
{
    private static readonly Func<TContext, IEnumerable<UserRow>> s_all =
        EF.CompileQuery((TContext c) => c.Users.AsNoTracking());

    private static readonly Func<TContext, string, UserRow?> s_byEmail =
        EF.CompileQuery((TContext c, string email) => c.Users.AsNoTracking().FirstOrDefault(u => u.Email == email));

    private static readonly Func<TContext, long, long, int, IEnumerable<UserRow>> s_filtered =
        EF.CompileQuery((TContext c, long lo, long hi, int take) =>
            c.Users.AsNoTracking().Where(u => u.Id >= lo && u.Id < hi).OrderBy(u => u.Email).Take(take));

    private readonly DbConnection _connection = connection;
    private readonly TContext _context = context;

    public List<UserRow> GetAll() => _context.Users.AsNoTracking().ToList();

    public List<UserRow> GetAllCompiled() => s_all(_context).ToList();

    public UserRow? GetByEmail(string email) => _context.Users.AsNoTracking().FirstOrDefault(u => u.Email == email);

    public UserRow? GetByEmailCompiled(string email) => s_byEmail(_context, email);

    public List<UserRow> Filtered(long lo, long hi, long take) =>
        _context.Users.AsNoTracking().Where(u => u.Id >= lo && u.Id < hi).OrderBy(u => u.Email).Take((int)take).ToList();

    public List<UserRow> FilteredCompiled(long lo, long hi, long take) => s_filtered(_context, lo, hi, (int)take).ToList();

    /// <summary>AddRange + SaveChanges: one transaction, keys read back; the tracker is cleared for the next batch.</summary>
    public void InsertMany(List<UserRow> users)
    {
        _context.Users.AddRange(users);
        _context.SaveChanges();
        _context.ChangeTracker.Clear();
    }

    public void Dispose()
    {
        _context.Dispose();
        _connection.Dispose();
    }
}
