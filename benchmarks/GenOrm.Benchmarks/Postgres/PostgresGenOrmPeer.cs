using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// GenOrm on PostgreSQL: the same generated <c>GetAll</c>/<c>GetByEmail</c> and typed query as <see cref="Peers.GenOrmPeer"/>
/// on SQLite (their SELECT texts are valid on both), through GenOrm.Npgsql, on one <see cref="Connection"/> that commits
/// each unit of work. InsertMany joins when the generator emits PostgreSQL's INSERT ... RETURNING.
/// </summary>
public sealed class PostgresGenOrmPeer : IDisposable
{
    private readonly Engine _engine;
    private readonly Connection _connection;

    public PostgresGenOrmPeer(string connectionString)
    {
        GenOrm.Npgsql.NpgsqlDriver.Register();
        _engine = Engine.Create(connectionString);
        _connection = _engine.Connect();
    }

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

    public User? GetByEmail(string email)
    {
        User? user = User.GetByEmail(_connection, email);
        _connection.Commit();
        return user;
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

    /// <summary>The peers' row type, for <see cref="PostgresVerification"/>.</summary>
    public static UserRow ToRow(User user) => new() { Id = user.Id, Name = user.Name, Email = user.Email, Login = user.Login };

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }
}
