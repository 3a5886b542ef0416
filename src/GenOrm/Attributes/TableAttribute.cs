using System;

namespace GenOrm;

/// <summary>
/// Marks a <see langword="partial"/> class as a database table. At compile time the GenOrm generator adds to the
/// class its <c>CREATE TABLE</c> script and static data-access members: <c>GetAll</c>, <c>GetBy{Property}</c>,
/// <c>Insert</c>, <c>InsertMany</c>, <c>Update</c>, <c>Delete</c> and <c>CreateTable</c>.
/// </summary>
/// <remarks>
/// Every public instance property with a getter and a setter (or <see langword="init"/>) becomes a column, unless it
/// carries <see cref="IgnoreAttribute"/>. At least one property must carry <see cref="PrimaryKeyAttribute"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TableAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="TableAttribute"/> class; the table takes the class's name.</summary>
    public TableAttribute()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TableAttribute"/> class with the table's name.</summary>
    /// <param name="name">The name of the table in the database, for example <c>"user"</c>.</param>
    public TableAttribute(string name) => Name = name;

    /// <summary>Gets the name of the table, or <see langword="null"/> when the table takes the class's name.</summary>
    public string? Name { get; }
}
