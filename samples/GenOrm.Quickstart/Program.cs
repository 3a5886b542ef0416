// The seed's SQLAlchemy walk-through, step by step, in C# with GenOrm.
using GenOrm;
using GenOrm.Generated;
using GenOrm.Quickstart;

// engine = create_engine("sqlite+pysqlite:///:memory:", echo=True)
using var engine = Engine.Create("sqlite+pysqlite:///:memory:", echo: true);

// with engine.connect() as conn:
//     result = conn.execute(text('select "result"'))
//     print(result.all())
using (var conn = engine.Connect())
{
    var result = conn.Execute(Sql.Text("select 'result'"));
    Console.WriteLine(result.All());
}

// Create my_table, insert two rows with one statement and a list of parameter sets, commit, read them back.
using (var conn = engine.Connect())
{
    conn.Execute(Sql.Text("create table my_table (x integer primary key, y integer)"));
    conn.Execute(
        Sql.Text("insert into my_table (x, y) values (:x, :y)"),
        new[] { new Params { ["x"] = 1, ["y"] = 2 }, new Params { ["x"] = 3, ["y"] = 4 } });
    conn.Commit();

    var result = conn.Execute(Sql.Text("select * from my_table"));
    Console.WriteLine(result.All());
}

// The declarative User class (User.cs): the generator gave it CreateTable, GetAll, GetByEmail and the rest.
using (var conn = engine.Connect())
{
    User.CreateTable(conn);
    User.InsertMany(conn, new[]
    {
        new User { Id = 1, Name = "Ann", Email = "ann@example.com", Login = "ann" },
        new User { Id = 2, Name = "Bob", Email = "bob@example.com", Login = "bob" },
    });
    conn.Commit();
}

using (var conn = engine.Connect())
{
    // get_all_users()
    Console.WriteLine("[" + string.Join(", ", User.GetAll(conn)) + "]");

    // get_user_by_email(email): the user, or None when no row matches. Email is only part of the key, so GetByEmail
    // reads every row with that email; SingleOrDefault picks the one this sample has.
    Console.WriteLine(User.GetByEmail(conn, "bob@example.com").SingleOrDefault()?.ToString() ?? "None");
    Console.WriteLine(User.GetByEmail(conn, "nobody@example.com").SingleOrDefault()?.ToString() ?? "None");

    // session.query(User).filter(User.email == email).one(), as a typed query the compiler checks.
    Console.WriteLine(User.Query(conn).Where(User.Columns.Email == "ann@example.com").One());
    Console.WriteLine(User.Query(conn).Where(User.Columns.Email == "nobody@example.com").OneOrNone()?.ToString() ?? "None");
    Console.WriteLine(User.Query(conn).Where(User.Columns.Id > 1 | User.Columns.Login.Like("a%")).OrderByDescending(User.Columns.Name).Select(User.Columns.Login).All().Count);

    // Any SQL can be mapped onto User by column name, and a User can supply parameter values by column name.
    var ann = User.GetByEmail(conn, "ann@example.com").Single();
    var sameLogin = conn.Query<User>(Sql.Text("select * from \"user\" where login = :login"), new Params { ["login"] = ann.Login });
    Console.WriteLine("[" + string.Join(", ", sameLogin) + "]");
    Console.WriteLine(conn.Execute(Sql.Text("select count(*) from \"user\" where email = :email"), ann).Scalar<long>());
}

// A [Query] method (UserReports.cs): its SQL, parameters and result type were checked at compile time.
using (var conn = engine.Connect())
{
    Console.WriteLine("[" + string.Join(", ", UserReports.ByLoginInitial(conn, top: 5)) + "]");
}

// Schema versions (docs/migrations.md): schema/v1.json recorded User before Nickname, schema/v2.json after it. A
// database made at v1 is migrated to v2: the step adds the column, then the [Migration] hook fills it.
using var versioned = Engine.Create("sqlite://");
using (var conn = versioned.Connect())
{
    foreach (var table in Schema.History[0].Tables)
    {
        conn.Execute(Sql.Text(table.CreateSql));
    }

    conn.Execute(Sql.Text("insert into \"user\" (id, name, email, login) values (1, 'Ann', 'ann@example.com', 'ann')"));
    conn.Execute(Sql.Text("pragma user_version = 1"));
    conn.Commit();

    Schema.Migrate(conn);
    Console.WriteLine($"v{conn.Execute(Sql.Text("pragma user_version")).Scalar<long>()}: {string.Join("; ", Schema.Migrations[0].Statements)}");
    conn.Rollback();
    Console.WriteLine(User.GetAll(conn).Single().Nickname);
}
