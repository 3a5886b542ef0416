using System.Text;
using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// A PROTOTYPE of the runtime changes proposed in docs/benchmarks.md, written here so that their gain is measured
/// before src/ changes; it is not GenOrm's shipping code path. Same semantics as GenOrm's generated methods:
/// <list type="bullet">
/// <item>it runs on a GenOrm <see cref="Connection"/> and joins its implicit transaction (begun on first use, ended by
/// <see cref="Connection.Commit"/>), and InsertMany runs inside a savepoint, all or nothing;</item>
/// <item>lookups still step a second time to detect several matching rows;</item>
/// <item>AUTOINCREMENT keys are written back into the entities.</item>
/// </list>
/// What changes: generated code knows each column's type and ordinal, so it binds and reads through the
/// <c>sqlite3_stmt</c> under Microsoft.Data.Sqlite (prepared once per connection and kept in a slot array indexed by a
/// generated constant, instead of a SqliteCommand found by SQL text in a dictionary); strings are bound from a stack
/// UTF-8 buffer (no byte[] per parameter, no boxing of integers); no SqliteDataReader is created per call.
/// </summary>
public sealed class GenOrmPrototypePeer : IDisposable
{
    private const string InsertSql = "INSERT INTO \"user\" (\"Name\", \"Email\", \"Login\") VALUES (?1, ?2, ?3)";

    private readonly Engine _engine;
    private readonly Connection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _all;
    private readonly sqlite3_stmt _byEmail;
    private readonly sqlite3_stmt _filtered;
    private readonly sqlite3_stmt _insert;

    public GenOrmPrototypePeer(string connectionString)
    {
        _engine = Engine.Create(connectionString);
        _connection = _engine.Connect();
        BenchmarkDatabase.ApplyPragmas(_connection.DbConnection);
        _db = _connection.DbConnection.Handle!;
        _all = Prepare(BenchmarkDatabase.SelectAll);
        _byEmail = Prepare(BenchmarkDatabase.SelectByEmail);
        _filtered = Prepare(BenchmarkDatabase.SelectFiltered);
        _insert = Prepare(InsertSql);
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt stmt));
        return stmt;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>The runtime's implicit transaction: begun by the first statement, ended by Commit or Rollback.</summary>
    private void Exec(string sql) => Check(raw.sqlite3_exec(_db, sql));

    private void EnsureTransaction()
    {
        if (!_connection.InTransaction)
        {
            _connection.Begin();
        }
    }

    private static void BindText(sqlite3_stmt stmt, int index, string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 1024)
        {
            Span<byte> buffer = stackalloc byte[max];
            int length = Encoding.UTF8.GetBytes(value, buffer);
            raw.sqlite3_bind_text(stmt, index, buffer[..length]);
        }
        else
        {
            raw.sqlite3_bind_text(stmt, index, value);
        }
    }

    private static string ReadText(sqlite3_stmt stmt, int ordinal) =>
        Encoding.UTF8.GetString(raw.sqlite3_column_blob(stmt, ordinal));

    /// <summary>What the generated ReadRow would be: typed reads at compile-time ordinals.</summary>
    private static User ReadRow(sqlite3_stmt stmt) => new()
    {
        Id = raw.sqlite3_column_int64(stmt, 0),
        Name = ReadText(stmt, 1),
        Email = ReadText(stmt, 2),
        Login = ReadText(stmt, 3),
    };

    private List<User> ReadAll(sqlite3_stmt stmt)
    {
        var users = new List<User>();
        int rc;
        while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
        {
            users.Add(ReadRow(stmt));
        }

        raw.sqlite3_reset(stmt);
        Check(rc);
        return users;
    }

    public List<User> GetAll()
    {
        EnsureTransaction();
        List<User> users = ReadAll(_all);
        _connection.Commit();
        return users;
    }

    private User? GetByEmail(string email)
    {
        BindText(_byEmail, 1, email);
        int rc = raw.sqlite3_step(_byEmail);
        User? user = null;
        if (rc == raw.SQLITE_ROW)
        {
            user = ReadRow(_byEmail);
            rc = raw.sqlite3_step(_byEmail);
        }

        raw.sqlite3_reset(_byEmail);
        if (rc == raw.SQLITE_ROW)
        {
            throw new InvalidOperationException("Several rows of \"user\" match the lookup.");
        }

        Check(rc);
        return user;
    }

    public int GetByEmail(string[] emails)
    {
        EnsureTransaction();
        int found = 0;
        foreach (string email in emails)
        {
            if (GetByEmail(email) is not null)
            {
                found++;
            }
        }

        _connection.Commit();
        return found;
    }

    public List<User> Filtered(long lo, long hi, long take)
    {
        EnsureTransaction();
        raw.sqlite3_bind_int64(_filtered, 1, lo);
        raw.sqlite3_bind_int64(_filtered, 2, hi);
        raw.sqlite3_bind_int64(_filtered, 3, take);
        List<User> users = ReadAll(_filtered);
        _connection.Commit();
        return users;
    }

    public void InsertMany(List<User> users)
    {
        EnsureTransaction();
        Exec("SAVEPOINT genorm_batch_1");
        try
        {
            foreach (User user in users)
            {
                BindText(_insert, 1, user.Name);
                BindText(_insert, 2, user.Email);
                BindText(_insert, 3, user.Login);
                int rc = raw.sqlite3_step(_insert);
                raw.sqlite3_reset(_insert);
                Check(rc);
                user.Id = raw.sqlite3_last_insert_rowid(_db);
            }

            Exec("RELEASE genorm_batch_1");
        }
        catch
        {
            Exec("ROLLBACK TO genorm_batch_1");
            Exec("RELEASE genorm_batch_1");
            throw;
        }

        _connection.Commit();
    }

    public void Dispose()
    {
        foreach (sqlite3_stmt stmt in new[] { _all, _byEmail, _filtered, _insert })
        {
            stmt.Dispose();
        }

        _connection.Dispose();
        _engine.Dispose();
    }
}
