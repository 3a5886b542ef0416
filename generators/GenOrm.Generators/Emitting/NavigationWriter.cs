using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes the navigation helpers of <c>[ForeignKey]</c> columns: on the referring class an instance method that loads
/// the referenced row (<c>post.GetAuthor(connection)</c>); beside it, a static class of extensions on the referenced
/// class that load the referring rows, for one parent (<c>user.GetPosts(connection)</c>) or for many in one query
/// per 500 parents (<c>users.GetPosts(connection)</c>).
/// </summary>
internal static class NavigationWriter
{
    private const string Connection = "global::GenOrm.Connection";
    private const string ConnectionParam = """<param name="connection">The connection to run the query on; it joins the connection's transaction.</param>""";
    private const string CancellationParam = """<param name="cancellationToken">Stops the query: it throws <see cref="global::System.OperationCanceledException"/>, and the connection stays usable.</param>""";

    /// <summary>Writes <c>Get{Navigation}</c> (or its async twin) into the referring class.</summary>
    public static void WriteReference(SourceWriter writer, TableSpec table, ColumnSpec column, bool isAsync)
    {
        ForeignKeySpec fk = column.ForeignKey!;
        string property = CSharpIdentifiers.Escape(column.PropertyName);
        string condition = $"{fk.TargetTypeName}.Columns.{CSharpIdentifiers.Escape(fk.TargetPropertyName)} == key";
        string terminal = isAsync ? "OneOrNoneAsync(cancellationToken)" : "OneOrNone()";
        string returns = isAsync ? $"global::System.Threading.Tasks.Task<{fk.TargetTypeName}?>" : $"{fk.TargetTypeName}?";
        string name = fk.NavigationMethodName + (isAsync ? "Async" : string.Empty);
        string parameters = isAsync ? $"{Connection} connection, global::System.Threading.CancellationToken cancellationToken = default" : $"{Connection} connection";
        string whenNull = isAsync ? $"global::System.Threading.Tasks.Task.FromResult<{fk.TargetTypeName}?>(null)" : "null";
        writer.WriteLine($"/// <summary>Reads the <c>{Literals.Xml(fk.TargetTableName)}</c> row that <see cref=\"{property}\"/> refers to.</summary>");
        writer.WriteLine("/// " + ConnectionParam);
        if (isAsync)
        {
            writer.WriteLine("/// " + CancellationParam);
        }

        writer.WriteLine($"/// <returns>The referenced row, or <see langword=\"null\"/> when {(column.IsNullable ? "the column is null or " : string.Empty)}no row has that key.</returns>");
        writer.OpenBlock($"public {returns} {name}({parameters})");
        if (column.IsNullable)
        {
            writer.WriteLine($"return {property} is {{ }} key ? {fk.TargetTypeName}.Query(connection).Where({condition}).{terminal} : {whenNull};");
        }
        else
        {
            writer.WriteLine($"var key = {property};");
            writer.WriteLine($"return {fk.TargetTypeName}.Query(connection).Where({condition}).{terminal};");
        }

        writer.CloseBlock();
    }

    /// <summary>Writes the static class of extensions that load the referring rows of each referenced class.</summary>
    public static void WriteExtensions(SourceWriter writer, TableSpec table)
    {
        string child = table.FullyQualifiedName;
        writer.WriteLine($"/// <summary>Loads <see cref=\"{child}\"/> rows from the rows their foreign keys refer to.</summary>");
        writer.WriteLine(GeneratedHeader.GeneratedCodeAttribute);
        writer.OpenBlock($"{(table.IsPublic ? "public" : "internal")} static class {table.ClassName}Navigation");
        bool first = true;
        foreach (ColumnSpec column in table.Columns.Where(c => c.ForeignKey is not null))
        {
            ForeignKeySpec fk = column.ForeignKey!;
            string parent = fk.ParentParameterName;
            string childColumn = $"{child}.Columns.{CSharpIdentifiers.Escape(column.PropertyName)}";
            string parentKey = $"{parent}.{CSharpIdentifiers.Escape(fk.TargetPropertyName)}";
            string doc = $"whose <c>{Literals.Xml(column.ColumnName)}</c> refers to";
            foreach (bool isAsync in new[] { false, true })
            {
                if (!first)
                {
                    writer.WriteLine();
                }

                first = false;
                string name = fk.ChildrenMethodName + (isAsync ? "Async" : string.Empty);
                string returns = isAsync
                    ? $"global::System.Threading.Tasks.Task<global::System.Collections.Generic.List<{child}>>"
                    : $"global::System.Collections.Generic.List<{child}>";
                writer.WriteLine($$"""
                    /// <summary>Reads the <c>{{Literals.Xml(table.TableName)}}</c> rows {{doc}} <paramref name="{{parent.TrimStart('@')}}"/>.</summary>
                    /// <param name="{{parent.TrimStart('@')}}">The referenced row.</param>
                    /// {{ConnectionParam}}{{(isAsync ? "\n/// " + CancellationParam : string.Empty)}}
                    /// <returns>The referring rows.</returns>
                    public static {{returns}} {{name}}(this {{fk.TargetTypeName}} {{parent}}, {{Connection}} connection{{(isAsync ? ", global::System.Threading.CancellationToken cancellationToken = default" : string.Empty)}})
                    {
                        global::System.ArgumentNullException.ThrowIfNull({{parent}});
                        return {{child}}.Query(connection).Where({{childColumn}} == {{parentKey}}).{{(isAsync ? "AllAsync(cancellationToken)" : "All()")}};
                    }
                    """);
            }

            string keys = column.IsNullable && !IsReferenceKey(column)
                ? $"global::System.Linq.Enumerable.Select(keys, static key => ({fk.TargetKeyTypeName}?)key)"
                : "keys";
            string childKey = column.IsNullable
                ? (IsReferenceKey(column) ? $"child.{CSharpIdentifiers.Escape(column.PropertyName)}!" : $"child.{CSharpIdentifiers.Escape(column.PropertyName)}.GetValueOrDefault()")
                : $"child.{CSharpIdentifiers.Escape(column.PropertyName)}";
            writer.WriteLine();
            writer.WriteLine($$"""
                /// <summary>
                /// Reads the <c>{{Literals.Xml(table.TableName)}}</c> rows {{doc}} each of <paramref name="{{parent.TrimStart('@')}}s"/>, with one query per
                /// 500 of them instead of one query each.
                /// </summary>
                /// <param name="{{parent.TrimStart('@')}}s">The referenced rows.</param>
                /// {{ConnectionParam}}
                /// <returns>Each referenced row (compared by reference) with its referring rows; an empty list when it has none.</returns>
                public static global::System.Collections.Generic.Dictionary<{{fk.TargetTypeName}}, global::System.Collections.Generic.List<{{child}}>> {{fk.ChildrenMethodName}}(this global::System.Collections.Generic.IEnumerable<{{fk.TargetTypeName}}> {{parent.TrimStart('@')}}s, {{Connection}} connection)
                    => global::GenOrm.Internal.Relationships.LoadChildren<{{fk.TargetTypeName}}, {{child}}, {{fk.TargetKeyTypeName}}>(
                        connection,
                        {{parent.TrimStart('@')}}s,
                        static {{parent}} => {{parentKey}},
                        static keys => global::GenOrm.ColumnExtensions.In({{childColumn}}, {{keys}}),
                        static child => {{childKey}});
                """);
        }

        writer.CloseBlock();
    }

    private static bool IsReferenceKey(ColumnSpec column) => column.Kind is ColumnKind.String or ColumnKind.Bytes;
}
