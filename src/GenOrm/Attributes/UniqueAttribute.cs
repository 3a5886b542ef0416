using System;

namespace GenOrm;

/// <summary>
/// Declares that no two rows may hold the same value in this column (<c>UNIQUE</c>). The generator adds a
/// <c>GetBy{Property}</c> lookup for the column.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class UniqueAttribute : Attribute
{
}
