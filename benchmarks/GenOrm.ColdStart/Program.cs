using System.Globalization;
using GenOrm;
using GenOrm.ColdStart;
using Microsoft.Data.Sqlite;

// GenOrm.ColdStart <database> [--create | --ado]
//   --create  creates the user table with 10,000 rows (run once, before timing)
//   --ado     the same lookup with hand-written Microsoft.Data.Sqlite, for reference
// Otherwise: open the database, one User.GetByEmail, print the name. Exit code 0 when the row was found.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: GenOrm.ColdStart <database> [--create | --ado]");
    return 2;
}

string connectionString = "Data Source=" + args[0];
string mode = args.Length > 1 ? args[1] : "";
const string Email = "user05000@example.com";

if (mode == "--create")
{
    using var engine = Engine.Create(connectionString);
    using Connection conn = engine.Connect();
    User.CreateTable(conn);
    var users = new List<User>(10_000);
    for (int i = 1; i <= 10_000; i++)
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        users.Add(new User { Name = "User " + n, Email = "user" + i.ToString("D5", CultureInfo.InvariantCulture) + "@example.com", Login = "login" + n });
    }

    User.InsertMany(conn, users);
    conn.Commit();
    Console.WriteLine("created " + users.Count + " rows");
    return 0;
}

if (mode == "--ado")
{
    using var connection = new SqliteConnection(connectionString);
    connection.Open();
    using SqliteCommand command = connection.CreateCommand();
    command.CommandText = "SELECT \"Id\", \"Name\", \"Email\", \"Login\" FROM \"user\" WHERE \"Email\" = @email";
    command.Parameters.AddWithValue("@email", Email);
    using SqliteDataReader reader = command.ExecuteReader();
    if (!reader.Read())
    {
        return 1;
    }

    Console.WriteLine(reader.GetString(1));
    return 0;
}

using (var engine = Engine.Create(connectionString))
using (Connection conn = engine.Connect())
{
    User? user = User.GetByEmail(conn, Email);
    Console.WriteLine(user?.Name ?? "not found");
    return user is null ? 1 : 0;
}
