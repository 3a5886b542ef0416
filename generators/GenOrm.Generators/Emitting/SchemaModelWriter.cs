using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>Writes the C# expressions that build <c>GenOrm.Migrations</c> model objects and steps (no JSON parsing at run time).</summary>
internal static class SchemaModelWriter
{
    private const string Migrations = "global::GenOrm.Migrations.";

    /// <summary>
    /// Writes a private static method <c>CreateV{n}()</c> that builds one schema version; with <paramref name="postgres"/>,
    /// its columns and tables carry their PostgreSQL types, defaults and <c>CREATE TABLE</c> too.
    /// </summary>
    public static void WriteFactory(SourceWriter writer, SchemaShape schema, PostgresVersion? postgres)
    {
        writer.WriteLine($"private static {Migrations}SchemaModel CreateV{schema.Version}() => new {Migrations}SchemaModel(");
        writer.Indentation++;
        writer.WriteLine($"{schema.Version},");
        writer.OpenBlock($"new {Migrations}TableModel[]");
        for (int t = 0; t < schema.Tables.Count; t++)
        {
            TableShape table = schema.Tables[t];
            PostgresTable? postgresTable = postgres?.Tables[t];
            writer.WriteLine($"new {Migrations}TableModel(");
            writer.Indentation++;
            writer.WriteLine(Literals.String(table.Name) + ",");
            writer.OpenBlock($"new {Migrations}ColumnModel[]");
            for (int i = 0; i < table.Columns.Count; i++)
            {
                ColumnShape c = table.Columns[i];
                string postgresColumn = postgresTable is null ? string.Empty
                    : postgresTable.Columns.IsEmpty ? ", null, null"
                    : $", {Literals.String(postgresTable.Columns[i].Type)}, {OrNull(postgresTable.Columns[i].DefaultSql)}";
                writer.WriteLine(
                    $"new {Migrations}ColumnModel({Literals.String(c.Name)}, {Literals.String(c.SqlType)}, {Literals.String(c.ClrType)}, {Bool(c.IsNullable)}, "
                    + $"{OrNull(c.DefaultSql)}, {Bool(c.IsUnique)}, {(c.MaxLength is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}, {Bool(c.IsAutoIncrement)}{postgresColumn}),");
            }

            writer.Indentation--;
            writer.WriteLine("},");
            writer.WriteLine(Strings(table.PrimaryKey) + ",");
            writer.WriteLine($"new {Migrations}IndexModel[] {{ " + string.Join(", ", table.Indexes.Select(i =>
                $"new {Migrations}IndexModel({Literals.String(i.Name)}, {Strings(i.Columns)}, {Bool(i.IsUnique)})")) + (table.Indexes.IsEmpty ? "}," : " },"));
            writer.WriteLine($"new {Migrations}ForeignKeyModel[] {{ " + string.Join(", ", table.ForeignKeys.Select(f =>
                $"new {Migrations}ForeignKeyModel({Literals.String(f.Column)}, {Literals.String(f.TargetTable)}, {Literals.String(f.TargetColumn)}, {Literals.String(f.OnDelete)})")) + (table.ForeignKeys.IsEmpty ? "}," : " },"));
            writer.WriteLine(Literals.MultiLineString(table.CreateSql, string.Empty) + (postgresTable is null ? "),"  : ","));
            if (postgresTable is not null)
            {
                writer.WriteLine((postgresTable.CreateSql is { } createSql ? Literals.MultiLineString(createSql, string.Empty) : "null") + "),");
            }

            writer.Indentation--;
        }

        writer.Indentation--;
        writer.WriteLine("});");
        writer.Indentation--;
    }

    /// <summary>Writes the expression that builds one step; with <paramref name="postgres"/>, its PostgreSQL statements too.</summary>
    public static void WriteStep(SourceWriter writer, StepSpec step, bool postgres)
    {
        writer.WriteLine($"new {Migrations}MigrationStep(");
        writer.Indentation++;
        writer.WriteLine($"{step.ToVersion},");
        writer.OpenBlock("new string[]");
        WriteStatements(writer, step.Statements);

        writer.Indentation--;
        writer.WriteLine("},");
        writer.WriteLine($"{Bool(step.RebuildsTables)},");
        string hooks = $"new {Migrations}MigrationHook[] {{ "
            + string.Join(", ", step.Hooks.Select(h => $"new {Migrations}MigrationHook({Literals.String(h.DisplayName)}, {h.Method})"))
            + (step.Hooks.IsEmpty ? "}" : " }");
        if (!postgres)
        {
            writer.WriteLine(hooks + "),");
        }
        else if (step.PostgresStatements is not { } statements)
        {
            writer.WriteLine(hooks + ",");
            writer.WriteLine("null),");
        }
        else
        {
            writer.WriteLine(hooks + ",");
            writer.OpenBlock("new string[]");
            WriteStatements(writer, statements);
            writer.Indentation--;
            writer.WriteLine("}),");
        }

        writer.Indentation--;
    }

    private static void WriteStatements(SourceWriter writer, EquatableArray<string> statements)
    {
        foreach (string statement in statements)
        {
            writer.WriteLine((statement.IndexOf('\n') >= 0 ? Literals.MultiLineString(statement, string.Empty) : Literals.String(statement)) + ",");
        }
    }

    private static string OrNull(string? value) => value is null ? "null" : Literals.String(value);

    private static string Strings(EquatableArray<string> values) =>
        "new string[] { " + string.Join(", ", values.Select(Literals.String)) + (values.IsEmpty ? "}" : " }");

    private static string Bool(bool value) => value ? "true" : "false";
}
