using GenOrm.Internal;

namespace GenOrm.Tests.Core;

/// <summary>
/// The typed, database-neutral bind and read calls of <see cref="Statement"/>: generated code says what the value is
/// (a decimal, a Guid, a TimeSpan) and the SQLite driver decides how it is stored.
/// </summary>
public sealed class StatementTypedCallsTests : IDisposable
{
    private const string InsertSql = "insert into typed values (@m, @g, @dt, @dto, @d, @t, @ts, @b, @bytes)";
    private const string SelectSql = "select m, g, dt, dto, d, t, ts, b, bytes from typed";
    private readonly Engine _engine = Engine.Create("sqlite://");
    private readonly Connection _conn;

    public StatementTypedCallsTests()
    {
        _conn = _engine.Connect();
        _conn.Execute(Sql.Text("create table typed (m any, g any, dt any, dto any, d any, t any, ts any, b any, bytes any) strict"));
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public void TypedBinds_StoreSqliteForms_AndTypedReads_GiveTheValuesBack()
    {
        var guid = Guid.Parse("8F2C0E7A-52A4-4B69-9E0F-3C6F1D2B7A90");
        var at = new DateTime(2024, 2, 29, 13, 45, 10, 123, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        using (Statement insert = TableCommands.Prepare(_conn, InsertSql))
        {
            insert.BindDecimal(0, 1.50m);
            insert.BindGuid(1, guid);
            insert.BindDateTime(2, at);
            insert.BindDateTimeOffset(3, offset);
            insert.BindDateOnly(4, new DateOnly(2024, 7, 14));
            insert.BindTimeOnly(5, new TimeOnly(8, 30, 15, 250));
            insert.BindTimeSpan(6, TimeSpan.FromMinutes(90));
            insert.BindBoolean(7, true);
            insert.BindBytes(8, [0, 1, 255]);
            Assert.Equal(1, QueryCommands.Execute(_conn, insert));
        }

        Assert.Equal(
            "[('1.5', '8f2c0e7a-52a4-4b69-9e0f-3c6f1d2b7a90', '2024-02-29 13:45:10.123', '2024-01-02 01:04:05', '2024-07-14', '08:30:15.25', 54000000000, 1, <3 bytes>)]",
            _conn.Execute(Sql.Text(SelectSql)).ToString());

        using Statement select = TableCommands.Prepare(_conn, SelectSql);
        var row = QueryCommands.ReadOne(_conn, select, s => (
            s.GetDecimal(0), s.GetGuid(1), s.GetDateTime(2), s.GetDateTimeOffset(3), s.GetDateOnly(4), s.GetTimeOnly(5), s.GetTimeSpan(6), s.GetBoolean(7), s.GetBytes(8)));
        Assert.Equal(1.5m, row.Item1);
        Assert.Equal(guid, row.Item2);
        Assert.Equal(at, row.Item3);
        Assert.Equal(offset, row.Item4);
        Assert.Equal(new DateOnly(2024, 7, 14), row.Item5);
        Assert.Equal(new TimeOnly(8, 30, 15, 250), row.Item6);
        Assert.Equal(TimeSpan.FromMinutes(90), row.Item7);
        Assert.True(row.Item8);
        Assert.Equal(new byte[] { 0, 1, 255 }, row.Item9);
    }

    [Fact]
    public void BindBytes_Null_StoresNull()
    {
        using (Statement insert = TableCommands.Prepare(_conn, "insert into typed (bytes) values (@bytes)"))
        {
            insert.BindBytes(0, null);
            QueryCommands.Execute(_conn, insert);
        }

        Assert.Equal("[(None,)]", _conn.Execute(Sql.Text("select bytes from typed")).ToString());
    }

    [Fact]
    public void TypedRead_OfAValueThatIsNotADate_NamesTheColumn()
    {
        _conn.Execute(Sql.Text("insert into typed (dt) values ('yesterday')"));

        using Statement select = TableCommands.Prepare(_conn, "select dt from typed");
        var error = Assert.Throws<GenOrmException>(() => QueryCommands.ReadOne(_conn, select, s => s.GetDateTime(0)));

        Assert.Equal("dt", error.ColumnName);
        Assert.Equal("typed", error.TableName);
    }
}
