using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Migrations;

/// <summary>
/// The canonical text of a <see cref="SchemaShape"/>, which the history files hold and which must be byte-equal to
/// what the runtime's <c>GenOrm.Migrations.SchemaModel.ToJson()</c> writes for the same model: keys in a fixed
/// order, 2-space indent, <c>\n</c> line ends, a final line break.
/// </summary>
internal static class SchemaJson
{
    /// <summary>Writes the canonical text.</summary>
    public static string Write(SchemaShape schema)
    {
        var json = new JsonTextWriter();
        json.StartObject();
        json.Key("version");
        json.Number(schema.Version);
        json.Key("tables");
        json.StartArray();
        foreach (TableShape table in schema.Tables)
        {
            json.StartObject();
            json.Key("name");
            json.String(table.Name);
            json.Key("columns");
            json.StartArray();
            foreach (ColumnShape column in table.Columns)
            {
                json.StartObject();
                json.Key("name");
                json.String(column.Name);
                json.Key("sqlType");
                json.String(column.SqlType);
                json.Key("clrType");
                json.String(column.ClrType);
                json.Key("isNullable");
                json.Bool(column.IsNullable);
                json.Key("defaultSql");
                json.String(column.DefaultSql);
                json.Key("isUnique");
                json.Bool(column.IsUnique);
                json.Key("maxLength");
                json.Number(column.MaxLength);
                json.Key("isAutoIncrement");
                json.Bool(column.IsAutoIncrement);
                json.EndObject();
            }

            json.EndArray();
            json.Key("primaryKey");
            WriteStrings(json, table.PrimaryKey);
            json.Key("indexes");
            json.StartArray();
            foreach (IndexShape index in table.Indexes)
            {
                json.StartObject();
                json.Key("name");
                json.String(index.Name);
                json.Key("columns");
                WriteStrings(json, index.Columns);
                json.Key("isUnique");
                json.Bool(index.IsUnique);
                json.EndObject();
            }

            json.EndArray();
            json.Key("foreignKeys");
            json.StartArray();
            foreach (ForeignKeyShape foreignKey in table.ForeignKeys)
            {
                json.StartObject();
                json.Key("column");
                json.String(foreignKey.Column);
                json.Key("targetTable");
                json.String(foreignKey.TargetTable);
                json.Key("targetColumn");
                json.String(foreignKey.TargetColumn);
                json.Key("onDelete");
                json.String(foreignKey.OnDelete);
                json.EndObject();
            }

            json.EndArray();
            json.Key("createSql");
            json.String(table.CreateSql);
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
        return json.ToString();
    }

    /// <summary>Reads a history file's text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="tableLines">Receives the line of each table's name, for diagnostics that point into the file.</param>
    /// <exception cref="JsonReadException">The text is not JSON, or not a schema.</exception>
    public static SchemaShape Read(string text, out List<TableLine> tableLines)
    {
        JsonObject root = Object(JsonParser.Parse(text), "the document");
        int version = (int)Integer(root, "version", min: 1);
        var tables = new List<TableShape>();
        tableLines = new List<TableLine>();
        foreach (JsonNode item in Array(root, "tables").Items)
        {
            JsonObject table = Object(item, "a table");
            string name = String(table, "name");
            tableLines.Add(new TableLine(name, table["name"]!.Line));
            var columns = Array(table, "columns").Items.Select(c => Object(c, "a column")).Select(c => new ColumnShape(
                String(c, "name"),
                String(c, "sqlType"),
                String(c, "clrType"),
                Bool(c, "isNullable"),
                NullableString(c, "defaultSql"),
                Bool(c, "isUnique"),
                NullableInteger(c, "maxLength") is { } maxLength ? (int)maxLength : null,
                Bool(c, "isAutoIncrement"))).ToList();
            var indexes = Array(table, "indexes").Items.Select(i => Object(i, "an index")).Select(i => new IndexShape(
                String(i, "name"),
                Strings(i, "columns"),
                Bool(i, "isUnique"))).ToList();
            var foreignKeys = Array(table, "foreignKeys").Items.Select(f => Object(f, "a foreign key")).Select(f => new ForeignKeyShape(
                String(f, "column"),
                String(f, "targetTable"),
                String(f, "targetColumn"),
                String(f, "onDelete"))).ToList();
            string createSql = String(table, "createSql");
            string prefix = "CREATE TABLE " + Quote(name) + " (";
            if (!createSql.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                throw new JsonReadException(table["createSql"]!.Line, $"'createSql' of table '{name}' must start with '{prefix}'");
            }

            tables.Add(new TableShape(name, columns.ToEquatableArray(), Strings(table, "primaryKey"), indexes.ToEquatableArray(), foreignKeys.ToEquatableArray(), createSql));
        }

        return new SchemaShape(version, tables.ToEquatableArray());
    }

    /// <summary>Quotes an SQL identifier as the dialect does.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static void WriteStrings(JsonTextWriter json, EquatableArray<string> values)
    {
        json.StartArray();
        foreach (string value in values)
        {
            json.String(value);
        }

        json.EndArray();
    }

    private static JsonObject Object(JsonNode node, string what) =>
        node as JsonObject ?? throw new JsonReadException(node.Line, what + " must be an object");

    private static JsonNode Member(JsonObject owner, string key) =>
        owner[key] ?? throw new JsonReadException(owner.Line, $"property '{key}' is missing");

    private static JsonArray Array(JsonObject owner, string key) =>
        Member(owner, key) as JsonArray ?? throw new JsonReadException(Member(owner, key).Line, $"'{key}' must be an array");

    private static string String(JsonObject owner, string key) =>
        NullableString(owner, key) ?? throw new JsonReadException(Member(owner, key).Line, $"'{key}' must be a string");

    private static string? NullableString(JsonObject owner, string key)
    {
        JsonNode node = Member(owner, key);
        return node is JsonScalar { Value: null } ? null
            : node is JsonScalar { Value: string text } ? text
            : throw new JsonReadException(node.Line, $"'{key}' must be a string or null");
    }

    private static bool Bool(JsonObject owner, string key)
    {
        JsonNode node = Member(owner, key);
        return node is JsonScalar { Value: bool flag } ? flag : throw new JsonReadException(node.Line, $"'{key}' must be true or false");
    }

    private static long Integer(JsonObject owner, string key, long min) =>
        NullableInteger(owner, key) is { } value && value >= min
            ? value
            : throw new JsonReadException(Member(owner, key).Line, $"'{key}' must be a whole number of at least {min}");

    private static long? NullableInteger(JsonObject owner, string key)
    {
        JsonNode node = Member(owner, key);
        return node is JsonScalar { Value: null } ? null
            : node is JsonScalar { Value: long number } && number <= int.MaxValue && number >= int.MinValue ? number
            : throw new JsonReadException(node.Line, $"'{key}' must be a whole number or null");
    }

    private static EquatableArray<string> Strings(JsonObject owner, string key) =>
        Array(owner, key).Items
            .Select(n => n is JsonScalar { Value: string text } ? text : throw new JsonReadException(n.Line, $"'{key}' must hold strings only"))
            .ToEquatableArray();
}

/// <summary>The line of a table's name in a history file.</summary>
internal sealed record TableLine(string Name, int Line);
