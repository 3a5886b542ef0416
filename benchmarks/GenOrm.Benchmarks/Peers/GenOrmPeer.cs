using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// GenOrm as its README shows it: one <see cref="Connection"/>, generated <c>GetAll</c>/<c>GetByEmail</c>/<c>InsertMany</c>.
/// A connection is commit-as-you-go, so every unit of work ends with <see cref="Connection.Commit"/>: per call for
/// GetAll, the filtered query and InsertMany, per batch of lookups for GetByEmail.
/// </summary>
public sealed class GenOrmPeer : IDisposable
{
    /// <summary>The filtered query as text SQL: <c>conn.Query&lt;User&gt;(Sql.Text(...), params)</c>, which maps by column name.</summary>
    private static readonly Sql s_filtered = Sql.Text(BenchmarkDatabase.SelectFiltered.Replace('@', ':'));

    private readonly Engine _engine;
    private readonly Connection _connection;

    public GenOrmPeer(string connectionString)
    {
        _engine = Engine.Create(connectionString);
        _connection = _engine.Connect();

        // On the underlying SqliteConnection, before GenOrm's first statement opens its implicit transaction.
        BenchmarkDatabase.ApplyPragmas(_connection.DbConnection);
    }

    public Connection Connection => _connection;

    public List<User> GetAll()
    {
        List<User> users = User.GetAll(_connection);
        _connection.Commit();
        return users;
    }

    /// <summary>The lookups share the connection's implicit transaction, committed once per batch.</summary>
    public int GetByEmail(string[] emails)
    {
        int found = 0;
        foreach (string email in emails)
        {
            if (User.GetByEmail(_connection, email) is not null)
            {
                found++;
            }
        }

        _connection.Commit();
        return found;
    }

    /// <summary>Each lookup committed on its own: what a request-per-lookup service pays (BEGIN + COMMIT each time).</summary>
    public int GetByEmailCommitEach(string[] emails)
    {
        int found = 0;
        foreach (string email in emails)
        {
            if (User.GetByEmail(_connection, email) is not null)
            {
                found++;
            }

            _connection.Commit();
        }

        return found;
    }

    /// <summary>The checked <c>[Query]</c> method <see cref="UserQueries.Filtered"/>.</summary>
    public List<User> FilteredQueryMethod(long lo, long hi, long take)
    {
        List<User> users = UserQueries.Filtered(_connection, lo, hi, take);
        _connection.Commit();
        return users;
    }

    /// <summary>The typed query API: <c>User.Query(conn).Where(...).OrderBy(...).Limit(...)</c>.</summary>
    public List<User> FilteredTyped(long lo, long hi, long take)
    {
        List<User> users = User.Query(_connection)
            .Where(User.Columns.Id >= lo & User.Columns.Id < hi)
            .OrderBy(User.Columns.Email)
            .Limit(checked((int)take))
            .All();
        _connection.Commit();
        return users;
    }

    public List<User> Filtered(long lo, long hi, long take)
    {
        List<User> users = _connection.Query<User>(s_filtered, new Params { ["lo"] = lo, ["hi"] = hi, ["take"] = take });
        _connection.Commit();
        return users;
    }

    public void InsertMany(List<User> users)
    {
        User.InsertMany(_connection, users);
        _connection.Commit();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }
}
