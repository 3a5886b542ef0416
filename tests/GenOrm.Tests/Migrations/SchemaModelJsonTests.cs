using GenOrm.Migrations;

namespace GenOrm.Tests.Migrations;

public sealed class SchemaModelJsonTests
{
    private static SchemaModel Sample() => new(2, new[]
    {
        new TableModel(
            "teams",
            new[] { new ColumnModel("Id", "INTEGER", "long", isNullable: false, isAutoIncrement: true) },
            new[] { "Id" },
            Array.Empty<IndexModel>(),
            Array.Empty<ForeignKeyModel>(),
            "CREATE TABLE \"teams\" (\n    \"Id\" INTEGER PRIMARY KEY AUTOINCREMENT\n) STRICT"),
        new TableModel(
            "users",
            new[]
            {
                new ColumnModel("Id", "INTEGER", "long", isNullable: false),
                new ColumnModel("Email", "TEXT", "string", isNullable: false, isUnique: true, maxLength: 200),
                new ColumnModel("Name \"quoted\"\\é", "TEXT", "string?", isNullable: true, defaultSql: "'n/a'"),
                new ColumnModel("TeamId", "INTEGER", "long", isNullable: false),
            },
            new[] { "Id" },
            new[] { new IndexModel("ix_users_Name", new[] { "Name \"quoted\"\\é", "TeamId" }, isUnique: false) },
            new[] { new ForeignKeyModel("TeamId", "teams", "Id", "CASCADE") },
            "CREATE TABLE \"users\" (\n\t\"Id\" INTEGER NOT NULL\u0001\r\n) STRICT"),
    });

    [Fact]
    public void ToJson_WritesTheCanonicalForm()
    {
        const string expected = """
            {
              "version": 2,
              "tables": [
                {
                  "name": "teams",
                  "columns": [
                    { "name": "Id", "sqlType": "INTEGER", "clrType": "long", "isNullable": false, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": true }
                  ],
                  "primaryKey": ["Id"],
                  "indexes": [],
                  "foreignKeys": [],
                  "createSql": "CREATE TABLE \"teams\" (\n    \"Id\" INTEGER PRIMARY KEY AUTOINCREMENT\n) STRICT"
                },
                {
                  "name": "users",
                  "columns": [
                    { "name": "Id", "sqlType": "INTEGER", "clrType": "long", "isNullable": false, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": false },
                    { "name": "Email", "sqlType": "TEXT", "clrType": "string", "isNullable": false, "defaultSql": null, "isUnique": true, "maxLength": 200, "isAutoIncrement": false },
                    { "name": "Name \"quoted\"\\é", "sqlType": "TEXT", "clrType": "string?", "isNullable": true, "defaultSql": "'n/a'", "isUnique": false, "maxLength": null, "isAutoIncrement": false },
                    { "name": "TeamId", "sqlType": "INTEGER", "clrType": "long", "isNullable": false, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": false }
                  ],
                  "primaryKey": ["Id"],
                  "indexes": [
                    { "name": "ix_users_Name", "columns": ["Name \"quoted\"\\é", "TeamId"], "isUnique": false }
                  ],
                  "foreignKeys": [
                    { "column": "TeamId", "targetTable": "teams", "targetColumn": "Id", "onDelete": "CASCADE" }
                  ],
                  "createSql": "CREATE TABLE \"users\" (\n\t\"Id\" INTEGER NOT NULL\u0001\r\n) STRICT"
                }
              ]
            }

            """;

        Assert.Equal(expected.ReplaceLineEndings("\n"), Sample().ToJson());
    }

    [Fact]
    public void FromJson_ReadsWhatToJsonWrites()
    {
        SchemaModel model = Sample();

        SchemaModel read = SchemaModel.FromJson(model.ToJson());

        Assert.Equal(model, read);
        Assert.Equal(model.GetHashCode(), read.GetHashCode());
        Assert.Equal(model.ToJson(), read.ToJson());
    }

    [Fact]
    public void EmptyModel_RoundTrips()
    {
        var model = new SchemaModel(1, Array.Empty<TableModel>());

        Assert.Equal("{\n  \"version\": 1,\n  \"tables\": []\n}\n", model.ToJson());
        Assert.Equal(model, SchemaModel.FromJson(model.ToJson()));
    }

    [Fact]
    public void FromJson_OptionalKeysMissing_TakeTheirDefaults()
    {
        SchemaModel read = SchemaModel.FromJson("""
            {"version": 3, "tables": [{"name": "t", "columns": [{"name": "a", "sqlType": "TEXT", "clrType": "string", "isNullable": false}],
              "primaryKey": ["a"], "createSql": "CREATE TABLE \"t\" (\"a\" TEXT NOT NULL PRIMARY KEY) STRICT"}]}
            """);

        ColumnModel column = Assert.Single(Assert.Single(read.Tables).Columns);
        Assert.Equal(new ColumnModel("a", "TEXT", "string", isNullable: false), column);
        Assert.Empty(read.Tables[0].Indexes);
        Assert.Empty(read.Tables[0].ForeignKeys);
    }

    [Fact]
    public void FromJson_MissingKey_NamesKeyAndPlace()
    {
        var exception = Assert.Throws<FormatException>(() => SchemaModel.FromJson("""{"version": 1, "tables": [{"name": "users", "columns": []}]}"""));

        Assert.Equal("The schema text has no \"primaryKey\" in table 'users'. Restore the file from version control, or record the schema again.", exception.Message);
    }

    [Fact]
    public void FromJson_WrongValue_SaysWhatIsExpected()
    {
        var exception = Assert.Throws<FormatException>(() => SchemaModel.FromJson("""{"version": "2", "tables": []}"""));

        Assert.Equal("In the schema text, version must be a whole number. Restore the file from version control, or record the schema again.", exception.Message);
    }

    [Fact]
    public void ModelsDifferingInOneColumn_AreNotEqual()
    {
        SchemaModel model = Sample();
        string changed = model.ToJson().Replace("\"maxLength\": 200", "\"maxLength\": 201", StringComparison.Ordinal);

        Assert.NotEqual(model, SchemaModel.FromJson(changed));
    }
}
