using System.Collections.Generic;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Parsing;

/// <summary>The state shared while one <c>[Table]</c> class is parsed: where diagnostics go, and whether to emit.</summary>
internal sealed class ParseContext
{
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public ParseContext(INamedTypeSymbol classSymbol, TypeDeclarationSyntax declaration, Compilation compilation, CancellationToken cancellationToken)
    {
        ClassSymbol = classSymbol;
        Declaration = declaration;
        Compilation = compilation;
        CancellationToken = cancellationToken;
        ClassName = classSymbol.Name;
        ClassLocation = LocationInfo.From(declaration.Identifier);
    }

    public INamedTypeSymbol ClassSymbol { get; }

    /// <summary>Gets the declaration that has <c>[Table]</c>: a class or a <c>record class</c>.</summary>
    public TypeDeclarationSyntax Declaration { get; }

    public Compilation Compilation { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Gets the class's name as messages show it.</summary>
    public string ClassName { get; }

    /// <summary>Gets the class identifier's location, where class-level diagnostics go.</summary>
    public LocationInfo ClassLocation { get; }

    /// <summary>Gets the diagnostics reported so far.</summary>
    public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

    /// <summary>
    /// Gets whether the code has an error that the C# compiler already reports (an undefined type, an attribute
    /// argument of the wrong type). GenOrm then reports nothing more about it, but emits no source either.
    /// </summary>
    public bool HasCompilerError { get; private set; }

    /// <summary>Gets whether nothing should be emitted for the class.</summary>
    public bool HasErrors => HasCompilerError || _diagnostics.Count > 0;

    public void Report(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location ?? ClassLocation, args));

    public void MarkCompilerError() => HasCompilerError = true;

    /// <summary>Gets the location of an attribute's syntax, or the class's when the attribute has none in source.</summary>
    public LocationInfo AttributeLocation(AttributeData attribute) =>
        AttributeSyntax(attribute) is { } syntax ? LocationInfo.From(syntax) : ClassLocation;

    /// <summary>Gets the location of an attribute's first argument, or of the attribute when it has none.</summary>
    public LocationInfo AttributeArgumentLocation(AttributeData attribute) =>
        AttributeSyntax(attribute)?.ArgumentList?.Arguments is { Count: > 0 } arguments
            ? LocationInfo.From(arguments[0].Expression)
            : AttributeLocation(attribute);

    /// <summary>Gets the location of the value of an attribute's named argument, or of the attribute when it has none.</summary>
    public LocationInfo NamedArgumentLocation(AttributeData attribute, string name)
    {
        if (AttributeSyntax(attribute)?.ArgumentList?.Arguments is { } arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return LocationInfo.From(argument.Expression);
                }
            }
        }

        return AttributeLocation(attribute);
    }

    /// <summary>Gets the location of a symbol's identifier, or the class's when it is not in source.</summary>
    public LocationInfo SymbolLocation(ISymbol symbol)
    {
        foreach (Location location in symbol.Locations)
        {
            if (LocationInfo.From(location) is { } info)
            {
                return info;
            }
        }

        return ClassLocation;
    }

    private AttributeSyntax? AttributeSyntax(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(CancellationToken) as AttributeSyntax;
}
