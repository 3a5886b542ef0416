using GenOrm.Migrations;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Orm;

namespace GenOrm.Tests.Migrations;

public sealed class CreateTableGuardTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite+pysqlite:///:memory:");
    private readonly Connection _connection;

    public CreateTableGuardTests() => _connection = _engine.Connect();

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void CreateTable_OnTheSameShape_PassesAgain()
    {
        Account.CreateTable(_connection);
        _connection.Commit();

        Account.CreateTable(_connection);
        _connection.Commit();

        Assert.Equal(1L, _connection.Execute(Sql.Text("SELECT count(*) FROM sqlite_master WHERE name = 'accounts'")).Scalar<long>());
    }

    [Fact]
    public void CreateTable_OnTheSameShapeLaidOutDifferently_Passes()
    {
        string oneLine = string.Join(" ", Account.CreateTableSql.Split(";")[0].Split('\n', StringSplitOptions.TrimEntries));
        _connection.Execute(Sql.Text(oneLine));

        Account.CreateTable(_connection);

        Assert.Equal(1L, _connection.Execute(Sql.Text("SELECT count(*) FROM sqlite_master WHERE name = 'ix_accounts_Login'")).Scalar<long>());
    }

    [Fact]
    public void CreateTable_OnAnExistingTableOfAnotherShape_IsAnErrorThatPointsAtMigrate()
    {
        _connection.Execute(Sql.Text("""
            CREATE TABLE "accounts" (
                "Id" INTEGER PRIMARY KEY AUTOINCREMENT,
                "Email" TEXT NOT NULL UNIQUE CHECK (length("Email") <= 20),
                "Login" TEXT NOT NULL,
                "Score" TEXT NOT NULL,
                "Legacy" BLOB
            ) STRICT
            """));
        _connection.Commit();

        var exception = Assert.Throws<SchemaMismatchException>(() => Account.CreateTable(_connection));

        Assert.Equal(
            "Table 'accounts' already exists with another shape: Column 'Nickname' of table 'accounts' is missing from the database. " +
            "Column 'Score' of table 'accounts' is defined as \"Score\" TEXT NOT NULL in the database; the model defines it as \"Score\" INTEGER NOT NULL. " +
            "Column 'Legacy' of table 'accounts' is in the database but not in the model. " +
            "CreateTable never changes an existing table; run Schema.Migrate to bring it to the model's shape.",
            exception.Message);
        Assert.Equal("accounts", exception.TableName);
        Assert.Equal("Nickname", exception.ColumnName);
        Assert.Equal(
            new[] { SchemaDifferenceKind.MissingColumn, SchemaDifferenceKind.DefinitionDiffers, SchemaDifferenceKind.ExtraColumn },
            exception.Differences.Select(d => d.Kind));
        Assert.Equal("[]", _connection.Execute(Sql.Text("SELECT name FROM sqlite_master WHERE name = 'ix_accounts_Login'")).ToString());
    }

    [Fact]
    public async Task CreateTableAsync_OnATableThatIsNotStrict_IsAnError()
    {
        string loose = Account.CreateTableSql.Split(";")[0].Replace(") STRICT", ")", StringComparison.Ordinal);
        _connection.Execute(Sql.Text(loose));

        var exception = await Assert.ThrowsAsync<SchemaMismatchException>(() => Account.CreateTableAsync(_connection));

        Assert.Equal(
            "Table 'accounts' already exists with another shape: Table 'accounts' is not STRICT in the database; the model's is. " +
            "CreateTable never changes an existing table; run Schema.Migrate to bring it to the model's shape.",
            exception.Message);
    }

    [Fact]
    public void CreateTable_OnATableWithAnotherKey_NamesTheConstraints()
    {
        _connection.Execute(Sql.Text("""
            CREATE TABLE "user" (
                "id" INTEGER NOT NULL,
                "name" TEXT NOT NULL CHECK (length("name") <= 100),
                "email" TEXT NOT NULL CHECK (length("email") <= 100),
                "login" TEXT NOT NULL CHECK (length("login") <= 100),
                PRIMARY KEY ("id")
            ) STRICT
            """));

        var exception = Assert.Throws<SchemaMismatchException>(() => SeedUser.CreateTable(_connection));

        Assert.Equal(
            "Table 'user' already exists with another shape: The model's constraint PRIMARY KEY (\"id\", \"email\") of table 'user' is missing from the database. " +
            "Table 'user' has the constraint PRIMARY KEY (\"id\") in the database, which the model does not have. " +
            "CreateTable never changes an existing table; run Schema.Migrate to bring it to the model's shape.",
            exception.Message);
    }

    [Fact]
    public void CreateTable_WhoseIndexNamesAColumnTheOldTableLacks_SaysWhatDiffers()
    {
        _connection.Execute(Sql.Text("CREATE TABLE \"accounts\" (\"Id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"Email\" TEXT NOT NULL UNIQUE CHECK (length(\"Email\") <= 20), \"Nickname\" TEXT, \"Score\" INTEGER NOT NULL) STRICT"));
        _connection.Commit();

        var exception = Assert.Throws<SchemaMismatchException>(() => Account.CreateTable(_connection));

        Assert.Equal(
            "Table 'accounts' already exists with another shape: Column 'Login' of table 'accounts' is missing from the database. " +
            "CreateTable never changes an existing table; run Schema.Migrate to bring it to the model's shape.",
            exception.Message);
        Assert.IsAssignableFrom<GenOrmException>(exception.InnerException);
        Assert.False(_connection.InTransaction);
    }

    [Fact]
    public void CreateTable_InsideAUnitOfWork_RefusalUndoesOnlyItsOwnWork()
    {
        _connection.Execute(Sql.Text("CREATE TABLE \"accounts\" (\"Id\" INTEGER PRIMARY KEY, \"Login\" TEXT NOT NULL) STRICT"));
        _connection.Commit();
        _connection.Begin();
        _connection.Execute(Sql.Text("CREATE TABLE \"kept\" (\"x\" INTEGER) STRICT"));

        Assert.Throws<SchemaMismatchException>(() => Account.CreateTable(_connection));

        Assert.True(_connection.InTransaction);
        _connection.Commit();
        Assert.Equal("[('accounts',), ('kept',)]", _connection.Execute(Sql.Text("SELECT name FROM sqlite_master ORDER BY name")).ToString());
    }
}
