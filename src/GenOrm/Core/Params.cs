using System;
using System.Collections;
using System.Collections.Generic;

namespace GenOrm;

/// <summary>
/// A set of named parameter values for a <see cref="Sql"/> statement: SQLAlchemy's parameter dictionary.
/// Names are written without their prefix (<c>["x"]</c> fills <c>:x</c>, <c>@x</c> and <c>$x</c>) and compared
/// case-sensitively, as SQLite compares them.
/// </summary>
/// <example>
/// <code>
/// var row = new Params { ["x"] = 1, ["y"] = 2 };
/// </code>
/// </example>
public sealed class Params : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Gets the number of values.</summary>
    public int Count => _values.Count;

    /// <summary>Gets or sets the value of a parameter.</summary>
    /// <param name="name">The parameter's name, with or without its <c>:</c>, <c>@</c> or <c>$</c> prefix.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">No value has that name (getter).</exception>
    public object? this[string name]
    {
        get => _values[Normalize(name)];
        set => _values[Normalize(name)] = value;
    }

    /// <summary>Adds a value; lets a collection initializer use the <c>{ "x", 1 }</c> form.</summary>
    /// <param name="name">The parameter's name, with or without its prefix.</param>
    /// <param name="value">The value: a string, number, bool, byte[], date or time, Guid, enum, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A value with that name is already present.</exception>
    public void Add(string name, object? value) => _values.Add(Normalize(name), value);

    /// <summary>Gets the value of a parameter, if present.</summary>
    /// <param name="name">The parameter's name, with or without its prefix.</param>
    /// <param name="value">The value, when present.</param>
    /// <returns><see langword="true"/> when a value with that name is present.</returns>
    public bool TryGetValue(string name, out object? value) => _values.TryGetValue(Normalize(name), out value);

    /// <summary>Returns an enumerator over the name/value pairs.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Formats the values like <c>{x: 1, y: 'a'}</c>.</summary>
    /// <returns>The formatted values.</returns>
    public override string ToString()
    {
        var parts = new List<string>(_values.Count);
        foreach (var (name, value) in _values)
        {
            parts.Add(name + ": " + ValueFormatter.Format(value));
        }

        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Normalize(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name[0] is ':' or '@' or '$' ? name[1..] : name;
    }
}
