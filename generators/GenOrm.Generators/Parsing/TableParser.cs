using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Emitting;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Turns a <c>[Table]</c> class into a <see cref="TableResult"/>: the only code that sees symbols and syntax. It never
/// throws on user input: a mistake GenOrm can name becomes a diagnostic, and code the compiler already rejects
/// (undefined types, wrong attribute arguments) produces neither source nor a second error.
/// </summary>
internal static class TableParser
{
    private static readonly TableResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty, null);

    /// <summary>Parses the class that <paramref name="source"/> found.</summary>
    public static TableResult Parse(GeneratorAttributeSyntaxContext source, CancellationToken cancellationToken)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        if (source.TargetSymbol is not INamedTypeSymbol classSymbol
            || source.TargetNode is not TypeDeclarationSyntax declaration
            || !(declaration is ClassDeclarationSyntax || declaration.IsKind(SyntaxKind.RecordDeclaration))
            || source.Attributes.Length != 1
            || classSymbol.GetAttributes().Count(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.Table) != 1)
        {
            // [Table] twice is CS0579, which the compiler reports.
            return Nothing;
        }

        var context = new ParseContext(classSymbol, declaration, source.SemanticModel.Compilation, cancellationToken);
        AttributeData tableAttribute = source.Attributes[0];
        string? tableName = ReadTableName(tableAttribute, context);
        CheckClass(context);
        EquatableArray<ContainingTypeSpec> containingTypes = ReadContainingTypes(context);
        List<ColumnDraft> columns = ReadColumns(context);
        CheckDuplicateColumns(columns, context);
        CheckPrimaryKey(columns, context);

        string fullyQualifiedName = classSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        TableNameClaim? claim = tableName is null ? null : new TableNameClaim(
            fullyQualifiedName,
            classSymbol.ToDisplayString(),
            tableName,
            context.AttributeLocation(tableAttribute),
            columns.Select(c => c.Spec.ForeignKey?.TargetTypeName)
                .Where(t => t is not null && t != fullyQualifiedName)
                .Select(t => t!)
                .Distinct()
                .OrderBy(t => t, StringComparer.Ordinal)
                .ToEquatableArray());
        TableSpec? table = context.HasErrors || tableName is null ? null : BuildSpec(context, tableName, containingTypes, columns);
        if (table is not null)
        {
            // The generated member names come from a valid spec, so the other errors come first.
            CheckGeneratedNameClashes(table, context);
            table = context.HasErrors ? null : table;
        }

        MigrationAnchor? anchor = table is null ? null : new MigrationAnchor(
            table.TableName,
            context.ClassLocation,
            columns.Select(c => new ColumnAnchor(c.Spec.ColumnName, c.IdentifierLocation)).ToEquatableArray());
        return new TableResult(table, context.Diagnostics.ToEquatableArray(), claim) { Anchor = anchor };
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

    private static void CheckClass(ParseContext context)
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
            : FindRowConstructor(classSymbol) is null ? "has no parameterless constructor"
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

    /// <summary>Reads the columns: base-class properties first (the most basic class first), then declaration order.</summary>
    private static List<ColumnDraft> ReadColumns(ParseContext context)
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

        // Generated ReadRow uses 'new T { ... }', which must set every required member unless the constructor has [SetsRequiredMembers].
        IMethodSymbol? rowConstructor = FindRowConstructor(context.ClassSymbol);
        bool checkRequired = rowConstructor is not null && !rowConstructor.GetAttributes().Any(a => KnownTypes.IsSetsRequiredMembers(a.AttributeClass));
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
                else if (checkRequired
                    && member is IPropertySymbol { IsRequired: true, IsOverride: false } or IFieldSymbol { IsRequired: true }
                    && context.Diagnostics.Count == reported
                    && context.HasCompilerError == hadCompilerError)
                {
                    // Not mapped by choice ([Ignore], not public, a field); a property GenOrm already reported stays at one error.
                    context.Report(
                        DiagnosticDescriptors.RequiredMemberNotMapped,
                        context.SymbolLocation(member),
                        member is IFieldSymbol ? "Field" : "Property",
                        member.Name,
                        context.ClassName);
                }
            }
        }

        return columns;
    }

    /// <summary>Gets the constructor that <c>new T { ... }</c> calls: the parameterless one, else one whose parameters are all optional.</summary>
    private static IMethodSymbol? FindRowConstructor(INamedTypeSymbol classSymbol) =>
        classSymbol.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0)
        ?? classSymbol.InstanceConstructors.FirstOrDefault(c => c.Parameters.All(p => p.IsOptional || p.IsParams));

    /// <summary>
    /// GENORM016: a member declared in the table class with the name of a member GenOrm generates
    /// (<see cref="GeneratedMembers"/>, the emitter's own list). A method of a generated method's name is an overload,
    /// and fine, unless its parameter types are the generated method's.
    /// </summary>
    private static void CheckGeneratedNameClashes(TableSpec table, ParseContext context)
    {
        ILookup<string, GeneratedMember> generated = GeneratedMembers.For(table).ToLookup(m => m.Name, StringComparer.Ordinal);
        foreach (ISymbol member in context.ClassSymbol.GetMembers())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (member.IsImplicitlyDeclared
                || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }
                || !generated.Contains(member.Name))
            {
                continue;
            }

            if (member is IMethodSymbol method
                && generated[member.Name].All(g => g.ParameterTypes is { } parameters
                    && (method.Arity != 0 || !method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).SequenceEqual(parameters))))
            {
                continue;
            }

            context.Report(DiagnosticDescriptors.GeneratedMemberClash, context.SymbolLocation(member), member.Name, context.ClassName);
        }
    }

    private static void CheckDuplicateColumns(List<ColumnDraft> columns, ParseContext context)
    {
        var seen = new Dictionary<string, ColumnDraft>(StringComparer.OrdinalIgnoreCase);
        foreach (ColumnDraft column in columns)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (seen.TryGetValue(column.Spec.ColumnName, out ColumnDraft? first))
            {
                context.Report(
                    DiagnosticDescriptors.DuplicateColumnName,
                    column.IdentifierLocation,
                    column.Spec.PropertyName,
                    context.ClassName,
                    column.Spec.ColumnName,
                    first.Spec.PropertyName);
            }
            else
            {
                seen.Add(column.Spec.ColumnName, column);
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

    private static TableSpec BuildSpec(ParseContext context, string tableName, EquatableArray<ContainingTypeSpec> containingTypes, List<ColumnDraft> drafts)
    {
        // Parameter names must not hide the generated methods' own 'connection' parameter or 'command' local.
        var takenParameterNames = new HashSet<string>(StringComparer.Ordinal) { "connection", "command" };
        ColumnSpec[] columns = DisambiguateChildrenMethods(drafts
            .Select(d => d.Spec with { ParameterName = CSharpIdentifiers.ParameterName(d.Spec.PropertyName, takenParameterNames) })
            .ToArray());

        int[] primaryKey = Enumerable.Range(0, columns.Length).Where(i => columns[i].IsPrimaryKey).ToArray();
        int autoIncrement = Array.FindIndex(columns, c => c.IsAutoIncrement);
        IndexSpec[] indexes = drafts
            .Where(d => d.HasIndex)
            .Select(d => new IndexSpec(d.IndexName ?? $"ix_{tableName}_{d.Spec.ColumnName}", d.Spec.ColumnName))
            .ToArray();

        INamedTypeSymbol classSymbol = context.ClassSymbol;
        string @namespace = classSymbol.ContainingNamespace.IsGlobalNamespace
            ? string.Empty
            : classSymbol.ContainingNamespace.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length);
        string hintName = string.Join(
            ".",
            new[] { @namespace }.Concat(containingTypes.Select(t => t.Name.TrimStart('@'))).Append(classSymbol.Name).Where(p => p.Length > 0))
            + ".GenOrm.g.cs";

        return new TableSpec(
            Namespace: @namespace,
            ContainingTypes: containingTypes,
            ClassName: context.Declaration.Identifier.Text,
            Keyword: context.Declaration is RecordDeclarationSyntax ? "record" : "class",
            FullyQualifiedName: classSymbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HintName: hintName,
            TableName: tableName,
            Columns: columns.ToEquatableArray(),
            PrimaryKey: primaryKey.ToEquatableArray(),
            AutoIncrementColumn: autoIncrement,
            Indexes: indexes.ToEquatableArray(),
            Lookups: BuildLookups(columns, drafts, primaryKey).ToEquatableArray(),
            HasUpdate: columns.Any(c => !c.IsPrimaryKey),
            IsAccessibleFromAssembly: IsAccessibleFromAssembly(classSymbol))
        {
            IsPublic = IsPublic(classSymbol),
            RenamedFrom = ColumnParser.ReadRenamedFrom(
                classSymbol.GetAttributes().Where(a => KnownTypes.GetGenOrmAttribute(a) == GenOrmAttribute.RenamedFrom),
                context.ClassName,
                "table",
                context),
        };
    }

    /// <summary>When several foreign keys refer to one class, each children method is named after its navigation: GetPostsByEditor.</summary>
    private static ColumnSpec[] DisambiguateChildrenMethods(ColumnSpec[] columns)
    {
        var targets = columns.Where(c => c.ForeignKey is not null).GroupBy(c => c.ForeignKey!.TargetTypeName).Where(g => g.Count() > 1).Select(g => g.Key);
        var shared = new HashSet<string>(targets, StringComparer.Ordinal);
        return columns
            .Select(c => c.ForeignKey is { } fk && shared.Contains(fk.TargetTypeName)
                ? c with { ForeignKey = fk with { ChildrenMethodName = fk.ChildrenMethodName + "By" + fk.NavigationMethodName.Substring("Get".Length) } }
                : c)
            .ToArray();
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

    /// <summary>One lookup per key, unique or indexed property, in declaration order; then one for a composite key.</summary>
    private static List<LookupSpec> BuildLookups(ColumnSpec[] columns, List<ColumnDraft> drafts, int[] primaryKey)
    {
        var lookups = new List<LookupSpec>();
        for (int i = 0; i < columns.Length; i++)
        {
            ColumnSpec column = columns[i];
            if (column.IsPrimaryKey || column.IsUnique || drafts[i].HasIndex)
            {
                lookups.Add(new LookupSpec(
                    "GetBy" + column.PropertyName,
                    "SelectBy" + column.PropertyName + "Sql",
                    new[] { i }.ToEquatableArray(),
                    IsUnique: column.IsUnique || (column.IsPrimaryKey && primaryKey.Length == 1)));
            }
        }

        if (primaryKey.Length > 1)
        {
            // A property named 'Key' already owns SelectByKeySql; the composite key then takes a longer name.
            string keyName = lookups.Any(l => l.SqlConstantName == "SelectByKeySql") ? "PrimaryKey" : "Key";
            lookups.Add(new LookupSpec(
                "GetBy" + string.Join("And", primaryKey.Select(i => columns[i].PropertyName)),
                "SelectBy" + keyName + "Sql",
                primaryKey.ToEquatableArray(),
                IsUnique: true));
        }

        return lookups;
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
