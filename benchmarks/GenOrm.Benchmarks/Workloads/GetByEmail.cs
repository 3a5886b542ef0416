using BenchmarkDotNet.Attributes;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>1,000 lookups by the unique email column per invocation; times are per lookup.</summary>
public class GetByEmail : PeerWorkload
{
    public const int Lookups = 1_000;

    private string[] _emails = null!;

    /// <summary>The emails every lookup workload (this one, Request, PostgreSQL's) looks up: seeded rows, the same in every run.</summary>
    public static string[] LookupEmails()
    {
        var random = new Random(42);
        var emails = new string[Lookups];
        for (int i = 0; i < emails.Length; i++)
        {
            emails[i] = BenchmarkDatabase.EmailOf(random.Next(1, BenchmarkDatabase.RowCount + 1));
        }

        return emails;
    }

    /// <summary>
    /// Gives back <paramref name="peer"/> once its lookup of <paramref name="email"/> found that very email, so that a
    /// peer that finds nothing cannot look fast.
    /// </summary>
    /// <exception cref="InvalidOperationException">The peer found another email, or none.</exception>
    public static TPeer Checked<TPeer>(TPeer peer, string email, Func<TPeer, string?> lookup)
    {
        string? found = lookup(peer);
        if (found != email)
        {
            throw new InvalidOperationException($"{typeof(TPeer).Name} found '{found}' for '{email}'.");
        }

        return peer;
    }

    /// <summary>Looks up every email; the count of rows found (every lookup finds one) keeps the calls from being elided.</summary>
    public static int CountFound<T>(string[] emails, Func<string, T?> lookup)
        where T : class
    {
        int found = 0;
        foreach (string email in emails)
        {
            if (lookup(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    protected override void OnSetup() => _emails = LookupEmails();

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups, Description = "ADO.NET (hand-written)")]
    public int AdoNet()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (Ado.GetByEmail(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "ADO.NET (one transaction per 1,000)")]
    public int AdoNetInTransaction() => Ado.GetByEmailInTransaction(_emails);

    [Benchmark(OperationsPerInvoke = Lookups, Description = "SQLitePCL.raw")]
    public int RawSqlite()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (Raw.GetByEmail(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "SQLitePCL.raw (one transaction per 1,000)")]
    public int RawSqliteInTransaction() => Raw.GetByEmailInTransaction(_emails);

    [Benchmark(OperationsPerInvoke = Lookups, Description = "Dapper")]
    public int DapperQuery()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (Dapper.GetByEmail(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "Dapper.AOT")]
    public int DapperAotQuery()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (DapperAot.GetByEmail(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "EF Core (no tracking)")]
    public int EfCore()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (Ef.GetByEmail(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "EF Core (compiled)")]
    public int EfCoreCompiled()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (Ef.GetByEmailCompiled(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "sqlite-net-pcl")]
    public int SqliteNetQuery()
    {
        int found = 0;
        foreach (string email in _emails)
        {
            if (SqliteNet.GetByEmail(email) is not null)
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups, Description = "GenOrm")]
    public int GenOrm() => GenOrmPeer.GetByEmail(_emails);

    [Benchmark(OperationsPerInvoke = Lookups, Description = "GenOrm (commit per lookup)")]
    public int GenOrmCommitEach() => GenOrmPeer.GetByEmailCommitEach(_emails);

    [Benchmark(OperationsPerInvoke = Lookups, Description = "GenOrm (prototype)")]
    public int GenOrmPrototype() => Prototype.GetByEmail(_emails);
}
