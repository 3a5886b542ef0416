using System.Globalization;
using BenchmarkDotNet.Attributes;
using GenOrm.Benchmarks.Model;
using Microsoft.Data.Sqlite;

using GenOrm.Benchmarks.Workloads;

namespace GenOrm.Benchmarks.Diagnostics;

/// <summary>
/// Checks the hand-written baseline itself (not a peer comparison): which of its choices — explicit Prepare(), typed
/// parameters, BEGIN IMMEDIATE (BeginTransaction()) vs deferred — changes its InsertMany and GetAll time.
/// </summary>
[InvocationCount(Workloads.InsertMany.InvocationsPerIteration)]
public class AdoBaselineVariants
{
    private BenchmarkDatabase _db = null!;
    private SqliteConnection _connection = null!;
    private long _next;

    [Params(false, true)]
    public bool ExplicitPrepare { get; set; }

    [Params(false, true)]
    public bool Deferred { get; set; }

    private SqliteCommand _insert = null!;
    private SqliteCommand _all = null!;

    [GlobalSetup]
    public void Setup()
    {
        _db = BenchmarkDatabase.Create();
        _connection = new SqliteConnection(_db.ConnectionString);
        _connection.Open();
        BenchmarkDatabase.ApplyPragmas(_connection);
        _insert = _connection.CreateCommand();
        _insert.CommandText = BenchmarkDatabase.InsertReturningId;
        _insert.Parameters.Add("@Name", SqliteType.Text);
        _insert.Parameters.Add("@Email", SqliteType.Text);
        _insert.Parameters.Add("@Login", SqliteType.Text);
        _all = _connection.CreateCommand();
        _all.CommandText = BenchmarkDatabase.SelectAll;
        if (ExplicitPrepare)
        {
            _insert.Prepare();
            _all.Prepare();
        }
    }

    [IterationCleanup]
    public void IterationCleanup() => _db.ResetToSeed();

    [GlobalCleanup]
    public void Cleanup()
    {
        _insert.Dispose();
        _all.Dispose();
        _connection.Dispose();
        _db.Dispose();
    }

    [Benchmark]
    public long Insert1000()
    {
        using SqliteTransaction transaction = _connection.BeginTransaction(deferred: Deferred);
        _insert.Transaction = transaction;
        long last = 0;
        for (int i = 0; i < InsertMany_.Rows; i++)
        {
            _insert.Parameters[0].Value = "New user";
            _insert.Parameters[1].Value = "v" + (++_next).ToString(CultureInfo.InvariantCulture) + "@example.com";
            _insert.Parameters[2].Value = "newlogin";
            last = (long)_insert.ExecuteScalar()!;
        }

        transaction.Commit();
        return last;
    }

    private static class InsertMany_
    {
        public const int Rows = 1_000;
    }
}
