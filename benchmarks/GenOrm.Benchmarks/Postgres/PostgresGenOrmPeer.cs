using GenOrm.Benchmarks.Model;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// GenOrm on PostgreSQL: the same generated <c>GetAll</c>/<c>GetByEmail</c> and typed query as <see cref="Peers.GenOrmPeer"/>
/// on SQLite (their SELECT texts are valid on both), through GenOrm.Npgsql, on one <see cref="Connection"/> that commits
/// each unit of work; the generated <c>InsertMany</c> sends its prepared <c>INSERT ... RETURNING</c> as one batch per
/// chunk of up to 1,000 rows (one round trip for the benchmark's 1,000).
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

    /// <summary>The generated <c>InsertMany</c>, which writes each generated key into its entity, committed.</summary>
    public void InsertMany(List<User> users)
    {
        User.InsertMany(_connection, users);
        _connection.Commit();
    }

    /// <summary>Inserts the peers' rows as <see cref="User"/>s and copies the generated keys back, for <see cref="PostgresVerification"/>.</summary>
    public void InsertMany(List<UserRow> rows)
    {
        List<User> users = [.. rows.Select(r => new User { Name = r.Name, Email = r.Email, Login = r.Login })];
        InsertMany(users);
        for (int i = 0; i < rows.Count; i++)
        {
            rows[i].Id = users[i].Id;
        }
    }

    /// <summary>The peers' row type, for <see cref="PostgresVerification"/>.</summary>
    public static UserRow ToRow(User user) => new() { Id = user.Id, Name = user.Name, Email = user.Email, Login = user.Login };

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }
}
