using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>Writes the C# expressions that build <c>GenOrm.Migrations</c> model objects and steps (no JSON parsing at run time).</summary>
internal static class SchemaModelWriter
{
    private const string Migrations = "global::GenOrm.Migrations.";

    /// <summary>Writes a private static method <c>CreateV{n}()</c> that builds one schema version.</summary>
    public static void WriteFactory(SourceWriter writer, SchemaShape schema)
    {
        writer.WriteLine($"private static {Migrations}SchemaModel CreateV{schema.Version}() => new {Migrations}SchemaModel(");
        writer.Indentation++;
        writer.WriteLine($"{schema.Version},");
        writer.OpenBlock($"new {Migrations}TableModel[]");
        foreach (TableShape table in schema.Tables)
        {
            writer.WriteLine($"new {Migrations}TableModel(");
            writer.Indentation++;
            writer.WriteLine(Literals.String(table.Name) + ",");
            writer.OpenBlock($"new {Migrations}ColumnModel[]");
            foreach (ColumnShape c in table.Columns)
            {
                writer.WriteLine(
                    $"new {Migrations}ColumnModel({Literals.String(c.Name)}, {Literals.String(c.SqlType)}, {Literals.String(c.ClrType)}, {Bool(c.IsNullable)}, "
                    + $"{(c.DefaultSql is null ? "null" : Literals.String(c.DefaultSql))}, {Bool(c.IsUnique)}, {(c.MaxLength is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}, {Bool(c.IsAutoIncrement)}),");
            }

            writer.Indentation--;
            writer.WriteLine("},");
            writer.WriteLine(Strings(table.PrimaryKey) + ",");
            writer.WriteLine($"new {Migrations}IndexModel[] {{ " + string.Join(", ", table.Indexes.Select(i =>
                $"new {Migrations}IndexModel({Literals.String(i.Name)}, {Strings(i.Columns)}, {Bool(i.IsUnique)})")) + (table.Indexes.IsEmpty ? "}," : " },"));
            writer.WriteLine($"new {Migrations}ForeignKeyModel[] {{ " + string.Join(", ", table.ForeignKeys.Select(f =>
                $"new {Migrations}ForeignKeyModel({Literals.String(f.Column)}, {Literals.String(f.TargetTable)}, {Literals.String(f.TargetColumn)}, {Literals.String(f.OnDelete)})")) + (table.ForeignKeys.IsEmpty ? "}," : " },"));
            writer.WriteLine(Literals.MultiLineString(table.CreateSql, string.Empty) + "),");
            writer.Indentation--;
        }

        writer.Indentation--;
        writer.WriteLine("});");
        writer.Indentation--;
    }

    /// <summary>Writes the expression that builds one step.</summary>
    public static void WriteStep(SourceWriter writer, StepSpec step)
    {
        writer.WriteLine($"new {Migrations}MigrationStep(");
        writer.Indentation++;
        writer.WriteLine($"{step.ToVersion},");
        writer.OpenBlock("new string[]");
        foreach (string statement in step.Statements)
        {
            writer.WriteLine((statement.IndexOf('\n') >= 0 ? Literals.MultiLineString(statement, string.Empty) : Literals.String(statement)) + ",");
        }

        writer.Indentation--;
        writer.WriteLine("},");
        writer.WriteLine($"{Bool(step.RebuildsTables)},");
        writer.WriteLine("new global::System.Action<global::GenOrm.Connection>[] { " + string.Join(", ", step.Hooks) + (step.Hooks.IsEmpty ? "}),"  : " }),"));
        writer.Indentation--;
    }

    private static string Strings(EquatableArray<string> values) =>
        "new string[] { " + string.Join(", ", values.Select(Literals.String)) + (values.IsEmpty ? "}" : " }");

    private static string Bool(bool value) => value ? "true" : "false";
}
