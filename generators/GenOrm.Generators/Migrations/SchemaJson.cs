using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
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
    /// <summary>Writes the canonical text: one column, index or foreign key per line, empty lists as <c>[]</c>.</summary>
    public static string Write(SchemaShape schema)
    {
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"version\": ").Append(schema.Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        if (schema.Tables.IsEmpty)
        {
            json.Append("  \"tables\": []\n");
        }
        else
        {
            json.Append("  \"tables\": [\n");
            for (int t = 0; t < schema.Tables.Count; t++)
            {
                WriteTable(json, schema.Tables[t]);
                json.Append(t + 1 < schema.Tables.Count ? ",\n" : "\n");
            }

            json.Append("  ]\n");
        }

        return json.Append("}\n").ToString();
    }

    private static void WriteTable(StringBuilder json, TableShape table)
    {
        json.Append("    {\n");
        json.Append("      \"name\": ").Append(Quote(table.Name)).Append(",\n");
        WriteList(json, "columns", table.Columns, static (json, c) => json
            .Append("{ \"name\": ").Append(Quote(c.Name))
            .Append(", \"sqlType\": ").Append(Quote(c.SqlType))
            .Append(", \"clrType\": ").Append(Quote(c.ClrType))
            .Append(", \"isNullable\": ").Append(Bool(c.IsNullable))
            .Append(", \"defaultSql\": ").Append(c.DefaultSql is null ? "null" : Quote(c.DefaultSql))
            .Append(", \"isUnique\": ").Append(Bool(c.IsUnique))
            .Append(", \"maxLength\": ").Append(c.MaxLength is int n ? n.ToString(CultureInfo.InvariantCulture) : "null")
            .Append(", \"isAutoIncrement\": ").Append(Bool(c.IsAutoIncrement))
            .Append(" }"));
        json.Append("      \"primaryKey\": ").Append(Names(table.PrimaryKey)).Append(",\n");
        WriteList(json, "indexes", table.Indexes, static (json, i) => json
            .Append("{ \"name\": ").Append(Quote(i.Name))
            .Append(", \"columns\": ").Append(Names(i.Columns))
            .Append(", \"isUnique\": ").Append(Bool(i.IsUnique))
            .Append(" }"));
        WriteList(json, "foreignKeys", table.ForeignKeys, static (json, f) => json
            .Append("{ \"column\": ").Append(Quote(f.Column))
            .Append(", \"targetTable\": ").Append(Quote(f.TargetTable))
            .Append(", \"targetColumn\": ").Append(Quote(f.TargetColumn))
            .Append(", \"onDelete\": ").Append(Quote(f.OnDelete))
            .Append(" }"));
        json.Append("      \"createSql\": ").Append(Quote(table.CreateSql)).Append('\n');
        json.Append("    }");
    }

    private static void WriteList<T>(StringBuilder json, string key, EquatableArray<T> items, Action<StringBuilder, T> write)
        where T : IEquatable<T>
    {
        json.Append("      \"").Append(key).Append("\": ");
        if (items.IsEmpty)
        {
            json.Append("[],\n");
            return;
        }

        json.Append("[\n");
        for (int i = 0; i < items.Count; i++)
        {
            json.Append("        ");
            write(json, items[i]);
            json.Append(i + 1 < items.Count ? ",\n" : "\n");
        }

        json.Append("      ],\n");
    }

    private static string Names(EquatableArray<string> names) =>
        "[" + string.Join(", ", names.Select(Quote)) + "]";

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A JSON string with only the escapes JSON requires; other characters as they are.</summary>
    private static string Quote(string value)
    {
        var json = new StringBuilder(value.Length + 2);
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }

                    break;
            }
        }

        return json.Append('"').ToString();
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
                c["defaultSql"] is null ? null : NullableString(c, "defaultSql"),
                c["isUnique"] is not null && Bool(c, "isUnique"),
                c["maxLength"] is not null && NullableInteger(c, "maxLength") is { } maxLength ? (int)maxLength : null,
                c["isAutoIncrement"] is not null && Bool(c, "isAutoIncrement"))).ToList();
            var indexes = Optional(table, "indexes").Select(i => Object(i, "an index")).Select(i => new IndexShape(
                String(i, "name"),
                Strings(i, "columns"),
                i["isUnique"] is not null && Bool(i, "isUnique"))).ToList();
            var foreignKeys = Optional(table, "foreignKeys").Select(f => Object(f, "a foreign key")).Select(f => new ForeignKeyShape(
                String(f, "column"),
                String(f, "targetTable"),
                String(f, "targetColumn"),
                f["onDelete"] is null ? "NO ACTION" : String(f, "onDelete"))).ToList();
            string createSql = String(table, "createSql");
            string prefix = "CREATE TABLE " + QuoteSql(name) + " (";
            if (!createSql.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                throw new JsonReadException(table["createSql"]!.Line, $"'createSql' of table '{name}' must start with '{prefix}'");
            }

            tables.Add(new TableShape(name, columns.ToEquatableArray(), Strings(table, "primaryKey"), indexes.ToEquatableArray(), foreignKeys.ToEquatableArray(), createSql));
        }

        return new SchemaShape(version, tables.ToEquatableArray());
    }

    /// <summary>Quotes an SQL identifier as the dialect does.</summary>
    public static string QuoteSql(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static List<JsonNode> Optional(JsonObject owner, string key) =>
        owner[key] is null ? new List<JsonNode>() : Array(owner, key).Items;

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
