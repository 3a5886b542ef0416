using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// The baseline: hand-written Microsoft.Data.Sqlite as its docs recommend for speed. One open connection, commands
/// prepared once, parameters created once (only their values change), ordinals known in advance, typed getters.
/// </summary>
public sealed class AdoNetPeer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _all;
    private readonly SqliteCommand _byEmail;
    private readonly SqliteParameter _email;
    private readonly SqliteCommand _filtered;
    private readonly SqliteParameter _lo;
    private readonly SqliteParameter _hi;
    private readonly SqliteParameter _take;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _name;
    private readonly SqliteParameter _insertEmail;
    private readonly SqliteParameter _login;

    public AdoNetPeer(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        BenchmarkDatabase.ApplyPragmas(_connection);

        _all = Command(BenchmarkDatabase.SelectAll);
        _byEmail = Command(BenchmarkDatabase.SelectByEmail);
        _email = _byEmail.Parameters.Add("@email", SqliteType.Text);
        _filtered = Command(BenchmarkDatabase.SelectFiltered);
        _lo = _filtered.Parameters.Add("@lo", SqliteType.Integer);
        _hi = _filtered.Parameters.Add("@hi", SqliteType.Integer);
        _take = _filtered.Parameters.Add("@take", SqliteType.Integer);
        _insert = Command(BenchmarkDatabase.InsertReturningId);
        _name = _insert.Parameters.Add("@Name", SqliteType.Text);
        _insertEmail = _insert.Parameters.Add("@Email", SqliteType.Text);
        _login = _insert.Parameters.Add("@Login", SqliteType.Text);
        foreach (SqliteCommand command in new[] { _all, _byEmail, _filtered, _insert })
        {
            command.Prepare();
        }
    }

    private SqliteCommand Command(string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public List<UserRow> GetAll()
    {
        var users = new List<UserRow>();
        using SqliteDataReader reader = _all.ExecuteReader();
        while (reader.Read())
        {
            users.Add(new UserRow { Id = reader.GetInt64(0), Name = reader.GetString(1), Email = reader.GetString(2), Login = reader.GetString(3) });
        }

        return users;
    }

    public UserRow? GetByEmail(string email)
    {
        _email.Value = email;
        using SqliteDataReader reader = _byEmail.ExecuteReader();
        return reader.Read()
            ? new UserRow { Id = reader.GetInt64(0), Name = reader.GetString(1), Email = reader.GetString(2), Login = reader.GetString(3) }
            : null;
    }

    public List<UserRow> Filtered(long lo, long hi, long take)
    {
        _lo.Value = lo;
        _hi.Value = hi;
        _take.Value = take;
        var users = new List<UserRow>();
        using SqliteDataReader reader = _filtered.ExecuteReader();
        while (reader.Read())
        {
            users.Add(new UserRow { Id = reader.GetInt64(0), Name = reader.GetString(1), Email = reader.GetString(2), Login = reader.GetString(3) });
        }

        return users;
    }

    /// <summary>Inserts in one transaction; each entity gets its generated key back (RETURNING), as GenOrm's do.</summary>
    public void InsertMany(List<UserRow> users)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction();
        _insert.Transaction = transaction;
        foreach (UserRow user in users)
        {
            _name.Value = user.Name;
            _insertEmail.Value = user.Email;
            _login.Value = user.Login;
            user.Id = (long)_insert.ExecuteScalar()!;
        }

        transaction.Commit();
        _insert.Transaction = null;
    }

    /// <summary>GetByEmail inside one explicit transaction per batch: isolates what holding the read lock is worth.</summary>
    public int GetByEmailInTransaction(string[] emails)
    {
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: true);
        _byEmail.Transaction = transaction;
        int found = 0;
        foreach (string email in emails)
        {
            if (GetByEmail(email) is not null)
            {
                found++;
            }
        }

        transaction.Commit();
        _byEmail.Transaction = null;
        return found;
    }

    public void Dispose()
    {
        foreach (SqliteCommand command in new[] { _all, _byEmail, _filtered, _insert })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
