using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Core;

public sealed class ExecuteManyTests : IDisposable
{
    private static readonly Sql Insert = Sql.Text("insert into my_table (x, y) values (:x, :y)");

    private readonly Engine _engine = Engine.Create("sqlite://");

    public ExecuteManyTests() => _engine.Run("create table my_table (x integer primary key, y integer)");

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Batch_RowsAffected_IsTheTotalOverAllSets()
    {
        using Connection connection = _engine.Connect();

        Result inserted = connection.Execute(Insert, Sets((1, 10), (2, 10), (3, 30)));
        Result updated = connection.Execute(
            Sql.Text("update my_table set y = y + 1 where y = :y"),
            new[] { new Params { ["y"] = 10 }, new Params { ["y"] = 30 }, new Params { ["y"] = 99 } });

        Assert.Equal(3, inserted.RowsAffected);
        Assert.Equal(3, updated.RowsAffected);
        Assert.Empty(inserted.All());
        Assert.Empty(inserted.Columns);
        Assert.Equal("insert into my_table (x, y) values (:x, :y)", inserted.Sql);
    }

    [Fact]
    public void Batch_IsCommittedWithTheConnection()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Insert, Sets((1, 2), (3, 4)));
            connection.Commit();
        }

        Assert.Equal("[(1, 2), (3, 4)]", _engine.Rows("select * from my_table"));
    }

    [Fact]
    public void Batch_AsFirstStatement_IsRolledBackOnDispose()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Insert, Sets((1, 2), (3, 4)));
            Assert.True(connection.InTransaction);
        }

        Assert.Equal(0L, _engine.Count("my_table"));
    }

    [Fact]
    public void Batch_OfLazySets_RunsEverySet()
    {
        using Connection connection = _engine.Connect();

        Result result = connection.Execute(Insert, Enumerable.Range(1, 100).Select(i => new Params { ["x"] = i, ["y"] = i * i }));

        Assert.Equal(100, result.RowsAffected);
        Assert.Equal(338350L, connection.Execute(Sql.Text("select sum(y) from my_table")).Scalar<long>());
    }

    [Fact]
    public void EmptyBatch_AffectsNothing()
    {
        using Connection connection = _engine.Connect();

        Result result = connection.Execute(Insert, Array.Empty<Params>());

        Assert.Equal(0, result.RowsAffected);
        Assert.Equal("[]", result.ToString());
    }

    [Fact]
    public void Batch_DuplicateKey_ThrowsConstraintViolation_AndNoneOfTheBatchRemains()
    {
        using Connection connection = _engine.Connect();

        var error = Assert.Throws<ConstraintViolationException>(
            () => connection.Execute(Insert, Sets((1, 2), (3, 4), (1, 5), (6, 7))));

        Assert.Equal(ConstraintKind.PrimaryKey, error.Kind);
        Assert.Equal("my_table", error.TableName);
        Assert.Equal("x", error.ColumnName);
        Assert.Equal("insert into my_table (x, y) values (:x, :y)", error.Sql);
        Assert.Equal("[]", connection.Execute(Sql.Text("select * from my_table")).ToString());
    }

    [Fact]
    public void Batch_Failure_KeepsEarlierUncommittedWorkOfTheConnection()
    {
        using (Connection connection = _engine.Connect())
        {
            connection.Execute(Sql.Text("insert into my_table values (10, 100)"));

            Assert.Throws<ConstraintViolationException>(() => connection.Execute(Insert, Sets((1, 2), (10, 5))));

            Assert.True(connection.InTransaction);
            Assert.Equal("[(10, 100)]", connection.Execute(Sql.Text("select * from my_table")).ToString());
            connection.Commit();
        }

        Assert.Equal("[(10, 100)]", _engine.Rows("select * from my_table"));
    }

    [Fact]
    public void Batch_Failure_LeavesTheConnectionUsable()
    {
        using (Connection connection = _engine.Connect())
        {
            Assert.Throws<ConstraintViolationException>(() => connection.Execute(Insert, Sets((1, 2), (1, 3))));

            Result retry = connection.Execute(Insert, Sets((1, 2), (3, 4)));
            connection.Commit();

            Assert.Equal(2, retry.RowsAffected);
        }

        Assert.Equal("[(1, 2), (3, 4)]", _engine.Rows("select * from my_table"));
    }

    [Fact]
    public void Batch_MissingParameterInSecondSet_LeavesNothingBehind()
    {
        using Connection connection = _engine.Connect();
        var batch = new[] { new Params { ["x"] = 1, ["y"] = 2 }, new Params { ["x"] = 3 } };

        var error = Assert.Throws<GenOrmException>(() => connection.Execute(Insert, batch));

        Assert.StartsWith("The SQL uses parameter ':y', but no value was given for 'y'.", error.Message, StringComparison.Ordinal);
        Assert.Equal("[]", connection.Execute(Sql.Text("select * from my_table")).ToString());
    }

    [Fact]
    public void Batch_NullSet_ThrowsArgumentException_AndLeavesNothingBehind()
    {
        using Connection connection = _engine.Connect();
        var batch = new[] { new Params { ["x"] = 1, ["y"] = 2 }, null! };

        var error = Assert.Throws<ArgumentException>(() => connection.Execute(Insert, batch));

        Assert.Equal("batch", error.ParamName);
        Assert.StartsWith("Parameter set 1 of the batch is null; every item of a batch must have values.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, connection.Execute(Sql.Text("select count(*) from my_table")).Scalar<long>());
    }

    [Fact]
    public void TwoFailedBatches_InARow_EachUndoOnlyThemselves()
    {
        using Connection connection = _engine.Connect();
        connection.Execute(Insert, Sets((1, 1)));

        Assert.Throws<ConstraintViolationException>(() => connection.Execute(Insert, Sets((2, 2), (1, 1))));
        connection.Execute(Insert, Sets((3, 3)));
        Assert.Throws<ConstraintViolationException>(() => connection.Execute(Insert, Sets((4, 4), (3, 3))));

        Assert.Equal("[(1, 1), (3, 3)]", connection.Execute(Sql.Text("select * from my_table")).ToString());
    }

    [Fact]
    public void Batch_InsideEngineBegin_IsCommitted()
    {
        int affected = _engine.Begin(connection => connection.Execute(Insert, Sets((1, 2), (3, 4), (5, 6))).RowsAffected);

        Assert.Equal(3, affected);
        Assert.Equal(3L, _engine.Count("my_table"));
    }

    private static Params[] Sets(params (int X, int Y)[] rows) =>
        rows.Select(r => new Params { ["x"] = r.X, ["y"] = r.Y }).ToArray();
}
