using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>Finds <c>GenOrm.Sql.Text(constant)</c> calls: a cheap syntax test first, then one symbol lookup.</summary>
internal static class SqlTextParser
{
    /// <summary>Gets whether <paramref name="node"/> looks like <c>Sql.Text(x)</c> or <c>GenOrm.Sql.Text(x)</c>.</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is InvocationExpressionSyntax
        {
            Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Text" } access,
            ArgumentList.Arguments.Count: 1,
        }
        && access.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Sql" } => true,
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sql" } => true,
            AliasQualifiedNameSyntax { Name.Identifier.ValueText: "Sql" } => true,
            _ => false,
        };

    /// <summary>Reads the call, or returns <see langword="null"/> when it is another <c>Text</c> or its argument is not constant.</summary>
    public static SqlTextSpec? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        ExpressionSyntax argument = invocation.ArgumentList.Arguments[0].Expression;
        if (context.SemanticModel.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol
            {
                Name: "Text",
                IsStatic: true,
                ContainingType: { Name: "Sql", ContainingNamespace: { Name: "GenOrm", ContainingNamespace.IsGlobalNamespace: true } },
            }
            || context.SemanticModel.GetConstantValue(argument, cancellationToken) is not { HasValue: true, Value: string sql })
        {
            return null;
        }

        SqlLiteralMap? literal = argument is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } expression
            ? SqlLiteralMapper.Capture(expression.Token, expression.SyntaxTree.GetText(cancellationToken))
            : null;
        return new SqlTextSpec(sql, literal, LocationInfo.From(argument));
    }
}
