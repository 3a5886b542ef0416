using Dapper;
using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// The request shape, hand-written on Microsoft.Data.Sqlite as its docs recommend: a <see cref="SqliteConnection"/>
/// from its pool per request (<c>new</c> + <c>Open()</c>), a command made per request (a prepared command cannot
/// outlive its connection), the lookup, dispose.
/// </summary>
public sealed class AdoRequestPeer(string connectionString)
{
    public UserRow? GetByEmail(string email)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return Lookup(connection, null, email);
    }

    public UserRow? GetByEmailCommit(string email)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
        UserRow? user = Lookup(connection, transaction, email);
        transaction.Commit();
        return user;
    }

    /// <summary>One long-lived connection, a transaction per lookup: the shape of a worker that commits after each item.</summary>
    public static UserRow? GetByEmailCommitEach(SqliteConnection connection, SqliteCommand command, SqliteParameter parameter, string email)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
        command.Transaction = transaction;
        parameter.Value = email;
        UserRow? user;
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            user = reader.Read() ? Row(reader) : null;
        }

        transaction.Commit();
        return user;
    }

    private static UserRow? Lookup(SqliteConnection connection, SqliteTransaction? transaction, string email)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = BenchmarkDatabase.SelectByEmail;
        command.Transaction = transaction;
        command.Parameters.Add("@email", SqliteType.Text).Value = email;
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    private static UserRow Row(SqliteDataReader reader) =>
        new() { Id = reader.GetInt64(0), Name = reader.GetString(1), Email = reader.GetString(2), Login = reader.GetString(3) };
}

/// <summary>Dapper per request: a pooled <see cref="SqliteConnection"/> per request, as its README shows.</summary>
[DapperAot(false)]
public sealed class DapperRequestPeer(string connectionString)
{
    public UserRow? GetByEmail(string email)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });
    }
}

/// <summary>The same Dapper call, rewritten at build time by Dapper.AOT's interceptors.</summary>
[DapperAot(true)]
[CacheCommand(true)]
public sealed class DapperAotRequestPeer(string connectionString)
{
    public UserRow? GetByEmail(string email)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });
    }
}

/// <summary>
/// EF Core per request as its performance docs recommend for web apps: a context from a
/// <see cref="PooledDbContextFactory{TContext}"/> per request, a compiled no-tracking query.
/// </summary>
public sealed class EfCoreRequestPeer : IDisposable
{
    private static readonly Func<BenchContext, string, UserRow?> s_byEmail =
        EF.CompileQuery((BenchContext c, string email) => c.Users.AsNoTracking().FirstOrDefault(u => u.Email == email));

    private readonly PooledDbContextFactory<BenchContext> _factory;

    public EfCoreRequestPeer(string connectionString)
    {
        DbContextOptions<BenchContext> options = new DbContextOptionsBuilder<BenchContext>()
            .UseSqlite(connectionString)
            .EnableThreadSafetyChecks(false)
            .Options;
        _factory = new PooledDbContextFactory<BenchContext>(options);
    }

    public UserRow? GetByEmail(string email)
    {
        using BenchContext context = _factory.CreateDbContext();
        return s_byEmail(context, email);
    }

    public void Dispose()
    {
    }
}

/// <summary>GenOrm per request, as its README shows: <c>engine.Connect()</c>, the generated lookup, dispose.</summary>
public sealed class GenOrmRequestPeer(string connectionString) : IDisposable
{
    private readonly Engine _engine = Engine.Create(connectionString);

    public Engine Engine => _engine;

    public User? GetByEmail(string email)
    {
        using Connection connection = _engine.Connect();
        return User.GetByEmail(connection, email);
    }

    public User? GetByEmailCommit(string email)
    {
        using Connection connection = _engine.Connect();
        User? user = User.GetByEmail(connection, email);
        connection.Commit();
        return user;
    }

    public void Dispose() => _engine.Dispose();
}
