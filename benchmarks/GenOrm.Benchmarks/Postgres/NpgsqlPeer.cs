using GenOrm.Benchmarks.Model;
using Npgsql;
using NpgsqlTypes;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// The baseline: hand-written Npgsql as its docs recommend for speed. One open connection from an
/// <see cref="NpgsqlDataSource"/>, commands prepared once with positional <c>$n</c> parameters, typed
/// <see cref="NpgsqlParameter{T}"/> (only their values change), ordinals known in advance, typed getters. InsertMany
/// sends its rows as one prepared <see cref="NpgsqlBatch"/>, one round trip; <see cref="InsertManyPerRow"/> is the
/// SQLite baseline's shape (a prepared INSERT per row), for comparison.
/// </summary>
public sealed class NpgsqlPeer : IDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _all;
    private readonly NpgsqlCommand _byEmail;
    private readonly NpgsqlParameter<string> _email = Text();
    private readonly NpgsqlCommand _filtered;
    private readonly NpgsqlParameter<long> _lo = Bigint();
    private readonly NpgsqlParameter<long> _hi = Bigint();
    private readonly NpgsqlParameter<long> _take = Bigint();
    private readonly NpgsqlCommand _insert;
    private readonly NpgsqlParameter<string> _name = Text();
    private readonly NpgsqlParameter<string> _insertEmail = Text();
    private readonly NpgsqlParameter<string> _login = Text();
    private readonly NpgsqlBatch _insertBatch;
    private readonly NpgsqlParameter<string>[][] _batchParameters;

    /// <param name="connection">An open connection, owned by the peer from now on.</param>
    /// <param name="batchRows">How many rows <see cref="InsertMany"/> takes (its batch is prepared once, for that many).</param>
    public NpgsqlPeer(NpgsqlConnection connection, int batchRows)
    {
        _connection = connection;
        _all = new NpgsqlCommand(BenchmarkDatabase.SelectAll, _connection);
        _byEmail = new NpgsqlCommand(PostgresBenchmarkDatabase.SelectByEmailPositional, _connection) { Parameters = { _email } };
        _filtered = new NpgsqlCommand(PostgresBenchmarkDatabase.SelectFilteredPositional, _connection) { Parameters = { _lo, _hi, _take } };
        _insert = new NpgsqlCommand(PostgresBenchmarkDatabase.InsertReturningIdPositional, _connection) { Parameters = { _name, _insertEmail, _login } };
        _insertBatch = new NpgsqlBatch(_connection);
        _batchParameters = new NpgsqlParameter<string>[batchRows][];
        for (int i = 0; i < batchRows; i++)
        {
            _batchParameters[i] = [Text(), Text(), Text()];
            var command = new NpgsqlBatchCommand(PostgresBenchmarkDatabase.InsertReturningIdPositional);
            command.Parameters.AddRange(_batchParameters[i]);
            _insertBatch.BatchCommands.Add(command);
        }

        _all.Prepare();
        _byEmail.Prepare();
        _filtered.Prepare();
        _insert.Prepare();
        _insertBatch.Prepare();
    }

    public List<UserRow> GetAll()
    {
        var users = new List<UserRow>();
        using NpgsqlDataReader reader = _all.ExecuteReader();
        while (reader.Read())
        {
            users.Add(Row(reader));
        }

        return users;
    }

    public UserRow? GetByEmail(string email)
    {
        _email.TypedValue = email;
        using NpgsqlDataReader reader = _byEmail.ExecuteReader();
        return reader.Read() ? Row(reader) : null;
    }

    public List<UserRow> Filtered(long lo, long hi, long take)
    {
        _lo.TypedValue = lo;
        _hi.TypedValue = hi;
        _take.TypedValue = take;
        var users = new List<UserRow>();
        using NpgsqlDataReader reader = _filtered.ExecuteReader();
        while (reader.Read())
        {
            users.Add(Row(reader));
        }

        return users;
    }

    /// <summary>Inserts in one transaction and one round trip (the prepared batch); each entity gets its key back (RETURNING).</summary>
    public void InsertMany(List<UserRow> users)
    {
        if (users.Count != _batchParameters.Length)
        {
            throw new ArgumentException($"The prepared batch takes {_batchParameters.Length} rows, not {users.Count}.", nameof(users));
        }

        for (int i = 0; i < users.Count; i++)
        {
            NpgsqlParameter<string>[] parameters = _batchParameters[i];
            parameters[0].TypedValue = users[i].Name;
            parameters[1].TypedValue = users[i].Email;
            parameters[2].TypedValue = users[i].Login;
        }

        using NpgsqlTransaction transaction = _connection.BeginTransaction();
        using (NpgsqlDataReader reader = _insertBatch.ExecuteReader())
        {
            foreach (UserRow user in users)
            {
                reader.Read();
                user.Id = reader.GetInt64(0);
                reader.NextResult();
            }
        }

        transaction.Commit();
    }

    /// <summary>Inserts in one transaction, a round trip per row: the prepared INSERT ... RETURNING of the SQLite baseline.</summary>
    public void InsertManyPerRow(List<UserRow> users)
    {
        using NpgsqlTransaction transaction = _connection.BeginTransaction();
        foreach (UserRow user in users)
        {
            _name.TypedValue = user.Name;
            _insertEmail.TypedValue = user.Email;
            _login.TypedValue = user.Login;
            using NpgsqlDataReader reader = _insert.ExecuteReader();
            reader.Read();
            user.Id = reader.GetInt64(0);
        }

        transaction.Commit();
    }

    public void Dispose()
    {
        _insertBatch.Dispose();
        foreach (NpgsqlCommand command in new[] { _all, _byEmail, _filtered, _insert })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private static UserRow Row(NpgsqlDataReader reader) =>
        new() { Id = reader.GetInt64(0), Name = reader.GetString(1), Email = reader.GetString(2), Login = reader.GetString(3) };

    private static NpgsqlParameter<string> Text() => new() { NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<long> Bigint() => new() { NpgsqlDbType = NpgsqlDbType.Bigint };
}
