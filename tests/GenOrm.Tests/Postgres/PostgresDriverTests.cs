using GenOrm.Testing;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>The engine on the PostgreSQL driver: connections, text SQL, transactions, scripts and batches.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDriverTests(PostgresFixture fixture)
{
    private (Engine Engine, PostgresDatabase Database) Create(bool echo = false, TextWriter? writer = null)
    {
        PostgresDatabase database = fixture.CreateDatabase();
        return (Engine.Create(database.Url, new EngineOptions { Echo = echo, EchoWriter = writer }), database);
    }

    [PostgresFact]
    public void Begin_TravelsWithTheFirstStatement_AndAnEmptyTransactionCostsNoRoundTrip()
    {
        (Engine engine, _) = Create();
        using (engine)
        {
            using (Connection setup = engine.Connect())
            {
                setup.Execute(Sql.Text("create table rt (n integer)"));
                setup.Commit();
            }

            using Connection conn = engine.Connect();
            using var count = new NpgsqlCommandCount();

            // An implicit transaction: BEGIN goes in the insert's batch, then COMMIT. (Execute also learns the statement's
            // columns from its run, not from a describe of their own.)
            conn.Execute(Sql.Text("insert into rt values (1)"));
            Assert.Equal(1, count.Count);
            conn.Commit();
            Assert.Equal(2, count.Count);

            // An explicit one with two statements: BEGIN with the first, then the second, then COMMIT.
            conn.Begin();
            conn.Execute(Sql.Text("insert into rt values (2)"));
            Assert.Equal(2L, conn.Execute(Sql.Text("select count(*) from rt")).Scalar<long>());
            conn.Commit();
            Assert.Equal(5, count.Count);

            // Nothing ran: neither BEGIN nor COMMIT (or ROLLBACK) reaches the server.
            conn.Begin();
            conn.Commit();
            conn.Begin();
            conn.Rollback();
            Assert.Equal(5, count.Count);
            Assert.False(conn.InTransaction);

            // The work of a transaction whose BEGIN travelled with its first statement is one unit: rolled back whole.
            conn.Execute(Sql.Text("insert into rt values (3)"));
            conn.Execute(Sql.Text("insert into rt values (4)"));
            conn.Rollback();
            Assert.Equal(2L, conn.Execute(Sql.Text("select count(*) from rt")).Scalar<long>());
            conn.Rollback();
        }
    }

    [PostgresFact]
    public async Task BeginAsync_TravelsWithTheFirstStatement_AndGetDbConnectionSendsItFirst()
    {
        (Engine engine, _) = Create();
        using (engine)
        {
            await using (Connection setup = await engine.ConnectAsync())
            {
                await setup.ExecuteAsync(Sql.Text("create table rt (n integer)"));
                await setup.CommitAsync();
            }

            await using Connection conn = await engine.ConnectAsync();
            using (var count = new NpgsqlCommandCount())
            {
                await conn.BeginAsync();
                await conn.ExecuteAsync(Sql.Text("insert into rt values (1)"));
                await conn.RollbackAsync();
                Assert.Equal(2, count.Count);
            }

            // A command on the raw connection right after Begin() runs in the transaction: GetDbConnection sends BEGIN.
            await conn.BeginAsync();
            System.Data.Common.DbConnection ado = conn.GetDbConnection();
            using (System.Data.Common.DbCommand insert = ado.CreateCommand())
            {
                insert.CommandText = "insert into rt values (2)";
                await insert.ExecuteNonQueryAsync();
            }

            await conn.RollbackAsync();
            Assert.Equal(0L, (await conn.ExecuteAsync(Sql.Text("select count(*) from rt"))).Scalar<long>());
        }
    }

    [PostgresFact]
    public void AConnectionGivenBack_IsReusedWithItsStatements_AndItsSessionIsReset()
    {
        (Engine engine, _) = Create();
        using (engine)
        {
            System.Data.Common.DbConnection first;
            using (Connection conn = engine.Connect())
            {
                first = conn.GetDbConnection();
                conn.Execute(Sql.Text("set statement_timeout = 1234"));
                Assert.Equal("1234ms", conn.Execute(Sql.Text("show statement_timeout")).Scalar<string>());
                conn.Commit();
            }

            // The same objects (statements, commands, parameters) serve the next lease, on a session Npgsql reset.
            using (Connection conn = engine.Connect())
            {
                Assert.Same(first, conn.GetDbConnection());
                Assert.Equal("0", conn.Execute(Sql.Text("show statement_timeout")).Scalar<string>());
                conn.Rollback();
            }

            // A connection left in a transaction is rolled back when given back, and the next lease starts clean.
            using (Connection conn = engine.Connect())
            {
                conn.Execute(Sql.Text("create table reuse (n integer)"));
                conn.Commit();
                conn.Execute(Sql.Text("insert into reuse values (1)"));
            }

            using (Connection conn = engine.Connect())
            {
                Assert.Equal(0L, conn.Execute(Sql.Text("select count(*) from reuse")).Scalar<long>());
                conn.Commit();
            }
        }
    }

    [PostgresFact]
    public void ExecuteSelect_ReadsRowsWithNamedParameters()
    {
        (Engine engine, _) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            Result result = conn.Execute(Sql.Text("select :a::int + @b as total, $c::text || 'x' as name"), new Params { ["a"] = 1, ["b"] = 2, ["c"] = "y" });

            Assert.Equal(new[] { "total", "name" }, result.Columns);
            Row row = result.One();
            Assert.Equal(3, row.Get<int>("total"));
            Assert.Equal("yx", row.Get<string>("name"));
        }
    }

    [PostgresFact]
    public void Commit_MakesWorkPermanent_Rollback_AndDispose_UndoIt()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        {
            using (Connection conn = engine.Connect())
            {
                conn.Execute(Sql.Text("create table t (id bigint primary key, name text not null)"));
                conn.Execute(Sql.Text("insert into t values (1, 'kept')"));
                conn.Commit();
                Result inserted = conn.Execute(Sql.Text("insert into t values (:id, :name)"), new Params { ["id"] = 2L, ["name"] = "rolled back" });
                Assert.Equal(1, inserted.RowsAffected);
                Assert.True(conn.InTransaction);
                conn.Rollback();
                Assert.False(conn.InTransaction);
                conn.Execute(Sql.Text("insert into t values (3, 'disposed')"));
            }

            Assert.Equal(1L, Scalar<long>(database.ConnectionString, "select count(*) from t"));
            Assert.Equal("kept", Scalar<string>(database.ConnectionString, "select name from t"));
        }
    }

    [PostgresFact]
    public void Script_RunsEveryStatement_AndCountsTheRowsItChanged()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            Result result = conn.Execute(Sql.Text(
                "create table s (id int primary key, note text); -- a ; in a comment\n" +
                "insert into s values (1, 'a;b'), (2, $$x;y$$);\n" +
                "/* a /* nested ; */ comment */ update s set note = note || ';' where id = :id;\n" +
                "select id, note from s order by id;;"),
                new Params { ["id"] = 2 });
            conn.Commit();

            Assert.Equal(3, result.RowsAffected);
            Assert.Equal(new object?[] { 1L, "a;b" }, new[] { result.All()[0][0], result.All()[0][1] });
            Assert.Equal(new object?[] { 2L, "x;y;" }, new[] { result.All()[1][0], result.All()[1][1] });
            Assert.Equal(2L, Scalar<long>(database.ConnectionString, "select count(*) from s"));
        }
    }
}

