using System.Globalization;
using GenOrm.Benchmarks.Model;
using GenOrm.Benchmarks.Peers;
using GenOrm.Benchmarks.Workloads;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// <c>--verify-postgres</c>: runs every PostgreSQL workload once through every peer on a fresh server and checks that each
/// returns exactly the baseline's rows (and the baseline the seeded ones), and that each InsertMany writes its rows and
/// hands back their keys. The benchmarks measure only peers that pass this.
/// </summary>
public static class PostgresVerification
{
    public static int Run()
    {
        using var db = new PostgresBenchmarkDatabase();
        using var npgsql = new NpgsqlPeer(db.OpenConnection(), PostgresInsertMany.Rows);
        using var dapper = new DapperPeer(db.OpenConnection());
        using var dapperAot = new PostgresDapperAotPeer(db.OpenConnection());
        using var ef = PostgresBenchContext.Peer(db.OpenConnection());
        using var genOrm = new PostgresGenOrmPeer(db.ConnectionString);
        dapperAot.VerifyInterceptorsEngaged();

        var peers = new List<Peer>
        {
            new("Npgsql (hand-written)", npgsql.GetAll, npgsql.GetByEmail, npgsql.Filtered, npgsql.InsertMany),
            new("Npgsql (INSERT per row)", npgsql.GetAll, npgsql.GetByEmail, npgsql.Filtered, npgsql.InsertManyPerRow),
            new("Dapper", dapper.GetAll, dapper.GetByEmail, dapper.Filtered, dapper.InsertMany),
            new("Dapper.AOT", dapperAot.GetAll, dapperAot.GetByEmail, dapperAot.Filtered, dapperAot.InsertMany),
            new("EF Core (no tracking)", ef.GetAll, ef.GetByEmail, ef.Filtered, ef.InsertMany),
            new("EF Core (compiled)", ef.GetAllCompiled, ef.GetByEmailCompiled, ef.FilteredCompiled, ef.InsertMany),
            new(
                "GenOrm",
                () => [.. genOrm.GetAll().Select(PostgresGenOrmPeer.ToRow)],
                email => genOrm.GetByEmail(email) is { } user ? PostgresGenOrmPeer.ToRow(user) : null,
                (lo, hi, take) => [.. genOrm.FilteredTyped(lo, hi, take).Select(PostgresGenOrmPeer.ToRow)],
                genOrm.InsertMany),
            new(
                "GenOrm ([Query])",
                () => [.. genOrm.GetAll().Select(PostgresGenOrmPeer.ToRow)],
                email => genOrm.GetByEmail(email) is { } user ? PostgresGenOrmPeer.ToRow(user) : null,
                (lo, hi, take) => [.. genOrm.FilteredQueryMethod(lo, hi, take).Select(PostgresGenOrmPeer.ToRow)],
                genOrm.InsertMany),
        };

        var failures = new List<string>();
        string seeded = Print(Enumerable.Range(1, BenchmarkDatabase.RowCount).Select(i => new UserRow
        {
            Id = i,
            Name = "User " + i.ToString(CultureInfo.InvariantCulture),
            Email = BenchmarkDatabase.EmailOf(i),
            Login = "login" + i.ToString(CultureInfo.InvariantCulture),
        }));
        string[] emails = [BenchmarkDatabase.EmailOf(1), BenchmarkDatabase.EmailOf(4_321), BenchmarkDatabase.EmailOf(BenchmarkDatabase.RowCount), "nobody@example.com"];
        string expectedFiltered = Print(npgsql.Filtered(BenchmarkDatabase.FilterFrom, BenchmarkDatabase.FilterTo, BenchmarkDatabase.FilterLimit));
        string expectedByEmail = string.Join(" / ", emails.Select(e => Print(npgsql.GetByEmail(e) is { } row ? [row] : [])));
        Check(failures, "Npgsql (hand-written)", "FilteredQuery row count", BenchmarkDatabase.FilterLimit.ToString(CultureInfo.InvariantCulture),
            npgsql.Filtered(BenchmarkDatabase.FilterFrom, BenchmarkDatabase.FilterTo, BenchmarkDatabase.FilterLimit).Count.ToString(CultureInfo.InvariantCulture));

        var newUsers = new NewUsers(PostgresInsertMany.Rows, 1);
        foreach (Peer peer in peers)
        {
            Check(failures, peer.Name, "GetAll", seeded, Print(peer.GetAll().OrderBy(u => u.Id)));
            Check(failures, peer.Name, "GetByEmail", expectedByEmail, string.Join(" / ", emails.Select(e => Print(peer.GetByEmail(e) is { } row ? [row] : []))));
            Check(failures, peer.Name, "FilteredQuery", expectedFiltered, Print(peer.Filtered(BenchmarkDatabase.FilterFrom, BenchmarkDatabase.FilterTo, BenchmarkDatabase.FilterLimit)));

            string[] newEmails = newUsers.NextEmails();
            List<UserRow> inserted = [.. newEmails.Select((email, i) => new UserRow { Name = newUsers.Names[i], Email = email, Login = newUsers.Logins[i] })];
            peer.InsertMany(inserted);
            Check(failures, peer.Name, "InsertMany keys", "distinct, above the seed's", inserted.All(u => u.Id > BenchmarkDatabase.RowCount) && inserted.Select(u => u.Id).Distinct().Count() == inserted.Count
                ? "distinct, above the seed's"
                : "not: " + string.Join(", ", inserted.Take(5).Select(u => u.Id)));
            Check(failures, peer.Name, "InsertMany rows", Print(inserted.OrderBy(u => u.Id)), Print(npgsql.GetAll().Where(u => u.Id > BenchmarkDatabase.RowCount).OrderBy(u => u.Id)));
            db.ResetToSeed();
            Console.WriteLine($"{peer.Name}: GetAll, GetByEmail, FilteredQuery and InsertMany checked");
        }

        foreach (string failure in failures)
        {
            Console.Error.WriteLine(failure);
        }

        Console.WriteLine(failures.Count == 0
            ? $"PostgreSQL: all {peers.Count} peers return the baseline's rows ({BenchmarkDatabase.RowCount} for GetAll, {emails.Length} lookups, {BenchmarkDatabase.FilterLimit} filtered, {PostgresInsertMany.Rows} inserted with their keys by each)."
            : $"PostgreSQL: {failures.Count} check(s) failed.");
        return failures.Count == 0 ? 0 : 1;
    }

    private static void Check(List<string> failures, string peer, string what, string expected, string actual)
    {
        if (expected != actual)
        {
            failures.Add($"{peer}, {what}: expected{Environment.NewLine}{Shorten(expected)}{Environment.NewLine}got{Environment.NewLine}{Shorten(actual)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + " ...";

    private static string Print(IEnumerable<UserRow> rows) => string.Join("; ", rows.Select(r => $"{r.Id}|{r.Name}|{r.Email}|{r.Login}"));

    private sealed record Peer(
        string Name,
        Func<List<UserRow>> GetAll,
        Func<string, UserRow?> GetByEmail,
        Func<long, long, long, List<UserRow>> Filtered,
        Action<List<UserRow>> InsertMany);
}
