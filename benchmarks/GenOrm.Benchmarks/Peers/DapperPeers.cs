using System.Data.Common;
using Dapper;
using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// Dapper as its README shows it: one open connection, SQL text, anonymous-type parameters, buffered queries. Dapper's
/// reflection path is the same for every ADO.NET provider (its cache is keyed by the connection string), so this one
/// class serves SQLite and PostgreSQL.
/// </summary>
/// <param name="connection">An open connection, owned by the peer from now on.</param>
[DapperAot(false)]
public sealed class DapperPeer(DbConnection connection) : IDisposable
{
    private readonly DbConnection _connection = connection;

    public List<UserRow> GetAll() => _connection.Query<UserRow>(BenchmarkDatabase.SelectAll).AsList();

    public UserRow? GetByEmail(string email) =>
        _connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });

    public List<UserRow> Filtered(long lo, long hi, long take) =>
        _connection.Query<UserRow>(BenchmarkDatabase.SelectFiltered, new { lo, hi, take }).AsList();

    public void InsertMany(List<UserRow> users)
    {
        using DbTransaction transaction = _connection.BeginTransaction();
        foreach (UserRow user in users)
        {
            user.Id = _connection.ExecuteScalar<long>(BenchmarkDatabase.InsertReturningId, user, transaction);
        }

        transaction.Commit();
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>
/// The same Dapper calls, rewritten at build time by Dapper.AOT's interceptors ([DapperAot]); [CacheCommand] lets the
/// generated code reuse its command objects, as Dapper.AOT suggests for hot paths.
/// </summary>
[DapperAot(true)]
[CacheCommand(true)]
public sealed class DapperAotPeer : IDisposable
{
    private readonly SqliteConnection _connection;

    public DapperAotPeer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        BenchmarkDatabase.ApplyPragmas(_connection);
    }

    public List<UserRow> GetAll() => _connection.Query<UserRow>(BenchmarkDatabase.SelectAll).AsList();

    public UserRow? GetByEmail(string email) =>
        _connection.QueryFirstOrDefault<UserRow>(BenchmarkDatabase.SelectByEmail, new { email });

    public List<UserRow> Filtered(long lo, long hi, long take) =>
        _connection.Query<UserRow>(BenchmarkDatabase.SelectFiltered, new { lo, hi, take }).AsList();

    public void InsertMany(List<UserRow> users)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        foreach (UserRow user in users)
        {
            user.Id = _connection.ExecuteScalar<long>(BenchmarkDatabase.InsertReturningId, user, transaction);
        }

        transaction.Commit();
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Runs each query once, through <see cref="VerifyInterceptorsEngaged"/>.</summary>
    public static void VerifyInterceptorsEngaged(DapperAotPeer peer) =>
        VerifyInterceptorsEngaged(() =>
        {
            peer.GetAll();
            peer.GetByEmail(BenchmarkDatabase.EmailOf(1));
            peer.Filtered(BenchmarkDatabase.FilterFrom, BenchmarkDatabase.FilterTo, BenchmarkDatabase.FilterLimit);
        });

    /// <summary>
    /// Proves the interceptors are engaged: Dapper's reflection path caches every SQL text it runs, so after an AOT
    /// peer has run each of its queries Dapper's cache must still be empty.
    /// </summary>
    public static void VerifyInterceptorsEngaged(Action runEachQuery)
    {
        SqlMapper.PurgeQueryCache();
        runEachQuery();
        int cached = SqlMapper.GetCachedSQLCount();
        if (cached != 0)
        {
            throw new InvalidOperationException(
                $"Dapper.AOT's interceptors are not engaged: Dapper's reflection cache holds {cached} queries after the AOT peer ran.");
        }
    }
}
