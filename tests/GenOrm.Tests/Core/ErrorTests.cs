using System.Data.Common;
using GenOrm.Tests.Helpers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Tests.Core;

public sealed class ErrorTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _connection;

    public ErrorTests()
    {
        _engine.Run(
            """create table "user" (id integer primary key, email text unique, name text not null check (length("name") <= 3))""",
            "create table amount (id integer primary key, n integer) strict",
            "create table pair (a integer, b integer, unique (a, b))",
            "create table code (code text primary key)",
            "create table positive (v integer, constraint v_positive check (v > 0))",
            "create table parent (id integer primary key)",
            "create table child (parent_id integer references parent (id))",
            """insert into "user" values (1, 'ann@example.com', 'Ann')""");
        _connection = _engine.Connect();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void SyntaxError_ThrowsGenOrmExceptionQuotingTheSql()
    {
        var error = Assert.Throws<GenOrmException>(() => Run("selec 1"));

        Assert.Equal("SQLite rejected the statement: near \"selec\": syntax error. SQL: selec 1", error.Message);
        Assert.Equal("selec 1", error.Sql);
        Assert.Null(error.TableName);
        Assert.Equal(1, error.SqliteErrorCode);
        var inner = Assert.IsType<SqliteException>(error.InnerException);
        Assert.Equal(1, inner.SqliteErrorCode);
        Assert.IsAssignableFrom<DbException>(error);
    }

    [Fact]
    public void UnknownTable_ThrowsGenOrmExceptionNamingIt()
    {
        var error = Assert.Throws<GenOrmException>(() => Run("select * from nowhere"));

        Assert.Equal("SQLite rejected the statement: no such table: nowhere. SQL: select * from nowhere", error.Message);
    }

    [Fact]
    public void DoubleQuotedUnknownName_IsAnUnknownColumn_NotAStringInEveryRow()
    {
        // SQLite's legacy fallback would read "emial" as the string 'emial' and return it for every row.
        var error = Assert.Throws<GenOrmException>(() => Run("select \"emial\" from \"user\""));

        Assert.Equal(
            "SQLite rejected the statement: no such column: \"emial\" - should this be a string literal in single-quotes?. SQL: select \"emial\" from \"user\"",
            error.Message);
    }

    [Fact]
    public void UniqueViolation_IsKindUnique_WithTableAndColumn()
    {
        const string sql = """insert into "user" (email, name) values (:email, 'Bob')""";

        var error = Assert.Throws<ConstraintViolationException>(() => Run(sql, new Params { ["email"] = "ann@example.com" }));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal("user", error.TableName);
        Assert.Equal("email", error.ColumnName);
        Assert.Equal(sql, error.Sql);
        Assert.Equal(
            "Cannot write to table 'user': column 'email' must be unique and another row already has this value. " +
            "Load and update the existing row instead, or use a different value.",
            error.Message);
        Assert.DoesNotContain("ann@example.com", error.Message, StringComparison.Ordinal);
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(2067, Assert.IsType<SqliteException>(error.InnerException).SqliteExtendedErrorCode);
    }

    [Fact]
    public void CompositeUniqueViolation_NamesBothColumns()
    {
        Run("insert into pair values (1, 2)");

        var error = Assert.Throws<ConstraintViolationException>(() => Run("insert into pair values (1, 2)"));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal("pair", error.TableName);
        Assert.Equal("a, b", error.ColumnName);
    }

    [Theory]
    [InlineData("""insert into "user" (id, email, name) values (1, 'x@example.com', 'X')""", "user", "id")]
    [InlineData("insert into code values ('A'); insert into code values ('A')", "code", "code")]
    public void PrimaryKeyViolation_IsKindPrimaryKey(string sql, string table, string column)
    {
        var error = Assert.Throws<ConstraintViolationException>(() => Run(sql));

        Assert.Equal(ConstraintKind.PrimaryKey, error.Kind);
        Assert.Equal(table, error.TableName);
        Assert.Equal(column, error.ColumnName);
        Assert.Equal(
            $"Cannot insert into table '{table}': a row with the same primary key ({column}) already exists. " +
            "Update the existing row instead, or use a different key.",
            error.Message);
    }

    [Fact]
    public void NotNullViolation_IsKindNotNull()
    {
        var error = Assert.Throws<ConstraintViolationException>(
            () => Run("""insert into "user" (email, name) values ('bob@example.com', :name)""", new Params { ["name"] = null }));

        Assert.Equal(ConstraintKind.NotNull, error.Kind);
        Assert.Equal("user", error.TableName);
        Assert.Equal("name", error.ColumnName);
        Assert.Equal(
            "Column 'name' of table 'user' cannot be NULL. Give it a value, or declare the property nullable (for example string? or long?) to allow NULL.",
            error.Message);
    }

    [Fact]
    public void LengthCheckViolation_IsKindMaxLength_NamingTheColumn()
    {
        var error = Assert.Throws<ConstraintViolationException>(
            () => Run("""insert into "user" (email, name) values ('bob@example.com', :name)""", new Params { ["name"] = "Bobby" }));

        Assert.Equal(ConstraintKind.MaxLength, error.Kind);
        Assert.Equal("name", error.ColumnName);
        Assert.StartsWith("The value for column 'name' of table ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is longer than its maximum length of 3 characters.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bobby", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedCheckViolation_IsKindCheck_NamingTheConstraint()
    {
        var error = Assert.Throws<ConstraintViolationException>(() => Run("insert into positive values (-1)"));

        Assert.Equal(ConstraintKind.Check, error.Kind);
        Assert.Null(error.ColumnName);
        Assert.Contains("failed: v_positive. Change the value so that the condition holds.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrictTableTypeMismatch_IsKindDataType_NamingTheColumn()
    {
        var error = Assert.Throws<ConstraintViolationException>(
            () => Run("insert into amount (n) values (:n)", new Params { ["n"] = "twelve" }));

        Assert.Equal(ConstraintKind.DataType, error.Kind);
        Assert.Equal("amount", error.TableName);
        Assert.Equal("n", error.ColumnName);
        Assert.Equal(
            "Column 'n' of table 'amount' holds INTEGER values; a TEXT value cannot be stored in it. Pass a value of the column's type.",
            error.Message);
    }

    [Fact]
    public void ForeignKeyViolation_IsKindForeignKey()
    {
        var error = Assert.Throws<ConstraintViolationException>(() => Run("insert into child values (99)"));

        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        Assert.Equal(
            "Cannot write to table 'child': column 'parent_id' refers to table 'parent' (column 'id'), which has no row with that value. " +
            "Insert the 'parent' row first, or use a value that a row of 'parent' has.",
            error.Message);
        Assert.Equal("child", error.TableName);
        Assert.Equal("parent_id", error.ColumnName);
    }

    [Fact]
    public void InjectionAttempt_InAParameter_IsStoredVerbatim()
    {
        const string hostile = "'); drop table \"user\"; --";

        Run("""insert into "user" (email, name) values (:email, 'Eve')""", new Params { ["email"] = hostile });
        _connection.Commit();

        using Connection reader = _engine.Connect();
        Assert.Equal(hostile, reader.Execute(Sql.Text("""select email from "user" where name = 'Eve'""")).Scalar<string>());
        Assert.Equal(2L, _engine.Count("\"user\""));
    }

    [Fact]
    public void AfterEachError_TheConnectionStaysUsable_AndNoWorkIsLost()
    {
        Run("insert into parent values (1)");
        _connection.Commit();
        Run("insert into parent values (2)");

        Assert.Throws<GenOrmException>(() => Run("selec 1"));
        Assert.Throws<ConstraintViolationException>(() => Run("insert into parent values (1)"));
        Assert.Throws<ConstraintViolationException>(() => Run("""insert into "user" (email, name) values ('x', null)"""));
        Assert.Throws<ConstraintViolationException>(() => Run("""insert into "user" (email, name) values ('x', 'long')"""));
        Assert.Throws<ConstraintViolationException>(() => Run("insert into amount (n) values ('x')"));
        Assert.Throws<ConstraintViolationException>(() => Run("insert into child values (99)"));
        Assert.Throws<GenOrmException>(() => Run("select :missing"));

        Assert.True(_connection.InTransaction);
        Run("insert into parent values (3)");
        _connection.Commit();
        Assert.Equal("[(1,), (2,), (3,)]", _engine.Rows("select id from parent order by id"));
    }

    [Fact]
    public void FailedStatement_HasNoEffect_EvenWhenItChangedSomeRowsFirst()
    {
        Run("insert into parent values (1), (2)");

        Assert.Throws<ConstraintViolationException>(() => Run("insert into parent values (3), (4), (1)"));

        Assert.Equal("[(1,), (2,)]", Run("select id from parent order by id").ToString());
    }

    [Fact]
    public void ConflictClauseThatRollsBackTheTransaction_RefusesWorkUntilRollback_AndLosesNothingSilently()
    {
        // INSERT OR ROLLBACK (like RAISE(ROLLBACK) in a trigger, or a full disk) makes SQLite end the whole
        // transaction itself: the uncommitted row 2 is gone, so nothing may carry on as if it were still there.
        Run("insert into parent values (1)");
        _connection.Commit();
        Run("insert into parent values (2)");

        var error = Assert.Throws<ConstraintViolationException>(() => Run("insert or rollback into parent values (1)"));

        Assert.Equal(ConstraintKind.PrimaryKey, error.Kind);
        Assert.False(_connection.InTransaction);
        const string Pending = "This connection's transaction was rolled back by SQLite after an error "
            + "(SQLite Error 19: 'UNIQUE constraint failed: parent.id'.), so its uncommitted work is lost. "
            + "Call Rollback() to acknowledge it, then run the work again in a new transaction.";
        var refused = Assert.Throws<PendingRollbackException>(() => Run("insert into parent values (3)"));
        Assert.Equal(Pending, refused.Message);
        Assert.Same(error, refused.InnerException);
        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => _connection.Commit()).Message);
        Assert.Equal(Pending, Assert.Throws<PendingRollbackException>(() => _connection.Begin()).Message);
        Assert.Equal("[(1,)]", _engine.Rows("select id from parent order by id"));

        _connection.Rollback();
        Run("insert into parent values (3)");
        _connection.Commit();
        Assert.Equal("[(1,), (3,)]", _engine.Rows("select id from parent order by id"));
    }

    [Fact]
    public void ConflictClauseThatRollsBackAFreshTransaction_LosesNothing_SoTheConnectionCarriesOn()
    {
        // The failing statement was the transaction's first: no earlier work was lost, so nothing needs acknowledging.
        Run("insert into parent values (1)");
        _connection.Commit();

        Assert.Throws<ConstraintViolationException>(() => Run("insert or rollback into parent values (1)"));

        Run("insert into parent values (2)");
        _connection.Commit();
        Assert.Equal("[(1,), (2,)]", _engine.Rows("select id from parent order by id"));
    }

    private Result Run(string sql) => _connection.Execute(Sql.Text(sql));

    private Result Run(string sql, Params parameters) => _connection.Execute(Sql.Text(sql), parameters);
}
