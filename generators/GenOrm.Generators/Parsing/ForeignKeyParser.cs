using System.Linq;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Parsing;

/// <summary>Reads a property's <c>[ForeignKey]</c>: the referenced table and column, and the navigation names.</summary>
internal static class ForeignKeyParser
{
    /// <summary>Reads the foreign key, or returns <see langword="null"/> (with a diagnostic when the reference is wrong).</summary>
    public static ForeignKeySpec? Read(PropertyAttributes attributes, IPropertySymbol property, ParseContext context)
    {
        if (attributes.Get(GenOrmAttribute.ForeignKey) is not { } attribute)
        {
            return null;
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol target)
        {
            context.MarkCompilerError();
            return null;
        }

        if (target.TypeKind == TypeKind.Error)
        {
            context.MarkCompilerError();
            return null;
        }

        AttributeData? targetTable = DeclaredAttributes.Of(target, context.CancellationToken).FirstOrDefault(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.Table);
        if (targetTable is null)
        {
            context.Report(DiagnosticDescriptors.ForeignKeyTargetNotTable, context.AttributeArgumentLocation(attribute), property.Name, context.ClassName, target.ToDisplayString());
            return null;
        }

        string? columnArgument = Named<string>(attribute, "Column");
        IPropertySymbol? targetProperty = FindTargetProperty(target, columnArgument, context.CancellationToken, out string problem);
        if (targetProperty is null)
        {
            context.Report(DiagnosticDescriptors.ForeignKeyColumnNotFound, context.AttributeLocation(attribute), property.Name, context.ClassName, target.ToDisplayString(), problem);
            return null;
        }

        string navigation = Named<string>(attribute, "Navigation") is { Length: > 0 } named
            ? named
            : property.Name.Length > 2 && property.Name.EndsWith("Id", System.StringComparison.Ordinal) ? property.Name.Substring(0, property.Name.Length - 2) : target.Name;
        ITypeSymbol keyType = targetProperty.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : targetProperty.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return new ForeignKeySpec(
            TargetTypeName: target.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            TargetTableName: ReadName(targetTable) ?? target.Name,
            TargetColumnName: ColumnName(targetProperty, context.CancellationToken),
            TargetPropertyName: targetProperty.Name,
            TargetKeyTypeName: keyType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            OnDelete: (ForeignKeyAction)(Named<int?>(attribute, "OnDelete") ?? 0),
            NavigationMethodName: "Get" + navigation,
            ChildrenMethodName: "Get" + Plural(context.ClassSymbol.Name),
            ParentParameterName: CSharpIdentifiers.Escape(char.ToLowerInvariant(navigation[0]) + navigation.Substring(1)));
    }

    /// <summary>English plural of a class name, good enough for method names: Post → Posts, Category → Categories, Box → Boxes.</summary>
    public static string Plural(string name)
    {
        if (name.EndsWith("y", System.StringComparison.Ordinal) && name.Length > 1 && "aeiou".IndexOf(char.ToLowerInvariant(name[name.Length - 2])) < 0)
        {
            return name.Substring(0, name.Length - 1) + "ies";
        }

        return name.EndsWith("s", System.StringComparison.Ordinal) || name.EndsWith("x", System.StringComparison.Ordinal)
            || name.EndsWith("z", System.StringComparison.Ordinal) || name.EndsWith("ch", System.StringComparison.Ordinal)
            || name.EndsWith("sh", System.StringComparison.Ordinal)
            ? name + "es"
            : name + "s";
    }

    private static IPropertySymbol? FindTargetProperty(INamedTypeSymbol target, string? name, System.Threading.CancellationToken cancellationToken, out string problem)
    {
        var properties = target.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsStatic && !p.IsIndexer).ToList();
        if (name is not null)
        {
            problem = $"has no property named '{name}'";
            return properties.FirstOrDefault(p => p.Name == name);
        }

        var keys = properties.Where(p => DeclaredAttributes.Of(p, cancellationToken).Any(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.PrimaryKey)).ToList();
        problem = keys.Count == 0
            ? "has no [PrimaryKey] property; name the referenced property with Column = nameof(...)"
            : "has a composite primary key; name the referenced property with Column = nameof(...)";
        return keys.Count == 1 ? keys[0] : null;
    }

    private static string ColumnName(IPropertySymbol property, System.Threading.CancellationToken cancellationToken) =>
        DeclaredAttributes.Of(property, cancellationToken).FirstOrDefault(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.Column) is { } column
            && column.ConstructorArguments.Length == 1
            && column.ConstructorArguments[0].Value is string name
            && !string.IsNullOrWhiteSpace(name)
            ? name
            : property.Name;

    private static string? ReadName(AttributeData table) =>
        table.ConstructorArguments.Length == 1 && table.ConstructorArguments[0].Value is string name && !string.IsNullOrWhiteSpace(name) ? name : null;

    private static T? Named<T>(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return default;
    }
}
