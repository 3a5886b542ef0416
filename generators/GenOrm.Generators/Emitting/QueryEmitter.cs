using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes one table's file: the partial class with its SQL, its static data-access methods and its
/// <c>ITable&lt;TSelf&gt;</c> implementation (written by <see cref="Table.TableWriter"/>), then the navigation
/// extensions of its foreign keys. It follows the <see cref="TableSpec"/> and asks the dialect for SQL; it makes no
/// mapping decisions of its own.
/// </summary>
internal static class QueryEmitter
{
    /// <summary>
    /// Adds the table's file to the compilation: SQLite's texts, and PostgreSQL's too where they differ when
    /// <paramref name="targetsPostgres"/> (the compilation references GenOrm.Npgsql).
    /// </summary>
    public static void Emit(SourceProductionContext context, TableSpec table, bool targetsPostgres)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        context.AddSource(table.HintName, Write(table, SqliteDialect.Instance, targetsPostgres ? PostgresDialect.Instance : null).ToSourceText());
    }

    /// <summary>
    /// Writes the table's file with <paramref name="dialect"/>'s texts and, where they differ, <paramref name="postgres"/>'s
    /// (or none when <see langword="null"/>), between which the runtime picks by the connection's database.
    /// </summary>
    public static SourceWriter Write(TableSpec table, ISqlDialect dialect, ISqlDialect? postgres)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedHeader.FileHeader);
        writer.WriteLine(GeneratedHeader.InheritedParameterDocs);
        writer.WriteLine();
        if (table.Namespace.Length > 0)
        {
            writer.OpenBlock("namespace " + table.Namespace);
        }

        foreach (ContainingTypeSpec containing in table.ContainingTypes)
        {
            writer.OpenBlock($"partial {containing.Keyword} {containing.Name}");
        }

        writer.WriteLine(GeneratedHeader.GeneratedCodeAttribute);
        writer.OpenBlock($"partial {table.Keyword} {table.ClassName} : global::GenOrm.ITable<{table.FullyQualifiedName}>");
        new Table.TableWriter(writer, table, dialect, postgres).WriteMembers();
        writer.CloseBlock();

        foreach (ContainingTypeSpec unused in table.ContainingTypes)
        {
            writer.CloseBlock();
        }

        if (table.HasForeignKeys && table.IsAccessibleFromAssembly)
        {
            writer.WriteLine();
            NavigationWriter.WriteExtensions(writer, table);
        }

        if (table.Namespace.Length > 0)
        {
            writer.CloseBlock();
        }

        return writer;
    }
}
