using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;

namespace GenOrm.Benchmarks;

/// <summary>
/// One SQLite file database per benchmark process, in a temp folder: GenOrm's own (STRICT) <c>user</c> table, seeded
/// with <see cref="RowCount"/> rows. Every peer reads and writes this same file.
/// </summary>
public sealed class BenchmarkDatabase : IDisposable
{
    public const int RowCount = 10_000;

    /// <summary>Explicit column lists, shared by every peer that writes SQL by hand.</summary>
    public const string SelectAll = "SELECT \"Id\", \"Name\", \"Email\", \"Login\" FROM \"user\"";
    public const string SelectByEmail = SelectAll + " WHERE \"Email\" = @email";
    public const string SelectFiltered = SelectAll + " WHERE \"Id\" >= @lo AND \"Id\" < @hi ORDER BY \"Email\" LIMIT @take";
    public const string InsertReturningId = "INSERT INTO \"user\" (\"Name\", \"Email\", \"Login\") VALUES (@Name, @Email, @Login) RETURNING \"Id\"";

    /// <summary>The filtered query: a 200-row id range (2 %), ordered by email, limited to 100 rows (1 % of the table).</summary>
    public const long FilterFrom = 4_001;
    public const long FilterTo = 4_201;
    public const long FilterLimit = 100;

    /// <summary>
    /// Run on every peer's connection before it does anything else. Durability costs the same for every peer, but on
    /// this VM's disk an fsync takes from 0.2 to several ms and swamped the insert comparison (±3× between runs), so
    /// the commits do not wait for the disk: the benchmarks compare the libraries, not the disk.
    /// </summary>
    public const string ConnectionPragmas = "PRAGMA synchronous = OFF";

    public static void ApplyPragmas(SqliteConnection connection)
    {
        using SqliteCommand pragma = connection.CreateCommand();
        pragma.CommandText = ConnectionPragmas;
        pragma.ExecuteNonQuery();
    }

    private BenchmarkDatabase(string directory)
    {
        Directory = directory;
        Path = System.IO.Path.Combine(directory, "bench.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public string ConnectionString => "Data Source=" + Path;

    /// <summary>A new open connection to the file, the pragmas applied; the caller disposes it.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        ApplyPragmas(connection);
        return connection;
    }

    public static string EmailOf(int i) => "user" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) + "@example.com";

    public static BenchmarkDatabase Create()
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "genorm-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var db = new BenchmarkDatabase(directory);

        // The schema is GenOrm's: STRICT, INTEGER PRIMARY KEY AUTOINCREMENT, UNIQUE email, CHECK length <= 100.
        using (var engine = Engine.Create(db.ConnectionString))
        using (Connection conn = engine.Connect())
        {
            User.CreateTable(conn);
            conn.Commit();
        }

        using var connection = new SqliteConnection(db.ConnectionString);
        connection.Open();
        using SqliteTransaction tx = connection.BeginTransaction();
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO \"user\" (\"Name\", \"Email\", \"Login\") VALUES (@n, @e, @l)";
        SqliteParameter n = insert.Parameters.Add("@n", SqliteType.Text);
        SqliteParameter e = insert.Parameters.Add("@e", SqliteType.Text);
        SqliteParameter l = insert.Parameters.Add("@l", SqliteType.Text);
        for (int i = 1; i <= RowCount; i++)
        {
            n.Value = "User " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            e.Value = EmailOf(i);
            l.Value = "login" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        return db;
    }

    /// <summary>Deletes the rows a write benchmark added, so that every iteration starts from the same table.</summary>
    public void ResetToSeed()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        ApplyPragmas(connection);
        using SqliteCommand delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM \"user\" WHERE \"Id\" > " + RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        delete.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A peer may still hold the file open; the temp folder is cleaned up by the OS eventually.
        }
    }
}
