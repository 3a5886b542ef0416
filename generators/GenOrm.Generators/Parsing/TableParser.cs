using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Turns a <c>[Table]</c> class into a <see cref="TableDraft"/>: the only code that sees symbols and syntax. It never
/// throws on user input: a mistake GenOrm can name becomes a diagnostic, and code the compiler already rejects
/// (undefined types, wrong attribute arguments) produces neither source nor a second error.
/// </summary>
internal static class TableParser
{
    /// <summary>
    /// Parses the class that <paramref name="source"/> found into a draft, or returns <see langword="null"/> when it is no
    /// table GenOrm reads (the compiler reports why). Roslyn runs this on every new compilation; what needs only the
    /// draft is done by <see cref="TableBuilder"/>, which runs only when the draft changed.
    /// </summary>
    public static TableDraft? Parse(BoundDeclaration source, CancellationToken cancellationToken)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        if (source.TargetSymbol is not INamedTypeSymbol classSymbol
            || source.TargetNode is not TypeDeclarationSyntax declaration
            || !(declaration is ClassDeclarationSyntax || declaration.IsKind(SyntaxKind.RecordDeclaration))
            || source.Attributes.Length != 1
            || classSymbol.GetAttributes().Count(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.Table) != 1)
        {
            // [Table] twice is CS0579, which the compiler reports.
            return null;
        }

        var context = new ParseContext(classSymbol, declaration, source.SemanticModel.Compilation, cancellationToken);
        AttributeData tableAttribute = source.Attributes[0];
        string? tableName = ReadTableName(tableAttribute, context);
        IMethodSymbol? rowConstructor = FindRowConstructor(classSymbol);
        CheckClass(context, rowConstructor);
        EquatableArray<ContainingTypeSpec> containingTypes = ReadContainingTypes(context);
        var members = new List<DeclaredMember>();
        List<ColumnDraft> columns = ReadColumns(context, rowConstructor, members);
        CheckDuplicateColumns(columns, context);
        CheckPrimaryKey(columns, context);

