using System;

namespace GenOrm;

/// <summary>
/// Declares that this property's column, or this class's table, had another name in an earlier recorded schema
/// version. The generated migration then renames it (<c>ALTER TABLE ... RENAME</c>) and keeps its data, instead of
/// refusing a drop (GENORM051, GENORM052).
/// </summary>
/// <remarks>
/// Keep the attribute for as long as databases of the older version may still exist: the generator reads it for
/// every step of the recorded history. A column renamed twice carries one attribute per earlier name.
/// </remarks>
/// <example><code>[RenamedFrom("Login")] public string UserName { get; set; } = "";</code></example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RenamedFromAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="RenamedFromAttribute"/> class.</summary>
    /// <param name="name">The earlier column or table name, as a recorded schema version has it.</param>
    public RenamedFromAttribute(string name) => Name = name;

    /// <summary>Gets the earlier column or table name.</summary>
    public string Name { get; }
}
