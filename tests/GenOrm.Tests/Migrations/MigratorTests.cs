using GenOrm.Migrations;
using GenOrm.Tests.Helpers;
using static GenOrm.Tests.Migrations.MigrationModels;

namespace GenOrm.Tests.Migrations;

public sealed class MigratorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly Engine _engine;

    public MigratorTests() => _engine = Engine.Create(_directory.SqliteUrl("app.db"));

    public void Dispose()
    {
        _engine.Dispose();
        _directory.Dispose();
    }

    private long UserVersion() => _engine.Rows("PRAGMA user_version") switch
    {
        var rows => long.Parse(rows.Trim('[', ']', '(', ')', ','), System.Globalization.CultureInfo.InvariantCulture),
    };

    private void SeedV2Rows()
    {
        _engine.Run(
            "INSERT INTO teams (Id, Name) VALUES (1, 'red'), (2, 'blue')",
            "INSERT INTO users (Id, Email, Name, Score, TeamId, Login) VALUES (1, 'a@x', 'Ann', '12', 1, 'ann')",
            "INSERT INTO users (Id, Email, Name, Score, TeamId, Login) VALUES (2, 'b@x', NULL, '-3', NULL, NULL)",
            "INSERT INTO users (Id, Email, Name, Score, TeamId, Login) VALUES (3, 'c@x', 'Cé', '0', 2, 'c''q')");
    }

    private void AssertIntact()
    {
        Assert.Equal("[('ok',)]", _engine.Rows("PRAGMA integrity_check"));
        Assert.Equal("[]", _engine.Rows("PRAGMA foreign_key_check"));
    }

    [Fact]
    public void EmptyDatabase_IsCreatedAtTheCompiledVersion()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection);
            Assert.True(SchemaVerifier.Verify(connection, V3).IsMatch);
            Assert.False(connection.InTransaction);
        }

        Assert.Equal(3, UserVersion());
        Assert.Equal("[('teams',), ('users',)]", _engine.Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"));
        AssertIntact();
    }

    [Fact]
    public void V1File_MigratesStepByStep_EveryValueKept()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV1(connection);
        }

        Assert.Equal(1, UserVersion());
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        Assert.Equal(2, UserVersion());
        SeedV2Rows();
        string teamsBefore = _engine.Rows("SELECT * FROM teams ORDER BY Id");

        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection);
            Assert.True(SchemaVerifier.Verify(connection, V3).IsMatch, SchemaVerifier.Verify(connection, V3).ToString());
        }

        Assert.Equal(3, UserVersion());
        Assert.Equal(
            "[(1, 'a@x', 12, 1, 'ann'), (2, 'b@x', -3, None, None), (3, 'c@x', 0, 2, 'c\\'q')]",
            _engine.Rows("SELECT Id, Email, Score, TeamId, Login FROM users ORDER BY Id"));
        Assert.Equal("[('integer',), ('integer',), ('integer',)]", _engine.Rows("SELECT typeof(Score) FROM users ORDER BY Id"));
        Assert.Equal(teamsBefore, _engine.Rows("SELECT * FROM teams ORDER BY Id"));
        AssertIntact();
    }

    [Fact]
    public void DatabaseAtCompiledVersion_RunsNoStep()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection);
        }

        int runs = 0;
        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection, _ => runs++);
        }

        Assert.Equal(0, runs);
        Assert.Equal(3, UserVersion());
    }

    [Fact]
    public void UnversionedDatabase_ShapedLikeARecordedVersion_IsAdoptedThenMigrated()
    {
        _engine.Run(TeamsSql, UsersV1Sql, StepToV2Statements[0], StepToV2Statements[1]);
        SeedV2Rows();
        Assert.Equal(0, UserVersion());
        int runs = 0;

        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection, _ => runs++);
        }

        Assert.Equal(1, runs);
        Assert.Equal(3, UserVersion());
        Assert.Equal("[(1, 12), (2, -3), (3, 0)]", _engine.Rows("SELECT Id, Score FROM users ORDER BY Id"));
        AssertIntact();
    }

    [Fact]
    public void UnversionedDatabase_ShapedLikeNoVersion_IsRefusedNamingTheClosestDifferences()
    {
        _engine.Run(TeamsSql, UsersV1Sql.Replace("\"Email\" TEXT NOT NULL,", "\"Mail\" TEXT NOT NULL,", StringComparison.Ordinal));

        using Connection connection = _engine.Connect();
        var exception = Assert.Throws<SchemaMismatchException>(() => MigrateToV3(connection));

        Assert.Equal(
            "The database has tables but no schema version (PRAGMA user_version is 0), and its shape matches no recorded version; the closest, v1, differs: " +
            "Column 'Email' of table 'users' is missing from the database. Column 'Mail' of table 'users' is in the database but not in the model. " +
            "Nothing was changed. Bring the database to the shape of a recorded version, then run Schema.Migrate again.",
            exception.Message);
        Assert.Equal("users", exception.TableName);
        Assert.Equal("Email", exception.ColumnName);
        Assert.Equal(0, exception.DatabaseVersion);
        Assert.Equal(new[] { SchemaDifferenceKind.MissingColumn, SchemaDifferenceKind.ExtraColumn }, exception.Differences.Select(d => d.Kind));
        Assert.False(connection.InTransaction);
        Assert.Equal(0, UserVersion());
    }

    [Fact]
    public void DatabaseNewerThanTheCode_IsRefused()
    {
        _engine.Run(TeamsSql, "PRAGMA user_version = 5");

        using Connection connection = _engine.Connect();
        var exception = Assert.Throws<SchemaMismatchException>(() => MigrateToV3(connection));

        Assert.Equal(
            "The database is at schema v5; this code knows up to v3. Run the newer version of the application that migrated it, or restore a backup made by this one; nothing was changed.",
            exception.Message);
        Assert.Equal(5, exception.DatabaseVersion);
        Assert.Empty(exception.Differences);
        Assert.Equal(5, UserVersion());
    }

    [Fact]
    public void DatabaseWhoseShapeIsNotTheVersionItClaims_IsRefusedBeforeAnyStep()
    {
        _engine.Run(TeamsSql, UsersV1Sql, "PRAGMA user_version = 2");
        int runs = 0;

        using Connection connection = _engine.Connect();
        var exception = Assert.Throws<SchemaMismatchException>(() => MigrateToV3(connection, _ => runs++));

        Assert.Equal(
            "The database says it is at schema v2 (PRAGMA user_version), but its shape differs from v2: " +
            "Column 'Login' of table 'users' is missing from the database. Index 'ix_users_Email' (Email) of table 'users' is missing from the database. " +
            "Nothing was migrated. Bring the database back to the shape of v2 (Schema.Verify lists every difference), or restore a backup.",
            exception.Message);
        Assert.Equal(0, runs);
        Assert.Equal(2, UserVersion());
    }

    [Fact]
    public void DatabaseAtCompiledVersionWithAnotherShape_IsRefused()
    {
        _engine.Run(TeamsSql, "PRAGMA user_version = 1");

        using Connection connection = _engine.Connect();
        var exception = Assert.Throws<SchemaMismatchException>(() => MigrateToV1(connection));

        Assert.Equal(
            "The database says it is at schema v1 (PRAGMA user_version), but its shape differs from v1: Table 'users' is missing from the database. " +
            "Nothing was migrated. Bring the database back to the shape of v1 (Schema.Verify lists every difference), or restore a backup.",
            exception.Message);
        Assert.Equal("users", exception.TableName);
        Assert.Null(exception.ColumnName);
    }

    [Fact]
    public void StepBrokenByTheData_DuplicateUnderNewUnique_RollsBackWholeNamingTableColumnConstraint()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        SeedV2Rows();
        _engine.Run("UPDATE users SET Email = 'a@x' WHERE Id = 3");
        string before = _engine.Rows("SELECT * FROM users ORDER BY Id");
        string schemaBefore = _engine.Rows("SELECT type, name, sql FROM sqlite_master ORDER BY name");

        using (Connection connection = _engine.Connect())
        {
            var exception = Assert.Throws<GenOrmException>(() => MigrateToV3(connection));

            Assert.Equal(
                "Cannot migrate the database from schema v2 to v3: the existing rows of table 'users' break the UNIQUE constraint of column 'Email' (two rows have the same value). " +
                "The step was rolled back whole; the database is still at v2. Fix those rows first (by hand, or in a [Migration(From = 2)] hook), then run Schema.Migrate again.",
                exception.Message);
            Assert.Equal("users", exception.TableName);
            Assert.Equal("Email", exception.ColumnName);
            Assert.Equal(ConstraintKind.Unique, Assert.IsType<ConstraintViolationException>(exception.InnerException).Kind);
            Assert.False(connection.InTransaction);
            Assert.True(SchemaVerifier.Verify(connection, V2).IsMatch);
        }

        Assert.Equal(2, UserVersion());
        Assert.Equal(before, _engine.Rows("SELECT * FROM users ORDER BY Id"));
        Assert.Equal(schemaBefore, _engine.Rows("SELECT type, name, sql FROM sqlite_master ORDER BY name"));
        AssertIntact();
    }

    [Fact]
    public void StepBrokenByTheData_NewForeignKey_RollsBackWholeNamingTableColumnAndParent()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        SeedV2Rows();
        _engine.Run("UPDATE users SET TeamId = 99 WHERE Id = 2");
        string before = _engine.Rows("SELECT * FROM users ORDER BY Id");

        using (Connection connection = _engine.Connect())
        {
            var exception = Assert.Throws<GenOrmException>(() => MigrateToV3(connection));

            Assert.Equal(
                "Cannot migrate the database from schema v2 to v3: rows of table 'users' break the FOREIGN KEY constraint of column 'TeamId' " +
                "(they refer to rows of table 'teams' that do not exist; PRAGMA foreign_key_check lists them). The step was rolled back whole; the database is still at v2. " +
                "Delete or fix those rows first (by hand, or in a [Migration(From = 2)] hook), then run Schema.Migrate again.",
                exception.Message);
            Assert.Equal("users", exception.TableName);
            Assert.Equal("TeamId", exception.ColumnName);
        }

        Assert.Equal(2, UserVersion());
        Assert.Equal(before, _engine.Rows("SELECT * FROM users ORDER BY Id"));
        Assert.Equal("[(1,)]", _engine.Rows("PRAGMA foreign_keys"));
    }

    [Fact]
    public void HookThatFixesTheData_RunsInsideTheStep()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        SeedV2Rows();
        _engine.Run("UPDATE users SET TeamId = 99 WHERE Id = 2");

        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection, c => c.Execute(Sql.Text("UPDATE users SET TeamId = NULL WHERE TeamId NOT IN (SELECT Id FROM teams)")));
        }

        Assert.Equal(3, UserVersion());
        Assert.Equal("[(1, 1), (2, None), (3, 2)]", _engine.Rows("SELECT Id, TeamId FROM users ORDER BY Id"));
        AssertIntact();
    }

    [Fact]
    public void HookThatThrows_RollsTheStepBackAndPropagates()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        SeedV2Rows();
        using (Connection connection = _engine.Connect())
        {
            var exception = Assert.Throws<InvalidOperationException>(() => MigrateToV3(connection, _ => throw new InvalidOperationException("hook failed")));
            Assert.Equal("hook failed", exception.Message);
            Assert.False(connection.InTransaction);
        }

        Assert.Equal(2, UserVersion());
        Assert.Equal("[('TEXT',)]", _engine.Rows("SELECT type FROM pragma_table_info('users') WHERE name = 'Score'"));
    }

    [Theory]
    [InlineData("Commit")]
    [InlineData("Rollback")]
    public void HookThatEndsTheTransaction_IsRefused_AndCommitsNothingOfTheStep(string method)
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        SeedV2Rows();
        using (Connection connection = _engine.Connect())
        {
            var exception = Assert.Throws<InvalidOperationException>(() => MigrateToV3(connection, c =>
            {
                if (method == "Commit")
                {
                    c.Commit();
                }
                else
                {
                    c.Rollback();
                }
            }));
            Assert.Equal(
                $"{method}() was called inside a [Migration] hook of the step to schema v3. The hook runs inside the step's transaction, which the migrator commits once the whole step has run: remove the {method}() call from the hook.",
                exception.Message);
            Assert.False(connection.InTransaction);
            Assert.True(SchemaVerifier.Verify(connection, V2).IsMatch);
        }

        Assert.Equal(2, UserVersion());
        Assert.Equal("[('TEXT',)]", _engine.Rows("SELECT type FROM pragma_table_info('users') WHERE name = 'Score'"));
        AssertIntact();
    }

    [Fact]
    public void StepThatLeavesAnotherShape_IsRolledBack()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV1(connection);
        }

        using (Connection connection = _engine.Connect())
        {
            var incomplete = new MigrationStep(2, new[] { StepToV2Statements[0] }, rebuildsTables: false, Array.Empty<MigrationHook>());
            var exception = Assert.Throws<SchemaMismatchException>(() => Migrator.Migrate(connection, V2, new[] { V1, V2 }, new[] { incomplete }));
            Assert.Equal(
                "The migration step from schema v1 to v2 left a shape that differs from v2: Index 'ix_users_Email' (Email) of table 'users' is missing from the database. " +
                "The step was rolled back whole; the database is still at v1. Check the step's [Migration] hooks, or report the generated step as a bug.",
                exception.Message);
        }

        Assert.Equal(1, UserVersion());
        Assert.Equal("[]", _engine.Rows("SELECT name FROM pragma_table_info('users') WHERE name = 'Login'"));
    }

    [Fact]
    public void MigrateInsideATransaction_IsRefused()
    {
        using Connection connection = _engine.Connect();
        connection.Execute(Sql.Text("SELECT 1"));

        var exception = Assert.Throws<InvalidOperationException>(() => MigrateToV1(connection));

        Assert.Equal(
            "A transaction is in progress on this connection. Commit() or Rollback() it before Schema.Migrate: each schema version is migrated in a transaction of its own.",
            exception.Message);
    }

    [Fact]
    public void StepsOutOfOrder_AreABadArgument()
    {
        using Connection connection = _engine.Connect();

        var exception = Assert.Throws<ArgumentException>(() => Migrator.Migrate(connection, V3, new[] { V1, V2 }, new[] { StepToV3(), StepToV2() }));

        Assert.Equal("steps", exception.ParamName);
        Assert.StartsWith("Migration step 0 goes to v3; step i must go to v(i + 2). Pass Schema.Migrations as the generator emits it.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_MigratesLikeMigrate()
    {
        using (Connection connection = _engine.Connect())
        {
            await Migrator.MigrateAsync(connection, V2, new[] { V1, V2 }, new[] { StepToV2() });
        }

        Assert.Equal(2, UserVersion());
    }

    [Fact]
    public void RebuildStep_IsEchoedStatementByStatement_ForeignKeysOffOutsideItsTransaction()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        var writer = new StringWriter();
        using (var engine = Engine.Create(_directory.SqliteUrl("app.db"), new EngineOptions { Echo = true, EchoWriter = writer }))
        using (Connection connection = engine.Connect())
        {
            MigrateToV3(connection);
        }

        string[] lines = Echo.Lines(writer.ToString()).Where(l => !l.Contains("executed in", StringComparison.Ordinal) && !l.Contains("pragma_", StringComparison.Ordinal) && !l.Contains("sqlite_master", StringComparison.Ordinal)).ToArray();
        int off = Array.IndexOf(lines, "[genorm] PRAGMA foreign_keys = OFF");
        Assert.True(off > 0, string.Join("\n", lines));
        Assert.Equal(
            new[]
            {
                "[genorm] PRAGMA foreign_keys = OFF",
                "[genorm] BEGIN IMMEDIATE",
                "[genorm] PRAGMA user_version",
            },
            lines.Skip(off).Take(3));
        string[] tail = lines.SkipWhile(l => !l.Contains("CREATE TABLE \"new_users\"", StringComparison.Ordinal)).ToArray();
        Assert.Contains("[genorm] INSERT INTO \"new_users\" (\"Id\", \"Email\", \"Score\", \"TeamId\", \"Login\") SELECT \"Id\", \"Email\", CAST(\"Score\" AS INTEGER), \"TeamId\", \"Login\" FROM \"users\"", tail);
        Assert.Equal(
            new[]
            {
                "[genorm] DROP TABLE \"users\"",
                "[genorm] ALTER TABLE \"new_users\" RENAME TO \"users\"",
                "[genorm] CREATE INDEX \"ix_users_Email\" ON \"users\" (\"Email\")",
                "[genorm] PRAGMA foreign_key_check",
            },
            tail.SkipWhile(l => !l.StartsWith("[genorm] DROP", StringComparison.Ordinal)).Take(4));
        Assert.Equal(
            new[] { "[genorm] PRAGMA user_version = 3", "[genorm] COMMIT", "[genorm] PRAGMA foreign_keys = ON" },
            tail.SkipWhile(l => l != "[genorm] PRAGMA user_version = 3").Take(3));
    }

    [Fact]
    public async Task MigrateAsync_CancelledInsideAStep_RollsThatVersionBack()
    {
        using (Connection connection = _engine.Connect())
        {
            MigrateToV2(connection);
        }

        SeedV2Rows();
        using var cancellation = new CancellationTokenSource();
        int secondHookRuns = 0;
        using (Connection connection = _engine.Connect())
        {
            var step = StepToV3(_ => cancellation.Cancel(), _ => secondHookRuns++);
            await Assert.ThrowsAsync<OperationCanceledException>(
                () => Migrator.MigrateAsync(connection, V3, new[] { V1, V2 }, new[] { StepToV2(), step }, cancellation.Token));
            Assert.False(connection.InTransaction);
        }

        Assert.Equal(0, secondHookRuns);
        Assert.Equal(2, UserVersion());
        Assert.Equal("[('TEXT',)]", _engine.Rows("SELECT type FROM pragma_table_info('users') WHERE name = 'Score'"));
        Assert.Equal("[(1,)]", _engine.Rows("PRAGMA foreign_keys"));
        AssertIntact();
    }

    [Fact]
    public void UnversionedDatabase_ShapedLikeTheCompiledModel_IsAdoptedWithoutAStep()
    {
        // A file made by CreateAll before versioning, with the code of today.
        _engine.Run(TeamsSql + ";", UsersV3Sql.Replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", StringComparison.Ordinal), StepToV3Statements[^1]);
        _engine.Run("INSERT INTO teams (Id, Name) VALUES (1, 'red')", "INSERT INTO users (Id, Email, Score, TeamId) VALUES (1, 'a@x', 5, 1)");
        int runs = 0;

        using (Connection connection = _engine.Connect())
        {
            MigrateToV3(connection, _ => runs++);
        }

        Assert.Equal(0, runs);
        Assert.Equal(3, UserVersion());
        Assert.Equal("[(1, 'a@x', 5, 1, None)]", _engine.Rows("SELECT * FROM users"));
    }
}
