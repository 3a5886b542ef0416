using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Turns a <c>[Query]</c> method into a <see cref="QueryMethodResult"/>: its SQL, signature, return shape and row type
/// as equatable data, and apart from them where each part is in source. It never throws on user input.
/// </summary>
internal static class QueryMethodParser
{
    /// <summary>The format of a value's type in messages: minimally qualified, with <c>?</c> on nullable reference types.</summary>
    private static readonly SymbolDisplayFormat MinimallyQualifiedWithNullability =
        SymbolDisplayFormat.MinimallyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private static readonly QueryMethodResult Nothing = new(null, null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>Parses the method that <paramref name="source"/> found.</summary>
    public static QueryMethodResult Parse(BoundDeclaration source, CancellationToken cancellationToken)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        if (source.TargetSymbol is not IMethodSymbol method
            || source.TargetNode is not MethodDeclarationSyntax declaration
            || source.Attributes.Length != 1
            || source.Attributes[0] is not { AttributeConstructor: not null, ConstructorArguments.Length: 1 } attribute
            || attribute.ConstructorArguments[0].Value is not string sql
            || method.ContainingType is not { } containingType)
        {
            // A wrong or missing argument is a compiler error already.
            return Nothing;
        }

        cancellationToken.ThrowIfCancellationRequested();
        string displayName = containingType.Name + "." + method.Name;
        LocationInfo methodLocation = LocationInfo.From(declaration.Identifier);
        var diagnostics = new List<DiagnosticInfo>();
        void Invalid(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.QueryMethodInvalid, methodLocation, displayName, why));

        if (!method.IsStatic)
        {
            Invalid("it must be static; add the 'static' modifier");
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || declaration.Body is not null || declaration.ExpressionBody is not null)
        {
            Invalid("it must be a partial method without a body, which GenOrm implements; declare it as 'static partial' and end it with ';'");
        }
        else if (method.PartialImplementationPart is not null)
        {
            Invalid("it already has an implementation; remove the other part, GenOrm writes the body");
        }

        if (method.IsGenericMethod)
        {
            Invalid("it is generic; remove the type parameters");
        }

