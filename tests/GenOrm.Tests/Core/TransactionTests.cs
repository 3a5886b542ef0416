using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Core;

public sealed class TransactionTests : IDisposable
{
    private readonly Engine _engine = Engine.Create("sqlite://");

    public TransactionTests() => _engine.Run("create table t (x integer primary key, y text)");

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void UncommittedInsert_IsGoneAfterDispose()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            Assert.Equal(1L, connection.Execute(Sql.Text("select count(*) from t")).Scalar<long>());
        }

        Assert.Equal(0L, _engine.Count("t"));
    }

    [Fact]
    public void Commit_PersistsWork()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            connection.Commit();
        }

        Assert.Equal("[(1, 'a')]", _engine.Rows("select * from t"));
    }

    [Fact]
    public void Rollback_UndoesUncommittedWork()
    {
        using Connection connection = _engine.Connect();
        connection.Execute(Sql.Text("insert into t values (1, 'a')"));

        connection.Rollback();

        Assert.False(connection.InTransaction);
        Assert.Equal("[]", connection.Execute(Sql.Text("select * from t")).ToString());
    }

    [Fact]
    public void InTransaction_BeginsAtFirstStatement_AndEndsAtCommit()
    {
        using Connection connection = _engine.Connect();
        Assert.False(connection.InTransaction);

        connection.Execute(Sql.Text("select 1"));
        Assert.True(connection.InTransaction);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_get_autocommit(connection.DbConnection.Handle));

        connection.Commit();
        Assert.False(connection.InTransaction);
        Assert.Equal(1, SQLitePCL.raw.sqlite3_get_autocommit(connection.DbConnection.Handle));
    }

    [Fact]
    public void WorkAfterCommit_IsANewTransaction_RolledBackOnDispose()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            connection.Commit();
            connection.Execute(Sql.Text("insert into t values (2, 'b')"));
            Assert.True(connection.InTransaction);
        }

        Assert.Equal("[(1, 'a')]", _engine.Rows("select * from t"));
    }

    [Fact]
    public void ExplicitBegin_WhileInTransaction_ThrowsInvalidOperationException()
    {
        using Connection connection = _engine.Connect();
        connection.Execute(Sql.Text("select 1"));

        var error = Assert.Throws<InvalidOperationException>(connection.Begin);

        Assert.Equal(
            "A transaction is already in progress on this connection. Commit() or Rollback() it before beginning another.",
            error.Message);
    }

    [Fact]
    public void EngineBegin_ReturnsConnectionInTransaction_CommitPersists()
    {
        using (Connection connection = _engine.Begin())
        {
            Assert.True(connection.InTransaction);
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            connection.Commit();
        }

        Assert.Equal(1L, _engine.Count("t"));
    }

    [Fact]
    public void EngineBegin_DisposeWithoutCommit_RollsBack()
    {
        using (Connection connection = _engine.Begin())
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
        }

        Assert.Equal(0L, _engine.Count("t"));
    }

    [Fact]
    public void EngineBeginWithAction_CommitsOnSuccess()
    {
        Action<Connection> work = connection => connection.Execute(Sql.Text("insert into t values (1, 'a')"));

        _engine.Begin(work);

        Assert.Equal("[(1, 'a')]", _engine.Rows("select * from t"));
    }

    [Fact]
    public void EngineBeginWithAction_OnException_RollsBackAndRethrowsSameInstance()
    {
        var thrown = new InvalidOperationException("boom");

        var caught = Assert.Throws<InvalidOperationException>(() => _engine.Begin(connection =>
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(0L, _engine.Count("t"));
    }

    [Fact]
    public void EngineBeginWithAction_DatabaseError_RollsBackEarlierWork()
    {
        _engine.Run("insert into t values (1, 'a')");

        var error = Assert.Throws<ConstraintViolationException>(() => _engine.Begin(connection =>
        {
            connection.Execute(Sql.Text("insert into t values (2, 'b')"));
            connection.Execute(Sql.Text("insert into t values (1, 'again')"));
        }));

        Assert.Equal(ConstraintKind.PrimaryKey, error.Kind);
        Assert.Equal("[(1, 'a')]", _engine.Rows("select * from t"));
    }

    [Fact]
    public void EngineBeginWithFunc_ReturnsValueAndCommits()
    {
        long count = _engine.Begin(connection =>
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a'), (2, 'b')"));
            return connection.Execute(Sql.Text("select count(*) from t")).Scalar<long>();
        });

        Assert.Equal(2L, count);
        Assert.Equal(2L, _engine.Count("t"));
    }

    [Fact]
    public void EngineBeginWithFunc_OnException_RollsBackAndRethrowsSameInstance()
    {
        var thrown = new FormatException("bad");

        var caught = Assert.Throws<FormatException>(() => _engine.Begin<long>(connection =>
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(0L, _engine.Count("t"));
    }

    [Fact]
    public async Task BeginAsync_CommitsOnSuccess()
    {
        await _engine.BeginAsync(async connection =>
        {
            await Task.Yield();
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
        });

        Assert.Equal("[(1, 'a')]", _engine.Rows("select * from t"));
    }

    [Fact]
    public async Task BeginAsync_OnException_RollsBackAndRethrowsSameInstance()
    {
        var thrown = new InvalidOperationException("async boom");

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => _engine.BeginAsync(async connection =>
        {
            connection.Execute(Sql.Text("insert into t values (1, 'a')"));
            await Task.Yield();
            throw thrown;
        }));

        Assert.Same(thrown, caught);
        Assert.Equal(0L, _engine.Count("t"));
    }

    [Fact]
    public void DisposedConnection_Execute_ThrowsObjectDisposedException()
    {
        Connection connection = _engine.Connect();
        connection.Dispose();
        connection.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => connection.Execute(Sql.Text("select 1")));
        Assert.StartsWith("The connection has been disposed. Open a new one with Engine.Connect().", error.Message, StringComparison.Ordinal);
        Assert.Throws<ObjectDisposedException>(connection.Commit);
    }

    [Fact]
    public void DbConnection_IsTheOpenSqliteConnection_AndACommandOnItJoinsTheTransaction()
    {
        using Connection connection = _engine.Connect();
        connection.Execute(Sql.Text("insert into t values (1, 'a')"));

        using var command = connection.DbConnection.CreateCommand();
        command.CommandText = "select count(*) from t";

        Assert.Equal(System.Data.ConnectionState.Open, connection.DbConnection.State);
        Assert.Equal(1L, command.ExecuteScalar());
    }
}

public sealed class FileTransactionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;

    public FileTransactionTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("tx.db"));
        _engine.Run("create table t (x integer)", "insert into t values (1)");
    }

    public void Dispose()
    {
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void UncommittedWork_IsInvisibleToAnotherConnection()
    {
        using Connection writer = _engine.Connect();
        writer.Execute(Sql.Text("insert into t values (2)"));

        using (Connection reader = _engine.Connect())
        {
            Assert.Equal("[(1,)]", reader.Execute(Sql.Text("select x from t")).ToString());
        }

        writer.Commit();
        Assert.Equal("[(1,), (2,)]", _engine.Rows("select x from t order by x"));
    }
}
