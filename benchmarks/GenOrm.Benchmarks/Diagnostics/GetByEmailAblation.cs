using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;

using GenOrm.Benchmarks.Workloads;

namespace GenOrm.Benchmarks.Diagnostics;

/// <summary>
/// Where GenOrm's per-lookup time goes, one runtime piece removed at a time (not a peer comparison). Every variant runs
/// on a GenOrm connection inside its implicit transaction, committed once per 1,000 lookups, so the differences are the
/// runtime's own: the statement-cache dictionary lookup, the second Read() that detects duplicate rows, and the
/// Microsoft.Data.Sqlite command/reader layer that the prototype replaces with the sqlite3_stmt underneath.
/// </summary>
public class GetByEmailAblation : PeerWorkload
{
    private const string SelectByEmailSql = "SELECT \"Id\", \"Name\", \"Email\", \"Login\" FROM \"user\" WHERE \"Email\" = @Email";
    private static readonly string[] s_parameters = ["@Email"];
    private static readonly int[] s_ordinals = [0, 1, 2, 3];

    private string[] _emails = null!;
    private SqliteCommand _command = null!;

    protected override void OnSetup()
    {
        var random = new Random(42);
        _emails = new string[GetByEmail.Lookups];
        for (int i = 0; i < _emails.Length; i++)
        {
            _emails[i] = BenchmarkDatabase.EmailOf(random.Next(1, BenchmarkDatabase.RowCount + 1));
        }

        // The very command the generated GetByEmail uses: same SQL text, so the same statement-cache entry.
        _command = TableCommands.Prepare(GenOrmPeer.Connection, SelectByEmailSql, s_parameters);
    }

    private static T ReadRow<T>(SqliteDataReader reader)
        where T : ITable<T> => T.ReadRow(reader, s_ordinals);

    [Benchmark(Baseline = true, OperationsPerInvoke = GetByEmail.Lookups, Description = "GenOrm (generated GetByEmail)")]
    public int Generated() => GenOrmPeer.GetByEmail(_emails);

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "- statement-cache lookup (command held in a field)")]
    public int CachedCommand()
    {
        Connection connection = GenOrmPeer.Connection;
        int found = 0;
        foreach (string email in _emails)
        {
            _command.Parameters[0].Value = DbValue.From(email);
            if (TableCommands.ReadSingleOrDefault<User>(connection, _command) is not null)
            {
                found++;
            }
        }

        connection.Commit();
        return found;
    }

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "- and the duplicate-row check (one Read)")]
    public int CachedCommandOneRead()
    {
        Connection connection = GenOrmPeer.Connection;
        if (!connection.InTransaction)
        {
            connection.Begin();
        }

        _command.Transaction = connection.DbTransaction;
        int found = 0;
        foreach (string email in _emails)
        {
            _command.Parameters[0].Value = email;
            using SqliteDataReader reader = _command.ExecuteReader();
            if (reader.Read() && ReadRow<User>(reader) is not null)
            {
                found++;
            }
        }

        connection.Commit();
        return found;
    }

    [Benchmark(OperationsPerInvoke = GetByEmail.Lookups, Description = "GenOrm (prototype: sqlite3_stmt, duplicate check kept)")]
    public int Prototype_() => Prototype.GetByEmail(_emails);
}
