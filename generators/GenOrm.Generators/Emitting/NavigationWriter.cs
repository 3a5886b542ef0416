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

    /// <summary>Gets <c>Get{Navigation}</c> and its async twin, for the referring class.</summary>
    public static TwinMethod Reference(ColumnSpec column)
    {
        ForeignKeySpec fk = column.ForeignKey!;
        string property = CSharpIdentifiers.Escape(column.PropertyName);
        string condition = $"{fk.TargetTypeName}.Columns.{CSharpIdentifiers.Escape(fk.TargetPropertyName)} == key";
        return new(
            $"""
            /// <summary>Reads the <c>{Literals.Xml(fk.TargetTableName)}</c> row that <see cref="{property}"/> refers to.</summary>
            /// {DocText.ConnectionParam}
            /// <returns>The referenced row, or <see langword="null"/> when {(column.IsNullable ? "the column is null or " : string.Empty)}no row has that key.</returns>
            """,
            "public",
            fk.NavigationMethodName,
            fk.TargetTypeName + "?",
            new[] { new MethodParameter(Connection, "connection") },
            twin =>
            {
                string query = twin.Await($"{fk.TargetTypeName}.Query(connection).Where({condition}).{(twin.IsAsync ? "OneOrNoneAsync(cancellationToken)" : "OneOrNone()")}");
                return AsyncTwins.Block(column.IsNullable
                    ? $"return {property} is {{ }} key ? {query} : null;"
                    : $"var key = {property};\nreturn {query};");
            });
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
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            AsyncTwins.Write(writer, new TwinMethod(
                $"""
                /// <summary>Reads the <c>{Literals.Xml(table.TableName)}</c> rows {doc} <paramref name="{parent.TrimStart('@')}"/>.</summary>
                /// <param name="{parent.TrimStart('@')}">The referenced row.</param>
                /// {DocText.ConnectionParam}
                /// <returns>The referring rows.</returns>
                """,
                "public static",
                fk.ChildrenMethodName,
                $"global::System.Collections.Generic.List<{child}>",
                new[] { new MethodParameter(fk.TargetTypeName, parent), new MethodParameter(Connection, "connection") },
                twin => AsyncTwins.Block($"""
                    global::System.ArgumentNullException.ThrowIfNull({parent});
                    return {twin.Await($"{child}.Query(connection).Where({childColumn} == {parentKey}).{(twin.IsAsync ? "AllAsync(cancellationToken)" : "All()")}")};
                    """))
            {
                IsExtension = true,
            });

            string keys = column.IsNullable && !IsReferenceKey(column)
                ? $"global::System.Linq.Enumerable.Select(keys, static key => ({fk.TargetKeyTypeName}?)key)"
                : "keys";
            string childKey = column.IsNullable
                ? (IsReferenceKey(column) ? $"child.{CSharpIdentifiers.Escape(column.PropertyName)}!" : $"child.{CSharpIdentifiers.Escape(column.PropertyName)}.GetValueOrDefault()")
                : $"child.{CSharpIdentifiers.Escape(column.PropertyName)}";
            string parents = parent.TrimStart('@') + "s";
            writer.WriteLine();
            AsyncTwins.Write(writer, new TwinMethod(
                $"""
                /// <summary>
                /// Reads the <c>{Literals.Xml(table.TableName)}</c> rows {doc} each of <paramref name="{parents}"/>, with one query per
                /// 500 of them instead of one query each.
                /// </summary>
                /// <param name="{parents}">The referenced rows.</param>
                /// {DocText.ConnectionParam}
                /// <returns>Each referenced row (compared by reference) with its referring rows; an empty list when it has none.</returns>
                """,
                "public static",
                fk.ChildrenMethodName,
                $"global::System.Collections.Generic.Dictionary<{fk.TargetTypeName}, global::System.Collections.Generic.List<{child}>>",
                new[] { new MethodParameter($"global::System.Collections.Generic.IEnumerable<{fk.TargetTypeName}>", parents), new MethodParameter(Connection, "connection") },
                twin => "    => " + twin.Await($"""
                    global::GenOrm.Internal.Relationships.LoadChildren{twin.Suffix}<{fk.TargetTypeName}, {child}, {fk.TargetKeyTypeName}>(
                            connection,
                            {parents},
                            static {parent} => {parentKey},
                            static keys => global::GenOrm.ColumnExtensions.In({childColumn}, {keys}),
                            static child => {childKey}{(twin.IsAsync ? ",\n        cancellationToken" : string.Empty)})
                    """) + ";")
            {
                IsExtension = true,
            });
        }

        writer.CloseBlock();
    }

    private static bool IsReferenceKey(ColumnSpec column) => column.Kind is ColumnKind.String or ColumnKind.Bytes;
}
