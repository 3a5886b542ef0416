using System.Linq;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes <c>GenOrm.Schema.g.cs</c>: the assembly's <c>GenOrm.Generated.Schema</c> class, which holds every table's
/// DDL and creates all tables in one call.
/// </summary>
internal static class SchemaEmitter
{
    /// <summary>The hint name of the schema file.</summary>
    public const string HintName = "GenOrm.Schema.g.cs";

    /// <summary>Adds the schema file to the compilation, when the assembly has at least one table.</summary>
    public static void Emit(SourceProductionContext context, SchemaSpec schema)
    {
        if (schema.Tables.IsEmpty)
        {
            return;
        }

        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        context.AddSource(HintName, Write(schema).ToSourceText());
    }

    /// <summary>Writes the schema file.</summary>
    public static SourceWriter Write(SchemaSpec schema)
    {
        string createAllSql = string.Join("\n", schema.Tables.Select(t => t.CreateTableSql));
        string tableNames = string.Join(", ", schema.Tables.Select(t => Literals.String(t.TableName)));
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedHeader.FileHeader);
        writer.WriteLine();
        writer.OpenBlock("namespace GenOrm.Generated");
        writer.WriteLine($"""
            /// <summary>The schema of every GenOrm table in this assembly, in creation order: referenced tables first, then by class name.</summary>
            {GeneratedHeader.GeneratedCodeAttribute}
            """);
        writer.OpenBlock("internal static class Schema");
        writer.WriteLine($$"""
            private static readonly string[] s_tableNames = new[] { {{tableNames}} };

            /// <summary>The SQL that creates every table of the assembly and their indexes.</summary>
            /// <remarks>
            {{Literals.XmlCode(createAllSql)}}
            /// </remarks>
            public const string CreateAllSql = {{Literals.MultiLineString(createAllSql, "    ")}};

            /// <summary>Gets the names of every table of the assembly, in creation order.</summary>
            public static global::System.Collections.Generic.IReadOnlyList<string> TableNames => s_tableNames;

            /// <summary>Creates every table of the assembly and their indexes, unless they exist, by calling each table class's <c>CreateTable</c>.</summary>
            /// <param name="connection">The connection to run the statements on; they join the connection's transaction.</param>
            /// <exception cref="global::GenOrm.GenOrmException">SQLite reported an error.</exception>
            """);
        string skipped = string.Join(", ", schema.Tables.Where(t => !t.IsAccessibleFromAssembly).Select(t => "<c>" + Literals.Xml(t.TableName) + "</c>"));
        if (skipped.Length > 0)
        {
            writer.WriteLine($"/// <remarks>Skips the tables of private or protected nested classes ({skipped}): call their <c>CreateTable</c> from inside their containing type.</remarks>");
        }

        writer.OpenBlock("public static void CreateAll(global::GenOrm.Connection connection)");
        foreach (SchemaEntry table in schema.Tables.Where(t => t.IsAccessibleFromAssembly))
        {
            writer.WriteLine($"{table.FullyQualifiedName}.CreateTable(connection);");
        }

        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer;
    }
}
