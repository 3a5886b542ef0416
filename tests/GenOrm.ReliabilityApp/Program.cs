using System.Globalization;
using GenOrm;
using GenOrm.ReliabilityApp;

// The child process of tests/GenOrm.Tests/Reliability. Each mode writes to the database file given on the command line
// (or, for crash, a postgresql:// URL) and reports on standard output, one line per event, so that the parent can
// check the database against the reports.
//
//   write <file> <writer> <rows> <rowsPerCommit>   waits for "go" on stdin, writes its rows, prints "done <rows>"
//   crash <file> <itemsPerCommit> <commits> open|commit
//                                                  prints "ready <first id>", then makes <commits> commits, printing
//                                                  "commit <id>" after each Commit() returns. Then it starts one more
//                                                  transaction and stops, to be killed there:
//                                                    open:   with half of its rows written, prints "waiting <id>"
//                                                    commit: with all of its rows written, prints "committing <id>",
//                                                            calls Commit() (the kill may land before, inside or after
//                                                            it), prints "commit <id>" and "waiting <id>"
//                                                  and then blocks reading standard input until it is killed; it
//                                                  never writes anything after that point.
//   local-datetimes <file>                         round-trips and finds DateTimeKind.Local values in the TZ it runs in
//   migrate-crash <file>                           migrates the v1 file to v2 (MigrationSchema); inside the rebuild step,
//                                                  after its statements, the hook prints "in-rebuild" and blocks reading
//                                                  standard input until it is killed
//   migrate-race <file> <name>                     prints "ready", waits for "go", reads the version itself and prints
//                                                  "saw <version>", then migrates to v2: a hook that runs inserts <name>
//                                                  into runs, prints "in-hook" and waits for "continue"; at the end it
//                                                  prints "migrated <version> hooks <runs of its hook>"
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: GenOrm.ReliabilityApp write|crash|local-datetimes|migrate-crash|migrate-race <file> ...");
    return 2;
}

// A database URL (postgresql://...) is used as it is; anything else is a SQLite file.
string url = args[1].Contains("://", StringComparison.Ordinal) ? args[1] : "sqlite:///" + Path.GetFullPath(args[1]);
// A long busy timeout: the tests check rows, not waiting, so a writer must never give up only because the other
// process kept the lock for a while on a loaded machine.
using var engine = Engine.Create(url, new EngineOptions { BusyTimeout = TimeSpan.FromMinutes(10) });
return args[0] switch
{
    "write" => Write(engine, Int(args[2]), Int(args[3]), Int(args[4])),
    "crash" => Crash(engine, Int(args[2]), Int(args[3]), args[4]),
    "local-datetimes" => LocalDateTimes(engine),
    "migrate-crash" => MigrateCrash(engine),
    "migrate-race" => MigrateRace(engine, args[2]),
    _ => 2,
};

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Write(Engine engine, int writer, int rows, int rowsPerCommit)
{
    using (Connection setup = engine.Connect())
    {
        ReliabilityRow.CreateTable(setup);
        setup.Commit();
    }

    Console.WriteLine("ready");
    if (Console.ReadLine() != "go")
    {
        return 3;
    }

    using Connection connection = engine.Connect();
    for (int seq = 0; seq < rows; seq++)
    {
        int batchIndex = seq / rowsPerCommit;
        ReliabilityRow.Insert(connection, new ReliabilityRow
        {
            Writer = writer,
            Seq = seq,
            Batch = (writer * 1_000_000L) + batchIndex,
            BatchSize = Math.Min(rowsPerCommit, rows - (batchIndex * rowsPerCommit)),
            Payload = "process " + writer.ToString(CultureInfo.InvariantCulture),
        });
        if ((seq + 1) % rowsPerCommit == 0 || seq + 1 == rows)
        {
            connection.Commit();
        }
    }

    Console.WriteLine("done " + rows.ToString(CultureInfo.InvariantCulture));
    return 0;
}

static int Crash(Engine engine, int itemsPerCommit, int commits, string stop)
{
    if (stop is not ("open" or "commit"))
    {
        return 2;
    }

    using Connection connection = engine.Connect();
    CrashRow.CreateTable(connection);
    connection.Commit();
    long next = connection.Execute(Sql.Text("select coalesce(max(\"CommitId\"), 0) + 1 from crash_rows")).Scalar<long>();
    connection.Commit();
    string payload = new('x', 4096);
    Console.WriteLine("ready " + next.ToString(CultureInfo.InvariantCulture));
    for (long commitId = next; commitId < next + commits; commitId++)
    {
        for (int item = 0; item < itemsPerCommit; item++)
        {
            CrashRow.Insert(connection, new CrashRow { CommitId = commitId, Item = item, ItemsInCommit = itemsPerCommit, Payload = payload });
        }

        connection.Commit();
        Console.WriteLine("commit " + commitId.ToString(CultureInfo.InvariantCulture));
    }

    long last = next + commits;
    string id = last.ToString(CultureInfo.InvariantCulture);
    int rows = stop == "open" ? (itemsPerCommit / 2) + 1 : itemsPerCommit;
    for (int item = 0; item < rows; item++)
    {
        CrashRow.Insert(connection, new CrashRow { CommitId = last, Item = item, ItemsInCommit = itemsPerCommit, Payload = payload });
    }

    if (stop == "commit")
    {
        // The parent kills the process as soon as it reads this line, so the kill may land while COMMIT runs.
        Console.WriteLine("committing " + id);
        connection.Commit();
        Console.WriteLine("commit " + id);
    }

    // Stop here until the parent kills the process: it does so only after reading this line, so the kill cannot land
    // anywhere else. If standard input ends instead, leave without committing anything more.
    Console.WriteLine("waiting " + id);
    Console.In.ReadLine();
    return 4;
}

