using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace GenOrm;

/// <summary>
/// One row of a <see cref="Result"/>: its values by ordinal or by column name, typed with <see cref="Get{T}(int)"/>.
/// <see cref="ToString"/> prints the values like a Python tuple, <c>(1, 2)</c>.
/// </summary>
public sealed class Row : IReadOnlyList<object?>
{
    private readonly RowSchema _schema;
    private readonly object?[] _values;

    internal Row(RowSchema schema, object?[] values)
    {
        _schema = schema;
        _values = values;
    }

    /// <summary>Gets the names of the row's columns, in order.</summary>
    public IReadOnlyList<string> Columns => _schema.Names;

    /// <summary>Gets the number of values in the row.</summary>
    public int Count => _values.Length;

    /// <summary>Gets the stored value at an ordinal: a <see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
    /// <see cref="T:byte[]"/> or <see langword="null"/>.</summary>
    /// <param name="ordinal">The zero-based column ordinal.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is outside the row.</exception>
    public object? this[int ordinal]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, _values.Length);
            return _values[ordinal];
        }
    }

    /// <summary>Gets the stored value of a column by name (compared ignoring case, as SQLite compares names).</summary>
    /// <param name="column">The column's name.</param>
    /// <returns>The stored value.</returns>
    /// <exception cref="ArgumentException">The row has no column of that name.</exception>
    public object? this[string column] => _values[_schema.OrdinalOf(column)];

    /// <summary>Gets the value at an ordinal, converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A string, number, bool, byte[], date or time type, Guid or enum, or a nullable form.</typeparam>
    /// <param name="ordinal">The zero-based column ordinal.</param>
    /// <returns>The converted value; <see langword="null"/> for a NULL read as a nullable type.</returns>
    /// <exception cref="InvalidCastException">The value is NULL and <typeparamref name="T"/> is not nullable, or cannot be converted.</exception>
    public T Get<T>(int ordinal) => ValueConverter.Convert<T>(this[ordinal], _schema.Names[ordinal]);

    /// <summary>Gets the value of a column by name, converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A string, number, bool, byte[], date or time type, Guid or enum, or a nullable form.</typeparam>
    /// <param name="column">The column's name.</param>
    /// <returns>The converted value; <see langword="null"/> for a NULL read as a nullable type.</returns>
    /// <exception cref="ArgumentException">The row has no column of that name.</exception>
    /// <exception cref="InvalidCastException">The value is NULL and <typeparamref name="T"/> is not nullable, or cannot be converted.</exception>
    public T Get<T>(string column)
    {
        int ordinal = _schema.OrdinalOf(column);
        return ValueConverter.Convert<T>(_values[ordinal], _schema.Names[ordinal]);
    }

    /// <summary>Returns an enumerator over the stored values.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    /// <summary>Formats the row like a Python tuple: <c>(1, 2)</c>, <c>('result',)</c>.</summary>
    /// <returns>The formatted row.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder("(");
        for (int i = 0; i < _values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(ValueFormatter.Format(_values[i]));
        }

        return builder.Append(_values.Length == 1 ? ",)" : ")").ToString();
    }
}

/// <summary>The column names of a result, shared by all its rows.</summary>
internal sealed class RowSchema
{
    private Dictionary<string, int>? _ordinals;

    public RowSchema(string[] names) => Names = names;

    public IReadOnlyList<string> Names { get; }

    public int OrdinalOf(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return Ordinals().TryGetValue(column, out int ordinal)
            ? ordinal
            : throw new ArgumentException(ErrorMessages.NoSuchColumn(column, string.Join(", ", Names)), nameof(column));
    }

    /// <summary>The ordinal of each name (the first, for a name used twice), built on the first lookup by name.</summary>
    private Dictionary<string, int> Ordinals()
    {
        if (_ordinals is { } built)
        {
            return built;
        }

        var ordinals = new Dictionary<string, int>(Names.Count, StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < Names.Count; i++)
        {
            ordinals.TryAdd(Names[i], i);
        }

        return _ordinals = ordinals;
    }
}
