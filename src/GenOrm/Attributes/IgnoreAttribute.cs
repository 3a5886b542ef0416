using System;

namespace GenOrm;

/// <summary>Keeps a property out of the table: it is neither stored nor read.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class IgnoreAttribute : Attribute
{
}
