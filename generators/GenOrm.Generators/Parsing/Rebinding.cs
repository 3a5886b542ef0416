using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Everything outside a declaration's own syntax that its binding can read, compared by value: what every syntax tree
/// declares (<see cref="DeclarationFingerprint"/>, in the compilation's order), the compilation's options and
/// assembly name, and its metadata references (by identity, in order). While it stays equal, a declaration whose node
/// is the same object binds to the same draft, so <see cref="TableGenerator"/> does not bind it again.
/// </summary>
internal sealed class DeclarationKey : IEquatable<DeclarationKey>
{
    private DeclarationKey(EquatableArray<DeclarationFingerprint> trees, CompilationOptions options, string? assemblyName, ImmutableArray<MetadataReference> references)
    {
        Trees = trees;
        Options = options;
        AssemblyName = assemblyName;
        References = references;
    }

    /// <summary>Gets the fingerprint of every syntax tree, in the compilation's order (which orders partial members).</summary>
    public EquatableArray<DeclarationFingerprint> Trees { get; }

    /// <summary>Gets the compilation's options (nullable context, checked arithmetic...), compared with Equals.</summary>
    public CompilationOptions Options { get; }

    /// <summary>Gets the assembly's name, which accessibility across assemblies depends on.</summary>
    public string? AssemblyName { get; }

    /// <summary>Gets the metadata references, compared by identity: an unchanged reference is the same object.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>
    /// Builds the key incrementally: each tree's fingerprint is computed once, when the tree is new, because an
    /// unchanged tree is the same object in the next compilation and its entry is cached.
    /// </summary>
    public static IncrementalValueProvider<DeclarationKey> Provider(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<DeclarationFingerprint>> trees = context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, cancellationToken) => DeclarationFingerprint.Of(tree, cancellationToken))
            .WithTrackingName(TrackingNames.DeclarationFingerprint)
            .Collect();
        return context.CompilationProvider
            .Combine(trees)
            .Select(static (input, _) => new DeclarationKey(
                input.Right.ToEquatableArray(),
                input.Left.Options,
                input.Left.AssemblyName,
                input.Left.References.ToImmutableArray()));
    }

    /// <inheritdoc/>
    public bool Equals(DeclarationKey? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && string.Equals(AssemblyName, other.AssemblyName, StringComparison.Ordinal)
            && Options.Equals(other.Options)
            && References.SequenceEqual(other.References, ReferenceEqualityComparer.Instance)
            && Trees.Equals(other.Trees));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DeclarationKey);

    /// <inheritdoc/>
    public override int GetHashCode() => Trees.Count ^ (References.Length << 16);

    private sealed class ReferenceEqualityComparer : IEqualityComparer<MetadataReference>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(MetadataReference? x, MetadataReference? y) => ReferenceEquals(x, y);

        public int GetHashCode(MetadataReference obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}

/// <summary>
/// A declaration that <c>ForAttributeWithMetadataName</c> found, before it is bound: its node, and the other syntax
/// trees whose positions its draft reads (the other parts of a partial class, and the source base classes whose
/// properties become columns). Compared by identity: an equal candidate is the same node in the same trees, so an edit
/// to any of them (which makes new nodes) binds it again. Never reaches a spec; see <see cref="TableGenerator"/>.
/// </summary>
internal sealed class BindCandidate
{
    private BindCandidate(SyntaxNode node, ImmutableArray<SyntaxTree> otherTrees)
    {
        Node = node;
        OtherTrees = otherTrees;
    }

    /// <summary>Gets the node that carries the attribute.</summary>
    public SyntaxNode Node { get; }

    /// <summary>Gets the trees, other than the node's, that hold declarations whose locations the draft keeps.</summary>
    public ImmutableArray<SyntaxTree> OtherTrees { get; }

    /// <summary>The comparer of candidates: same node, same other trees, all by identity.</summary>
    public static IEqualityComparer<BindCandidate> Comparer { get; } = new IdentityComparer();

