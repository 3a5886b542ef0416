using System;

namespace GenOrm;

/// <summary>Maps a property to a column whose name differs from the property's name.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="ColumnAttribute"/> class.</summary>
    /// <param name="name">The name of the column in the database.</param>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>Gets the name of the column in the database.</summary>
    public string Name { get; }
}
