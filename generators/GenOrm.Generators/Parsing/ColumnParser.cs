using System.Collections.Generic;
using System.Globalization;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Parsing;

/// <summary>Turns one property of a <c>[Table]</c> class (or of its base classes) into a column, or into diagnostics.</summary>
internal static class ColumnParser
{
    /// <summary>
    /// Gets whether a property is a candidate column: a public, non-static, non-indexer instance property with a getter
    /// that the table class can use. An override is skipped: its base declaration was already seen.
    /// </summary>
    public static bool IsCandidate(IPropertySymbol property, ParseContext context) =>
        property is { IsStatic: false, IsIndexer: false, IsOverride: false, DeclaredAccessibility: Accessibility.Public, GetMethod: { } getter }
        && context.Compilation.IsSymbolAccessibleWithin(getter, context.ClassSymbol);

    /// <summary>Parses a candidate property; returns <see langword="null"/> when it maps to no column.</summary>
    public static ColumnDraft? Parse(IPropertySymbol property, ParseContext context)
    {
        var attributes = PropertyAttributes.Read(property, context.CancellationToken);
        if (attributes.HasBindingError)
        {
            context.MarkCompilerError();
            return null;
        }

        string propertyName = property.Name;
        LocationInfo identifier = context.SymbolLocation(property);
        if (attributes.Has(GenOrmAttribute.Ignore))
        {
            foreach ((GenOrmAttribute conflicting, AttributeData data) in attributes.MappingAttributes)
            {
                context.Report(DiagnosticDescriptors.ConflictsWithIgnore, context.AttributeLocation(data), propertyName, context.ClassName, conflicting.ToString());
            }

            return null;
        }

        bool settable = property.SetMethod is { } setter && context.Compilation.IsSymbolAccessibleWithin(setter, context.ClassSymbol);
        if (!settable)
        {
            if (attributes.HasMappingAttribute)
            {
                context.Report(DiagnosticDescriptors.PropertyNotSettable, identifier, propertyName, context.ClassName);
            }

            return null;
        }

        if (!TryGetType(property, context, out ColumnKind kind, out EnumTypeSpec? enumType, out bool isNullable, out string typeName))
        {
            return null;
        }

        string columnName = ReadColumnName(attributes, propertyName, context);
        int? decimalScale = ReadScale(attributes, property, kind, context);
        int? maxLength = ReadMaxLength(attributes, property, kind, context);
        var spec = new ColumnSpec(
            PropertyName: propertyName,
            ColumnName: columnName,
            ParameterName: string.Empty,
            TypeName: typeName,
            Kind: kind,
            EnumType: enumType,
            IsNullable: isNullable,
            IsPrimaryKey: attributes.Has(GenOrmAttribute.PrimaryKey),
            IsAutoIncrement: attributes.Has(GenOrmAttribute.AutoIncrement),
            IsUnique: attributes.Has(GenOrmAttribute.Unique),
            MaxLength: maxLength)
        {
            ForeignKey = ForeignKeyParser.Read(attributes, property, context),
            DecimalScale = decimalScale,
            Default = ReadDefault(attributes, property, kind, isNullable, decimalScale, context),
            RenamedFrom = ReadRenamedFrom(attributes.GetAll(GenOrmAttribute.RenamedFrom), context.ClassName, propertyName, "column", context),
        };

        return new ColumnDraft(spec, property, identifier)
        {
            AutoIncrementAttribute = attributes.Get(GenOrmAttribute.AutoIncrement),
            IsInitOnly = property.SetMethod!.IsInitOnly,
            HasIndex = attributes.Has(GenOrmAttribute.Index),
            IndexName = ReadIndexName(attributes, propertyName, context),
        };
    }

    private static bool TryGetType(
        IPropertySymbol property,
        ParseContext context,
        out ColumnKind kind,
        out EnumTypeSpec? enumType,
        out bool isNullable,
        out string typeName)
    {
        ITypeSymbol type = property.Type;
        ITypeSymbol storedType = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullableValue)
        {
            storedType = nullableValue.TypeArguments[0];
            isNullable = true;
        }
        else
        {
            // A reference type is nullable when annotated with '?' or declared where nullable annotations are off.
            isNullable = type.IsReferenceType && property.NullableAnnotation != NullableAnnotation.NotAnnotated;
        }

