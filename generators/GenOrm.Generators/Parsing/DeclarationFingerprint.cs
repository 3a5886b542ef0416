using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// What one syntax tree declares, read from syntax alone: the tree's text with the parts removed that cannot change
/// the meaning of any declaration, its path and its parse options. Two trees with equal fingerprints declare the same
/// things. Compared exactly (the text itself, not a hash), so that no collision can ever leave output stale.
/// </summary>
/// <param name="FilePath">The tree's path, which the locations of its declarations carry.</param>
/// <param name="Declarations">The tree's text with every body replaced by a marker; see <see cref="Of"/>.</param>
/// <param name="Options">The tree's parse options (language version, preprocessor symbols), compared with Equals.</param>
internal sealed record DeclarationFingerprint(string FilePath, string Declarations, ParseOptions Options)
{
    /// <summary>Stands for a removed body (a block or an expression body) in <see cref="Declarations"/>.</summary>
    private const string BodyMarker = "\u0001";

    /// <summary>Stands for a removed top-level statement in <see cref="Declarations"/>.</summary>
    private const string StatementMarker = "\u0002";

    /// <summary>
    /// Computes the fingerprint of <paramref name="tree"/>. Removed, because no declaration's binding reads them: the
    /// bodies (blocks and expression bodies) of methods, constructors, destructors, operators, conversions, accessors
    /// and local functions, the expression bodies of properties and indexers, and the contents of top-level statements
    /// (a marker keeps that they exist, which decides whether the file has an entry point). Kept, exactly as written:
    /// everything else: usings (global ones too), namespaces, type and member declarations, attributes and their
    /// arguments, field, property and enum-member initializers (a const's value feeds attribute arguments), default
    /// parameter values, comments and whitespace outside bodies, and every preprocessor directive, even inside a
    /// removed body (<c>#nullable</c> there changes the annotations of the declarations after it).
    /// </summary>
    /// <remarks>
    /// Each removed part is one complete node, so the text outside it is tokenized and parsed as before: the kept text
    /// fixes every declaration's name, modifiers, type syntax, attributes and constant values; with the compilation's
    /// options and references (see <see cref="DeclarationKey"/>), that is all their binding reads.
    /// </remarks>
    public static DeclarationFingerprint Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        SyntaxNode root = tree.GetRoot(cancellationToken);
        var builder = new StringBuilder(root.FullSpan.Length);
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        {
            Append(root, writer, cancellationToken);
        }

        return new DeclarationFingerprint(tree.FilePath, builder.ToString(), tree.Options);
    }

    private static void Append(SyntaxNode node, TextWriter builder, CancellationToken cancellationToken)
    {
        foreach (SyntaxNodeOrToken child in node.ChildNodesAndTokens())
        {
            if (child.IsToken)
            {
                child.AsToken().WriteTo(builder);
                continue;
            }

            SyntaxNode childNode = child.AsNode()!;
            if (childNode is GlobalStatementSyntax)
            {
                builder.Write(StatementMarker);
                AppendDirectives(childNode, builder);
            }
            else if (IsBody(childNode))
            {
                builder.Write(BodyMarker);
                AppendDirectives(childNode, builder);
            }
            else
            {
                if (childNode is MemberDeclarationSyntax)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                Append(childNode, builder, cancellationToken);
            }
        }
    }

    /// <summary>Gets whether <paramref name="node"/> is a body that no declaration's binding reads.</summary>
    private static bool IsBody(SyntaxNode node) => node switch
    {
        BlockSyntax => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax,
        ArrowExpressionClauseSyntax => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
            or PropertyDeclarationSyntax or IndexerDeclarationSyntax,
        _ => false,
    };

    /// <summary>Appends the preprocessor directives inside a removed part, in order, each as written.</summary>
    private static void AppendDirectives(SyntaxNode node, TextWriter builder)
    {
        if (!node.ContainsDirectives)
        {
            return;
        }

        foreach (SyntaxTrivia trivia in node.DescendantTrivia(descendIntoTrivia: false))
        {
            if (trivia.IsDirective)
            {
                trivia.WriteTo(builder);
            }
        }
    }

    /// <inheritdoc/>
    public bool Equals(DeclarationFingerprint? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(FilePath, other.FilePath, StringComparison.Ordinal)
            && string.Equals(Declarations, other.Declarations, StringComparison.Ordinal)
            && Options.Equals(other.Options));

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(FilePath) ^ Declarations.Length;
}
