using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GenOrm.Benchmarks.Peers;

public sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
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

/// <summary>
/// EF Core 10 as its performance docs recommend for reads: a long-lived context on an open connection,
/// <c>AsNoTracking</c>, thread-safety checks off; and compiled queries (<see cref="EF.CompileQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>).
/// </summary>
public sealed class EfCorePeer : IDisposable
{
    private static readonly Func<BenchContext, IEnumerable<UserRow>> s_all =
        EF.CompileQuery((BenchContext c) => c.Users.AsNoTracking());

    private static readonly Func<BenchContext, string, UserRow?> s_byEmail =
        EF.CompileQuery((BenchContext c, string email) => c.Users.AsNoTracking().FirstOrDefault(u => u.Email == email));

    private static readonly Func<BenchContext, long, long, int, IEnumerable<UserRow>> s_filtered =
        EF.CompileQuery((BenchContext c, long lo, long hi, int take) =>
            c.Users.AsNoTracking().Where(u => u.Id >= lo && u.Id < hi).OrderBy(u => u.Email).Take(take));

    private readonly SqliteConnection _connection;
    private readonly BenchContext _context;

    public EfCorePeer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        BenchmarkDatabase.ApplyPragmas(_connection);
        DbContextOptions<BenchContext> options = new DbContextOptionsBuilder<BenchContext>()
            .UseSqlite(_connection)
            .EnableThreadSafetyChecks(false)
            .Options;
        _context = new BenchContext(options);
    }

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
