using System;

namespace GenOrm;

/// <summary>
/// Marks an integer primary-key property whose value the database assigns (<c>INTEGER PRIMARY KEY AUTOINCREMENT</c>).
/// <c>Insert</c> leaves the property out of the <c>INSERT</c> and writes the assigned value back into the entity.
/// </summary>
/// <remarks>Valid only on a single-column primary key of an integer type.</remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AutoIncrementAttribute : Attribute
{
}
