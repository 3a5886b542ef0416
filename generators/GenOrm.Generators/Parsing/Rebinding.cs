using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
/// Where each partial class is declared, read from syntax alone, and the compilation's trees: what tells which other
/// trees a declaration's draft keeps positions in. A draft keeps the locations of the class's members, in every part,
/// and of its source base classes' members; so a class's other trees are those declaring a partial class of the same
/// name (by simple name and arity: a superset), and every tree when any part has a base list (which binding alone
/// could resolve to a class, or an interface). Rebuilt when a tree changed; each tree's names are read once.
/// </summary>
internal sealed class TreeIndex
{
    private readonly Dictionary<string, (List<SyntaxTree> Trees, bool HasBaseList)> _partials;

    private TreeIndex(ImmutableArray<SyntaxTree> allTrees, Dictionary<string, (List<SyntaxTree> Trees, bool HasBaseList)> partials)
    {
        AllTrees = allTrees;
        _partials = partials;
    }

    /// <summary>Gets the compilation's trees, in order.</summary>
    public ImmutableArray<SyntaxTree> AllTrees { get; }

    /// <summary>The index of the current compilation's trees; each tree's partial classes are read when the tree is new.</summary>
    public static IncrementalValueProvider<TreeIndex> Provider(IncrementalGeneratorInitializationContext context) =>
        context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, cancellationToken) => TreePartials.Of(tree, cancellationToken))
            .Collect()
            .Select(static (trees, _) => Create(trees));

    /// <summary>
    /// Gets the trees other than <paramref name="node"/>'s whose positions its draft can keep: none for a method (its
    /// draft keeps positions in its own declaration only), the other parts' trees for a class, every tree for a class
    /// with a base list in any part.
    /// </summary>
    public ImmutableArray<SyntaxTree> OtherTrees(SyntaxNode node)
    {
        if (node is not TypeDeclarationSyntax type)
        {
            return ImmutableArray<SyntaxTree>.Empty;
        }

        bool hasBaseList = type.BaseList is not null;
        ImmutableArray<SyntaxTree> others = ImmutableArray<SyntaxTree>.Empty;
        if (_partials.TryGetValue(TreePartials.NameOf(type), out var parts))
        {
            hasBaseList |= parts.HasBaseList;
            if (parts.Trees.Count > 1)
            {
                others = parts.Trees.Where(tree => tree != node.SyntaxTree).ToImmutableArray();
            }
        }

        return hasBaseList ? AllTrees : others;
    }

    private static TreeIndex Create(ImmutableArray<TreePartials> trees)
    {
        var partials = new Dictionary<string, (List<SyntaxTree> Trees, bool HasBaseList)>(StringComparer.Ordinal);
        foreach (TreePartials tree in trees)
        {
            foreach ((string name, bool hasBaseList) in tree.Classes)
            {
                if (!partials.TryGetValue(name, out var entry))
                {
                    entry = (new List<SyntaxTree>(), false);
                }

                if (entry.Trees.Count == 0 || entry.Trees[entry.Trees.Count - 1] != tree.Tree)
                {
                    entry.Trees.Add(tree.Tree);
                }

                partials[name] = (entry.Trees, entry.HasBaseList || hasBaseList);
            }
        }

        return new TreeIndex(trees.Select(t => t.Tree).ToImmutableArray(), partials);
    }
}

/// <summary>The partial classes (and records) one tree declares: name with arity, and whether the part has a base list.</summary>
internal sealed class TreePartials
{
    private TreePartials(SyntaxTree tree, ImmutableArray<(string Name, bool HasBaseList)> classes)
    {
        Tree = tree;
        Classes = classes;
    }

    /// <summary>Gets the tree.</summary>
    public SyntaxTree Tree { get; }

    /// <summary>Gets the tree's partial class declarations.</summary>
    public ImmutableArray<(string Name, bool HasBaseList)> Classes { get; }

    /// <summary>Reads the partial classes of <paramref name="tree"/>, without entering any member.</summary>
    public static TreePartials Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        ImmutableArray<(string, bool)>.Builder classes = ImmutableArray.CreateBuilder<(string, bool)>();
        foreach (SyntaxNode node in tree.GetRoot(cancellationToken).DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
        {
            if (node is TypeDeclarationSyntax type && (node is ClassDeclarationSyntax || node.IsKind(SyntaxKind.RecordDeclaration)) && type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                classes.Add((NameOf(type), type.BaseList is not null));
            }
        }

        return new TreePartials(tree, classes.ToImmutable());
    }

    /// <summary>Gets a type's simple name with its arity, which every part of it shares.</summary>
    public static string NameOf(TypeDeclarationSyntax type) =>
        type.TypeParameterList is { Parameters.Count: > 0 } parameters ? type.Identifier.ValueText + "`" + parameters.Parameters.Count : type.Identifier.ValueText;
}