        EquatableArray<ContainingTypeSpec> containingTypes = ReadContainingTypes(declaration, Invalid);
        for (INamedTypeSymbol? type = containingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                Invalid($"its containing type '{type.Name}' is generic; declare the method in a non-generic class");
                break;
            }
        }

        if (method.ReturnType.TypeKind == TypeKind.Error || method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Error))
        {
            return Nothing;
        }

        // Parameters: exactly one connection, at most one token, the rest bindable values.
        string? connection = null;
        string? cancellation = null;
        var parameters = new List<QueryParameterSpec>();
        var signature = new List<string>();
        var parameterLocations = new List<LocationInfo>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IParameterSymbol parameter = method.Parameters[i];
            string identifier = Identifier(parameter.Name);
            LocationInfo location = declaration.ParameterList.Parameters.Count > i
                ? LocationInfo.From(declaration.ParameterList.Parameters[i].Identifier)
                : methodLocation;
            parameterLocations.Add(location);
            string typeName = parameter.Type.ToDisplayString(KnownTypes.FullyQualifiedWithNullability);
            signature.Add((i == 0 && method.IsExtensionMethod ? "this " : string.Empty) + RefKindPrefix(parameter.RefKind) + typeName + " " + identifier);
            if (parameter.RefKind is not RefKind.None and not RefKind.In)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.QueryMethodInvalid, location, displayName, $"parameter '{parameter.Name}' is ref or out; pass it by value"));
            }

            if (IsGenOrmConnection(parameter.Type))
            {
                if (connection is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.QueryMethodInvalid, location, displayName, $"it has a second connection parameter '{parameter.Name}'; keep one"));
                }

                connection ??= identifier;
                continue;
            }

            if (IsCancellationToken(parameter.Type))
            {
                cancellation ??= identifier;
                continue;
            }

            parameters.Add(new QueryParameterSpec(parameter.Name, identifier, i, ReadValueType(parameter.Type, parameter.NullableAnnotation)));
        }

        if (connection is null)
        {
            Invalid("it has no GenOrm.Connection parameter to run on; add one, such as 'Connection connection'");
        }

        // Return type: [Task<] List<T> | IEnumerable<T> | IAsyncEnumerable<T> | T | T? | int | void [>].
        ITypeSymbol returnType = method.ReturnType;
        bool isTask = false;
        bool returnsNothing = false;
        if (returnType is INamedTypeSymbol { Arity: 1 } task && IsSystemType(task, "System.Threading.Tasks", "Task", "ValueTask"))
        {
            isTask = true;
            returnType = task.TypeArguments[0];
        }
        else if (returnType.SpecialType == SpecialType.System_Void
            || (returnType is INamedTypeSymbol { Arity: 0 } plain && IsSystemType(plain, "System.Threading.Tasks", "Task", "ValueTask")))
        {
            isTask = returnType.SpecialType != SpecialType.System_Void;
            returnsNothing = true;
        }

        if (method.ReturnType is INamedTypeSymbol { Name: "ValueTask" })
        {
            Invalid("it returns ValueTask; return Task or Task<T>");
        }

        QueryReturnShape shape;
        ITypeSymbol? rowType = null;
        NullableAnnotation rowAnnotation = NullableAnnotation.NotAnnotated;
        if (returnsNothing)
        {
            shape = QueryReturnShape.RowsAffected;
        }
        else if (returnType is INamedTypeSymbol { Arity: 1 } generic && IsCollection(generic, out shape))
        {
            rowType = generic.TypeArguments[0];
            rowAnnotation = generic.TypeArgumentNullableAnnotations[0];
            if (isTask && shape is QueryReturnShape.Enumerable or QueryReturnShape.AsyncEnumerable)
            {
                Invalid("it wraps a streaming IEnumerable<T> or IAsyncEnumerable<T> in a Task; return the enumerable itself");
            }
        }
        else if (returnType is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && KnownTypes.Classify(nullable.TypeArguments[0], out _) is null)
        {
            // A nullable struct row, such as (string, long)?: zero or one row.
            shape = QueryReturnShape.OneOrDefault;
            rowType = nullable.TypeArguments[0];
        }
        else
        {
            // T? is zero or one row: for a class, and for a nullable scalar (NULL and "no row" both read as null).
            rowType = returnType;
            rowAnnotation = returnType.NullableAnnotation;
            bool annotated = returnType.IsReferenceType && returnType.NullableAnnotation == NullableAnnotation.Annotated;
            bool nullableValue = !SymbolEqualityComparer.Default.Equals(Unwrap(returnType), returnType);
            shape = annotated || nullableValue ? QueryReturnShape.OneOrDefault : QueryReturnShape.One;
        }

        QueryRowSpec? row = rowType is null ? null : ReadRow(rowType, rowAnnotation, cancellationToken);
        string hintName = HintName(containingType, method, cancellationToken, out int overload);
        string holderName = "GenOrmQuery_" + method.Name + (overload > 1 ? "_" + overload.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
        string key = hintName;
        AttributeSyntax? attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        ExpressionSyntax? argument = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && a.NameColon is null)?.Expression
            ?? attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameColon is not null)?.Expression;
        LocationInfo argumentLocation = argument is null ? methodLocation : LocationInfo.From(argument);
        SqlLiteralMap? literal = argument is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literalExpression
            ? SqlLiteralMapper.Capture(literalExpression.Token, literalExpression.SyntaxTree.GetText(cancellationToken))
            : null;

        bool verify = true;
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "Verify" && named.Value.Value is bool value)
            {
                verify = value;
            }
        }

        var map = new QuerySourceMap(
            key,
            methodLocation,
            LocationInfo.From(declaration.ReturnType),
            argumentLocation,
            parameterLocations.ToEquatableArray(),
            literal);
        if (diagnostics.Count > 0 || connection is null)
        {
            return new QueryMethodResult(null, null, diagnostics.ToEquatableArray());
        }

        var spec = new QueryMethodSpec(
            key,
            hintName,
            holderName,
            containingType.ContainingNamespace.IsGlobalNamespace ? string.Empty : containingType.ContainingNamespace.ToDisplayString(),
            containingTypes,
            displayName,
            Identifier(method.Name),
            string.Join(" ", declaration.Modifiers.Select(m => m.Text)),
            method.ReturnType.ToDisplayString(KnownTypes.FullyQualifiedWithNullability),
            sql,
            verify,
            signature.ToEquatableArray(),
            connection,
            cancellation,
            parameters.ToEquatableArray(),
            shape,
            isTask,
            row);
        return new QueryMethodResult(spec, map, EquatableArray<DiagnosticInfo>.Empty);
    }

    private static QueryRowSpec ReadRow(ITypeSymbol type, NullableAnnotation annotation, CancellationToken cancellationToken)
    {
        string typeName = (type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type)
            .ToDisplayString(KnownTypes.FullyQualifiedWithNullability);
        string display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (KnownTypes.Classify(Unwrap(type), out _) is not null)
        {
            QueryValueType value = ReadValueType(type, annotation);
            return new QueryRowSpec(QueryRowKind.Scalar, value.TypeName, display, new[] { new QueryMemberSpec("value", "value", value, false, true) }.ToEquatableArray(), false, null) { IsValueType = type.IsValueType };
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            var elements = tuple.TupleElements
                .Select(e => new QueryMemberSpec(e.Name, Identifier(e.Name), ReadValueType(e.Type, e.NullableAnnotation), false, true))
                .ToEquatableArray();
            return new QueryRowSpec(QueryRowKind.Tuple, typeName, display, elements, false, null) { IsValueType = true };
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, IsAbstract: false } named || type.SpecialType == SpecialType.System_Object)
        {
            return new QueryRowSpec(QueryRowKind.Object, typeName, display, EquatableArray<QueryMemberSpec>.Empty, false,
                $"its row type '{display}' is not a value GenOrm can read, a value tuple, or a class, record or struct with a constructor or settable members");
        }

        bool isTable = DeclaredAttributes.Of(named, cancellationToken).Any(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.Table);
        IMethodSymbol[] constructors = named.InstanceConstructors
            .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal && !IsCopyConstructor(c, named))
            .ToArray();
        IMethodSymbol? constructor = null;
        if (constructors.Length > 0)
        {
            int most = constructors.Max(c => c.Parameters.Length);
            IMethodSymbol[] widest = constructors.Where(c => c.Parameters.Length == most).ToArray();
            if (widest.Length > 1)
            {
                return new QueryRowSpec(QueryRowKind.Object, typeName, display, EquatableArray<QueryMemberSpec>.Empty, isTable,
                    $"its row type '{display}' has several constructors with {most} parameters, so GenOrm cannot choose one; keep one");
            }

            constructor = widest[0];
        }
        else if (named.TypeKind != TypeKind.Struct)
        {
            return new QueryRowSpec(QueryRowKind.Object, typeName, display, EquatableArray<QueryMemberSpec>.Empty, isTable,
                $"its row type '{display}' has no public or internal constructor; add one");
        }

        var members = new List<QueryMemberSpec>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (constructor is not null)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                members.Add(new QueryMemberSpec(parameter.Name, Identifier(parameter.Name), ReadValueType(parameter.Type, parameter.NullableAnnotation), true, !parameter.HasExplicitDefaultValue));
                taken.Add(parameter.Name);
            }
        }

        // The constructor's attributes are read only when a member is required.
        bool? setsRequired = constructor is null ? false : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal } property
                    || property.SetMethod is not { DeclaredAccessibility: Accessibility.Public or Accessibility.Internal }
                    || !seen.Add(property.Name)
                    || taken.Contains(property.Name)
                    || DeclaredAttributes.Of(property, cancellationToken).Any(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.Ignore))
                {
                    continue;
                }

                members.Add(new QueryMemberSpec(property.Name, Identifier(property.Name), ReadValueType(property.Type, property.NullableAnnotation), false, property.IsRequired && !(setsRequired ??= DeclaredAttributes.Of(constructor!, cancellationToken).Any(a => KnownTypes.IsSetsRequiredMembers(a.AttributeClass)))));
            }
        }

        return new QueryRowSpec(QueryRowKind.Object, typeName, display, members.ToEquatableArray(), isTable, null) { IsValueType = named.IsValueType };
    }

    private static QueryValueType ReadValueType(ITypeSymbol type, NullableAnnotation annotation)
    {
        ITypeSymbol stored = Unwrap(type);
        bool isNullable = !SymbolEqualityComparer.Default.Equals(stored, type)
            || (type.IsReferenceType && annotation != NullableAnnotation.NotAnnotated);
        ITypeSymbol shown = isNullable && type.IsReferenceType ? type.WithNullableAnnotation(NullableAnnotation.Annotated) : type;
        string typeName = shown.ToDisplayString(KnownTypes.FullyQualifiedWithNullability);
        string display = shown.ToDisplayString(MinimallyQualifiedWithNullability);
        ColumnKind? kind = KnownTypes.Classify(stored, out EnumTypeSpec? enumType);
        return new QueryValueType(typeName, display, kind, enumType, isNullable);
    }

    private static ITypeSymbol Unwrap(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
            ? nullable.TypeArguments[0]
            : type;

    private static bool IsCollection(INamedTypeSymbol type, out QueryReturnShape shape)
    {
        shape = QueryReturnShape.List;
        if (IsSystemType(type, "System.Collections.Generic", "List"))
        {
            shape = QueryReturnShape.List;
            return true;
        }

        if (IsSystemType(type, "System.Collections.Generic", "IEnumerable"))
        {
            shape = QueryReturnShape.Enumerable;
            return true;
        }

        if (IsSystemType(type, "System.Collections.Generic", "IAsyncEnumerable"))
        {
            shape = QueryReturnShape.AsyncEnumerable;
            return true;
        }

        return false;
    }

    private static bool IsSystemType(INamedTypeSymbol type, string ns, params string[] names) =>
        Array.IndexOf(names, type.Name) >= 0 && type.ContainingType is null && KnownTypes.IsNamespace(type.ContainingNamespace, ns);

    /// <summary>Gets whether <paramref name="type"/> is <c>GenOrm.QueryAttribute</c>.</summary>
    private static bool IsQueryAttribute(INamedTypeSymbol? type) =>
        type is { Name: "QueryAttribute", Arity: 0, ContainingType: null, ContainingNamespace: { Name: "GenOrm", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsGenOrmConnection(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Connection", ContainingType: null, ContainingNamespace: { Name: "GenOrm", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken" } named && KnownTypes.IsNamespace(named.ContainingNamespace, "System.Threading");

    private static bool IsCopyConstructor(IMethodSymbol constructor, INamedTypeSymbol type) =>
        constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

    private static string RefKindPrefix(RefKind kind) => kind switch
    {
        RefKind.In => "in ",
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        _ => string.Empty,
    };

    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string HintName(INamedTypeSymbol containingType, IMethodSymbol method, CancellationToken cancellationToken, out int overload)
    {
        string type = containingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);
        overload = 0;
        foreach (ISymbol member in containingType.GetMembers(method.Name))
        {
            if (member is IMethodSymbol other && DeclaredAttributes.Of(other, cancellationToken).Any(a => IsQueryAttribute(a.AttributeClass)))
            {
                overload++;
                if (SymbolEqualityComparer.Default.Equals(other, method) || SymbolEqualityComparer.Default.Equals(other, method.PartialDefinitionPart))
                {
                    break;
                }
            }
        }

        return $"{type}.{method.Name}{(overload > 1 ? "." + overload.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)}.Query.g.cs";
    }

    private static EquatableArray<ContainingTypeSpec> ReadContainingTypes(MethodDeclarationSyntax declaration, Action<string> invalid)
    {
        var containingTypes = new List<ContainingTypeSpec>();
        for (SyntaxNode? parent = declaration.Parent; parent is TypeDeclarationSyntax type; parent = type.Parent)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                invalid($"its containing type '{type.Identifier.ValueText}' is not partial; add the 'partial' modifier to it");
            }

            string keyword = type is RecordDeclarationSyntax record
                ? (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record")
                : type.Keyword.Text;
            containingTypes.Insert(0, new ContainingTypeSpec(keyword, type.Identifier.Text));
        }

        return containingTypes.ToEquatableArray();
    }
}