static int MigrateCrash(Engine engine)
{
    using Connection connection = engine.Connect();
    GenOrm.ReliabilityApp.MigrationSchema.MigrateToV2(connection, _ =>
    {
        // The rebuild's statements have run (new table created and filled, old one dropped, new one renamed), not
        // committed: the parent kills the process only after reading this line, so the kill lands here.
        Console.WriteLine("in-rebuild");
        Console.In.ReadLine();
        Environment.Exit(4);
    });
    return 5;
}

static int MigrateRace(Engine engine, string name)
{
    Console.WriteLine("ready");
    if (Console.ReadLine() != "go")
    {
        return 3;
    }

    using Connection connection = engine.Connect();
    long seen = connection.Execute(Sql.Text("PRAGMA user_version")).Scalar<long>();
    connection.Rollback();
    Console.WriteLine("saw " + seen.ToString(CultureInfo.InvariantCulture));
    int hooks = 0;
    GenOrm.ReliabilityApp.MigrationSchema.MigrateToV2(connection, c =>
    {
        hooks++;
        c.Execute(Sql.Text("INSERT INTO runs (Process) VALUES (:name)"), new Params { { "name", name } });
        Console.WriteLine("in-hook");
        if (Console.ReadLine() != "continue")
        {
            throw new InvalidOperationException("expected continue");
        }
    });
    long version = connection.Execute(Sql.Text("PRAGMA user_version")).Scalar<long>();
    connection.Rollback();
    Console.WriteLine("migrated " + version.ToString(CultureInfo.InvariantCulture) + " hooks " + hooks.ToString(CultureInfo.InvariantCulture));
    return 0;
}

static int LocalDateTimes(Engine engine)
{
    using Connection connection = engine.Connect();
    OddValue.CreateTable(connection);
    var values = new List<DateTime>
    {
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Local),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Local),
        DateTime.SpecifyKind(DateTime.MinValue.AddDays(1), DateTimeKind.Local),
        DateTime.SpecifyKind(DateTime.MaxValue.AddDays(-1), DateTimeKind.Local),
        new DateTime(2024, 3, 10, 2, 30, 0, DateTimeKind.Local),
        new DateTime(2024, 11, 3, 1, 30, 0, DateTimeKind.Local),
        new DateTime(2024, 3, 31, 2, 30, 0, DateTimeKind.Local),
        new DateTime(2024, 10, 27, 2, 30, 0, DateTimeKind.Local),
    };
    var random = new Random(20240501);
    for (int i = 0; i < 2000; i++)
    {
        values.Add(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks + 1), DateTimeKind.Local));
    }

    // GenOrm stores a DateTime's ticks and not its kind, as .NET's == compares them: every local time, even one in a
    // daylight saving gap, reads back equal (as Unspecified), and a bound of any kind with the same ticks finds it.
    int failures = 0;
    int inGap = 0;
    for (int i = 0; i < values.Count; i++)
    {
        DateTime value = values[i];
        inGap += TimeZoneInfo.Local.IsInvalidTime(value) ? 1 : 0;
        OddValue.Insert(connection, new OddValue { Id = i, DateTime = value });
        DateTime? loaded = OddValue.GetById(connection, i)?.DateTime;
        long found = OddValue.Query(connection).Where(OddValue.Columns.DateTime == value).Count()
            + OddValue.Query(connection).Where(OddValue.Columns.DateTime == DateTime.SpecifyKind(value, DateTimeKind.Utc)).Count();
        if (loaded is not { } back || back != value || back.Kind != DateTimeKind.Unspecified || found != 2)
        {
            failures++;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FAIL {value.Ticks} {value:O} found {found} -> {(loaded is { } l ? l.Ticks + " " + l.ToString("O", CultureInfo.InvariantCulture) + " " + l.Kind : "null")}"));
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checked {values.Count} in-gap {inGap} failures {failures} zone {TimeZoneInfo.Local.Id}"));
    return failures == 0 ? 0 : 1;
}
