using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>Reads <c>[Migration(From = n)]</c> methods, and the <c>[assembly: DroppedTable]</c>/<c>DroppedColumn</c> markers.</summary>
internal static class HookParser
{
    /// <summary>Parses one <c>[Migration]</c> method; a signature generated code cannot call is GENORM055.</summary>
    public static HookResult Parse(GeneratorAttributeSyntaxContext source, CancellationToken cancellationToken)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        var method = (IMethodSymbol)source.TargetSymbol;
        var declaration = (MethodDeclarationSyntax)source.TargetNode;
        AttributeData attribute = source.Attributes[0];
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        AttributeArgumentSyntax? fromArgument = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "From");
        LocationInfo fromLocation = fromArgument is not null
            ? LocationInfo.From(fromArgument.Expression)
            : attributeSyntax is not null ? LocationInfo.From(attributeSyntax) : LocationInfo.From(declaration.Identifier);
        string displayName = method.ContainingType.ToDisplayString() + "." + method.Name;
        string returnType = method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        bool isAsync = returnType == "global::System.Threading.Tasks.Task";
        string? reason =
            !method.IsStatic ? "it is not static"
            : !method.ReturnsVoid && !isAsync ? "it returns neither void nor Task"
            : method.ReturnsVoid && method.IsAsync ? "it is async void, so the migrator could not wait for it to finish"
            : method.IsGenericMethod ? "it is generic"
            : !isAsync && !HasParameters(method, "global::GenOrm.Connection") ? "its parameters are not (GenOrm.Connection connection)"
            : isAsync && !HasParameters(method, "global::GenOrm.Connection", "global::System.Threading.CancellationToken")
                ? "it returns Task but its parameters are not (GenOrm.Connection connection, System.Threading.CancellationToken cancellationToken)"
            : !IsReachable(method) ? "it or its containing type is private or protected"
            : method.ContainingType.IsGenericType ? "its containing type is generic"
            : null;
        if (reason is not null)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMigrationHook, LocationInfo.From(declaration.Identifier), displayName, reason);
            return new HookResult(null, fromLocation, new[] { diagnostic }.ToEquatableArray());
        }

        int from = attribute.NamedArguments.FirstOrDefault(a => a.Key == "From").Value.Value is int value ? value : 0;
        string call = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + method.Name;
        return new HookResult(new HookSpec(from, call, displayName, isAsync), fromLocation, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Reads the <c>[assembly: DroppedTable(...)]</c> or <c>[assembly: DroppedColumn(...)]</c> markers that <paramref name="source"/> found.</summary>
    public static EquatableArray<DropIntent> ParseDrops(GeneratorAttributeSyntaxContext source, CancellationToken cancellationToken) =>
        source.Attributes
            .Select(a => a.ConstructorArguments.Select(c => c.Value as string).ToArray())
            .Where(args => args.Length is 1 or 2 && args.All(v => !string.IsNullOrWhiteSpace(v)))
            .Select(args => new DropIntent(args[0]!, args.Length == 2 ? args[1] : null))
            .ToEquatableArray();

    private static bool HasParameters(IMethodSymbol method, params string[] types) =>
        method.Parameters.Length == types.Length
        && method.Parameters.All(p => p.RefKind == RefKind.None && p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == types[p.Ordinal]);

    private static bool IsReachable(IMethodSymbol method)
    {
        for (ISymbol? symbol = method; symbol is not null and not INamespaceSymbol; symbol = symbol.ContainingSymbol)
        {
            if (symbol.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            {
                return false;
            }
        }

        return true;
    }
}
