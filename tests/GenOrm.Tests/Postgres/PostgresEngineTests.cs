using GenOrm.Testing;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>The engine around the driver: echo in SQLite's form, concurrent writers, async open and the engine's options.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEngineTests(PostgresFixture fixture)
{
    [PostgresFact]
    public void Echo_IsIdenticalInFormToSqlites_ForTheSameStatements()
    {
        string Run(string url)
        {
            var writer = new StringWriter();
            using Engine engine = Engine.Create(url, new EngineOptions { Echo = true, EchoWriter = writer });
            using (Connection conn = engine.Connect())
            {
                var values = new Params
                {
                    ["id"] = 7, ["name"] = "O'Brien", ["g"] = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
                    ["d"] = new DateOnly(2026, 12, 7), ["m"] = 1.50m, ["b"] = true, ["n"] = null,
                };
                conn.Execute(Sql.Text("select :id as id, :name as name, :g as g, :d as d, :m as m, :b as b, :n as n"), values);
                conn.Execute(Sql.Text("select :x as x"), new[] { new Params { ["x"] = 1L }, new Params { ["x"] = 2L } });
                conn.Commit();
                conn.Execute(Sql.Text("select :s as s"), new Params { ["s"] = "two\nlines" });
                conn.Rollback();
            }

            return System.Text.RegularExpressions.Regex.Replace(writer.ToString(), @"\d+(\.\d+)? ms", "N ms");
        }

        string sqlite = Run("sqlite://");
        string postgres = Run(fixture.CreateDatabase().Url);

        Assert.Equal(sqlite, postgres);
        Assert.Contains("[genorm] [executed in N ms] 2 parameter sets: [{x: 1}, {x: 2}]", postgres, StringComparison.Ordinal);
        Assert.Contains("[genorm] [executed in N ms] {id: 7, name: 'O\\'Brien', g: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', d: '2026-12-07', m: '1.5', b: 1, n: None}", postgres, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GeneratedCrudContractTests.Databases), MemberType = typeof(GeneratedCrudContractTests))]
    public void GetDbConnection_IsTheOpenAdoConnection_AndItsCommandsJoinTheTransaction(string database)
    {
        using Engine engine = Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);
        using Connection conn = engine.Connect();
        conn.Execute(Sql.Text("create table ado (n integer)"));
        conn.Commit();
        conn.Execute(Sql.Text("insert into ado (n) values (1)"));

        System.Data.Common.DbConnection ado = conn.GetDbConnection();
        Assert.Equal(database == "sqlite" ? "SqliteConnection" : "NpgsqlConnection", ado.GetType().Name);
        Assert.Equal(System.Data.ConnectionState.Open, ado.State);
        using (System.Data.Common.DbCommand command = ado.CreateCommand())
        {
            // The uncommitted row is visible: the command ran inside GenOrm's transaction, on the same session.
            command.CommandText = "select count(*) from ado";
            Assert.Equal(1L, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }

        conn.Rollback();
        Assert.Equal(0L, conn.Execute(Sql.Text("select count(*) from ado")).Scalar<long>());
    }

    [PostgresFact]
    public void DbConnection_OnPostgres_SaysToUseGetDbConnection()
    {
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection conn = engine.Connect();

        var error = Assert.Throws<InvalidOperationException>(() => conn.DbConnection);
        Assert.Equal(
            "Connection.DbConnection is the SqliteConnection of a SQLite database, and this connection is to PostgreSQL " +
            "(its ADO.NET connection is a NpgsqlConnection). Use Connection.GetDbConnection(), which returns the ADO.NET connection of any database.",
            error.Message);
    }

    [Fact]
    public void GetDbConnection_AfterDispose_Throws()
    {
        using Engine engine = Engine.Create("sqlite://");
        Connection conn = engine.Connect();
        conn.Dispose();

        Assert.Throws<ObjectDisposedException>(() => conn.GetDbConnection());
    }

    [PostgresFact]
    public void Echo_OfAFailedStatement_ShowsItsParameters_AndTheTransactionThePostgresErrorEnded()
    {
        var writer = new StringWriter();
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url, new EngineOptions { Echo = true, EchoWriter = writer });
        using (Connection conn = engine.Connect())
        {
            Assert.ThrowsAny<GenOrmException>(() => conn.Execute(Sql.Text("select * from missing_table where a = :a"), new Params { ["a"] = 1 }));
            conn.Rollback();
        }

        // PostgreSQL checks the table when the statement runs (SQLite when it is prepared, before binding): the failure
        // shows the bound values; and the error ended the transaction, which the engine echoes.
        Assert.Equal(
            "[genorm] BEGIN (implicit)\n[genorm] select * from missing_table where a = :a\n[genorm] [failed after N ms] {a: 1}\n" +
            "[genorm] ROLLBACK (ended by PostgreSQL after the error)\n",
            System.Text.RegularExpressions.Regex.Replace(writer.ToString(), @"\d+(\.\d+)? ms", "N ms").ReplaceLineEndings("\n"));
    }

    [PostgresFact]
    public void EightWriters_OnEightConnections_LoseNoRow()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, "create table w (writer int not null, n int not null, primary key (writer, n))");
        using Engine engine = Engine.Create(database.Url);
        const int Writers = 8;
        const int Rows = 2000;

        Parallel.For(0, Writers, new ParallelOptions { MaxDegreeOfParallelism = Writers }, writer =>
        {
            using Connection conn = engine.Connect();
            for (int n = 0; n < Rows; n++)
            {
                conn.Execute(Sql.Text("insert into w (writer, n) values (:writer, :n)"), new Params { ["writer"] = writer, ["n"] = n });
                if (n % 100 == 99)
                {
                    conn.Commit();
                }
            }

            conn.Commit();
        });

        Assert.Equal((long)Writers * Rows, Scalar<long>(database.ConnectionString, "select count(*) from w"));
        Assert.Equal((long)Writers, Scalar<long>(database.ConnectionString, "select count(distinct writer) from w where n = 1999"));
    }

    [PostgresFact]
    public async Task ConnectAsync_BeginAndCommitAsync_OnTheDriver()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, "create table a (id int primary key)");
        using Engine engine = Engine.Create(database.Url);
        await using (Connection conn = await engine.ConnectAsync())
        {
            conn.Execute(Sql.Text("insert into a values (1)"));
            await conn.CommitAsync();
        }

        Assert.Equal(1L, Scalar<long>(database.ConnectionString, "select count(*) from a"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.ConnectAsync(cancelled.Token));
    }

    [PostgresFact]
    public void ReadOnlyEngine_RefusesWrites_WithTheServersError()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, "create table r (id int)");
        using Engine engine = Engine.Create(database.Url, new EngineOptions { ReadOnly = true });
        using Connection conn = engine.Connect();

        Assert.True(engine.IsReadOnly);
        Assert.False(engine.IsInMemory);
        Assert.Equal(EngineOptions.DefaultBusyTimeout, engine.BusyTimeout);
        Assert.Equal(0L, conn.Execute(Sql.Text("select count(*) from r")).Scalar<long>());
        GenOrmException refused = Assert.Throws<GenOrmException>(() => conn.Execute(Sql.Text("insert into r values (1)")));
        Assert.Equal("PostgreSQL rejected the statement: cannot execute INSERT in a read-only transaction (SQLSTATE 25006). SQL: insert into r values (1)", refused.Message);
    }

    [PostgresFact]
    public void UnreachableServer_IsAClearError_PasswordMasked()
    {
        using Engine engine = Engine.Create("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2");

        GenOrmException error = Assert.Throws<GenOrmException>(() => engine.Connect());

        Assert.StartsWith("Cannot connect to the PostgreSQL server of 'Host=127.0.0.1;Port=1;Database=none;Username=nobody;Password=***;Timeout=2': ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
