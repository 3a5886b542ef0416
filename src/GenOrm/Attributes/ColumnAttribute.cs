using System;

namespace GenOrm;

/// <summary>
/// Maps a property to a column whose name differs from the property's name, or sets how a <see cref="decimal"/> column
/// is stored (<see cref="Scale"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="ColumnAttribute"/> class; the column takes the property's name.</summary>
    public ColumnAttribute()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ColumnAttribute"/> class.</summary>
    /// <param name="name">The name of the column in the database.</param>
    public ColumnAttribute(string name) => Name = name;

    /// <summary>Gets the name of the column in the database, or <see langword="null"/> when it is the property's name.</summary>
    public string? Name { get; }

    /// <summary>
    /// Gets or sets the number of decimal places of a <see cref="decimal"/> column, 0 to 18. When set, the column is
    /// an exact <c>INTEGER</c> holding the value times 10^<see cref="Scale"/> (<c>Scale = 2</c> stores <c>12.34m</c> as
    /// <c>1234</c>), which compares, sorts (<c>&lt;</c>, <c>OrderBy</c>) and sums (<c>sum()</c> gives an exact integer)
    /// like the values, and reads back with exactly <see cref="Scale"/> decimal places. A value with more decimal places,
    /// or too large for a 64-bit integer once scaled, is refused with an <see cref="ArgumentException"/>: it is never
    /// rounded. Without it, a decimal is stored as canonical text, which compares for equality only.
    /// </summary>
    public int Scale { get; set; }
}