    /// <summary>
    /// A type's candidate: its partial parts and its source base classes are the other trees. The base class is asked
    /// for only when a part has a base list: without one, a class's base is <c>object</c>, which needs no binding.
    /// </summary>
    public static BindCandidate ForType(GeneratorAttributeSyntaxContext source, CancellationToken cancellationToken)
    {
        ImmutableArray<SyntaxTree>.Builder? trees = null;
        for (var type = source.TargetSymbol as INamedTypeSymbol; type is { SpecialType: not SpecialType.System_Object }; type = type.BaseType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!AddTrees(type, source.TargetNode.SyntaxTree, ref trees, cancellationToken))
            {
                break;
            }
        }

        return new BindCandidate(source.TargetNode, trees?.ToImmutable() ?? ImmutableArray<SyntaxTree>.Empty);
    }

    /// <summary>
    /// A method's candidate: the node alone. Its draft keeps positions in its own declaration only; whether another
    /// part implements it is a declaration, which the key holds.
    /// </summary>
    public static BindCandidate ForMethod(GeneratorAttributeSyntaxContext source) =>
        new(source.TargetNode, ImmutableArray<SyntaxTree>.Empty);

    /// <summary>
    /// Binds the candidate in the current compilation: the symbol and the matching attributes that
    /// <c>ForAttributeWithMetadataName</c> gives, found the same way (attributes applied in the node's tree whose class
    /// has the metadata name).
    /// </summary>
    public BoundDeclaration Bind(Compilation compilation, string attributeMetadataName, CancellationToken cancellationToken)
    {
        SemanticModel semanticModel = compilation.GetSemanticModel(Node.SyntaxTree);
        ISymbol? symbol = semanticModel.GetDeclaredSymbol(Node, cancellationToken);
        ImmutableArray<AttributeData>.Builder attributes = ImmutableArray.CreateBuilder<AttributeData>();
        if (symbol is not null)
        {
            AddMatching(symbol.GetAttributes(), attributes, attributeMetadataName);
            if (symbol is IMethodSymbol method)
            {
                AddMatching(method.GetReturnTypeAttributes(), attributes, attributeMetadataName);
            }
        }

        return new BoundDeclaration(Node, symbol!, attributes.ToImmutable(), semanticModel);
    }

    private void AddMatching(ImmutableArray<AttributeData> all, ImmutableArray<AttributeData>.Builder matching, string metadataName)
    {
        foreach (AttributeData attribute in all)
        {
            if (attribute.ApplicationSyntaxReference?.SyntaxTree == Node.SyntaxTree && HasMetadataName(attribute.AttributeClass, metadataName))
            {
                matching.Add(attribute);
            }
        }
    }

    /// <summary>Gets whether a top-level, non-generic type has the metadata name <c>Namespace.Name</c>.</summary>
    private static bool HasMetadataName(INamedTypeSymbol? type, string metadataName)
    {
        if (type is null || type.ContainingType is not null || type.Arity != 0)
        {
            return false;
        }

        int dot = metadataName.LastIndexOf('.');
        return string.Equals(type.MetadataName, metadataName.Substring(dot + 1), StringComparison.Ordinal)
            && KnownTypes.IsNamespace(type.ContainingNamespace, metadataName.Substring(0, dot));
    }

    /// <summary>Adds the trees of the type's declarations but <paramref name="own"/>; returns whether a declaration has a base list.</summary>
    private static bool AddTrees(INamedTypeSymbol type, SyntaxTree own, ref ImmutableArray<SyntaxTree>.Builder? trees, CancellationToken cancellationToken)
    {
        bool hasBaseList = false;
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != own && (trees is null || !trees.Contains(reference.SyntaxTree)))
            {
                (trees ??= ImmutableArray.CreateBuilder<SyntaxTree>()).Add(reference.SyntaxTree);
            }

            hasBaseList |= reference.GetSyntax(cancellationToken) is BaseTypeDeclarationSyntax { BaseList: not null };
        }

        return hasBaseList;
    }

    private sealed class IdentityComparer : IEqualityComparer<BindCandidate>
    {
        public bool Equals(BindCandidate? x, BindCandidate? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null && ReferenceEquals(x.Node, y.Node) && x.OtherTrees.SequenceEqual(y.OtherTrees, (a, b) => ReferenceEquals(a, b)));

        public int GetHashCode(BindCandidate obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node);
    }
}

