using System;

namespace GenOrm;

/// <summary>
/// Limits a <see cref="string"/> column to a number of characters. SQLite ignores <c>VARCHAR(n)</c>, so GenOrm
/// enforces the limit with a <c>CHECK (length(column) &lt;= n)</c> constraint; a longer value fails with a
/// <see cref="ConstraintViolationException"/> that names the column.
/// </summary>
/// <remarks>Length is counted in Unicode characters (code points), as SQLite's <c>length()</c> counts them.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class MaxLengthAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="MaxLengthAttribute"/> class.</summary>
    /// <param name="length">The greatest number of characters the column accepts; must be positive.</param>
    public MaxLengthAttribute(int length) => Length = length;

    /// <summary>Gets the greatest number of characters the column accepts.</summary>
    public int Length { get; }
}
