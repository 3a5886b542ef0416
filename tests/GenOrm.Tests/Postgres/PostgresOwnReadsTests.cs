using GenOrm.Testing;
using GenOrm.Tests.Orm;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// GenOrm's own reads (generated lookups, typed queries) run ahead of an implicit transaction's <c>BEGIN</c> on
/// PostgreSQL at <c>READ COMMITTED</c>: a unit of work that only reads is one round trip per statement, with nothing to
/// commit; anything else keeps them in the transaction. Each engine names its sessions, so that the server's own view
/// (<c>pg_stat_activity</c>) shows whether a transaction is open.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresOwnReadsTests(PostgresFixture fixture)
{
    private const string App = "genorm-own-reads";

    private (Engine Engine, PostgresDatabase Database) Create(string options = "", StringWriter? echo = null)
    {
        PostgresDatabase database = fixture.CreateDatabase();
        using (Engine setup = Engine.Create(database.Url))
        using (Connection conn = setup.Connect())
        {
            GenOrm.Generated.Schema.CreateAll(conn);
            Account.Insert(conn, new Account { Email = "ann@example.com", Login = "ann", Score = 1 });
            conn.Commit();
        }

        string connectionString = database.ConnectionString + ";Application Name=" + App + options;
        return (Engine.Create(connectionString, new EngineOptions { Echo = echo is not null, EchoWriter = echo }), database);
    }

    /// <summary>The state of the engine's one session as the server sees it: <c>idle</c>, or <c>idle in transaction</c>.</summary>
    private static string SessionState(PostgresDatabase database) =>
        Scalar<string>(database.ConnectionString, $"select state from pg_stat_activity where application_name = '{App}'");

    [PostgresFact]
    public void AUnitOfWorkThatOnlyReads_IsOneRoundTripPerStatement_AndOpensNoTransactionOnTheServer()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        {
            using (Connection conn = engine.Connect())
            using (var count = new NpgsqlCommandCount(App))
            {
                Assert.Equal("ann", Account.GetByEmail(conn, "ann@example.com")!.Login);
                Assert.Equal(1, count.Count);
                Assert.True(conn.InTransaction);
                Assert.Equal("idle", SessionState(database));

                Assert.Single(Account.Query(conn).Where(Account.Columns.Score >= 0).All());
                Assert.Single(Account.GetAll(conn));
                Assert.Equal(1L, Account.Query(conn).Count());
                Assert.Equal("idle", SessionState(database));
                Assert.Equal(4, count.Count);

                // Nothing to commit on the server.
                conn.Commit();
                Assert.False(conn.InTransaction);
                Assert.Equal(4, count.Count);

                // And nothing to roll back when the connection is disposed after reading.
                Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
                conn.Dispose();
                Assert.Equal(5, count.Count);
            }
        }
    }

    [PostgresFact]
    public async Task ReadsAsync_RunAheadToo()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        {
            await using Connection conn = await engine.ConnectAsync();
            using var count = new NpgsqlCommandCount(App);
            Assert.NotNull(await Account.GetByEmailAsync(conn, "ann@example.com"));
            Assert.Single(await Account.Query(conn).AllAsync());
            await foreach (Queries.QTrack track in Queries.MusicQueries.TracksOfAsync(conn, 1))
            {
                Assert.Fail("No album 1 was inserted, yet a track of it was read: " + track.Name);
            }

            Assert.Equal("idle", SessionState(database));
            await conn.CommitAsync();
            Assert.Equal(3, count.Count);
        }
    }

    [PostgresFact]
    public void AWriteAfterReads_CarriesTheBegin_AndTheUnitOfWorkStillRollsBackWhole()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        using (var count = new NpgsqlCommandCount(App))
        {
            Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
            Assert.Equal("idle", SessionState(database));

            // The write takes BEGIN with it; the reads after it are in the transaction and see its row.
            Account.Insert(conn, new Account { Email = "bob@example.com", Login = "bob" });
            Assert.Equal("idle in transaction", SessionState(database));
            Assert.Equal("bob", Account.GetByEmail(conn, "bob@example.com")!.Login);
            Assert.Equal(3, count.Count);

            conn.Rollback();
            Assert.Equal(4, count.Count);
            Assert.Equal(1L, Scalar<long>(database.ConnectionString, "select count(*) from accounts"));

            // Once a statement other than GenOrm's own reads has run, the lease keeps its reads in the transaction.
            Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
            Assert.Equal("idle in transaction", SessionState(database));
            conn.Commit();
        }
    }

    [PostgresFact]
    public void CheckedQueryMethodSelects_RunAheadToo_AQueryMethodThatWritesOrIsUnchecked_DoesNot()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        {
            using (Connection conn = engine.Connect())
            using (var count = new NpgsqlCommandCount(App))
            {
                Assert.Equal(0L, Queries.MusicQueries.CountTracks(conn));
                Assert.Null(Queries.MusicQueries.ArtistName(conn, 1));
                Assert.Empty(Queries.MusicQueries.TracksOf(conn, 1));
                Assert.Equal("idle", SessionState(database));
                conn.Commit();
                Assert.Equal(3, count.Count);

                // A [Query] that writes takes the BEGIN with it.
                Assert.Equal(0, Queries.MusicQueries.SetComposer(conn, 1, "x"));
                Assert.Equal("idle in transaction", SessionState(database));
                conn.Commit();
            }

            // Verify = false: its SQL was not checked, so it may call any function: it runs in the transaction.
            using (Connection conn = engine.Connect())
            {
                Assert.Empty(Queries.MusicQueries.UncheckedSummaries(conn, 1));
                Assert.Equal("idle in transaction", SessionState(database));
            }
        }
    }

    [PostgresTheory]
    [InlineData("repeatable read")]
    [InlineData("serializable")]
    public void AtRepeatableReadOrSerializable_ReadsShareTheTransactionsSnapshot(string isolation)
    {
        (Engine engine, PostgresDatabase database) = Create(";Options=-c default_transaction_isolation=" + isolation.Replace(" ", "\\ ", StringComparison.Ordinal));
        using (engine)
        using (Connection conn = engine.Connect())
        {
            Assert.Single(Account.GetAll(conn));
            Assert.Equal("idle in transaction", SessionState(database));

            // Another session commits a row: the unit of work's later read still sees its first read's snapshot.
            Execute(database.ConnectionString, "insert into accounts (\"Email\", \"Login\", \"Score\") values ('cid@example.com', 'cid', 0)");
            Assert.Single(Account.GetAll(conn));
            conn.Commit();
            Assert.Equal(2, Account.GetAll(conn).Count);
            conn.Commit();
        }
    }

    [PostgresFact]
    public void AtReadCommitted_AReadAheadSeesWhatTheServerCommitted_AsInsideATransaction()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            Assert.Single(Account.GetAll(conn));
            Execute(database.ConnectionString, "insert into accounts (\"Email\", \"Login\", \"Score\") values ('cid@example.com', 'cid', 0)");
            Assert.Equal(2, Account.GetAll(conn).Count);
            conn.Commit();
        }
    }

    [PostgresFact]
    public void TextTheUserWrote_AnExplicitBegin_OrTheRawConnection_KeepReadsInTheTransaction()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        {
            // A text the user wrote (it may SET the isolation level, or call a function that writes).
            using (Connection conn = engine.Connect())
            {
                Assert.Equal(1, conn.Execute(Sql.Text("select 1")).Scalar<int>());
                conn.Commit();
                Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
                Assert.Equal("idle in transaction", SessionState(database));
            }

            // Begin(): a transaction now, which the reads join.
            using (Connection conn = engine.Connect())
            {
                conn.Begin();
                Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
                Assert.Equal("idle in transaction", SessionState(database));
                conn.Commit();

                // The next implicit transaction of the same lease reads ahead again: nothing else ran.
                Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
                Assert.Equal("idle", SessionState(database));
            }

            // The raw ADO.NET connection.
            using (Connection conn = engine.Connect())
            {
                _ = conn.GetDbConnection();
                Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
                Assert.Equal("idle in transaction", SessionState(database));
            }

            // Each lease starts afresh.
            using (Connection conn = engine.Connect())
            {
                Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
                Assert.Equal("idle", SessionState(database));
            }
        }
    }

    [PostgresFact]
    public void Echo_IsTheSameAsOnSqlite()
    {
        var onPostgres = new StringWriter();
        (Engine engine, _) = Create(echo: onPostgres);
        using (engine)
        {
            ReadAndCommit(engine);
        }

        var onSqlite = new StringWriter();
        using (Engine sqlite = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = onSqlite }))
        {
            using (Connection conn = sqlite.Connect())
            {
                GenOrm.Generated.Schema.CreateAll(conn);
                Account.Insert(conn, new Account { Email = "ann@example.com", Login = "ann", Score = 1 });
                conn.Commit();
            }

            onSqlite.GetStringBuilder().Clear();
            ReadAndCommit(sqlite);
        }

        Assert.StartsWith("[genorm] BEGIN (implicit)\n", Normalized(onPostgres), StringComparison.Ordinal);
        Assert.EndsWith("[genorm] COMMIT\n", Normalized(onPostgres), StringComparison.Ordinal);
        Assert.Equal(Normalized(onSqlite), Normalized(onPostgres));

        static void ReadAndCommit(Engine engine)
        {
            using Connection conn = engine.Connect();
            Assert.NotNull(Account.GetByEmail(conn, "ann@example.com"));
            conn.Commit();
        }

        static string Normalized(StringWriter echo) =>
            System.Text.RegularExpressions.Regex.Replace(echo.ToString(), @"\d+(\.\d+)? ms", "X ms").ReplaceLineEndings("\n");
    }

    [PostgresFact]
    public void AReadAheadThatFails_IsAClearError_AndTheConnectionGoesOn()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            Assert.Single(Account.GetAll(conn));
            Execute(database.ConnectionString, "alter table accounts rename to accounts_gone");
            var error = Assert.ThrowsAny<GenOrmException>(() => Account.GetAll(conn));
            Assert.Contains("accounts", error.Message, StringComparison.Ordinal);

            // As after any error on PostgreSQL: the unit of work is over, and Rollback() says so to the code.
            Assert.False(conn.InTransaction);
            Assert.Throws<PendingRollbackException>(() => Account.GetAll(conn));
            conn.Rollback();

            Execute(database.ConnectionString, "alter table accounts_gone rename to accounts");
            Account.Insert(conn, new Account { Email = "dan@example.com", Login = "dan" });
            conn.Commit();
            Assert.Equal(2L, Scalar<long>(database.ConnectionString, "select count(*) from accounts"));
        }
    }
}
