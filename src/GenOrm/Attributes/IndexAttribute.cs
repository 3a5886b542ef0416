using System;

namespace GenOrm;

/// <summary>
/// Creates an index on this column (<c>CREATE INDEX</c>) and a <c>GetBy{Property}</c> lookup that uses it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class IndexAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="IndexAttribute"/> class; the index is named <c>ix_{table}_{column}</c>.</summary>
    public IndexAttribute()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IndexAttribute"/> class with the index's name.</summary>
    /// <param name="name">The name of the index in the database.</param>
    public IndexAttribute(string name) => Name = name;

    /// <summary>Gets the name of the index, or <see langword="null"/> for the default <c>ix_{table}_{column}</c>.</summary>
    public string? Name { get; }
}
