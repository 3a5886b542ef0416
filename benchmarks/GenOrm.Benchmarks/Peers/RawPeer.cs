using GenOrm.Benchmarks.Model;
using SQLitePCL;

namespace GenOrm.Benchmarks.Peers;

/// <summary>
/// The floor under ADO.NET: SQLitePCL.raw calls on the same native SQLite. Statements prepared once, reset and rebound
/// per call; strings converted by SQLitePCL's own UTF-8 helpers.
/// </summary>
public sealed class RawPeer : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _all;
    private readonly sqlite3_stmt _byEmail;
    private readonly sqlite3_stmt _filtered;
    private readonly sqlite3_stmt _insert;

    public RawPeer(string path)
    {
        Batteries_V2.Init();
        Check(raw.sqlite3_open_v2(path, out _db, raw.SQLITE_OPEN_READWRITE, null));
        Check(raw.sqlite3_exec(_db, BenchmarkDatabase.ConnectionPragmas));
        _all = Prepare(BenchmarkDatabase.SelectAll);
        _byEmail = Prepare(BenchmarkDatabase.SelectByEmail);
        _filtered = Prepare(BenchmarkDatabase.SelectFiltered);
        _insert = Prepare("INSERT INTO \"user\" (\"Name\", \"Email\", \"Login\") VALUES (?1, ?2, ?3)");
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out sqlite3_stmt stmt));
        return stmt;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidOperationException("SQLite error " + rc + ": " + raw.sqlite3_errmsg(_db).utf8_to_string());
        }
    }

    private static UserRow Read(sqlite3_stmt stmt) => new()
    {
        Id = raw.sqlite3_column_int64(stmt, 0),
        Name = raw.sqlite3_column_text(stmt, 1).utf8_to_string(),
        Email = raw.sqlite3_column_text(stmt, 2).utf8_to_string(),
        Login = raw.sqlite3_column_text(stmt, 3).utf8_to_string(),
    };

    private List<UserRow> ReadAll(sqlite3_stmt stmt)
    {
        var users = new List<UserRow>();
        int rc;
        while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
        {
            users.Add(Read(stmt));
        }

        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return users;
    }

    public List<UserRow> GetAll() => ReadAll(_all);

    public UserRow? GetByEmail(string email)
    {
        raw.sqlite3_bind_text(_byEmail, 1, email);
        int rc = raw.sqlite3_step(_byEmail);
        UserRow? user = rc == raw.SQLITE_ROW ? Read(_byEmail) : null;
        raw.sqlite3_reset(_byEmail);
        if (rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return user;
    }

    /// <summary>The lookups inside one deferred transaction per batch, as GenOrm's implicit transaction runs them.</summary>
    public int GetByEmailInTransaction(string[] emails)
    {
        Check(raw.sqlite3_exec(_db, "BEGIN"));
        int found = 0;
        foreach (string email in emails)
        {
            if (GetByEmail(email) is not null)
            {
                found++;
            }
        }

        Check(raw.sqlite3_exec(_db, "COMMIT"));
        return found;
    }

    public List<UserRow> Filtered(long lo, long hi, long take)
    {
        raw.sqlite3_bind_int64(_filtered, 1, lo);
        raw.sqlite3_bind_int64(_filtered, 2, hi);
        raw.sqlite3_bind_int64(_filtered, 3, take);
        return ReadAll(_filtered);
    }

    public void InsertMany(List<UserRow> users)
    {
        Check(raw.sqlite3_exec(_db, "BEGIN"));
        foreach (UserRow user in users)
        {
            raw.sqlite3_bind_text(_insert, 1, user.Name);
            raw.sqlite3_bind_text(_insert, 2, user.Email);
            raw.sqlite3_bind_text(_insert, 3, user.Login);
            int rc = raw.sqlite3_step(_insert);
            raw.sqlite3_reset(_insert);
            if (rc != raw.SQLITE_DONE)
            {
                raw.sqlite3_exec(_db, "ROLLBACK");
                Check(rc);
            }

            user.Id = raw.sqlite3_last_insert_rowid(_db);
        }

        Check(raw.sqlite3_exec(_db, "COMMIT"));
    }

    public void Dispose()
    {
        foreach (sqlite3_stmt stmt in new[] { _all, _byEmail, _filtered, _insert })
        {
            stmt.Dispose();
        }

        _db.Dispose();
    }
}