/// <summary>
/// What the bind step binds: a declaration's node, the other trees its draft keeps positions in, the declaration key,
/// and the current compilation. Two inputs are equal when the node is the same object, the other trees are the same
/// objects and the keys are equal; the compilation is not compared (see <see cref="CurrentCompilation"/>). So the bind
/// runs again exactly when one of them changed; why that is enough is told in <see cref="TableGenerator"/>.
/// </summary>
internal sealed class BindInput
{
    private BindInput(SyntaxNode node, ImmutableArray<SyntaxTree> otherTrees, DeclarationKey key, CurrentCompilation compilation)
    {
        Node = node;
        OtherTrees = otherTrees;
        Key = key;
        Compilation = compilation;
    }

    /// <summary>Gets the node that may carry the attribute.</summary>
    public SyntaxNode Node { get; }

    /// <summary>Gets the trees, other than the node's, that hold declarations whose locations the draft keeps.</summary>
    public ImmutableArray<SyntaxTree> OtherTrees { get; }

    /// <summary>Gets the declaration key of the compilation.</summary>
    public DeclarationKey Key { get; }

    /// <summary>Gets the compilation to bind in.</summary>
    public CurrentCompilation Compilation { get; }

    /// <summary>The comparer of inputs: same node and other trees (by identity), equal key.</summary>
    public static IEqualityComparer<BindInput> Comparer { get; } = new InputComparer();

    /// <summary>Pairs each candidate node with what its bind reads, so that the bind after it runs only for a changed pair.</summary>
    public static IncrementalValuesProvider<BindInput> Provider(
        IncrementalValuesProvider<SyntaxNode> nodes,
        IncrementalValueProvider<((DeclarationKey Key, TreeIndex Index) Declarations, CurrentCompilation Compilation)> context) =>
        nodes
            .Combine(context)
            .Select(static (input, _) => new BindInput(
                input.Left,
                input.Right.Declarations.Index.OtherTrees(input.Left),
                input.Right.Declarations.Key,
                input.Right.Compilation))
            .WithComparer(Comparer);

    /// <summary>
    /// Binds the node in the current compilation: its symbol, and the attributes that
    /// <c>ForAttributeWithMetadataName</c> would give (those of the metadata name applied in the node's tree), or none
    /// when no attribute of that name is written on the node itself (the node is then no candidate).
    /// </summary>
    public BoundDeclaration Bind(string attributeMetadataName, CancellationToken cancellationToken)
    {
        SemanticModel semanticModel = Compilation.Compilation.GetSemanticModel(Node.SyntaxTree);
        ISymbol? symbol = semanticModel.GetDeclaredSymbol(Node, cancellationToken);
        ImmutableArray<AttributeData>.Builder attributes = ImmutableArray.CreateBuilder<AttributeData>();
        bool onNode = false;
        if (symbol is not null)
        {
            AddMatching(symbol.GetAttributes(), attributes, attributeMetadataName, ref onNode);
            if (symbol is IMethodSymbol method)
            {
                AddMatching(method.GetReturnTypeAttributes(), attributes, attributeMetadataName, ref onNode);
            }
        }

        return new BoundDeclaration(Node, symbol, onNode ? attributes.ToImmutable() : ImmutableArray<AttributeData>.Empty, semanticModel);
    }

    private void AddMatching(ImmutableArray<AttributeData> all, ImmutableArray<AttributeData>.Builder matching, string metadataName, ref bool onNode)
    {
        foreach (AttributeData attribute in all)
        {
            if (attribute.ApplicationSyntaxReference is { } reference && reference.SyntaxTree == Node.SyntaxTree && HasMetadataName(attribute.AttributeClass, metadataName))
            {
                matching.Add(attribute);
                onNode |= Node.Span.Contains(reference.Span);
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

    private sealed class InputComparer : IEqualityComparer<BindInput>
    {
        public bool Equals(BindInput? x, BindInput? y) =>
            ReferenceEquals(x, y)
            || (x is not null && y is not null
                && ReferenceEquals(x.Node, y.Node)
                && x.OtherTrees.SequenceEqual(y.OtherTrees, static (a, b) => ReferenceEquals(a, b))
                && x.Key.Equals(y.Key));

        public int GetHashCode(BindInput obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node);
    }
}

/// <summary>A declaration bound in the current compilation: what the parsers read, as <c>GeneratorAttributeSyntaxContext</c> gives it.</summary>
internal readonly struct BoundDeclaration
{
    public BoundDeclaration(SyntaxNode targetNode, ISymbol? targetSymbol, ImmutableArray<AttributeData> attributes, SemanticModel semanticModel)
    {
        TargetNode = targetNode;
        TargetSymbol = targetSymbol;
        Attributes = attributes;
        SemanticModel = semanticModel;
    }

    /// <summary>Gets the node that carries the attribute.</summary>
    public SyntaxNode TargetNode { get; }

    /// <summary>Gets the symbol the node declares, or null where Roslyn declares none (no parser accepts that).</summary>
    public ISymbol? TargetSymbol { get; }

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
