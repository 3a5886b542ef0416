using System;

namespace GenOrm;

/// <summary>
/// Marks a property as (part of) the table's primary key. Put it on several properties for a composite key;
/// the key's columns follow the order in which the properties are declared.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PrimaryKeyAttribute : Attribute
{
}