/// <summary>A declaration bound in the current compilation: what the parsers read, as <c>GeneratorAttributeSyntaxContext</c> gives it.</summary>
internal readonly struct BoundDeclaration
{
    public BoundDeclaration(SyntaxNode targetNode, ISymbol targetSymbol, ImmutableArray<AttributeData> attributes, SemanticModel semanticModel)
    {
        TargetNode = targetNode;
        TargetSymbol = targetSymbol;
        Attributes = attributes;
        SemanticModel = semanticModel;
    }

    /// <summary>Gets the node that carries the attribute.</summary>
    public SyntaxNode TargetNode { get; }

    /// <summary>Gets the symbol the node declares; null only where Roslyn declares none, which no parser accepts.</summary>
    public ISymbol TargetSymbol { get; }

    /// <summary>Gets the attributes of the searched metadata name applied in the node's tree.</summary>
    public ImmutableArray<AttributeData> Attributes { get; }

    /// <summary>Gets the semantic model of the node's tree in the current compilation.</summary>
    public SemanticModel SemanticModel { get; }
}

/// <summary>
/// The compilation that the bind step binds in, held weakly and never compared (any two are equal). A bind runs only
/// for an input that changed, and a changed input carries the current run's holder, whose compilation the driver holds
/// for the whole run; the holders cached with unchanged inputs are never read again, and holding them weakly lets the
/// compilations they saw be collected, as every other pipeline value does.
/// </summary>
internal sealed class CurrentCompilation
{
    private readonly WeakReference<Compilation> _compilation;

    private CurrentCompilation(Compilation compilation) => _compilation = new WeakReference<Compilation>(compilation);

    /// <summary>A new holder on every new compilation (compared by identity, so never taken for the previous one).</summary>
    public static IncrementalValueProvider<CurrentCompilation> Provider(IncrementalGeneratorInitializationContext context) =>
        context.CompilationProvider.Select(static (compilation, _) => new CurrentCompilation(compilation));

    /// <summary>Gets the compilation; the driver holds it while it runs the step that asks.</summary>
    public Compilation Compilation =>
        _compilation.TryGetTarget(out Compilation? compilation)
            ? compilation
            : throw new InvalidOperationException("The compilation of a cached bind input was asked for after its run; only a changed input is bound.");
}

/// <summary>
/// Compares the bind inputs (candidate, (key, compilation)): equal when the candidate is the same node in the same
/// trees and the key is equal; the compilation holder is ignored, so that an equal input is not bound again.
/// </summary>
internal sealed class BindInputComparer : IEqualityComparer<(BindCandidate Candidate, (DeclarationKey Key, CurrentCompilation Compilation) Context)>
{
    /// <summary>The single instance.</summary>
    public static readonly BindInputComparer Instance = new();

    /// <inheritdoc/>
    public bool Equals((BindCandidate Candidate, (DeclarationKey Key, CurrentCompilation Compilation) Context) x, (BindCandidate Candidate, (DeclarationKey Key, CurrentCompilation Compilation) Context) y) =>
        BindCandidate.Comparer.Equals(x.Candidate, y.Candidate) && x.Context.Key.Equals(y.Context.Key);

    /// <inheritdoc/>
    public int GetHashCode((BindCandidate Candidate, (DeclarationKey Key, CurrentCompilation Compilation) Context) obj) =>
        BindCandidate.Comparer.GetHashCode(obj.Candidate);
}
