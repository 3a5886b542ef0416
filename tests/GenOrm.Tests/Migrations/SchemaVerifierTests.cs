using GenOrm.Migrations;
using GenOrm.Tests.Helpers;
using static GenOrm.Tests.Migrations.MigrationModels;

namespace GenOrm.Tests.Migrations;

public sealed class SchemaVerifierTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite+pysqlite:///:memory:");
    private readonly Connection _connection;

    public SchemaVerifierTests() => _connection = _engine.Connect();

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void MatchingDatabase_ReportsNoDifference()
    {
        MigrateToV3(_connection);

        SchemaReport report = SchemaVerifier.Verify(_connection, V3);

        Assert.True(report.IsMatch);
        Assert.Empty(report.Differences);
        Assert.Equal("The database matches schema v3.", report.ToString());
        Assert.False(_connection.InTransaction);
    }

    [Fact]
    public void EveryDifference_IsReportedTableByTable()
    {
        _connection.Execute(Sql.Text("""
            CREATE TABLE "users" (
                "Id" INTEGER PRIMARY KEY,
                "Email" TEXT,
                "Score" TEXT NOT NULL DEFAULT '1',
                "TeamId" INTEGER REFERENCES "teams" ("Id") ON DELETE CASCADE,
                "Extra" BLOB
            )
            """));
        _connection.Execute(Sql.Text("CREATE UNIQUE INDEX \"ix_users_Email\" ON \"users\" (\"Email\", \"Score\")"));
        _connection.Execute(Sql.Text("CREATE INDEX \"ix_extra\" ON \"users\" (\"Extra\")"));
        _connection.Execute(Sql.Text("CREATE TABLE \"logs\" (\"Line\" TEXT) STRICT"));
        _connection.Commit();

        SchemaReport report = SchemaVerifier.Verify(_connection, V3);

        Assert.False(report.IsMatch);
        Assert.Equal(
            """
            Table 'teams' is missing from the database.
            Column 'Id' of table 'users' is not AUTOINCREMENT in the database; the model's is.
            Column 'Email' of table 'users' accepts NULL in the database; the model has NOT NULL.
            Column 'Email' of table 'users' is not UNIQUE in the database; the model declares it UNIQUE.
            Column 'Score' of table 'users' is TEXT in the database; the model has INTEGER.
            Column 'Score' of table 'users' has DEFAULT '1' in the database; the model has DEFAULT 0.
            Column 'Login' of table 'users' is missing from the database.
            Column 'Extra' of table 'users' is in the database but not in the model.
            Index 'ix_users_Email' of table 'users' is UNIQUE (Email, Score) in the database; the model has (Email).
            Index 'ix_extra' (Extra) of table 'users' is in the database but not in the model.
            The foreign key of column 'TeamId' of table 'users' refers to teams (Id) ON DELETE CASCADE in the database; the model's refers to teams (Id) ON DELETE SET NULL.
            Table 'users' is not STRICT in the database; the model's is.
            Table 'logs' is in the database but not in the model.
            """.ReplaceLineEndings("\n"),
            report.ToString());
        Assert.Equal(
            new[]
            {
                SchemaDifferenceKind.MissingTable, SchemaDifferenceKind.AutoIncrementDiffers, SchemaDifferenceKind.NullabilityDiffers,
                SchemaDifferenceKind.UniqueDiffers, SchemaDifferenceKind.TypeDiffers, SchemaDifferenceKind.DefaultDiffers,
                SchemaDifferenceKind.MissingColumn, SchemaDifferenceKind.ExtraColumn, SchemaDifferenceKind.IndexDiffers,
                SchemaDifferenceKind.ExtraIndex, SchemaDifferenceKind.ForeignKeyDiffers, SchemaDifferenceKind.DefinitionDiffers,
                SchemaDifferenceKind.ExtraTable,
            },
            report.Differences.Select(d => d.Kind));
        SchemaDifference type = report.Differences[4];
        Assert.Equal(("users", "Score", "INTEGER", "TEXT"), (type.Table, type.Column, type.Expected, type.Actual));
    }

    [Fact]
    public void KeysLengthsAndForeignKeys_AreCompared()
    {
        var model = new SchemaModel(1, new[]
        {
            new TableModel(
                "t",
                new[]
                {
                    new ColumnModel("a", "TEXT", "string", isNullable: false),
                    new ColumnModel("b", "TEXT", "string", isNullable: false, maxLength: 10),
                    new ColumnModel("c", "INTEGER", "long", isNullable: false),
                },
                new[] { "a", "b" },
                new[] { new IndexModel("ix_t_c", new[] { "c" }, isUnique: true) },
                new[] { new ForeignKeyModel("c", "p", "Id") },
                "CREATE TABLE \"t\" (...) STRICT"),
        });
        _connection.Execute(Sql.Text("""
            CREATE TABLE "t" (
                "a" TEXT NOT NULL,
                "b" TEXT NOT NULL CHECK (length("b") <= 20),
                "c" INTEGER NOT NULL,
                PRIMARY KEY ("a"),
                FOREIGN KEY ("b") REFERENCES "p" ("Name")
            ) STRICT
            """));
        _connection.Commit();

        SchemaReport report = SchemaVerifier.Verify(_connection, model);

        Assert.Equal(
            """
            Column 'b' of table 't' has a maximum length of 20 in the database; the model has a maximum length of 10.
            The primary key of table 't' is (a) in the database; the model has (a, b).
            Index 'ix_t_c' UNIQUE (c) of table 't' is missing from the database.
            Column 'c' of table 't' has no foreign key in the database; the model's refers to p (Id) ON DELETE NO ACTION.
            Column 'b' of table 't' has a foreign key in the database (to p (Name) ON DELETE NO ACTION) that the model does not have.
            """.ReplaceLineEndings("\n"),
            report.ToString());
    }

    [Fact]
    public void Verify_JoinsTheTransactionInProgress()
    {
        MigrateToV3(_connection);
        _connection.Begin();
        _connection.Execute(Sql.Text("ALTER TABLE \"users\" ADD COLUMN \"Nick\" TEXT"));

        SchemaReport report = SchemaVerifier.Verify(_connection, V3);

        Assert.Equal("Column 'Nick' of table 'users' is in the database but not in the model.", Assert.Single(report.Differences).Message);
        Assert.True(_connection.InTransaction);
        _connection.Rollback();
        Assert.True(SchemaVerifier.Verify(_connection, V3).IsMatch);
    }
}
