using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Parsing;

/// <summary>Recognizes the CLR types GenOrm can store, and the GenOrm attributes.</summary>
internal static class KnownTypes
{
    /// <summary>The metadata name of <c>[Table]</c>, which starts the pipeline.</summary>
    public const string TableAttribute = "GenOrm.TableAttribute";

    /// <summary>The metadata name of <c>[Migration]</c>, which marks migration hooks.</summary>
    public const string MigrationAttribute = "GenOrm.MigrationAttribute";

    /// <summary>The metadata name of <c>[assembly: DroppedColumn]</c>.</summary>
    public const string DroppedColumnAttribute = "GenOrm.DroppedColumnAttribute";

    /// <summary>The metadata name of <c>[assembly: DroppedTable]</c>.</summary>
    public const string DroppedTableAttribute = "GenOrm.DroppedTableAttribute";
    /// <summary>The metadata name of <c>[Query]</c>, which starts the query-method pipeline.</summary>
    public const string QueryAttribute = "GenOrm.QueryAttribute";

    /// <summary>The <c>global::</c> format, with <c>?</c> on nullable reference types.</summary>
    public static readonly SymbolDisplayFormat FullyQualifiedWithNullability =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
            SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Gets the column kind of a non-nullable type (the <c>T</c> of a <c>T?</c>), or <see langword="null"/> when GenOrm
    /// cannot store it. For an enum, <paramref name="enumType"/> receives its type and underlying kind.
    /// </summary>
    public static ColumnKind? Classify(ITypeSymbol type, out EnumTypeSpec? enumType)
    {
        enumType = null;
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            ColumnKind? underlyingKind = ClassifySpecialType(underlying.SpecialType);
            if (underlyingKind is null)
            {
                return null;
            }

            enumType = new EnumTypeSpec(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), underlyingKind.Value);
            return ColumnKind.Enum;
        }

        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return ColumnKind.Bytes;
        }

        return ClassifySpecialType(type.SpecialType) ?? ClassifySystemStruct(type);
    }

    /// <summary>Gets whether <paramref name="type"/> is <c>System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute</c>.</summary>
    public static bool IsSetsRequiredMembers(INamedTypeSymbol? type) =>
        type is { Name: "SetsRequiredMembersAttribute", ContainingNamespace: { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>
    /// Gets whether <paramref name="symbol"/> is the namespace that <paramref name="dottedName"/> names (such as
    /// <c>System.Threading.Tasks</c>), as its display string would say, without building that string.
    /// </summary>
    public static bool IsNamespace(INamespaceSymbol? symbol, string dottedName)
    {
        int end = dottedName.Length;
        for (; symbol is { IsGlobalNamespace: false }; symbol = symbol.ContainingNamespace)
        {
            string name = symbol.Name;
            int start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(dottedName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (start == 0)
            {
                return symbol.ContainingNamespace is { IsGlobalNamespace: true };
            }

            if (dottedName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
        }

        return false;
    }

    /// <summary>Gets whether a kind is an integer type, which <c>[AutoIncrement]</c> requires.</summary>
    public static bool IsInteger(ColumnKind kind) => kind is ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16
        or ColumnKind.UInt16 or ColumnKind.Int32 or ColumnKind.UInt32 or ColumnKind.Int64 or ColumnKind.UInt64;

    /// <summary>Gets which GenOrm attribute <paramref name="attribute"/> is, if any.</summary>
    public static GenOrmAttribute? GetGenOrmAttribute(AttributeData attribute)
    {
        if (attribute.AttributeClass is not { ContainingNamespace: { Name: "GenOrm", ContainingNamespace.IsGlobalNamespace: true } } attributeClass)
        {
            return null;
        }

        return attributeClass.Name switch
        {
            "ColumnAttribute" => GenOrmAttribute.Column,
            "PrimaryKeyAttribute" => GenOrmAttribute.PrimaryKey,
            "AutoIncrementAttribute" => GenOrmAttribute.AutoIncrement,
            "MaxLengthAttribute" => GenOrmAttribute.MaxLength,
            "UniqueAttribute" => GenOrmAttribute.Unique,
            "IndexAttribute" => GenOrmAttribute.Index,
            "IgnoreAttribute" => GenOrmAttribute.Ignore,
            "TableAttribute" => GenOrmAttribute.Table,
            "ForeignKeyAttribute" => GenOrmAttribute.ForeignKey,
            "DefaultAttribute" => GenOrmAttribute.Default,
            "RenamedFromAttribute" => GenOrmAttribute.RenamedFrom,
            _ => null,
        };
    }

    private static ColumnKind? ClassifySpecialType(SpecialType specialType) => specialType switch
    {
        SpecialType.System_Boolean => ColumnKind.Boolean,
        SpecialType.System_SByte => ColumnKind.SByte,
        SpecialType.System_Byte => ColumnKind.Byte,
        SpecialType.System_Int16 => ColumnKind.Int16,
        SpecialType.System_UInt16 => ColumnKind.UInt16,
        SpecialType.System_Int32 => ColumnKind.Int32,
        SpecialType.System_UInt32 => ColumnKind.UInt32,
        SpecialType.System_Int64 => ColumnKind.Int64,
        SpecialType.System_UInt64 => ColumnKind.UInt64,
        SpecialType.System_Single => ColumnKind.Single,
        SpecialType.System_Double => ColumnKind.Double,
        SpecialType.System_Decimal => ColumnKind.Decimal,
        SpecialType.System_String => ColumnKind.String,
        SpecialType.System_DateTime => ColumnKind.DateTime,
        _ => null,
    };

    private static ColumnKind? ClassifySystemStruct(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, Arity: 0, ContainingType: null } named
            || named.ContainingNamespace is not { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
        {
            return null;
        }

        return named.Name switch
        {
            "DateTimeOffset" => ColumnKind.DateTimeOffset,
            "DateOnly" => ColumnKind.DateOnly,
            "TimeOnly" => ColumnKind.TimeOnly,
            "TimeSpan" => ColumnKind.TimeSpan,
            "Guid" => ColumnKind.Guid,
            _ => null,
        };
    }
}

/// <summary>The attributes of the <c>GenOrm</c> namespace.</summary>
internal enum GenOrmAttribute
{
    Table,
    Column,
    PrimaryKey,
    AutoIncrement,
    MaxLength,
    Unique,
    Index,
    Ignore,
    ForeignKey,
    Default,
    RenamedFrom,
}