        typeName = (isNullable && type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.Annotated) : type)
            .ToDisplayString(KnownTypes.FullyQualifiedWithNullability);
        kind = default;
        enumType = null;
        if (storedType.TypeKind == TypeKind.Error)
        {
            context.MarkCompilerError();
            return false;
        }

        if (KnownTypes.Classify(storedType, out enumType) is not { } known)
        {
            // The message names the type without '?': the annotation is not what makes it unsupported.
            ITypeSymbol shown = type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.None) : type;
            context.Report(DiagnosticDescriptors.UnsupportedPropertyType, context.SymbolLocation(property), property.Name, context.ClassName, shown.ToDisplayString());
            return false;
        }

        kind = known;
        return true;
    }

    private static string ReadColumnName(PropertyAttributes attributes, string propertyName, ParseContext context)
    {
        if (attributes.Get(GenOrmAttribute.Column) is not { } column)
        {
            return propertyName;
        }

        if (column.ConstructorArguments.Length == 0)
        {
            return propertyName;
        }

        if (column.ConstructorArguments.Length == 1 && column.ConstructorArguments[0].Value is string name && !string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        context.Report(
            DiagnosticDescriptors.EmptyName,
            context.AttributeArgumentLocation(column),
            "Column",
            context.ClassName + "." + propertyName,
            "column",
            "remove [Column] to use the property name");
        return propertyName;
    }

    /// <summary>Reads <c>[Column(Scale = n)]</c>, or reports GENORM021 when it is not on a decimal or out of 0..18.</summary>
    private static int? ReadScale(PropertyAttributes attributes, IPropertySymbol property, ColumnKind kind, ParseContext context)
    {
        if (attributes.Get(GenOrmAttribute.Column) is not { } column)
        {
            return null;
        }

        foreach (var named in column.NamedArguments)
        {
            if (named.Key != "Scale" || named.Value.Value is not int scale)
            {
                continue;
            }

            if (kind != ColumnKind.Decimal || scale < 0 || scale > MaxDecimalScale)
            {
                context.Report(
                    DiagnosticDescriptors.InvalidDecimalScale,
                    context.NamedArgumentLocation(column, "Scale"),
                    property.Name,
                    context.ClassName,
                    property.Type.ToDisplayString(),
                    scale.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return null;
            }

            return scale;
        }

        return null;
    }

    /// <summary>The largest <c>Scale</c>: 10^18 times any value keeps a 64-bit integer useful (up to about 9.2).</summary>
    private const int MaxDecimalScale = 18;

    private static int? ReadMaxLength(PropertyAttributes attributes, IPropertySymbol property, ColumnKind kind, ParseContext context)
    {
        string propertyName = property.Name;
        if (attributes.Get(GenOrmAttribute.MaxLength) is not { } maxLength)
        {
            return null;
        }

        if (kind != ColumnKind.String)
        {
            context.Report(DiagnosticDescriptors.MaxLengthOnNonString, context.AttributeLocation(maxLength), propertyName, context.ClassName, property.Type.ToDisplayString());
            return null;
        }

        if (!(maxLength.ConstructorArguments.Length == 1 && maxLength.ConstructorArguments[0].Value is int length))
        {
            context.MarkCompilerError();
            return null;
        }

        if (length <= 0)
        {
            context.Report(
                DiagnosticDescriptors.MaxLengthNotPositive,
                context.AttributeArgumentLocation(maxLength),
                propertyName,
                context.ClassName,
                length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        return length;
    }

    /// <summary>Reads <c>[Default(value)]</c> as a value that suits the column's type, or reports GENORM020.</summary>
    private static DefaultValue? ReadDefault(PropertyAttributes attributes, IPropertySymbol property, ColumnKind kind, bool isNullable, int? decimalScale, ParseContext context)
    {
        if (attributes.Get(GenOrmAttribute.Default) is not { } attribute)
        {
            return null;
        }

        if (attribute.ConstructorArguments.Length != 1)
        {
            context.MarkCompilerError();
            return null;
        }

        TypedConstant argument = attribute.ConstructorArguments[0];
        object? value = argument.Kind == TypedConstantKind.Array ? argument : argument.Value;
        string? problem = null;
        DefaultValue? literal = value switch
        {
            null when isNullable => DefaultValue.Null,
            string text when decimalScale is { } scale => DefaultValue.ScaledInteger(text, scale) is null
                ? Invalid("it is not a decimal number with at most " + scale.ToString(CultureInfo.InvariantCulture) + " decimal places that fits the column once scaled")
                : new(DefaultKind.Decimal, DefaultValue.CanonicalDecimal(text)!),
            string text when kind == ColumnKind.Decimal => DefaultValue.CanonicalDecimal(text) is { } canonical
                ? new(DefaultKind.Decimal, canonical)
                : Invalid("it is not a decimal number; write it like \"12.50\""),
            string text when kind == ColumnKind.String => new(DefaultKind.Text, text),
            string text when kind is ColumnKind.DateTime or ColumnKind.DateTimeOffset or ColumnKind.DateOnly or ColumnKind.TimeOnly or ColumnKind.Guid =>
                DefaultValue.CanonicalText(kind, text, out string? why) is { } canonical ? new(DefaultKind.Text, canonical) : Invalid(why!),
            bool flag when kind == ColumnKind.Boolean => new(DefaultKind.Boolean, flag ? "true" : "false"),
            sbyte or byte or short or ushort or int or uint or long or ulong
                when kind == ColumnKind.Enum && argument.Type?.TypeKind == TypeKind.Enum =>
                new(DefaultKind.Number, System.Convert.ToString(value, CultureInfo.InvariantCulture)!),
            sbyte or byte or short or ushort or int or uint or long or ulong
                when KnownTypes.IsInteger(kind) || kind is ColumnKind.Single or ColumnKind.Double or ColumnKind.TimeSpan =>
                DefaultValue.IntegerOutOfRange(kind, System.Convert.ToDecimal(value, CultureInfo.InvariantCulture)) is { } range
                    ? Invalid(range)
                    : new(DefaultKind.Number, System.Convert.ToString(value, CultureInfo.InvariantCulture)!),
            float or double when kind is ColumnKind.Single or ColumnKind.Double =>
                System.Convert.ToDouble(value, CultureInfo.InvariantCulture) is var number && double.IsNaN(number)
                    ? Invalid("NaN cannot be stored (SQLite keeps it as NULL, and GenOrm refuses NaN on every database)")
                    : new(DefaultKind.Number, number.ToString("R", CultureInfo.InvariantCulture)),
            _ => null,
        };
        if (problem is not null)
        {
            string written = value is string quoted ? "\"" + quoted + "\"" : System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
            context.Report(
                DiagnosticDescriptors.DefaultIsNotAValidValue, context.AttributeArgumentLocation(attribute), property.Name, context.ClassName, written,
                property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), problem);
            return null;
        }

        if (literal is null)
        {
            string shown = value is null ? "null" : argument.Type?.ToDisplayString() ?? value.GetType().Name;
            context.Report(DiagnosticDescriptors.DefaultDoesNotFitColumn, context.AttributeArgumentLocation(attribute), property.Name, context.ClassName, shown, property.Type.ToDisplayString());
        }

        return literal;

        DefaultValue? Invalid(string reason)
        {
            problem = reason;
            return null;
        }
    }

    /// <summary>
    /// Reads the names of <c>[RenamedFrom]</c> attributes; an empty one is GENORM011, which names
    /// <paramref name="owner"/> (and its <paramref name="member"/>, when given).
    /// </summary>
    public static EquatableArray<string> ReadRenamedFrom(IEnumerable<AttributeData> attributes, string owner, string? member, string what, ParseContext context)
    {
        List<string>? names = null;
        foreach (AttributeData attribute in attributes)
        {
            names ??= new List<string>();
            if (attribute.ConstructorArguments.Length != 1)
            {
                context.MarkCompilerError();
            }
            else if (attribute.ConstructorArguments[0].Value is string name && !string.IsNullOrWhiteSpace(name))
            {
                names.Add(name);
            }
            else
            {
                string named = member is null ? owner : owner + "." + member;
                context.Report(DiagnosticDescriptors.EmptyName, context.AttributeArgumentLocation(attribute), "RenamedFrom", named, "earlier " + what, "remove [RenamedFrom]");
            }
        }

        return names is null ? EquatableArray<string>.Empty : names.ToEquatableArray();
    }

    private static string? ReadIndexName(PropertyAttributes attributes, string propertyName, ParseContext context)
    {
        if (attributes.Get(GenOrmAttribute.Index) is not { } index || index.ConstructorArguments.Length == 0)
        {
            return null;
        }

        if (index.ConstructorArguments.Length == 1 && index.ConstructorArguments[0].Value is string name && !string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        context.Report(
            DiagnosticDescriptors.EmptyName,
            context.AttributeArgumentLocation(index),
            "Index",
            context.ClassName + "." + propertyName,
            "index",
            "use [Index] without an argument for the default name 'ix_{table}_{column}'");
        return null;
    }
}