/// <summary>One SQL text run again and again with values of other types: the server-side preparation follows the types.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPreparedTests(PostgresFixture fixture)
{
    [PostgresFact]
    public void SameText_WithValuesOfOtherTypes_RunsEachTime()
    {
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection conn = engine.Connect();
        var sql = Sql.Text("select :x is null as missing, pg_typeof(:x)::text as type");

        object?[] values = [1, 2, "text", "more", "again", 3L, Guid.Empty, 4, 1.5m];
        string[] types = values.Select(v => conn.Execute(sql, new Params { ["x"] = v }).One().Get<string>("type")).ToArray();

        Assert.Equal(new[] { "integer", "integer", "text", "text", "text", "bigint", "uuid", "integer", "numeric" }, types);

        // NULL goes untyped: where the statement gives it a type it runs, where nothing does the server says so.
        var typed = Sql.Text("select :x::int is null as missing");
        Assert.True(conn.Execute(typed, new Params { ["x"] = 5 }) is { } first && !first.One().Get<bool>("missing"));
        Assert.True(conn.Execute(typed, new Params { ["x"] = null }).One().Get<bool>("missing"));
        GenOrmException untyped = Assert.Throws<GenOrmException>(() => conn.Execute(sql, new Params { ["x"] = null }));
        Assert.Contains("could not determine data type of parameter $1 (SQLSTATE 42P18)", untyped.Message, StringComparison.Ordinal);
    }
}