        // The spec is built only from a class without errors; [RenamedFrom] on the class is read for it alone.
        bool buildable = !context.HasErrors && tableName is not null;
        EquatableArray<string> renamedFrom = buildable
            ? ColumnParser.ReadRenamedFrom(
                classSymbol.GetAttributes().Where(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.RenamedFrom),
                context.ClassName,
                member: null,
                "table",
                context)
            : EquatableArray<string>.Empty;
        var @class = new ClassDraft(
            Name: classSymbol.Name,
            Identifier: declaration.Identifier.Text,
            Keyword: declaration is RecordDeclarationSyntax ? "record" : "class",
            Namespace: classSymbol.ContainingNamespace.IsGlobalNamespace
                ? string.Empty
                : classSymbol.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length),
            FullyQualifiedName: classSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            DisplayName: classSymbol.ToDisplayString(),
            IsAccessibleFromAssembly: IsAccessibleFromAssembly(classSymbol),
            IsPublic: IsPublic(classSymbol),
            RenamedFrom: renamedFrom,
            Location: context.ClassLocation,
            AttributeLocation: context.AttributeLocation(tableAttribute));
        return new TableDraft(
            tableName,
            context.Diagnostics.ToEquatableArray(),
            context.HasCompilerError,
            buildable,
            @class,
            containingTypes,
            columns.Select(c => new ColumnEntry(c.Spec, c.IdentifierLocation, c.HasIndex, c.IndexName)).ToEquatableArray(),
            members.ToEquatableArray());
    }

    private static string? ReadTableName(AttributeData tableAttribute, ParseContext context)
    {
        if (tableAttribute.AttributeConstructor is null)
        {
            context.MarkCompilerError();
            return null;
        }

        if (tableAttribute.ConstructorArguments.Length == 0)
        {
            return context.ClassSymbol.Name;
        }

        if (tableAttribute.ConstructorArguments.Length == 1 && tableAttribute.ConstructorArguments[0].Value is string name && !string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        context.Report(
            DiagnosticDescriptors.EmptyName,
            context.AttributeArgumentLocation(tableAttribute),
            "Table",
            context.ClassName,
            "table",
            "use [Table] without an argument to take the class name");
        return null;
    }

    private static void CheckClass(ParseContext context, IMethodSymbol? rowConstructor)
    {
        TypeDeclarationSyntax declaration = context.Declaration;
        INamedTypeSymbol classSymbol = context.ClassSymbol;
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            context.Report(DiagnosticDescriptors.ClassNotPartial, context.ClassLocation, context.ClassName);
        }

        if (classSymbol.IsGenericType)
        {
            context.Report(DiagnosticDescriptors.ClassIsGeneric, context.ClassLocation, context.ClassName);
        }

        string? notConstructible =
            classSymbol.IsStatic ? "is static"
            : classSymbol.IsAbstract ? "is abstract"
            : rowConstructor is null ? "has no parameterless constructor"
            : null;
        if (notConstructible is not null)
        {
            context.Report(DiagnosticDescriptors.ClassNotConstructible, context.ClassLocation, context.ClassName, notConstructible);
        }
    }

    private static EquatableArray<ContainingTypeSpec> ReadContainingTypes(ParseContext context)
    {
        var containingTypes = new List<ContainingTypeSpec>();
        for (SyntaxNode? parent = context.Declaration.Parent; parent is TypeDeclarationSyntax type; parent = type.Parent)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.Report(DiagnosticDescriptors.ContainingTypeNotPartial, LocationInfo.From(type.Identifier), type.Identifier.ValueText, context.ClassName);
            }

            string keyword = type is RecordDeclarationSyntax record
                ? (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record")
                : type.Keyword.Text;
            containingTypes.Insert(0, new ContainingTypeSpec(keyword, type.Identifier.Text));
        }

        return containingTypes.ToEquatableArray();
    }

    /// <summary>
    /// Reads the columns: base-class properties first (the most basic class first), then declaration order. The members
    /// declared in the class itself go to <paramref name="members"/>, for the generated-name check.
    /// </summary>
    private static List<ColumnDraft> ReadColumns(ParseContext context, IMethodSymbol? rowConstructor, List<DeclaredMember> members)
    {
        var hierarchy = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? type = context.ClassSymbol; type is { SpecialType: not SpecialType.System_Object }; type = type.BaseType)
        {
            if (type.TypeKind == TypeKind.Error)
            {
                // An undefined base class may hold columns we cannot see; the compiler reports it.
                context.MarkCompilerError();
                break;
            }

            hierarchy.Insert(0, type);
        }

        // Generated ReadRow uses 'new T { ... }', which must set every required member unless the constructor has
        // [SetsRequiredMembers]; its attributes are read only when a required member is not mapped.
        bool? checkRequired = rowConstructor is null ? false : null;
        var columns = new List<ColumnDraft>();
        foreach (INamedTypeSymbol type in hierarchy)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                int reported = context.Diagnostics.Count;
                bool hadCompilerError = context.HasCompilerError;
                ColumnDraft? column = member is IPropertySymbol property && ColumnParser.IsCandidate(property, context)
                    ? ColumnParser.Parse(property, context)
                    : null;
                if (column is not null)
                {
                    columns.Add(column);
                }
                else if (member is IPropertySymbol { IsRequired: true, IsOverride: false } or IFieldSymbol { IsRequired: true }
                    && context.Diagnostics.Count == reported
                    && context.HasCompilerError == hadCompilerError
                    && (checkRequired ??= !SetsRequiredMembers(rowConstructor!, context.CancellationToken)))
                {
                    // Not mapped by choice ([Ignore], not public, a field); a property GenOrm already reported stays at one error.
                    context.Report(
                        DiagnosticDescriptors.RequiredMemberNotMapped,
                        context.SymbolLocation(member),
                        member is IFieldSymbol ? "Field" : "Property",
                        member.Name,
                        context.ClassName);
                }

                if (ReferenceEquals(type, context.ClassSymbol)
                    && !member.IsImplicitlyDeclared
                    && member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                {
                    members.Add(Declared(member, column?.IdentifierLocation ?? context.SymbolLocation(member), context.CancellationToken));
                }
            }
        }

        return columns;
    }

    /// <summary>Captures a member of the class for the generated-name check; a method keeps its parameter types.</summary>
    private static DeclaredMember Declared(ISymbol member, LocationInfo location, CancellationToken cancellationToken)
    {
        if (member is not IMethodSymbol method)
        {
            return new DeclaredMember(member.Name, location, IsMethod: false, ParameterTypes: null);
        }

        // A method written without parameters or type parameters: its syntax says so, and binding its signature (which
        // asking for its parameters does, on every compilation) is not needed.
        ImmutableArray<SyntaxReference> declarations = method.DeclaringSyntaxReferences;
        if (declarations.Length == 1
            && declarations[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax { TypeParameterList: null, ParameterList.Parameters.Count: 0 } syntax
            && !syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return new DeclaredMember(method.Name, location, IsMethod: true, EquatableArray<string>.Empty);
        }

        EquatableArray<string>? parameterTypes = null;
        if (method.Arity == 0)
        {
            var types = new string[method.Parameters.Length];
            for (int i = 0; i < types.Length; i++)
            {
                types[i] = method.Parameters[i].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            }

            parameterTypes = types.ToEquatableArray();
        }

        return new DeclaredMember(method.Name, location, IsMethod: true, parameterTypes);
    }

    /// <summary>Gets the constructor that <c>new T { ... }</c> calls: the parameterless one, else one whose parameters are all optional.</summary>
    private static IMethodSymbol? FindRowConstructor(INamedTypeSymbol classSymbol)
    {
        ImmutableArray<IMethodSymbol> constructors = classSymbol.InstanceConstructors;
        foreach (IMethodSymbol constructor in constructors)
        {
            if (constructor.Parameters.IsEmpty)
            {
                return constructor;
            }
        }

        foreach (IMethodSymbol constructor in constructors)
        {
            if (constructor.Parameters.All(p => p.IsOptional || p.IsParams))
            {
                return constructor;
            }
        }

        return null;
    }

    private static bool SetsRequiredMembers(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        foreach (AttributeData attribute in DeclaredAttributes.Of(constructor, cancellationToken))
        {
            if (KnownTypes.IsSetsRequiredMembers(attribute.AttributeClass))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckDuplicateColumns(List<ColumnDraft> columns, ParseContext context)
    {
        // A scan, not a dictionary: a table has tens of columns, and this runs for every table on every compilation.
        for (int i = 1; i < columns.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            ColumnDraft column = columns[i];
            for (int j = 0; j < i; j++)
            {
                ColumnDraft first = columns[j];
                if (string.Equals(first.Spec.ColumnName, column.Spec.ColumnName, StringComparison.OrdinalIgnoreCase))
                {
                    context.Report(
                        DiagnosticDescriptors.DuplicateColumnName,
                        column.IdentifierLocation,
                        column.Spec.PropertyName,
                        context.ClassName,
                        column.Spec.ColumnName,
                        first.Spec.PropertyName);
                    break;
                }
            }
        }
    }

    private static void CheckPrimaryKey(List<ColumnDraft> columns, ParseContext context)
    {
        int keyCount = columns.Count(c => c.Spec.IsPrimaryKey);
        if (keyCount == 0 && !context.HasCompilerError)
        {
            context.Report(DiagnosticDescriptors.NoPrimaryKey, context.ClassLocation, context.ClassName);
        }

        foreach (ColumnDraft column in columns)
        {
            if (column.AutoIncrementAttribute is not { } autoIncrement)
            {
                continue;
            }

            string? reason =
                !column.Spec.IsPrimaryKey ? "it is not a [PrimaryKey] property"
                : keyCount > 1 ? "the primary key has several columns"
                : !KnownTypes.IsInteger(column.Spec.Kind) ? $"its type '{column.Property.Type.ToDisplayString()}' is not an integer type"
                : column.IsInitOnly ? "its setter is init-only, so Insert cannot write the assigned key back"
                : null;
            if (reason is not null)
            {
                context.Report(DiagnosticDescriptors.InvalidAutoIncrement, context.AttributeLocation(autoIncrement), column.Spec.PropertyName, context.ClassName, reason);
            }
        }
    }

    private static bool IsPublic(INamedTypeSymbol classSymbol)
    {
        for (INamedTypeSymbol? type = classSymbol; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAccessibleFromAssembly(INamedTypeSymbol classSymbol)
    {
        for (INamedTypeSymbol? type = classSymbol; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }
}
