using GenOrm.ReliabilityApp;
using GenOrm.Tests.Helpers;

namespace GenOrm.Tests.Reliability;

/// <summary>Table and column names with quotes, spaces, SQL comment and statement separators, keywords and non-ASCII letters.</summary>
public sealed class IdentifierTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Engine _engine;
    private readonly Connection _conn;

    public IdentifierTests()
    {
        _engine = Engine.Create(_temp.SqliteUrl("identifiers.db"));
        _conn = _engine.Connect();
        WeirdIdentifiers.CreateTable(_conn);
        WeirdIdentifiers.CreateTable(_conn);   // IF NOT EXISTS matches the quoted name
        KeywordTable.CreateTable(_conn);
        UnicodeTable.CreateTable(_conn);
        _conn.Commit();
    }

    public void Dispose()
    {
        _conn.Dispose();
        _engine.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void QuotesSemicolonsAndComments_InNames_WorkForEveryGeneratedMember()
    {
        WeirdIdentifiers.Insert(_conn, new WeirdIdentifiers { Id = 1, Select = "a", Order = 7, Short = "12345" });
        WeirdIdentifiers.InsertMany(_conn, [new WeirdIdentifiers { Id = 2, Select = "b", Order = 8, Short = "" }]);
        Assert.Equal(1, WeirdIdentifiers.Update(_conn, new WeirdIdentifiers { Id = 2, Select = "b2", Order = 9, Short = "x" }));
        _conn.Commit();

        Assert.Equal("a", WeirdIdentifiers.GetById(_conn, 1)?.Select);
        Assert.Equal(2L, WeirdIdentifiers.GetBySelect(_conn, "b2")?.Id);
        Assert.Equal([1L], WeirdIdentifiers.GetByOrder(_conn, 7).Select(r => r.Id));
        Assert.Equal([1L, 2L], WeirdIdentifiers.GetAll(_conn).Select(r => r.Id).Order());
        Assert.Equal([1L, 2L], _conn.Query<WeirdIdentifiers>(Sql.Text("select * from \"we\"\"ird; tab--le\" order by 1")).Select(r => r.Id));
        Assert.Equal(1, WeirdIdentifiers.Delete(_conn, new WeirdIdentifiers { Id = 1 }));
        _conn.Commit();

        Assert.Equal("[(2, 'b2', 9, 'x')]", _engine.Rows("select * from \"we\"\"ird; tab--le\""));
        Assert.Equal(
            "[('id \"quoted\"',), ('sel\"ect; --',), ('order',), ('short text',)]",
            _engine.Rows("select name from pragma_table_info('we\"ird; tab--le')"));
    }

    [Fact]
    public void ConstraintErrors_NameTheOddTableAndColumnExactly()
    {
        WeirdIdentifiers.Insert(_conn, new WeirdIdentifiers { Id = 1, Select = "same", Short = "ok" });

        var unique = Assert.Throws<ConstraintViolationException>(
            () => WeirdIdentifiers.Insert(_conn, new WeirdIdentifiers { Id = 2, Select = "same", Short = "ok" }));
        var tooLong = Assert.Throws<ConstraintViolationException>(
            () => WeirdIdentifiers.Insert(_conn, new WeirdIdentifiers { Id = 3, Select = "other", Short = "123456" }));

        Assert.Equal((ConstraintKind.Unique, "we\"ird; tab--le", "sel\"ect; --"), (unique.Kind, unique.TableName, unique.ColumnName));
        Assert.Equal(
            "Cannot write to table 'we\"ird; tab--le': column 'sel\"ect; --' must be unique and another row already has this value. " +
            "Load and update the existing row instead, or use a different value.",
            unique.Message);
        Assert.Equal((ConstraintKind.MaxLength, "short text"), (tooLong.Kind, tooLong.ColumnName));
        Assert.Equal(
            "The value for column 'short text' of table 'we\"ird; tab--le' is longer than its maximum length of 5 characters. " +
            "Shorten the value, or raise [MaxLength] on the property.",
            tooLong.Message);
    }

    [Fact]
    public void KeywordNames_Work()
    {
        KeywordTable.Insert(_conn, new KeywordTable { Where = 1, From = "select", Values = "values" });
        _conn.Commit();

        Assert.Equal("values", KeywordTable.GetByFrom(_conn, "select")?.Values);
        Assert.Equal("[(1, 'select', 'values')]", _engine.Rows("select \"where\", \"from\", \"values\" from \"group\""));
        var duplicate = Assert.Throws<ConstraintViolationException>(
            () => KeywordTable.Insert(_conn, new KeywordTable { Where = 1, From = "other" }));
        Assert.Equal((ConstraintKind.PrimaryKey, "group", "where"), (duplicate.Kind, duplicate.TableName, duplicate.ColumnName));
    }

    [Fact]
    public void NonAsciiNames_Work()
    {
        UnicodeTable.Insert(_conn, new UnicodeTable { Key = 1, Name = "Ωmega", Note = "ça marche" });
        _conn.Commit();

        Assert.Equal("ça marche", UnicodeTable.GetByName(_conn, "Ωmega")?.Note);
        Assert.Equal("[(1, 'Ωmega')]", _engine.Rows("select \"ключ\", \"名前\" from \"Ünïcødé Tåble ж\""));
        var duplicate = Assert.Throws<ConstraintViolationException>(
            () => UnicodeTable.Insert(_conn, new UnicodeTable { Key = 2, Name = "Ωmega" }));
        Assert.Equal(("Ünïcødé Tåble ж", "名前"), (duplicate.TableName, duplicate.ColumnName));
    }
}
