using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Parsing;

/// <summary>The GenOrm attributes found on one property, in the order they are written.</summary>
internal sealed class PropertyAttributes
{
    private readonly List<(GenOrmAttribute Kind, AttributeData Data)> _attributes = new();

    private PropertyAttributes()
    {
    }

    /// <summary>Gets whether any attribute could not be bound (wrong argument types): the compiler reports that.</summary>
    public bool HasBindingError { get; private set; }

    /// <summary>Gets whether the property carries a GenOrm attribute that maps it (anything but <c>[Ignore]</c>).</summary>
    public bool HasMappingAttribute
    {
        get
        {
            foreach ((GenOrmAttribute kind, _) in _attributes)
            {
                if (kind != GenOrmAttribute.Ignore)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Gets the mapping attributes, in source order.</summary>
    public IEnumerable<(GenOrmAttribute Kind, AttributeData Data)> MappingAttributes =>
        _attributes.FindAll(a => a.Kind != GenOrmAttribute.Ignore);

    /// <summary>Reads the GenOrm attributes of <paramref name="property"/>; one without attribute lists binds none.</summary>
    public static PropertyAttributes Read(IPropertySymbol property, CancellationToken cancellationToken)
    {
        var result = new PropertyAttributes();
        foreach (AttributeData attribute in DeclaredAttributes.Of(property, cancellationToken))
        {
            if (KnownTypes.GetGenOrmAttribute(attribute) is not { } kind || kind == GenOrmAttribute.Table)
            {
                continue;
            }

            result._attributes.Add((kind, attribute));
            result.HasBindingError |= attribute.AttributeConstructor is null;
        }

        return result;
    }

    /// <summary>Gets the first attribute of a kind, or <see langword="null"/>.</summary>
    /// <remarks>A loop, not <c>List.Find</c> with a lambda: this runs for every column on every compilation, and a capturing lambda allocates.</remarks>
    public AttributeData? Get(GenOrmAttribute kind)
    {
        foreach ((GenOrmAttribute Kind, AttributeData Data) attribute in _attributes)
        {
            if (attribute.Kind == kind)
            {
                return attribute.Data;
            }
        }

        return null;
    }

    /// <summary>Gets every attribute of a kind, in source order.</summary>
    public IEnumerable<AttributeData> GetAll(GenOrmAttribute kind)
    {
        List<AttributeData>? all = null;
        foreach ((GenOrmAttribute Kind, AttributeData Data) attribute in _attributes)
        {
            if (attribute.Kind == kind)
            {
                (all ??= new List<AttributeData>()).Add(attribute.Data);
            }
        }

        return all ?? (IEnumerable<AttributeData>)System.Array.Empty<AttributeData>();
    }

    /// <summary>Gets whether the property carries an attribute of a kind.</summary>
    public bool Has(GenOrmAttribute kind) => Get(kind) is not null;
}
