using GenOrm.Testing;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>PostgreSQL's errors as GenOrm's exceptions, the aborted transaction, cancellation and a lost connection.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresErrorTests(PostgresFixture fixture)
{
    private const string Schema =
        "create table parent (id bigint primary key);" +
        "create table child (id bigint primary key, parent_id bigint not null references parent (id), email text unique, " +
        "code varchar(3), qty int constraint qty_positive check (qty > 0), a int, b int, unique (a, b))";

    private (Engine Engine, PostgresDatabase Database) Create(EngineOptions? options = null)
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, Schema.Split(';'));
        Execute(database.ConnectionString, "insert into parent values (1)", "insert into child (id, parent_id, email, a, b) values (1, 1, 'ann@example.com', 1, 1)");
        return (Engine.Create(database.Url, options ?? new EngineOptions()), database);
    }

    [PostgresFact]
    public void ConstraintViolations_AreTranslatedByKind_NamingTableColumnAndConstraint()
    {
        (Engine engine, _) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            var unique = Violation(conn, "insert into child (id, parent_id, email) values (2, 1, 'ann@example.com')");
            Assert.Equal((ConstraintKind.Unique, "child", "email", "child_email_key"), (unique.Kind, unique.TableName, unique.ColumnName, unique.ConstraintName));
            Assert.Equal(
                "Cannot write to table 'child': column 'email' must be unique and another row already has this value. " +
                "Load and update the existing row instead, or use a different value.",
                unique.Message);
            Assert.IsType<global::Npgsql.PostgresException>(unique.InnerException);

            var composite = Violation(conn, "insert into child (id, parent_id, a, b) values (3, 1, 1, 1)");
            Assert.Equal((ConstraintKind.Unique, "child", "a, b"), (composite.Kind, composite.TableName, composite.ColumnName));

            var primaryKey = Violation(conn, "insert into child (id, parent_id) values (1, 1)");
            Assert.Equal((ConstraintKind.PrimaryKey, "child", "id"), (primaryKey.Kind, primaryKey.TableName, primaryKey.ColumnName));
            Assert.Equal(
                "Cannot insert into table 'child': a row with the same primary key (id) already exists. Update the existing row instead, or use a different key.",
                primaryKey.Message);

            var foreignKey = Violation(conn, "insert into child (id, parent_id) values (4, 99)");
            Assert.Equal((ConstraintKind.ForeignKey, "child", "parent_id", "child_parent_id_fkey"), (foreignKey.Kind, foreignKey.TableName, foreignKey.ColumnName, foreignKey.ConstraintName));
            Assert.Equal(
                "A FOREIGN KEY constraint of table 'child' failed: the row refers to a row that does not exist, or is still referred to. " +
                "Insert the referenced row first, or delete the referring rows first.",
                foreignKey.Message);
            var stillReferred = Violation(conn, "delete from parent where id = 1");
            Assert.Equal((ConstraintKind.ForeignKey, "child"), (stillReferred.Kind, stillReferred.TableName));

            var notNull = Violation(conn, "insert into child (id) values (5)");
            Assert.Equal((ConstraintKind.NotNull, "child", "parent_id"), (notNull.Kind, notNull.TableName, notNull.ColumnName));
            Assert.Equal(
                "Column 'parent_id' of table 'child' cannot be NULL. Give it a value, or declare the property nullable (for example string? or long?) to allow NULL.",
                notNull.Message);

            var check = Violation(conn, "insert into child (id, parent_id, qty) values (6, 1, 0)");
            Assert.Equal((ConstraintKind.Check, "child", "qty_positive"), (check.Kind, check.TableName, check.ConstraintName));
            Assert.Equal("A CHECK constraint of table 'child' failed: qty_positive. Change the value so that the condition holds.", check.Message);

            var tooLong = Violation(conn, "insert into child (id, parent_id, code) values (7, 1, 'abcd')");
            Assert.Equal(ConstraintKind.MaxLength, tooLong.Kind);
            Assert.Equal(
                "A string is too long for its column: value too long for type character varying(3). Shorten the value, or raise [MaxLength] on the property.",
                tooLong.Message);

            GenOrmException syntax = Assert.Throws<GenOrmException>(() => conn.Execute(Sql.Text("selec 1")));
            Assert.Equal("PostgreSQL rejected the statement: syntax error at or near \"selec\" (SQLSTATE 42601). SQL: selec 1", syntax.Message);
            Assert.Equal("selec 1", syntax.Sql);

            // None of the failures began a transaction's work: the connection goes on.
            Assert.Equal(1L, conn.Execute(Sql.Text("select count(*) from child")).Scalar<long>());
        }
    }

    [PostgresFact]
    public void ViolationInATableNotCommittedYet_NamesTheConstraint_AndNoColumn()
    {
        (Engine engine, _) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            // The catalog is read on another connection, which cannot see a table this transaction created.
            CreateFresh(conn);

            var unique = Violation(conn, "insert into fresh values (2, 'ann@example.com')");
            Assert.Equal((ConstraintKind.Unique, "fresh", null, "fresh_email_key"), (unique.Kind, unique.TableName, unique.ColumnName, unique.ConstraintName));
            Assert.Equal(
                "Cannot write to table 'fresh': another row already has this value under its unique constraint 'fresh_email_key' " +
                "(whose columns could not be read from the catalog, as for a table not committed yet). Load and update the existing row instead, or use a different value.",
                unique.Message);

            // The error ended the transaction, and the table with it.
            Assert.Throws<PendingRollbackException>(() => conn.Execute(Sql.Text("select 1")));
            conn.Rollback();
            CreateFresh(conn);

            var primaryKey = Violation(conn, "insert into fresh values (1, 'bob@example.com')");
            Assert.Equal((ConstraintKind.PrimaryKey, "fresh", null, "fresh_pkey"), (primaryKey.Kind, primaryKey.TableName, primaryKey.ColumnName, primaryKey.ConstraintName));
            Assert.Equal(
                "Cannot insert into table 'fresh': a row with the same primary key already exists (constraint 'fresh_pkey', " +
                "whose columns could not be read from the catalog, as for a table not committed yet). Update the existing row instead, or use a different key.",
                primaryKey.Message);
        }
    }

    [PostgresFact]
    public void ErrorAfterWork_AbortsTheTransaction_PendingRollbackUntilRollback()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            conn.Execute(Sql.Text("insert into parent values (2)"));
            Assert.Throws<ConstraintViolationException>(() => conn.Execute(Sql.Text("insert into parent values (2)")));

            Assert.False(conn.InTransaction);
            var pending = Assert.Throws<PendingRollbackException>(() => conn.Execute(Sql.Text("select 1")));
            Assert.IsType<ConstraintViolationException>(pending.InnerException);
            Assert.StartsWith("This connection's transaction was rolled back by PostgreSQL after an error (", pending.Message, StringComparison.Ordinal);
            Assert.EndsWith("so its uncommitted work is lost. Call Rollback() to acknowledge it, then run the work again in a new transaction.", pending.Message, StringComparison.Ordinal);
            Assert.Throws<PendingRollbackException>(() => conn.Commit());

            conn.Rollback();
            Assert.Equal(1, conn.Execute(Sql.Text("select 1")).Scalar<int>());
            conn.Execute(Sql.Text("insert into parent values (3)"));
            conn.Commit();
            Assert.Equal(2L, Scalar<long>(database.ConnectionString, "select count(*) from parent"));
        }
    }

    [PostgresFact]
    public void FailedBatch_IsUndone_EarlierWorkKept()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            conn.Execute(Sql.Text("insert into parent values (10)"));
            var batch = new[] { new Params { ["id"] = 11L }, new Params { ["id"] = 12L }, new Params { ["id"] = 11L } };

            Assert.Throws<ConstraintViolationException>(() => conn.Execute(Sql.Text("insert into parent values (:id)"), batch));

            Assert.True(conn.InTransaction);
            Assert.Equal(new object?[] { 1L, 10L }, conn.Execute(Sql.Text("select id from parent order by id")).Select(r => r[0]).ToArray());
            Result ok = conn.Execute(Sql.Text("insert into parent values (:id)"), new[] { new Params { ["id"] = 13L }, new Params { ["id"] = 14L } });
            Assert.Equal(2, ok.RowsAffected);
            conn.Commit();
            Assert.Equal(4L, Scalar<long>(database.ConnectionString, "select count(*) from parent"));
        }
    }

    [PostgresFact]
    public async Task Cancel_StopsTheStatementOnTheServer_ConnectionStaysUsable()
    {
        (Engine engine, _) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => conn.ExecuteAsync(Sql.Text("select pg_sleep(60)"), cts.Token));

            Assert.Equal("The statement was cancelled; the connection is still usable. SQL: select pg_sleep(60)", cancelled.Message);
            var server = Assert.IsType<global::Npgsql.PostgresException>(Assert.IsAssignableFrom<GenOrmException>(cancelled.InnerException).InnerException);
            Assert.Equal("57014", server.SqlState);
            Assert.Equal(1, conn.Execute(Sql.Text("select 1")).Scalar<int>());
        }
    }

    [PostgresFact]
    public async Task StepAsync_CancelledByToken_FailsWithTheServersCancel_ConnectionStaysUsable()
    {
        (Engine engine, _) = Create();
        using (engine)
        await using (Connection conn = await engine.ConnectAsync())
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            using (Internal.Statement sleep = conn.Lend("select pg_sleep(60)"))
            {
                var error = await Assert.ThrowsAsync<global::Npgsql.PostgresException>(async () => await sleep.StepAsync(true, cts.Token));
                Assert.Equal("57014", error.SqlState);
            }

            using Internal.Statement one = conn.Lend("select @x::int + 1");
            one.BindInt64(0, 41);
            Assert.True(await one.StepAsync(true, CancellationToken.None));
            Assert.Equal(42, one.GetInt32(0));
            Assert.False(await one.StepAsync(false, CancellationToken.None));
        }
    }

    [PostgresFact]
    public void TerminatedBackend_IsAClearError_AndThePoolRecovers()
    {
        (Engine engine, PostgresDatabase database) = Create();
        using (engine)
        {
            using (Connection conn = engine.Connect())
            {
                int pid = conn.Execute(Sql.Text("select pg_backend_pid()")).Scalar<int>();
                Execute(database.ConnectionString, $"select pg_terminate_backend({pid})");

                GenOrmException lost = Assert.Throws<GenOrmException>(() => conn.Execute(Sql.Text("select 1")));

                Assert.Equal(
                    $"The connection to the PostgreSQL server (database '{database.Name}') was lost while running a statement " +
                    "(terminating connection due to administrator command): the server may have restarted, or ended this session " +
                    "(pg_terminate_backend, idle_session_timeout). Its uncommitted work is gone and the connection is closed. " +
                    "Dispose it and open a new one with Engine.Connect(), then run the work again. SQL: select 1",
                    lost.Message);
                Assert.False(conn.InTransaction);
            }

            for (int i = 0; i < 3; i++)
            {
                using Connection next = engine.Connect();
                Assert.Equal(1, next.Execute(Sql.Text("select 1")).Scalar<int>());
            }
        }
    }

    [PostgresFact]
    public void RestartedServer_IsAClearErrorOnTheConnectionItEnded_AndTheEngineConnectsAgain()
    {
        // A server of its own: the restart ends every session, and the shared server's other tests keep theirs.
        using PostgresCluster cluster = PostgresCluster.Start();
        PostgresDatabase database = cluster.CreateDatabase();
        using Engine engine = Engine.Create(database.Url);
        using (Connection idle1 = engine.Connect())
        using (Connection idle2 = engine.Connect())
        {
            idle1.Execute(Sql.Text("select 1"));
            idle2.Execute(Sql.Text("select 1"));
        }

        using (Connection conn = engine.Connect())
        {
            conn.Execute(Sql.Text("create table kept (n integer)"));
            conn.Execute(Sql.Text("insert into kept values (1)"));
            conn.Commit();
            conn.Execute(Sql.Text("insert into kept values (2)"));

            cluster.Restart();

            GenOrmException lost = Assert.Throws<GenOrmException>(() => conn.Execute(Sql.Text("select count(*) from kept")));
            Assert.StartsWith($"The connection to the PostgreSQL server (database '{database.Name}') was lost while running a statement (", lost.Message, StringComparison.Ordinal);
            Assert.EndsWith("Dispose it and open a new one with Engine.Connect(), then run the work again. SQL: select count(*) from kept", lost.Message, StringComparison.Ordinal);
            Assert.False(conn.InTransaction);
        }

        // The committed row survived the restart, the uncommitted one did not; every new connection works, the one the
        // pool held idle through the restart included.
        for (int i = 0; i < 3; i++)
        {
            using Connection next = engine.Connect();
            Assert.Equal(1L, next.Execute(Sql.Text("select count(*) from kept")).Scalar<long>());
        }
    }

    [PostgresFact]
    public void LockHeldLongerThanBusyTimeout_IsDatabaseBusy()
    {
        (Engine engine, _) = Create(new EngineOptions { BusyTimeout = TimeSpan.FromMilliseconds(200) });
        using (engine)
        using (Connection holder = engine.Connect())
        using (Connection waiter = engine.Connect())
        {
            holder.Execute(Sql.Text("update parent set id = id where id = 1"));

            var busy = Assert.Throws<DatabaseBusyException>(() => waiter.Execute(Sql.Text("update parent set id = id where id = 1")));

            Assert.StartsWith(
                "The database was busy: another transaction held a lock the statement needs, and PostgreSQL gave up after waiting 200 ms",
                busy.Message, StringComparison.Ordinal);
        }
    }

    [PostgresFact]
    public void SerializationFailure_IsDatabaseBusy()
    {
        (Engine engine, _) = Create();
        using (engine)
        using (Connection first = engine.Connect())
        using (Connection second = engine.Connect())
        {
            first.Execute(Sql.Text("set transaction isolation level serializable"));
            second.Execute(Sql.Text("set transaction isolation level serializable"));
            first.Execute(Sql.Text("select count(*) from parent"));
            second.Execute(Sql.Text("select count(*) from parent"));
            first.Execute(Sql.Text("insert into parent values (100)"));
            second.Execute(Sql.Text("insert into parent values (200)"));
            first.Commit();

            var busy = Assert.Throws<DatabaseBusyException>(() => second.Commit());

            Assert.StartsWith(
                "This transaction could not go on: PostgreSQL ended it because it conflicted with a concurrent transaction (SQLSTATE 40001: a serialization failure).",
                busy.Message, StringComparison.Ordinal);
            Assert.False(second.InTransaction);
        }
    }

    [PostgresFact]
    public void APrimaryKeyMovedToOtherColumns_IsNamedByItsNewColumns()
    {
        (Engine engine, _) = Create();
        using (engine)
        using (Connection conn = engine.Connect())
        {
            conn.Execute(Sql.Text("create table moved (id bigint primary key, code text not null)"));
            conn.Execute(Sql.Text("insert into moved values (1, 'a')"));
            conn.Commit();
            Assert.Equal("id", Violation(conn, "insert into moved values (1, 'b')").ColumnName);

            conn.Execute(Sql.Text("alter table moved drop constraint moved_pkey"));
            conn.Execute(Sql.Text("alter table moved add primary key (code)"));
            conn.Commit();

            var moved = Violation(conn, "insert into moved values (2, 'a')");
            Assert.Equal((ConstraintKind.PrimaryKey, "code", "moved_pkey"), (moved.Kind, moved.ColumnName, moved.ConstraintName));
            Assert.Equal(
                "Cannot insert into table 'moved': a row with the same primary key (code) already exists. Update the existing row instead, or use a different key.",
                moved.Message);
        }
    }

    private static void CreateFresh(Connection conn)
    {
        conn.Execute(Sql.Text("create table fresh (id bigint primary key, email text unique)"));
        conn.Execute(Sql.Text("insert into fresh values (1, 'ann@example.com')"));
    }

    private static ConstraintViolationException Violation(Connection conn, string sql) =>
        Assert.Throws<ConstraintViolationException>(() => conn.Execute(Sql.Text(sql)));
}
