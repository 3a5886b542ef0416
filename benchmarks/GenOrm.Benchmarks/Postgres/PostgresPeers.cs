using Dapper;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Peers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// Dapper.AOT on Npgsql: the same calls as <see cref="DapperAotPeer"/> on their own call sites. Dapper.AOT intercepts
/// each call site and ([CacheCommand]) keeps one command per site, so SQLite and PostgreSQL cannot share a site.
/// </summary>
/// <param name="connection">An open connection, owned by the peer from now on.</param>
[DapperAot(true)]
[CacheCommand(true)]
public sealed class PostgresDapperAotPeer(NpgsqlConnection connection) : IDisposable
{
    private readonly NpgsqlConnection _connection = connection;

    public List<UserRow> GetAll() => _connection.Query<UserRow>(BenchmarkDatabase.SelectAll).AsList();

    public UserRow? GetByEmail(string email) =>
        _connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });

    public List<UserRow> Filtered(long lo, long hi, long take) =>
        _connection.Query<UserRow>(BenchmarkDatabase.SelectFiltered, new { lo, hi, take }).AsList();

    public void InsertMany(List<UserRow> users)
    {
        using NpgsqlTransaction transaction = _connection.BeginTransaction();
        foreach (UserRow user in users)
        {
            user.Id = _connection.ExecuteScalar<long>(BenchmarkDatabase.InsertReturningId, user, transaction);
        }

        transaction.Commit();
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs each query once with Dapper's reflection cache watched (<see cref="DapperAotPeer.VerifyInterceptorsEngaged(Action)"/>).</summary>
    public void VerifyInterceptorsEngaged() =>
        DapperAotPeer.VerifyInterceptorsEngaged(() =>
        {
            GetAll();
            GetByEmail(BenchmarkDatabase.EmailOf(1));
            Filtered(BenchmarkDatabase.FilterFrom, BenchmarkDatabase.FilterTo, BenchmarkDatabase.FilterLimit);
        });
}

/// <summary>The EF Core context on Npgsql (Npgsql.EntityFrameworkCore.PostgreSQL): its own type, so its own model.</summary>
public sealed class PostgresBenchContext(DbContextOptions<PostgresBenchContext> options) : UserContext(options)
{
    /// <summary>The EF Core peer on an open connection, as <see cref="EfCorePeer.ForSqlite"/> on SQLite.</summary>
    public static EfCorePeer<PostgresBenchContext> Peer(NpgsqlConnection connection)
    {
        DbContextOptions<PostgresBenchContext> options = new DbContextOptionsBuilder<PostgresBenchContext>()
            .UseNpgsql(connection)
            .EnableThreadSafetyChecks(false)
            .Options;
        return new EfCorePeer<PostgresBenchContext>(connection, new PostgresBenchContext(options));
    }
}
