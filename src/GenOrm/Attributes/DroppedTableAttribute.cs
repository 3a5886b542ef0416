using System;

namespace GenOrm;

/// <summary>
/// Declares that dropping a table that a recorded schema version has, and every row in it, is intended. Without it
/// the table's disappearance from the model is compile-time error GENORM052.
/// </summary>
/// <remarks>Keep the attribute for as long as databases of a version that has the table may still exist.</remarks>
/// <example><code>[assembly: GenOrm.DroppedTable("audit")]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class DroppedTableAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="DroppedTableAttribute"/> class.</summary>
    /// <param name="table">The name of the dropped table.</param>
    public DroppedTableAttribute(string table) => Table = table;

    /// <summary>Gets the name of the dropped table.</summary>
    public string Table { get; }
}
