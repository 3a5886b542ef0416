using System.Globalization;
using GenOrm;
using GenOrm.ReliabilityApp;

// The child process of tests/GenOrm.Tests/Reliability. Each mode writes to the database file given on the command line
// and reports on standard output, one line per event, so that the parent can check the file against the reports.
//
//   write <file> <writer> <rows> <rowsPerCommit>   waits for "go" on stdin, writes its rows, prints "done <rows>"
//   crash <file> <itemsPerCommit>                  commits forever: prints "open <id>" halfway through each transaction
//                                                  and "commit <id>" after its commit returns
//   local-datetimes <file>                         round-trips and finds DateTimeKind.Local values in the TZ it runs in
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: GenOrm.ReliabilityApp write|crash|local-datetimes <file> ...");
    return 2;
}

string url = "sqlite:///" + Path.GetFullPath(args[1]);
using var engine = Engine.Create(url);
return args[0] switch
{
    "write" => Write(engine, Int(args[2]), Int(args[3]), Int(args[4])),
    "crash" => Crash(engine, Int(args[2])),
    "local-datetimes" => LocalDateTimes(engine),
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

static int Crash(Engine engine, int itemsPerCommit)
{
    using Connection connection = engine.Connect();
    CrashRow.CreateTable(connection);
    connection.Commit();
    long next = connection.Execute(Sql.Text("select coalesce(max(CommitId), 0) + 1 from crash_rows")).Scalar<long>();
    connection.Commit();
    string payload = new('x', 4096);
    Console.WriteLine("ready " + next.ToString(CultureInfo.InvariantCulture));
    for (long commitId = next; ; commitId++)
    {
        for (int item = 0; item < itemsPerCommit; item++)
        {
            CrashRow.Insert(connection, new CrashRow { CommitId = commitId, Item = item, ItemsInCommit = itemsPerCommit, Payload = payload });
            if (item == itemsPerCommit / 2)
            {
                // Half of this transaction is written; give the parent time to kill the process right here.
                Console.WriteLine("open " + commitId.ToString(CultureInfo.InvariantCulture));
                Thread.Sleep(5);
            }
        }

        connection.Commit();
        Console.WriteLine("commit " + commitId.ToString(CultureInfo.InvariantCulture));
    }
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
