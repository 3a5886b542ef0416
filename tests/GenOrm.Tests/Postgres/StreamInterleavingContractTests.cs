using System.Globalization;
using GenOrm.Tests.Reliability;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// Other work on a connection while one of its streams is open, on both databases. SQLite runs the other statements
/// beside the open read; a PostgreSQL connection runs one statement at a time, so the rest of the stream's result is
/// read into memory first and the stream reads on from there: the same rows, values and errors either way.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StreamInterleavingContractTests(PostgresFixture fixture)
{
    public static TheoryData<string> Databases() => GeneratedCrudContractTests.Databases();

    private Engine Open(string database) =>
        Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);

    private static void Seed(Engine engine, int count)
    {
        using Connection conn = engine.Connect();
        LedgerEntry.CreateTable(conn);
        for (int i = 0; i < count; i++)
        {
            LedgerEntry.Insert(conn, new LedgerEntry { Code = "code-" + i, Amount = i, Note = "note-" + i });
        }

        conn.Commit();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Stream_WithTheSameQueryAGetAllAndAnUpdatePerRow_ReadsEveryRowOnce_AndTheUpdatesCommit(string database)
    {
        using Engine engine = Open(database);
        Seed(engine, 10);
        var outer = new List<string>();
        var innerCounts = new List<int>();
        using (Connection conn = engine.Connect())
        {
            foreach (LedgerEntry entry in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
            {
                outer.Add(entry.Code);
                innerCounts.Add(LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).All().Count);
                innerCounts.Add(LedgerEntry.GetAll(conn).Count);
                entry.Note = "seen " + entry.Amount;
                Assert.Equal(1, LedgerEntry.Update(conn, entry));
            }

            conn.Commit();
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => "code-" + i), outer);
        Assert.Equal(Enumerable.Repeat(10, 20), innerCounts);
        using Connection check = engine.Connect();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => "seen " + i), LedgerEntry.Query(check).OrderBy(LedgerEntry.Columns.Id).All().Select(e => e.Note));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StreamAsync_WithALookupAndAnInsertPerRow_ThenCommitAsync_KeepsEveryRow(string database)
    {
        using Engine engine = Open(database);
        Seed(engine, 25);
        var seen = new List<(long Id, string Code)>();
        await using (Connection conn = engine.Connect())
        {
            await foreach (LedgerEntry entry in LedgerEntry.Query(conn).Where(LedgerEntry.Columns.Amount < 1000).OrderBy(LedgerEntry.Columns.Id).StreamAsync())
            {
                LedgerEntry? found = await LedgerEntry.GetByCodeAsync(conn, entry.Code);
                seen.Add((found!.Id, found.Code));
                await LedgerEntry.InsertAsync(conn, new LedgerEntry { Code = entry.Code + "-copy", Amount = entry.Amount + 1000, Note = entry.Note });
            }

            await conn.CommitAsync();
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => (i + 1L, "code-" + i)), seen);
        using Connection check = engine.Connect();
        List<LedgerEntry> all = LedgerEntry.Query(check).OrderBy(LedgerEntry.Columns.Id).All();
        Assert.Equal(50, all.Count);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => ("code-" + i + "-copy", i + 1000, "note-" + i)), all.Skip(25).Select(e => (e.Code, e.Amount, e.Note)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Stream_WithACommitAfterEachRow_ReadsOn_AndEveryCommitHolds(string database)
    {
        using Engine engine = Open(database);
        Seed(engine, 6);
        var codes = new List<string>();
        using (Connection conn = engine.Connect())
        {
            foreach (LedgerEntry entry in conn.Stream<LedgerEntry>(Sql.Text("select * from ledger order by \"Id\"")))
            {
                codes.Add(entry.Code);
                entry.Amount += 100;
                LedgerEntry.Update(conn, entry);
                conn.Commit();
                Assert.False(conn.InTransaction);
            }
        }

        Assert.Equal(Enumerable.Range(0, 6).Select(i => "code-" + i), codes);
        using Connection check = engine.Connect();
        Assert.Equal(Enumerable.Range(100, 6), LedgerEntry.Query(check).OrderBy(LedgerEntry.Columns.Id).All().Select(e => e.Amount));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void NestedStreamsOfTheSameQuery_EachReadEveryRowOnce(string database)
    {
        using Engine engine = Open(database);
        Seed(engine, 4);
        using Connection conn = engine.Connect();
        var pairs = new List<string>();
        foreach (LedgerEntry a in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
        {
            foreach (LedgerEntry b in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
            {
                pairs.Add(a.Amount + "-" + b.Amount);
            }
        }

        Assert.Equal(Enumerable.Range(0, 4).SelectMany(a => Enumerable.Range(0, 4).Select(b => a + "-" + b)), pairs);
    }

    [PostgresTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAheadFails_TheOtherStatementDoesNotRun_TheStreamGivesTheRowsBeforeThenItsOwnError(bool async)
    {
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        Seed(engine, 1);
        using Connection conn = engine.Connect();
        LedgerEntry.Insert(conn, new LedgerEntry { Code = "lost", Amount = 1, Note = "" });
        const string StreamSql = "select 0 as \"Id\", 'c' || g as \"Code\", 12 / (5 - g) as \"Amount\", '' as \"Note\" from generate_series(1, 9) g";
        var amounts = new List<int>();
        IEnumerator<LedgerEntry>? stream = null;
        IAsyncEnumerator<LedgerEntry>? asyncStream = null;
        if (async)
        {
            asyncStream = conn.StreamAsync<LedgerEntry>(Sql.Text(StreamSql)).GetAsyncEnumerator();
            Assert.True(await asyncStream.MoveNextAsync());
            amounts.Add(asyncStream.Current.Amount);
        }
        else
        {
            stream = conn.Stream<LedgerEntry>(Sql.Text(StreamSql)).GetEnumerator();
            Assert.True(stream.MoveNext());
            amounts.Add(stream.Current.Amount);
        }

        // The lookup needs the connection: the rest of the stream is read first, and fails at g = 5 (division by zero).
        GenOrmException failed = async
            ? await Assert.ThrowsAsync<GenOrmException>(() => LedgerEntry.GetByCodeAsync(conn, "code-0"))
            : Assert.Throws<GenOrmException>(() => LedgerEntry.GetByCode(conn, "code-0"));
        Assert.Equal(
            "The statement did not run: a PostgreSQL connection runs one statement at a time, so the rest of the open result of " +
            $"'{StreamSql}' was read first, and that failed: PostgreSQL rejected the statement: division by zero (SQLSTATE 22012). SQL: {StreamSql} " +
            "SQL: SELECT \"Id\", \"Code\", \"Amount\", \"Note\" FROM \"ledger\" WHERE \"Code\" = @Code",
            failed.Message);
        GenOrmException cause = Assert.IsType<GenOrmException>(failed.InnerException);
        Assert.Equal(StreamSql, cause.Sql);

        // The stream gives the rows read before the failure, then the failure itself, as it would have met it.
        GenOrmException streamError;
        if (async)
        {
            while (true)
            {
                try
                {
                    if (!await asyncStream!.MoveNextAsync())
                    {
                        Assert.Fail("The stream ended without its error.");
                    }
                }
                catch (GenOrmException e)
                {
                    streamError = e;
                    break;
                }

                amounts.Add(asyncStream!.Current.Amount);
            }

            await asyncStream!.DisposeAsync();
        }
        else
        {
            while (true)
            {
                try
                {
                    if (!stream!.MoveNext())
                    {
                        Assert.Fail("The stream ended without its error.");
                    }
                }
                catch (GenOrmException e)
                {
                    streamError = e;
                    break;
                }

                amounts.Add(stream!.Current.Amount);
            }

            stream!.Dispose();
        }

        Assert.Equal(new[] { 3, 4, 6, 12 }, amounts);
        Assert.Equal($"PostgreSQL rejected a statement on table 'ledger': division by zero (SQLSTATE 22012). SQL: {StreamSql}", streamError.Message);

        // The failure ended the transaction, with the insert in it: a commit cannot report it done.
        Assert.Throws<PendingRollbackException>(() => conn.Commit());
        conn.Rollback();
        Assert.Null(LedgerEntry.GetByCode(conn, "lost"));
        Assert.Equal("code-0", LedgerEntry.GetByCode(conn, "code-0")!.Code);
    }

    [PostgresFact]
    public void GetDbConnection_WhileAStreamIsOpen_ReadsTheRestAhead_AndItsCommandsRunInTheTransaction()
    {
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        Seed(engine, 3);
        using Connection conn = engine.Connect();
        var codes = new List<string>();
        foreach (LedgerEntry entry in LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).Stream())
        {
            codes.Add(entry.Code);
            using var command = conn.GetDbConnection().CreateCommand();
            command.CommandText = $"update ledger set \"Note\" = 'raw {entry.Amount}' where \"Id\" = {entry.Id}";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        conn.Rollback();
        Assert.Equal(new[] { "code-0", "code-1", "code-2" }, codes);
        Assert.Equal(new[] { "note-0", "note-1", "note-2" }, LedgerEntry.Query(conn).OrderBy(LedgerEntry.Columns.Id).All().Select(e => e.Note));
    }

    [PostgresFact]
    public void AReaderOpenOnGetDbConnection_ThenAStatement_FailsClearly_AndNothingIsLost()
    {
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        Seed(engine, 1);
        using Connection conn = engine.Connect();
        LedgerEntry.Insert(conn, new LedgerEntry { Code = "kept", Amount = 2, Note = "" });
        using (var command = conn.GetDbConnection().CreateCommand())
        {
            command.CommandText = "select 1";
            using var reader = command.ExecuteReader();
            var busy = Assert.Throws<InvalidOperationException>(() => conn.Execute(Sql.Text("select 2")));
            Assert.Equal(
                "Another command is still running on this PostgreSQL connection (one run on GetDbConnection() whose reader is still open), " +
                "and a PostgreSQL connection runs one command at a time. Dispose that reader first, or run this statement on another " +
                "connection. SQL: select 2",
                busy.Message);
        }

        Assert.True(conn.InTransaction);
        conn.Commit();
        Assert.Equal(2, LedgerEntry.GetByCode(conn, "kept")!.Amount);
    }

    /// <summary>Every column type, NULL and the values a getter refuses, in two rows, each getter's outcome as text.</summary>
    private const string EveryType =
        "select * from (values " +
        "(1::smallint, 2::integer, 3::bigint, 1.5::real, 2.5::double precision, 12.345::numeric, 'NaN'::numeric, 99999999999999999999999999999999::numeric, " +
        "'text'::text, 'varchar'::varchar(10), true, '\\x0102'::bytea, '6f9619ff-8b86-d011-b42d-00c04fc964ff'::uuid, " +
        "'2024-02-29 13:45:10.123456'::timestamp, '2024-02-29 13:45:10.123456+02'::timestamptz, '2024-02-29'::date, 'infinity'::date, " +
        "'13:45:10.5'::time, '24:00'::time, '1 day 02:03:04'::interval, '1 month'::interval, '{\"a\": 1}'::json, 9007199254740993::bigint), " +
        "(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, -5)" +
        ") as t(i2, i4, i8, f4, f8, num, nan, huge, txt, vc, flag, bytes, id, ts, tstz, day, forever, tm, midnight, span, month, doc, big)";

    private static readonly (string Name, Func<Internal.Statement, int, object?> Read)[] Getters =
    [
        ("IsDBNull", (s, i) => s.IsDBNull(i)),
        ("IsText", (s, i) => s.IsText(i)),
        ("GetInt64", (s, i) => s.GetInt64(i)),
        ("GetInt32", (s, i) => s.GetInt32(i)),
        ("GetInt16", (s, i) => s.GetInt16(i)),
        ("GetByte", (s, i) => s.GetByte(i)),
        ("GetUInt64", (s, i) => s.GetUInt64(i)),
        ("GetDouble", (s, i) => s.GetDouble(i)),
        ("GetFloat", (s, i) => s.GetFloat(i)),
        ("GetDecimal", (s, i) => s.GetDecimal(i)),
        ("GetString", (s, i) => s.GetString(i)),
        ("GetBoolean", (s, i) => s.GetBoolean(i)),
        ("GetBytes", (s, i) => s.GetBytes(i)),
        ("GetGuid", (s, i) => s.GetGuid(i)),
        ("GetDateTime", (s, i) => s.GetDateTime(i)),
        ("GetDateTimeOffset", (s, i) => s.GetDateTimeOffset(i)),
        ("GetDateOnly", (s, i) => s.GetDateOnly(i)),
        ("GetTimeOnly", (s, i) => s.GetTimeOnly(i)),
        ("GetTimeSpan", (s, i) => s.GetTimeSpan(i)),
        ("Row value", (s, i) => s.GetStoredValue(i)),
    ];

    [PostgresFact]
    public void RowsReadAhead_GiveEveryGetterTheSameValueOrTheSameError_AsTheServersRows()
    {
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection conn = engine.Connect();
        conn.Execute(Sql.Text("select 0"));

        // Directly from the server's rows.
        List<string> direct = ReadBothRows(conn, readAheadAfterFirstStep: false);

        // The same rows, read ahead into memory once another statement needs the connection (after the first step,
        // so the first row is the one the reader was on, and the second comes from memory).
        List<string> ahead = ReadBothRows(conn, readAheadAfterFirstStep: true);

        Assert.Equal(2 * 23 * Getters.Length, direct.Count);
        Assert.Equal(direct, ahead);

        // The outcomes themselves, spot-checked: values, the refused ones, NULL.
        const string Fix = " The stored data does not fit the model (a database of an older shape, or written by another tool); " +
            "fix the row, or change the property's type to one that holds such values.";
        Assert.Contains("1 i8 GetDouble = Double 3", direct);
        Assert.Contains("1 nan GetDecimal ! GenOrmException: Cannot read column 'nan' as decimal: the row holds a numeric outside the range of decimal (or NaN)." + Fix, direct);
        Assert.Contains("1 month GetTimeSpan ! GenOrmException: Cannot read column 'month' as TimeSpan: the row holds an interval with months or years, which has no exact length." + Fix, direct);
        Assert.Contains("1 midnight GetTimeOnly ! GenOrmException: Cannot read column 'midnight' as TimeOnly: the row holds the time 24:00:00." + Fix, direct);
        Assert.Contains("1 big GetDouble ! GenOrmException: Cannot read column 'big' as double: the row holds a bigint too large to be exact as a double." + Fix, direct);
        Assert.Contains("1 day GetDateOnly = DateOnly 02/29/2024", direct);
        Assert.Contains("1 span GetTimeSpan = TimeSpan 1.02:03:04", direct);
        Assert.Contains("1 bytes GetBytes = byte[] 0102", direct);
        Assert.Contains("2 id GetGuid ! GenOrmException: Cannot read column 'id' as Guid: the row holds NULL." + Fix, direct);
        Assert.Contains("2 txt Row value = null", direct);
        Assert.Contains("2 big GetUInt64 ! GenOrmException: Cannot read column 'big' as ulong: the row holds a number outside the range of ulong." + Fix, direct);
    }

    private static List<string> ReadBothRows(Connection conn, bool readAheadAfterFirstStep)
    {
        var outcomes = new List<string>();
        using Internal.Statement statement = conn.Lend(EveryType);
        Assert.True(statement.Step(first: true));
        if (readAheadAfterFirstStep)
        {
            Assert.Equal(7, conn.Execute(Sql.Text("select 7")).Scalar<int>());
        }

        Read(statement, 1, outcomes);
        Assert.True(statement.Step(first: false));
        Read(statement, 2, outcomes);
        Assert.False(statement.Step(first: false));
        return outcomes;
    }

    private static void Read(Internal.Statement statement, int row, List<string> outcomes)
    {
        for (int i = 0; i < statement.ColumnCount; i++)
        {
            foreach ((string name, Func<Internal.Statement, int, object?> read) in Getters)
            {
                string outcome;
                try
                {
                    outcome = "= " + Show(read(statement, i));
                }
                catch (Exception e)
                {
                    outcome = "! " + e.GetType().Name + ": " + e.Message;
                }

                outcomes.Add($"{row} {statement.GetName(i)} {name} {outcome}");
            }
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] bytes => "byte[] " + Convert.ToHexString(bytes),
        DateTime time => "DateTime " + time.ToString("O", CultureInfo.InvariantCulture) + " " + time.Kind,
        DateTimeOffset offset => "DateTimeOffset " + offset.ToString("O", CultureInfo.InvariantCulture),
        _ => value.GetType().Name + " " + Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
