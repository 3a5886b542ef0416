using System;

namespace GenOrm;

/// <summary>
/// Declares that dropping a column that a recorded schema version has, and the data in it, is intended. Without it
/// the column's disappearance from the model is compile-time error GENORM051.
/// </summary>
/// <remarks>Keep the attribute for as long as databases of a version that has the column may still exist.</remarks>
/// <example><code>[assembly: GenOrm.DroppedColumn("user", "Login")]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class DroppedColumnAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="DroppedColumnAttribute"/> class.</summary>
    /// <param name="table">The name of the table that loses the column.</param>
    /// <param name="column">The name of the dropped column.</param>
    public DroppedColumnAttribute(string table, string column)
    {
        Table = table;
        Column = column;
    }

    /// <summary>Gets the name of the table that loses the column.</summary>
    public string Table { get; }

    /// <summary>Gets the name of the dropped column.</summary>
    public string Column { get; }
}
