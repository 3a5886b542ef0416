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
/// Fixes GENORM004: adds <c>[PrimaryKey]</c> to the property named <c>Id</c>, or else <c>{ClassName}Id</c>, when the
/// class has one. The attribute reads <c>[PrimaryKey]</c> where that binds to GenOrm's attribute (as with
/// <c>using GenOrm;</c>), else <c>[GenOrm.PrimaryKey]</c> or <c>[global::GenOrm.PrimaryKey]</c>. The edit keeps the
/// property's layout: no formatter runs, so the attribute goes on the property's line.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPrimaryKeyCodeFixProvider))]
[Shared]
public sealed class AddPrimaryKeyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoPrimaryKey);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        TypeDeclarationSyntax? type = root.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(t => t.Identifier.Span.IntersectsWith(context.Span));
        if (type is null
            || model.GetDeclaredSymbol(type, context.CancellationToken) is not INamedTypeSymbol classSymbol
            || FindKeyProperty(classSymbol, context.CancellationToken) is not { } property)
        {
            return;
        }

        Document? document = context.Document.Project.Solution.GetDocument(property.SyntaxTree);
        SemanticModel? propertyModel = document is null ? null : await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (document is null || propertyModel is null)
        {
            return;
        }

        string attributeName = AttributeName(propertyModel, property.SpanStart);

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [PrimaryKey] to '{property.Identifier.ValueText}'",
                    cancellationToken => AddPrimaryKeyAsync(document, property, attributeName, cancellationToken),
                    equivalenceKey: nameof(AddPrimaryKeyCodeFixProvider)),
                diagnostic);
        }
    }

    /// <summary>Finds a public property named <c>Id</c>, else <c>{ClassName}Id</c>, declared in source in the class.</summary>
    private static PropertyDeclarationSyntax? FindKeyProperty(INamedTypeSymbol classSymbol, CancellationToken cancellationToken)
    {
        foreach (string name in new[] { "Id", classSymbol.Name + "Id" })
        {
            foreach (ISymbol member in classSymbol.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                    && property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is PropertyDeclarationSyntax syntax)
                {
                    return syntax;
                }
            }
        }

        return null;
    }

    /// <summary>Gets the shortest of <c>PrimaryKey</c>, <c>GenOrm.PrimaryKey</c> that binds to GenOrm's attribute at <paramref name="position"/>.</summary>
    private static string AttributeName(SemanticModel model, int position)
    {
        foreach (string name in new[] { "PrimaryKey", "GenOrm.PrimaryKey" })
        {
            AttributeSyntax candidate = SyntaxFactory.Attribute(SyntaxFactory.ParseName(name));
            if (model.GetSpeculativeSymbolInfo(position, candidate).Symbol is IMethodSymbol
                {
                    ContainingType: { Name: "PrimaryKeyAttribute", ContainingNamespace: { Name: "GenOrm", ContainingNamespace.IsGlobalNamespace: true } },
                })
            {
                return name;
            }
        }

        return "global::GenOrm.PrimaryKey";
    }

    private static async Task<Document> AddPrimaryKeyAsync(Document document, PropertyDeclarationSyntax property, string attributeName, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(property, AddAttribute(property, attributeName)));
    }

    /// <summary>
    /// Puts <c>[PrimaryKey]</c> first: into the first attribute list when there is one without a target (<c>[PrimaryKey, Unique]</c>),
    /// else as a new list on the property's line (<c>[PrimaryKey] public long Id</c>).
    /// </summary>
    internal static PropertyDeclarationSyntax AddAttribute(PropertyDeclarationSyntax property, string attributeName)
    {
        AttributeSyntax attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName(attributeName));
        if (property.AttributeLists.FirstOrDefault() is { Target: null } first)
        {
            SyntaxToken comma = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            SeparatedSyntaxList<AttributeSyntax> attributes = SyntaxFactory.SeparatedList(
                new[] { attribute }.Concat(first.Attributes),
                new[] { comma }.Concat(first.Attributes.GetSeparators()));
            return property.ReplaceNode(first, first.WithAttributes(attributes));
        }

        // Tokens without elastic trivia, so that the code action's cleanup does not reformat the line.
        AttributeListSyntax list = SyntaxFactory.AttributeList(
            SyntaxFactory.Token(property.GetLeadingTrivia(), SyntaxKind.OpenBracketToken, SyntaxFactory.TriviaList()),
            target: null,
            SyntaxFactory.SingletonSeparatedList(attribute),
            SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.CloseBracketToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        return property.WithoutLeadingTrivia().WithAttributeLists(property.AttributeLists.Insert(0, list));
    }
}
