using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Reads a symbol's attributes only when its declarations can carry any. Binding attributes is the costliest part of a
/// parse that Roslyn re-runs on every new compilation (every keystroke), and a symbol declared in source without an
/// attribute list has none: <see cref="ISymbol.GetAttributes"/> would bind nothing and still cost its bookkeeping.
/// </summary>
internal static class DeclaredAttributes
{
    /// <summary>Gets the attributes of <paramref name="symbol"/>, without asking Roslyn when no declaration has an attribute list.</summary>
    public static ImmutableArray<AttributeData> Of(ISymbol symbol, CancellationToken cancellationToken) =>
        MayHaveAttributes(symbol, cancellationToken) ? symbol.GetAttributes() : ImmutableArray<AttributeData>.Empty;

    /// <summary>
    /// Gets whether any declaration of <paramref name="symbol"/> can hold an attribute of it. Only an answer read from
    /// syntax that says so exactly is <see langword="false"/>: a symbol from metadata or without declarations, a field
    /// (whose declarator is not where its attributes are), and a partial method or property (whose other part may
    /// carry attributes that are merged in) are asked of Roslyn.
    /// </summary>
    private static bool MayHaveAttributes(ISymbol symbol, CancellationToken cancellationToken)
    {
        ImmutableArray<SyntaxReference> references = symbol.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (SyntaxReference reference in references)
        {
            SyntaxList<AttributeListSyntax>? lists = reference.GetSyntax(cancellationToken) switch
            {
                // Every part of a partial type is among its declarations; '[method: ...]' on a record is its primary constructor's.
                BaseTypeDeclarationSyntax type => type.AttributeLists,
                MemberDeclarationSyntax member when !member.Modifiers.Any(SyntaxKind.PartialKeyword) => member.AttributeLists,

                // A positional record's property: '[property: ...]' on its parameter.
                ParameterSyntax parameter => parameter.AttributeLists,
                _ => null,
            };
            if (lists is not { Count: 0 })
            {
                return true;
            }
        }

        return false;
    }
}
