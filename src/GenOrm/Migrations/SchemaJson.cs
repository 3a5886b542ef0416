using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GenOrm.Migrations;

/// <summary>
/// The canonical text form of a <see cref="SchemaModel"/>. Written by hand so that the bytes are fixed: keys in
/// declaration order, two-space indentation, <c>"\n"</c> lines, one column, index or foreign key per line (a change
/// to one column is a one-line diff), only the escapes JSON requires, non-ASCII written as UTF-8 characters.
/// Read with <see cref="JsonDocument"/> (no reflection), so any valid JSON of the same shape reads.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "version": 1,
///   "tables": [
///     {
///       "name": "users",
///       "columns": [
///         { "name": "Id", "sqlType": "INTEGER", "clrType": "long", "isNullable": false, "defaultSql": null, "isUnique": false, "maxLength": null, "isAutoIncrement": true }
///       ],
///       "primaryKey": ["Id"],
///       "indexes": [
///         { "name": "ix_users_Email", "columns": ["Email"], "isUnique": false }
///       ],
///       "foreignKeys": [
///         { "column": "TeamId", "targetTable": "teams", "targetColumn": "Id", "onDelete": "CASCADE" }
///       ],
///       "createSql": "CREATE TABLE \"users\" (\n    \"Id\" INTEGER PRIMARY KEY AUTOINCREMENT\n) STRICT"
///     }
///   ]
/// }
/// </code>
/// Empty lists are written <c>[]</c> on the key's line. The text ends with <c>"\n"</c>.
/// </remarks>
internal static class SchemaJson
{
    public static string Write(SchemaModel model)
    {
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"version\": ").Append(model.Version.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        if (model.Tables.Count == 0)
        {
            json.Append("  \"tables\": []\n");
        }
        else
        {
            json.Append("  \"tables\": [\n");
            for (int t = 0; t < model.Tables.Count; t++)
            {
                WriteTable(json, model.Tables[t]);
                json.Append(t + 1 < model.Tables.Count ? ",\n" : "\n");
            }

            json.Append("  ]\n");
        }

        return json.Append("}\n").ToString();
    }

    public static SchemaModel Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new FormatException(ErrorMessages.SchemaJsonInvalid(exception.Message), exception);
        }

        using (document)
        {
            JsonElement root = Object(document.RootElement, "the document");
            int version = Int(Property(root, "version", "the document"), "version");
            if (version < 1)
            {
                throw new FormatException(ErrorMessages.SchemaJsonWrongValue("version", "a whole number of 1 or more"));
            }

            var tables = new List<TableModel>();
            foreach (JsonElement table in Array(Property(root, "tables", "the document"), "tables"))
            {
                tables.Add(ReadTable(table));
            }

            return new SchemaModel(version, tables);
        }
    }

    private static void WriteTable(StringBuilder json, TableModel table)
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

    private static void WriteList<T>(StringBuilder json, string key, IReadOnlyList<T> items, Action<StringBuilder, T> write)
    {
        json.Append("      \"").Append(key).Append("\": ");
        if (items.Count == 0)
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

    private static string Names(IReadOnlyList<string> names)
    {
        var json = new StringBuilder("[");
        for (int i = 0; i < names.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ", ").Append(Quote(names[i]));
        }

        return json.Append(']').ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

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

    private static TableModel ReadTable(JsonElement element)
    {
        JsonElement table = Object(element, "a table");
        string name = String(Property(table, "name", "a table"), "name");
        string where = "table '" + name + "'";
        var columns = new List<ColumnModel>();
        foreach (JsonElement item in Array(Property(table, "columns", where), where + " columns"))
        {
            JsonElement column = Object(item, "a column of " + where);
            string columnName = String(Property(column, "name", "a column of " + where), "name");
            string at = "column '" + columnName + "' of " + where;
            columns.Add(new ColumnModel(
                columnName,
                String(Property(column, "sqlType", at), at + " sqlType"),
                String(Property(column, "clrType", at), at + " clrType"),
                Boolean(Property(column, "isNullable", at), at + " isNullable"),
                OptionalString(column, "defaultSql", at),
                OptionalBoolean(column, "isUnique", at),
                OptionalInt(column, "maxLength", at),
                OptionalBoolean(column, "isAutoIncrement", at)));
        }

        var indexes = new List<IndexModel>();
        foreach (JsonElement item in OptionalArray(table, "indexes", where))
        {
            JsonElement index = Object(item, "an index of " + where);
            string indexName = String(Property(index, "name", "an index of " + where), "name");
            string at = "index '" + indexName + "' of " + where;
            indexes.Add(new IndexModel(indexName, Strings(Property(index, "columns", at), at + " columns"), OptionalBoolean(index, "isUnique", at)));
        }

        var foreignKeys = new List<ForeignKeyModel>();
        foreach (JsonElement item in OptionalArray(table, "foreignKeys", where))
        {
            JsonElement key = Object(item, "a foreign key of " + where);
            string at = "a foreign key of " + where;
            foreignKeys.Add(new ForeignKeyModel(
                String(Property(key, "column", at), at + " column"),
                String(Property(key, "targetTable", at), at + " targetTable"),
                String(Property(key, "targetColumn", at), at + " targetColumn"),
                OptionalString(key, "onDelete", at) ?? "NO ACTION"));
        }

        return new TableModel(
            name,
            columns,
            Strings(Property(table, "primaryKey", where), where + " primaryKey"),
            indexes,
            foreignKeys,
            String(Property(table, "createSql", where), where + " createSql"));
    }

    private static JsonElement Property(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value)
            ? value
            : throw new FormatException(ErrorMessages.SchemaJsonMissingKey(name, where));

    private static JsonElement Object(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Object ? element : throw new FormatException(ErrorMessages.SchemaJsonWrongValue(what, "an object"));

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new FormatException(ErrorMessages.SchemaJsonWrongValue(what, "an array"));

    private static JsonElement.ArrayEnumerator OptionalArray(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value) ? Array(value, where + " " + name) : default;

    private static string String(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : throw new FormatException(ErrorMessages.SchemaJsonWrongValue(what, "a string"));

    private static bool Boolean(JsonElement element, string what) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException(ErrorMessages.SchemaJsonWrongValue(what, "true or false")),
    };

    private static int Int(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value)
            ? value
            : throw new FormatException(ErrorMessages.SchemaJsonWrongValue(what, "a whole number"));

    private static string[] Strings(JsonElement element, string what)
    {
        var names = new List<string>();
        foreach (JsonElement item in Array(element, what))
        {
            names.Add(String(item, what));
        }

        return names.ToArray();
    }

    private static string? OptionalString(JsonElement element, string name, string where) =>
        !element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null : String(value, where + " " + name);

    private static bool OptionalBoolean(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null && Boolean(value, where + " " + name);

    private static int? OptionalInt(JsonElement element, string name, string where) =>
        !element.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null : Int(value, where + " " + name);
}
