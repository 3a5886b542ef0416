using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.CodeFixes;

/// <summary>
/// Fixes GENORM001 and GENORM002: adds <c>partial</c> to the type whose identifier the diagnostic points at (the
/// <c>[Table]</c> class, or a type that contains it).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
[Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.ClassNotPartial, DiagnosticIds.ContainingTypeNotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || FindType(root, context.Span) is not { } type || type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }

        string title = $"Make '{type.Identifier.ValueText}' partial";
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => MakePartialAsync(context.Document, type, cancellationToken),
                    equivalenceKey: nameof(MakePartialCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>Finds the type declaration whose identifier is at <paramref name="span"/>.</summary>
    private static TypeDeclarationSyntax? FindType(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(t => t.Identifier.Span.IntersectsWith(span));

    private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(type, AddPartial(type)));
    }

    /// <summary>
    /// Adds <c>partial</c> as the last modifier, right before the keyword, as C# requires. Without modifiers it takes
    /// over the keyword's leading trivia (indentation, doc comment), so the layout stays as it was.
    /// </summary>
    internal static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
    {
        SyntaxToken partial = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        if (type.Modifiers.Count > 0)
        {
            return type.WithModifiers(type.Modifiers.Add(partial));
        }

        SyntaxToken keyword = type.Keyword;
        return type
            .ReplaceToken(keyword, keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
