using System;

namespace GenOrm;

/// <summary>
/// Gives the column a default value in the DDL (<c>DEFAULT ...</c>), used when a row is inserted without the column,
/// for example by hand-written SQL. Generated <c>Insert</c> always writes every column, so there the property's
/// own value wins.
/// </summary>
/// <remarks>
/// The value must suit the column's storage: a number for integer and real columns (<see langword="true"/> or
/// <see langword="false"/> for <see cref="bool"/>), a string for text columns, an enum member for enum columns, or
/// <see langword="null"/> for a nullable column. A mismatch is compile-time error GENORM020.
/// </remarks>
/// <example><code>[Default(0)] public int Score { get; set; }</code></example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class DefaultAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="DefaultAttribute"/> class.</summary>
    /// <param name="value">The default value: a constant number, string, bool or enum member, or <see langword="null"/>.</param>
    public DefaultAttribute(object? value) => Value = value;

    /// <summary>Gets the default value.</summary>
    public object? Value { get; }
}
