using System.Collections.Concurrent;
using GenOrm.Internal;
using GenOrm.Tests.Helpers;
using SQLitePCL;

namespace GenOrm.Tests.Reliability;

/// <summary>A ledger entry: a generated key, a unique code, and values that must never mix between two entities.</summary>
[Table("ledger")]
public partial class LedgerEntry
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Unique]
    public string Code { get; set; } = "";

    public int Amount { get; set; }

    public string Note { get; set; } = "";
}

/// <summary>
/// The statement engine under generated code: one operation at a time per statement and per thread, streams that
/// keep their statement, SQLite's own rollbacks never hidden, and stored values that do not fit the model refused.
/// </summary>
public sealed class StatementSafetyTests : IDisposable
{
    private const string InUse =
        "The connection is being used by another thread. A Connection is not thread-safe: use it from one thread at a time, " +
        "and give each thread its own connection from Engine.Connect() (the Engine is safe to share between threads).";

    private const string Pending = "This connection's transaction was rolled back by SQLite after an error "
        + "(SQLite Error 19: 'UNIQUE constraint failed: ledger.Code'.), so its uncommitted work is lost. "
        + "Call Rollback() to acknowledge it, then run the work again in a new transaction.";

    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;

    public StatementSafetyTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("ledger.db"));
    }

    public void Dispose()
    {
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void SecondThread_WhileAStatementIsBeingBound_GetsInvalidOperationException_AndTheFirstReadsItsOwnRow()
    {
        using Connection conn = Seed(_engine, 10);

        // The first thread holds the lookup's statement between binding and running it: the window in which a second
        // thread used to rebind the very same sqlite3_stmt and make the first read the second one's row.
        Statement statement = TableCommands.Prepare(conn, "SELECT \"Id\", \"Code\", \"Amount\", \"Note\" FROM \"ledger\" WHERE \"Code\" = @Code");
        statement.BindText(0, "code-3", LedgerEntry.TableName, "Code");
        Exception? second = null;
        var thread = new Thread(() => second = Record(() => LedgerEntry.GetByCode(conn, "code-7")));
        thread.Start();
        thread.Join();

        LedgerEntry? mine = TableCommands.ReadUniqueOrDefault<LedgerEntry>(conn, statement);
        statement.Dispose();

        Assert.Equal(InUse, Assert.IsType<InvalidOperationException>(second).Message);
        Assert.Equal(("code-3", 3), (mine!.Code, mine.Amount));

        // Given back, the connection is free for any thread again.
        LedgerEntry? other = null;
        var after = new Thread(() => other = LedgerEntry.GetByCode(conn, "code-7"));
        after.Start();
        after.Join();
        Assert.Equal(7, other!.Amount);
    }

    [Fact]
    public void TwoThreadsHammeringOneConnection_NeverMixRows_EveryOperationSucceedsWhollyOrFailsWithInvalidOperation()
    {
        using Connection conn = Seed(_engine, 50);
        var stored = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        int refused = 0;

        void Work(int worker)
        {
            for (int i = 0; i < 1_500; i++)
            {
                try
                {
                    if (i % 3 == 0)
                    {
                        string code = $"w{worker}-{i}";
                        LedgerEntry.Insert(conn, new LedgerEntry { Code = code, Amount = Checksum(code), Note = code });
                        stored.Add(code);
                    }
                    else
                    {
                        int n = (i * 7 + worker) % 50;
                        LedgerEntry? row = LedgerEntry.GetByCode(conn, "code-" + n);
                        if (row is null || row.Amount != n || row.Note != "note-" + n)
                        {
                            failures.Add($"worker {worker}, step {i}: code-{n} read as {row?.Code}/{row?.Amount}/{row?.Note}");
                        }
                    }
                }
                catch (InvalidOperationException e) when (e.Message == InUse)
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    failures.Add($"worker {worker}, step {i}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Thread[] threads = [new(() => Work(1)), new(() => Work(2))];
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        conn.Commit();
        Assert.Empty(failures);
        List<LedgerEntry> rows = LedgerEntry.GetAll(conn).Where(r => r.Code.StartsWith('w')).ToList();
        Assert.Equal(stored.Order(StringComparer.Ordinal), rows.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal((Checksum(r.Code), r.Code), (r.Amount, r.Note)));
    }

    [Fact]
    public void StreamOpen_TheSameQueryAndGetAllAndUpdates_RunOnStatementsOfTheirOwn()
    {
        using Connection conn = Seed(_engine, 10);
        var outer = new List<string>();
        var innerCounts = new List<int>();
        foreach (LedgerEntry entry in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
        {
            outer.Add(entry.Code);
            innerCounts.Add(LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).All().Count);
            innerCounts.Add(LedgerEntry.GetAll(conn).Count);
            entry.Note = "seen";
            LedgerEntry.Update(conn, entry);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => "code-" + i), outer);
        Assert.All(innerCounts, count => Assert.Equal(10, count));
        Assert.All(LedgerEntry.GetAll(conn), e => Assert.Equal("seen", e.Note));
    }

    [Fact]
    public void StreamOpen_WhileMoreShapesThanTheCacheHoldsArePrepared_KeepsItsStatement()
    {
        using Connection conn = Seed(_engine, 5);
        var codes = new List<string>();
        int shapes = 0;
        foreach (LedgerEntry entry in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
        {
            codes.Add(entry.Code);
            for (int i = 0; i < 120; i++, shapes++)
            {
                Assert.Equal(1L, conn.Execute(Sql.Text($"select {shapes} + 0 * :x"), new Params { ["x"] = 1 }).RowsAffected + 1);
                Assert.Equal(5, LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount != -shapes - 1).Count());
            }
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => "code-" + i), codes);
        Assert.Equal(600, shapes);
    }

    [Fact]
    public void NestedStreamsOfTheSameQuery_EachReadEveryRowOnce()
    {
        using Connection conn = Seed(_engine, 4);
        var pairs = new List<string>();
        foreach (LedgerEntry a in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
        {
            foreach (LedgerEntry b in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
            {
                pairs.Add(a.Amount + "-" + b.Amount);
            }
        }

        Assert.Equal(16, pairs.Count);
        Assert.Equal(16, pairs.Distinct().Count());
    }

    [Fact]
    public void BindThatSQLiteRejects_ThrowsGenOrmException_AndGivesTheStatementBack()
    {
        using Connection conn = Seed(_engine, 1);
        using (Statement statement = TableCommands.Prepare(conn, "SELECT 1 WHERE 1 = @a"))
        {
            var error = Assert.Throws<GenOrmException>(() => statement.BindInt64(3, 1));
            Assert.Equal("Could not bind parameter 4 of 'SELECT 1 WHERE 1 = @a': SQLite Error 25: 'column index out of range'.", error.Message);
        }

        LedgerEntry? row = null;
        var other = new Thread(() => row = LedgerEntry.GetByCode(conn, "code-0"));
        other.Start();
        other.Join();
        Assert.Equal(0, row!.Amount);
    }

    [Fact]
    public void RefusedValue_BetweenPrepareAndRun_GivesTheConnectionBack()
    {
        using Connection conn = Seed(_engine, 1);
        Assert.Throws<ArgumentException>(() => LedgerEntry.Insert(conn, new LedgerEntry { Code = "bad\uD800", Note = "x" }));

        Exception? error = null;
        var other = new Thread(() => error = Record(() => LedgerEntry.GetAll(conn)));
        other.Start();
        other.Join();
        Assert.Null(error);
    }

    [Fact]
    public void SQLiteRollsBackTheTransactionItself_GeneratedWritesAndCommitAreRefusedUntilRollback()
    {
        using (Connection setup = _engine.Connect())
        {
            LedgerEntry.CreateTable(setup);
            LedgerEntry.Insert(setup, new LedgerEntry { Code = "committed", Amount = 1 });
            setup.Commit();
        }

        using Connection conn = _engine.Connect();
        LedgerEntry.Insert(conn, new LedgerEntry { Code = "uncommitted", Amount = 2 });

        Assert.Throws<ConstraintViolationException>(() => conn.Execute(Sql.Text("insert or rollback into ledger (Code, Amount, Note) values ('committed', 3, '')")));

        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => LedgerEntry.Insert(conn, new LedgerEntry { Code = "later", Amount = 4 })).Message);
        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => LedgerEntry.GetAll(conn)).Message);
        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => LedgerEntry.InsertMany(conn, [new LedgerEntry { Code = "m" }])).Message);
        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => conn.Execute(Sql.Text("select 1"))).Message);
        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => conn.Commit()).Message);
        Assert.Equal("[('committed',)]", _engine.Rows("select Code from ledger order by Id"));

        conn.Rollback();
        LedgerEntry.Insert(conn, new LedgerEntry { Code = "again", Amount = 5 });
        conn.Commit();
        Assert.Equal("[('committed',), ('again',)]", _engine.Rows("select Code from ledger order by Id"));
    }

    [Fact]
    public void SQLiteRollsBackATransactionWhoseOnlyWorkWasABatch_CommitIsRefused()
    {
        using (Connection setup = _engine.Connect())
        {
            LedgerEntry.CreateTable(setup);
            LedgerEntry.Insert(setup, new LedgerEntry { Code = "committed", Amount = 1 });
            setup.Commit();
        }

        // Echo is off: the batch is the transaction's only work, and SQLite then rolls the whole transaction back.
        using Connection conn = _engine.Connect();
        conn.Execute(
            Sql.Text("insert into ledger (Code, Amount, Note) values (:code, 2, '')"),
            [new Params { ["code"] = "batch 1" }, new Params { ["code"] = "batch 2" }]);

        Assert.Throws<ConstraintViolationException>(() => conn.Execute(Sql.Text("insert or rollback into ledger (Code, Amount, Note) values ('committed', 3, '')")));

        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => conn.Commit()).Message);
        Assert.Equal("[('committed',)]", _engine.Rows("select Code from ledger order by Id"));
    }

    [Fact]
    public void TriggerThatRaisesRollback_InAGeneratedInsert_LeavesNoCommitThatSucceedsSilently()
    {
        using (Connection setup = _engine.Connect())
        {
            LedgerEntry.CreateTable(setup);
            setup.Execute(Sql.Text("create trigger no_negative before insert on ledger when new.Amount < 0 begin select raise(rollback, 'negative amount'); end"));
            setup.Commit();
        }

        using Connection conn = _engine.Connect();
        LedgerEntry.Insert(conn, new LedgerEntry { Code = "first", Amount = 1 });
        Assert.Throws<GenOrmException>(() => LedgerEntry.Insert(conn, new LedgerEntry { Code = "second", Amount = -1 }));

        var refused = Assert.Throws<PendingRollbackException>(() => conn.Commit());
        Assert.StartsWith("This connection's transaction was rolled back by SQLite after an error (SQLite Error 19: 'negative amount'.)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0L, _engine.Count("ledger"));
    }

    [Fact]
    public void GeneratedWrite_WhileAnotherConnectionHoldsTheWriteLock_RunsOnceAndWaitsOneBusyTimeoutNotTwo()
    {
        using var engine = Engine.Create(_temp.SqliteUrl("busy.db"), new EngineOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        using Connection holder = Seed(engine, 1);
        holder.Commit();
        holder.Begin();
        LedgerEntry.Insert(holder, new LedgerEntry { Code = "held" });

        // SQLite's trace callback fires each time a statement starts running. SQLite's busy handler waits the whole
        // timeout inside one run; a retry of the statement by GenOrm would start a second run and wait again.
        using Connection waiter = engine.Connect();
        int runs = 0;
        raw.sqlite3_trace(waiter.DbConnection.Handle, (_, sql) =>
        {
            if (sql.StartsWith("INSERT INTO \"ledger\"", StringComparison.Ordinal))
            {
                runs++;
            }
        }, null);

        Assert.Throws<DatabaseBusyException>(() => LedgerEntry.Insert(waiter, new LedgerEntry { Code = "blocked" }));
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Begin_WhileAnotherConnectionHoldsTheWriteLock_ThrowsDatabaseBusyException()
    {
        using var engine = Engine.Create(_temp.SqliteUrl("busy.db"), new EngineOptions { BusyTimeout = TimeSpan.FromMilliseconds(50) });
        using Connection holder = Seed(engine, 1);
        holder.Commit();
        holder.Begin();
        LedgerEntry.Insert(holder, new LedgerEntry { Code = "held" });

        using Connection other = engine.Connect();
        var error = Assert.Throws<DatabaseBusyException>(() => other.Begin());

        Assert.StartsWith("The database was busy", error.Message, StringComparison.Ordinal);
        Assert.False(other.InTransaction);
        holder.Rollback();
        other.Begin();
        Assert.True(other.InTransaction);
    }

    [Theory]
    [InlineData("'abc'", "Amount", "int", "TEXT")]
    [InlineData("'12.5'", "Amount", "int", "TEXT")]
    [InlineData("12.5", "Amount", "int", "a REAL that is not a whole number in the range of long")]
    [InlineData("x'00'", "Amount", "int", "a BLOB")]
    [InlineData("NULL", "Amount", "int", "NULL")]
    [InlineData("3000000000", "Amount", "int", "a number outside the range of int")]
    public void StoredValueThatDoesNotFitAnIntMember_IsAGenOrmExceptionNamingTableAndColumn(string stored, string column, string type, string found)
    {
        using Connection conn = LooselyTyped(_engine, $"insert into ledger (Code, Amount, Note) values ('c', {stored}, 'n')");

        var error = Assert.Throws<GenOrmException>(() => LedgerEntry.GetAll(conn));

        Assert.Equal(
            $"Cannot read column '{column}' of table 'ledger' as {type}: the row holds {found}. The stored data does not fit the model "
            + "(a database of an older shape, or written by another tool); fix the row, or change the property's type to one that holds such values.",
            error.Message);
        Assert.Equal(("ledger", column), (error.TableName, error.ColumnName));
        Assert.Throws<GenOrmException>(() => LedgerEntry.GetByCode(conn, "c"));
    }

    [Theory]
    [InlineData("NULL", "NULL")]
    [InlineData("42", "an INTEGER")]
    [InlineData("x'41'", "a BLOB")]
    public void StoredValueThatDoesNotFitAStringMember_IsAGenOrmException(string stored, string found)
    {
        using Connection conn = LooselyTyped(_engine, $"insert into ledger (Code, Amount, Note) values ('c', 1, {stored})");

        var error = Assert.Throws<GenOrmException>(() => LedgerEntry.Query(conn).All());

        Assert.StartsWith($"Cannot read column 'Note' of table 'ledger' as string: the row holds {found}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WholeNumberStoredAsReal_ReadsExactly()
    {
        using Connection conn = LooselyTyped(_engine, "insert into ledger (Code, Amount, Note) values ('c', 12.0, 'n')");

        Assert.Equal(12, LedgerEntry.GetAll(conn).Single().Amount);
    }

    [Fact]
    public void NotNullColumnOfALeftJoinsOuterSide_ReadAsNull_IsRefused_EvenOnAStrictTable()
    {
        using Connection conn = Seed(_engine, 1);

        var error = Assert.Throws<GenOrmException>(() =>
            conn.Query<LedgerEntry>(Sql.Text("select l.* from (select 1) left join ledger l on 0")));

        Assert.StartsWith("Cannot read column 'Id' of table 'ledger' as long: the row holds NULL.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrictTableReplacedByALooseOne_UnderACachedStatement_IsCheckedAgain()
    {
        using Connection conn = Seed(_engine, 2);
        conn.Commit();
        Assert.Equal([0, 1], LedgerEntry.GetAll(conn).Select(e => e.Amount));
        conn.Commit();

        using (Connection other = _engine.Connect())
        {
            other.Execute(Sql.Text("drop table ledger"));
            other.Execute(Sql.Text("create table ledger (Id integer primary key autoincrement, Code text unique, Amount, Note)"));
            other.Execute(Sql.Text("insert into ledger (Code, Amount, Note) values ('c', '12', 'n')"));
            other.Commit();
        }

        // The cached SELECT is prepared again by SQLite; its columns are no longer STRICT, so '12' (TEXT) is refused
        // rather than read as the integer 12.
        var error = Assert.Throws<GenOrmException>(() => LedgerEntry.GetAll(conn));
        Assert.StartsWith("Cannot read column 'Amount' of table 'ledger' as int: the row holds TEXT.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A ledger table without STRICT typing (as another tool, or an older shape, makes it) holding one row.</summary>
    private static Connection LooselyTyped(Engine engine, string insert)
    {
        Connection conn = engine.Connect();
        conn.Execute(Sql.Text("create table ledger (Id integer primary key autoincrement, Code text unique, Amount, Note)"));
        conn.Execute(Sql.Text(insert));
        return conn;
    }

    private static Connection Seed(Engine engine, int count)
    {
        Connection conn = engine.Connect();
        LedgerEntry.CreateTable(conn);
        for (int i = 0; i < count; i++)
        {
            LedgerEntry.Insert(conn, new LedgerEntry { Code = "code-" + i, Amount = i, Note = "note-" + i });
        }

        return conn;
    }

    private static int Checksum(string code) => code.Aggregate(17, (h, c) => unchecked(h * 31 + c));

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
