using GenOrm.Generators.Tests.Helpers;
using GenOrm.Migrations;
using GenOrm.Testing;
using GenOrm.Tests.Postgres;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// The four versions of <see cref="EndToEndMigrationTests"/>, compiled for a project that references GenOrm.Npgsql,
/// migrated on the throwaway PostgreSQL server by the generated PostgreSQL steps (<c>ALTER TABLE</c> in place, no
/// table copy): every row compared after each step, the version in <c>genorm_schema_version</c>, a failing step, two
/// migrators at once, adoption and the refusals.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEndToEndMigrationTests(PostgresFixture fixture)
{
    /// <summary>The four versions, compiled once for the class.</summary>
    private static readonly Lazy<Type[]> Versions = new(CompileAllVersions);

    [PostgresFact]
    public void V1ToV4_StepByStep_EveryValueKept()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection connection = engine.Connect();

        MigrationHarness.Migrate(schemas[0], connection);
        Assert.Equal(1, Version(connection));
        Seed(connection);

        MigrationHarness.Migrate(schemas[1], connection);
        Assert.Equal(2, Version(connection));
        Assert.Equal("[(1, 'Ann', None), (2, 'Bob Ó\\'Neil', None)]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Name\", \"Email\" FROM \"author\" ORDER BY \"Id\""));
        Assert.Equal(
            "[(10, 1, 'Hello', 'first body', 5), (11, 2, 'Second', None, -3), (12, 1, 'Thïrd', 'x\"y', 0)]",
            MigrationHarness.Rows(connection, "SELECT \"Id\", \"AuthorId\", \"Headline\", \"Body\", \"Score\" FROM \"post\" ORDER BY \"Id\""));
        Assert.Equal("[('bigint',)]", MigrationHarness.Rows(connection, "SELECT DISTINCT pg_typeof(\"Score\")::text FROM \"post\""));
        Assert.Equal("[('ix_post_AuthorId',)]", MigrationHarness.Rows(connection, "SELECT indexname::text FROM pg_catalog.pg_indexes WHERE tablename = 'post' AND indexname LIKE 'ix%'"));
        Assert.Equal("[(1, 'old')]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Data\" FROM \"legacy\""));

        MigrationHarness.Migrate(schemas[2], connection);
        Assert.Equal(3, Version(connection));
        Assert.Equal("[(1, 'Ann', 'ann@example.com'), (2, 'Bob Ó\\'Neil', 'bob Ó\\'neil@example.com')]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Name\", \"Email\" FROM \"author\" ORDER BY \"Id\""));
        Assert.Equal("[(10, 1, 'Hello', 5), (11, 2, 'Second', -3), (12, 1, 'Thïrd', 0)]", MigrationHarness.Rows(connection, "SELECT * FROM \"post\" ORDER BY \"Id\""));
        Assert.Equal("[('post_AuthorId_fkey', 'c')]", MigrationHarness.Rows(connection, "SELECT conname::text, confdeltype::text FROM pg_catalog.pg_constraint WHERE contype = 'f'"));
        Assert.Equal("[(False,)]", MigrationHarness.Rows(connection, "SELECT to_regclass('legacy') IS NOT NULL"));

        MigrationHarness.Migrate(schemas[3], connection);
        Assert.Equal(4, Version(connection));
        AssertV4Rows(connection);
        Assert.Equal("The database matches schema v4.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[3])).ToString());
    }

    [PostgresFact]
    public async Task V1ToV4_InOneMigrateAsync_SameRows_AndMigrateAgainChangesNothing()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        Seed(connection);

        await (Task)schemas[3].GetMethod("MigrateAsync")!.Invoke(null, [connection, CancellationToken.None])!;
        MigrationHarness.Migrate(schemas[3], connection);

        Assert.Equal(4, Version(connection));
        AssertV4Rows(connection);
    }

    [PostgresFact]
    public async Task MigrateAsync_WhileAnotherSessionHoldsTheMigratorsLock_ReturnsAnIncompleteTask_ThenMigrates()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url, new EngineOptions { BusyTimeout = TimeSpan.FromMinutes(10) });
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        Seed(connection);
        using var holder = new LockHolder(engine, "SELECT pg_advisory_xact_lock(hashtext('genorm_schema_version'), hashtext(current_schema()))");

        Task migrate = MigrateAsync(schemas[3], connection, CancellationToken.None);

        Assert.False(migrate.IsCompleted);
        holder.WaitForWaiter("SELECT pg_advisory_xact_lock", migrate);
        Assert.False(migrate.IsCompleted);
        Assert.Equal(1, VersionOnAnotherConnection(engine));
        holder.Release();
        await migrate;
        Assert.Equal(4, Version(connection));
        AssertV4Rows(connection);
    }

    [PostgresFact]
    public async Task MigrateAsync_CancelledWhileAStepWaitsForALock_RollsTheVersionBackWhole_AndTheConnectionMigratesAfter()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url, new EngineOptions { BusyTimeout = TimeSpan.FromMinutes(10) });
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        Seed(connection);
        using var holder = new LockHolder(engine, "LOCK TABLE \"post\" IN ACCESS EXCLUSIVE MODE");
        using var cancellation = new CancellationTokenSource();

        // The step to v2 adds author.Email, then waits for the lock on post at its rename.
        Task migrate = MigrateAsync(schemas[3], connection, cancellation.Token);

        Assert.False(migrate.IsCompleted);
        holder.WaitForWaiter("ALTER TABLE \"post\" RENAME COLUMN", migrate);
        cancellation.Cancel();
        var exception = await Assert.ThrowsAsync<OperationCanceledException>(() => migrate);
        Assert.Equal(
            "The statement was cancelled; the connection is still usable. SQL: ALTER TABLE \"post\" RENAME COLUMN \"Title\" TO \"Headline\"",
            exception.Message);
        Assert.Equal("57014", Assert.IsAssignableFrom<System.Data.Common.DbException>(Assert.IsType<GenOrmException>(exception.InnerException).InnerException).SqlState);
        Assert.False(connection.InTransaction);
        holder.Release();

        Assert.Equal(1, Version(connection));
        Assert.Equal("[('Id',), ('Name',)]", MigrationHarness.Rows(connection, "SELECT attname::text FROM pg_catalog.pg_attribute WHERE attrelid = 'author'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"));
        Assert.Equal("The database matches schema v1.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[0])).ToString());
        await MigrateAsync(schemas[3], connection, CancellationToken.None);
        Assert.Equal(4, Version(connection));
        AssertV4Rows(connection);
    }

    [PostgresFact]
    public void GeneratedSteps_ChangeTablesInPlace()
    {
        IReadOnlyList<MigrationStep> steps = MigrationHarness.Steps(Versions.Value[3]);

        Assert.Equal(
            [
                "ALTER TABLE \"author\" ADD COLUMN \"Email\" text COLLATE \"C\"",
                "ALTER TABLE \"post\" RENAME COLUMN \"Title\" TO \"Headline\"",
                "ALTER TABLE \"post\" ALTER COLUMN \"Score\" TYPE bigint USING \"Score\"::bigint",
                "CREATE INDEX \"ix_post_AuthorId\" ON \"post\" (\"AuthorId\")",
            ],
            steps[0].PostgresStatements);
        Assert.Equal(
            [
                "ALTER TABLE \"post\" DROP COLUMN \"Body\"",
                "ALTER TABLE \"post\" ADD FOREIGN KEY (\"AuthorId\") REFERENCES \"author\" (\"Id\") ON DELETE CASCADE",
                "DROP TABLE \"legacy\"",
            ],
            steps[1].PostgresStatements);
        Assert.Equal(
            [
                "ALTER TABLE \"tag\" RENAME TO \"label_tag\"",
                "ALTER TABLE \"author\" ADD COLUMN \"Active\" boolean NOT NULL DEFAULT true",
                "DO $genorm$DECLARE c name; BEGIN SELECT k.conname INTO c FROM pg_catalog.pg_constraint k WHERE k.conrelid = '\"label_tag\"'::regclass AND k.contype = 'p'; "
                + "EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', 'label_tag', c); END$genorm$",
                "ALTER TABLE \"label_tag\" ADD PRIMARY KEY (\"Id\", \"Label\")",
            ],
            steps[2].PostgresStatements);
    }

    [PostgresFact]
    public void FailingStep_LeavesThePreviousVersion_WithItsShapeAndRows()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schemas[0], connection);
        Seed(connection);
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"post\" (\"Id\", \"AuthorId\", \"Title\", \"Score\") VALUES (13, 1, 'Bad', 'many')"));
        connection.Commit();

        var exception = Assert.Throws<GenOrmException>(() => MigrationHarness.Migrate(schemas[3], connection));

        Assert.Equal(
            "Cannot migrate the database from schema v1 to v2: existing rows hold a value that the statement ALTER TABLE \"post\" ALTER COLUMN \"Score\" TYPE bigint USING \"Score\"::bigint " +
            "cannot convert or store (SQLSTATE 22P02). The step was rolled back whole; the database is still at v1. " +
            "Fix those rows first (by hand, or in a hook of an earlier release), then run Schema.Migrate again.",
            exception.Message);
        Assert.DoesNotContain("many", exception.Message, StringComparison.Ordinal);
        Assert.False(connection.InTransaction);
        Assert.Equal(1, Version(connection));
        Assert.Equal("The database matches schema v1.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[0])).ToString());
        Assert.Equal(
            "[(10, 'Hello', '5'), (11, 'Second', '-3'), (12, 'Thïrd', '0'), (13, 'Bad', 'many')]",
            MigrationHarness.Rows(connection, "SELECT \"Id\", \"Title\", \"Score\" FROM \"post\" ORDER BY \"Id\""));
    }

    [PostgresFact]
    public void TwoMigratorsAtOnce_TheSecondWaitsForTheLock_AndSeesTheNewVersion()
    {
        Type[] schemas = Versions.Value;
        PostgresDatabase database = fixture.CreateDatabase();
        using Engine engine = Engine.Create(database.Url);
        using (Connection setup = engine.Connect())
        {
            MigrationHarness.Migrate(schemas[0], setup);
            Seed(setup);
        }

        // A third session holds the migrators' lock, so that both are waiting for it before either starts a step.
        using Connection holder = engine.Connect();
        holder.Begin();
        holder.Execute(global::GenOrm.Sql.Text("SELECT pg_advisory_xact_lock(hashtext('genorm_schema_version'), hashtext(current_schema()))"));
        Task first = Task.Run(() => MigrateAlone(engine, schemas[3]));
        Task second = Task.Run(() => MigrateAlone(engine, schemas[3]));
        WaitForLockWaiters(holder, 2, first, second);
        holder.Rollback();

        Task.WaitAll(first, second);
        using Connection connection = engine.Connect();
        Assert.Equal(4, Version(connection));
        AssertV4Rows(connection);
    }

    [PostgresFact]
    public void ConnectionKilledInsideAStep_LeavesThePreviousVersion_AndTheNextMigrateFinishes()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using (Connection setup = engine.Connect())
        {
            MigrationHarness.Migrate(schemas[0], setup);
            Seed(setup);
            MigrationHarness.Migrate(schemas[1], setup);
        }

        // The step to v3 drops post.Body, then adds post's foreign key to author, which waits for this session's lock:
        // the migrator's backend is killed there, with the column already dropped inside its transaction.
        using Connection holder = engine.Connect();
        holder.Begin();
        holder.Execute(global::GenOrm.Sql.Text("LOCK TABLE \"author\" IN ACCESS EXCLUSIVE MODE"));
        Task migrator = Task.Run(() => MigrateAlone(engine, schemas[2]));
        long pid;
        while ((pid = holder.Execute(global::GenOrm.Sql.Text("SELECT coalesce(max(pid), 0) FROM pg_catalog.pg_locks WHERE locktype = 'relation' AND NOT granted")).Scalar<long>()) == 0)
        {
            Assert.False(migrator.IsCompleted, "The migrator ended before it waited for the lock.");
            Thread.Sleep(20);
        }

        holder.Execute(global::GenOrm.Sql.Text("SELECT pg_terminate_backend(:pid::int)"), new Params { { "pid", pid } });
        holder.Rollback();

        Assert.IsAssignableFrom<GenOrmException>(Assert.ThrowsAny<Exception>(() => migrator.GetAwaiter().GetResult()));
        using Connection connection = engine.Connect();
        Assert.Equal(2, Version(connection));
        Assert.Equal("The database matches schema v2.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[1])).ToString());
        Assert.Equal("[(10, 'first body'), (11, None), (12, 'x\"y')]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Body\" FROM \"post\" ORDER BY \"Id\""));

        MigrationHarness.Migrate(schemas[3], connection);

        Assert.Equal(4, Version(connection));
        AssertV4Rows(connection);
    }

    [PostgresFact]
    public void VersionZeroWithTables_IsAdoptedAtTheMatchingVersion_ThenMigrated()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection connection = engine.Connect();
        // v2's tables, made by v2's own CreateAll (no version stored).
        schemas[1].GetMethod("CreateAll")!.Invoke(null, [connection]);
        connection.Commit();
        Assert.Equal(0, Version(connection));

        MigrationHarness.Migrate(schemas[3], connection);

        Assert.Equal(4, Version(connection));
        Assert.Equal("The database matches schema v4.", SchemaVerifier.Verify(connection, MigrationHarness.Current(schemas[3])).ToString());
    }

    [PostgresFact]
    public void Refusals_NameTheVersionTable_AndChangeNothing()
    {
        Type[] schemas = Versions.Value;
        using Engine engine = Engine.Create(fixture.CreateDatabase().Url);
        using Connection connection = engine.Connect();
        connection.Execute(global::GenOrm.Sql.Text("CREATE TABLE \"author\" (\"Id\" bigint PRIMARY KEY)"));
        connection.Commit();

        var unknown = Assert.Throws<SchemaMismatchException>(() => MigrationHarness.Migrate(schemas[3], connection));

        Assert.StartsWith(
            "The database has tables but no schema version (genorm_schema_version is 0), and its shape matches no recorded version; the closest, v",
            unknown.Message,
            StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed. Bring the database to the shape of a recorded version, then run Schema.Migrate again.", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(0, Version(connection));

        connection.Execute(global::GenOrm.Sql.Text("DROP TABLE \"author\""));
        connection.Commit();
        MigrationHarness.Migrate(schemas[1], connection);
        connection.Execute(global::GenOrm.Sql.Text("ALTER TABLE \"post\" DROP COLUMN \"Body\""));
        connection.Commit();

        var drifted = Assert.Throws<SchemaMismatchException>(() => MigrationHarness.Migrate(schemas[3], connection));

        Assert.Equal(
            "The database says it is at schema v2 (genorm_schema_version), but its shape differs from v2: Column 'Body' of table 'post' is missing from the database. " +
            "Nothing was migrated. Bring the database back to the shape of v2 (Schema.Verify lists every difference), or restore a backup.",
            drifted.Message);
        Assert.Equal(2, Version(connection));

        connection.Execute(global::GenOrm.Sql.Text("UPDATE \"genorm_schema_version\" SET \"version\" = 9"));
        connection.Commit();

        var newer = Assert.Throws<SchemaMismatchException>(() => MigrationHarness.Migrate(schemas[3], connection));

        Assert.Equal(
            "The database is at schema v9; this code knows up to v4. Run the newer version of the application that migrated it, or restore a backup made by this one; nothing was changed.",
            newer.Message);
    }

    private static Type[] CompileAllVersions()
    {
        var recorded = new List<string>();
        var schemas = new List<Type>();
        foreach (string source in new[] { EndToEndMigrationTests.V1, EndToEndMigrationTests.V2, EndToEndMigrationTests.V3, EndToEndMigrationTests.V4 })
        {
            GeneratorOutput output = MigrationHarness.CompileForPostgres(recorded.ToArray(), source);
            Assert.All(output.Diagnostics, d => Assert.Equal("GENORM050", d.Id));
            schemas.Add(MigrationHarness.LoadSchema(output));
            recorded.Add(MigrationHarness.Record(output));
        }

        return schemas.ToArray();
    }

    /// <summary>Calls the generated <c>Schema.MigrateAsync(connection, cancellationToken)</c> and returns its task as it is, complete or not.</summary>
    private static Task MigrateAsync(Type schema, Connection connection, CancellationToken cancellationToken) =>
        (Task)schema.GetMethod("MigrateAsync")!.Invoke(null, [connection, cancellationToken])!;

    private static int VersionOnAnotherConnection(Engine engine)
    {
        using Connection other = engine.Connect();
        return Version(other);
    }

    private static void MigrateAlone(Engine engine, Type schema)
    {
        using Connection connection = engine.Connect();
        MigrationHarness.Migrate(schema, connection);
    }

    /// <summary>Waits until <paramref name="count"/> sessions wait for an advisory lock (a condition, not a duration); fails if a migrator ended first.</summary>
    private static void WaitForLockWaiters(Connection holder, int count, params Task[] migrators)
    {
        while (holder.Execute(global::GenOrm.Sql.Text("SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND NOT granted")).Scalar<long>() < count)
        {
            Assert.DoesNotContain(migrators, m => m.IsCompleted);
            Thread.Sleep(20);
        }
    }

    private static void Seed(Connection connection)
    {
        foreach (string statement in EndToEndMigrationTests.SeedV1)
        {
            connection.Execute(global::GenOrm.Sql.Text(statement));
        }

        connection.Commit();
    }

    private static void AssertV4Rows(Connection connection)
    {
        Assert.Equal(
            "[(1, 'Ann', 'ann@example.com', True), (2, 'Bob Ó\\'Neil', 'bob Ó\\'neil@example.com', True)]",
            MigrationHarness.Rows(connection, "SELECT \"Id\", \"Name\", \"Email\", \"Active\" FROM \"author\" ORDER BY \"Id\""));
        Assert.Equal("[(10, 1, 'Hello', 5), (11, 2, 'Second', -3), (12, 1, 'Thïrd', 0)]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"AuthorId\", \"Headline\", \"Score\" FROM \"post\" ORDER BY \"Id\""));
        Assert.Equal("[(1, 'red'), (2, 'blue')]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Label\" FROM \"label_tag\" ORDER BY \"Id\""));
        Assert.Equal(
            "[('Id',), ('Label',)]",
            MigrationHarness.Rows(connection, "SELECT a.attname::text FROM pg_catalog.pg_index x JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey) WHERE x.indrelid = '\"label_tag\"'::regclass AND x.indisprimary ORDER BY a.attnum"));
        Assert.Equal("[(False, False)]", MigrationHarness.Rows(connection, "SELECT to_regclass('tag') IS NOT NULL, to_regclass('legacy') IS NOT NULL"));
    }

    private static int Version(Connection connection)
    {
        bool stored = connection.Execute(global::GenOrm.Sql.Text("SELECT to_regclass('genorm_schema_version') IS NOT NULL")).Scalar<bool>();
        int version = stored ? checked((int)connection.Execute(global::GenOrm.Sql.Text("SELECT \"version\" FROM \"genorm_schema_version\"")).Scalar<long>()) : 0;
        connection.Rollback();
        return version;
    }
}
