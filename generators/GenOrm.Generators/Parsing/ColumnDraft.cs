using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// A column while its table is still being parsed: the checks that need every column (duplicate names, the
/// <c>[AutoIncrement]</c> key) still need its locations. Never leaves the parser.
/// </summary>
internal sealed class ColumnDraft
{
    public ColumnDraft(ColumnSpec spec, IPropertySymbol property, LocationInfo identifierLocation)
    {
        Spec = spec;
        Property = property;
        IdentifierLocation = identifierLocation;
    }

    /// <summary>Gets the column; its <see cref="ColumnSpec.ParameterName"/> is filled in when the table's spec is built.</summary>
    public ColumnSpec Spec { get; }

    public IPropertySymbol Property { get; }

    public LocationInfo IdentifierLocation { get; }

    /// <summary>Gets or sets the <c>[AutoIncrement]</c> attribute, checked once the key is known.</summary>
    public AttributeData? AutoIncrementAttribute { get; set; }

    /// <summary>Gets or sets whether the setter is <c>init</c>: <c>Insert</c> cannot then write a generated key back.</summary>
    public bool IsInitOnly { get; set; }

    /// <summary>Gets or sets whether the property has <c>[Index]</c>.</summary>
    public bool HasIndex { get; set; }

    /// <summary>Gets or sets the <c>[Index]</c> name, or <see langword="null"/> for the default.</summary>
    public string? IndexName { get; set; }
}
