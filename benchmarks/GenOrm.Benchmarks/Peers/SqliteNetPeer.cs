using GenOrm.Benchmarks.Model;
using SQLite;

namespace GenOrm.Benchmarks.Peers;

/// <summary>sqlite-net-pcl: one SQLiteConnection, Query/FindWithQuery with SQL text, InsertAll in its own transaction.</summary>
public sealed class SqliteNetPeer : IDisposable
{
    private const string ByEmail = BenchmarkDatabase.SelectAll + " WHERE \"Email\" = ?";
    private const string Filtered_ = BenchmarkDatabase.SelectAll + " WHERE \"Id\" >= ? AND \"Id\" < ? ORDER BY \"Email\" LIMIT ?";

    private readonly SQLiteConnection _connection;

    public SqliteNetPeer(string path)
    {
        _connection = new SQLiteConnection(path);
        _connection.Execute(BenchmarkDatabase.ConnectionPragmas);
    }

    public List<SqliteNetUser> GetAll() => _connection.Query<SqliteNetUser>(BenchmarkDatabase.SelectAll);

    public SqliteNetUser? GetByEmail(string email) => _connection.FindWithQuery<SqliteNetUser>(ByEmail, email);

    public List<SqliteNetUser> Filtered(long lo, long hi, long take) => _connection.Query<SqliteNetUser>(Filtered_, lo, hi, take);

    public void InsertMany(List<SqliteNetUser> users) => _connection.InsertAll(users, runInTransaction: true);

    public void Dispose() => _connection.Dispose();
}
