using System;
using System.ComponentModel;
using System.Text;
using GenOrm;
using SQLitePCL;

namespace GenOrm.Internal;

/// <summary>
/// A prepared SQLite statement (<c>sqlite3_stmt</c>) on a <see cref="Connection"/>'s own database handle, which
/// generated code binds and reads by ordinal with typed calls: no <c>SqliteCommand</c>, no data reader and no boxing
/// per row. Used by generated code and typed queries; not meant to be called directly.
/// </summary>
/// <remarks>
/// Statements are prepared once per connection and SQL text, kept until the connection is disposed, and run inside
/// the connection's transaction like every other statement. Binding checks values as the ADO.NET path does: a NaN
/// or a string with a lone surrogate is refused with an <see cref="ArgumentException"/> naming the table and column.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Statement
{
    private const int StackTextLimit = 512;
    private readonly sqlite3_stmt _handle;
    private readonly string[] _parameterNames;
    private object?[]? _echoValues;

    internal Statement(sqlite3_stmt handle, string sql, string[] parameterNames, bool echo)
    {
        _handle = handle;
        Sql = sql;
        _parameterNames = parameterNames;
        _echoValues = echo && parameterNames.Length > 0 ? new object?[parameterNames.Length] : null;
    }

    /// <summary>Gets the statement's SQL text.</summary>
    public string Sql { get; }

    /// <summary>Gets the number of columns in the statement's result.</summary>
    public int ColumnCount => raw.sqlite3_column_count(_handle);

    internal sqlite3_stmt Handle => _handle;

    /// <summary>Binds an integer to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindInt64(int index, long value)
    {
        raw.sqlite3_bind_int64(_handle, index + 1, value);
        Remember(index, value);
    }

    /// <summary>Binds an integer or NULL to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindInt64(int index, long? value)
    {
        if (value is { } v)
        {
            BindInt64(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a real number to the parameter at <paramref name="index"/> (zero-based); NaN is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public void BindDouble(int index, double value, string tableName, string columnName)
    {
        if (double.IsNaN(value))
        {
            DbValue.From(value, tableName, columnName);
        }

        raw.sqlite3_bind_double(_handle, index + 1, value);
        Remember(index, value);
    }

    /// <summary>Binds a real number or NULL to the parameter at <paramref name="index"/> (zero-based); NaN is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public void BindDouble(int index, double? value, string tableName, string columnName)
    {
        if (value is { } v)
        {
            BindDouble(index, v, tableName, columnName);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds text or NULL to the parameter at <paramref name="index"/> (zero-based); a lone surrogate is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a lone UTF-16 surrogate.</exception>
    public void BindText(int index, string? value, string tableName, string columnName)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        DbValue.From(value, tableName, columnName);
        BindUtf8(index + 1, value);
        Remember(index, value);
    }

    /// <summary>Binds a value already in its storage form (<see cref="DbValue"/>.From) to the parameter at <paramref name="index"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param>
    /// <param name="value">A <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="T:byte[]"/> or <see cref="DBNull"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a storage value.</exception>
    public void BindValue(int index, object value)
    {
        switch (value)
        {
            case long l:
                raw.sqlite3_bind_int64(_handle, index + 1, l);
                break;
            case double d:
                raw.sqlite3_bind_double(_handle, index + 1, d);
                break;
            case string s:
                BindUtf8(index + 1, s);
                break;
            case byte[] bytes:
                raw.sqlite3_bind_blob(_handle, index + 1, bytes);
                break;
            case DBNull:
            case null:
                raw.sqlite3_bind_null(_handle, index + 1);
                break;
            default:
                throw new ArgumentException(ErrorMessages.UnsupportedParameterType(value.GetType().Name), nameof(value));
        }

        Remember(index, value is DBNull ? null : value);
    }

    /// <summary>
    /// Binds a storage value to the parameter written <paramref name="token"/> in the SQL (<c>:x</c>, <c>@x</c>,
    /// <c>$x</c>), which is the <paramref name="position"/>-th distinct parameter of the text.
    /// </summary>
    internal void BindNamed(int position, string token, object value)
    {
        int index = raw.sqlite3_bind_parameter_index(_handle, token);
        if (index > 0)
        {
            BindValue(index - 1, value);
        }

        Remember(position, value is DBNull ? null : value);
    }

    /// <summary>Gets whether the column at <paramref name="ordinal"/> of the current row is NULL.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is NULL.</returns>
    public bool IsDBNull(int ordinal) => raw.sqlite3_column_type(_handle, ordinal) == raw.SQLITE_NULL;

    /// <summary>Gets whether the value at <paramref name="ordinal"/> of the current row is stored as text.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is TEXT.</returns>
    public bool IsText(int ordinal) => raw.sqlite3_column_type(_handle, ordinal) == raw.SQLITE_TEXT;

    /// <summary>Reads an integer column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(_handle, ordinal);

    /// <summary>Reads an integer column as <see cref="int"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public int GetInt32(int ordinal) => checked((int)GetInt64(ordinal));

    /// <summary>Reads an integer column as <see cref="short"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public short GetInt16(int ordinal) => checked((short)GetInt64(ordinal));

    /// <summary>Reads an integer column as <see cref="byte"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public byte GetByte(int ordinal) => checked((byte)GetInt64(ordinal));

    /// <summary>Reads an integer column as <see cref="bool"/>: anything but 0 is <see langword="true"/>.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public bool GetBoolean(int ordinal) => GetInt64(ordinal) != 0;

    /// <summary>Reads a real column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public double GetDouble(int ordinal) => raw.sqlite3_column_double(_handle, ordinal);

    /// <summary>Reads a real column as <see cref="float"/>.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public float GetFloat(int ordinal) => (float)GetDouble(ordinal);

    /// <summary>Reads a text column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public string GetString(int ordinal)
    {
        ReadOnlySpan<byte> utf8 = raw.sqlite3_column_blob(_handle, ordinal);
        return utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(utf8);
    }

    /// <summary>Reads a blob column.</summary><param name="ordinal">The column's ordinal.</param><returns>The bytes.</returns>
    public byte[] GetBytes(int ordinal) => raw.sqlite3_column_blob(_handle, ordinal).ToArray();

    /// <summary>Gets the name of the result column at <paramref name="ordinal"/>.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The name.</returns>
    public string GetName(int ordinal) => raw.sqlite3_column_name(_handle, ordinal).utf8_to_string();

    /// <summary>
    /// Creates the exception for a stored value that cannot be read exactly as the member's type: a NULL in a
    /// non-nullable member, another storage class, a number out of range, or text that does not parse. The message
    /// names the table and the column (from SQLite's column metadata) and what was found, never the value itself.
    /// </summary>
    /// <param name="ordinal">The column's ordinal in the current row.</param>
    /// <param name="clrType">The C# type the member has, such as <c>int</c> or <c>DateTime</c>.</param>
    /// <param name="found">What the row holds instead, such as <c>NULL</c> or <c>TEXT that is not a number</c>.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public GenOrmException UnreadableValue(int ordinal, string clrType, string found)
    {
        string column = raw.sqlite3_column_origin_name(_handle, ordinal).utf8_to_string() ?? GetName(ordinal);
        string? table = raw.sqlite3_column_table_name(_handle, ordinal).utf8_to_string();
        return new GenOrmException(ErrorMessages.UnreadableValue(table, column, clrType, found), table, column, Sql, null);
    }

    /// <summary>Gets the name of the storage class of the value at <paramref name="ordinal"/>: <c>INTEGER</c>, <c>REAL</c>, <c>TEXT</c>, <c>BLOB</c> or <c>NULL</c>.</summary>
    internal string StorageClassName(int ordinal) => raw.sqlite3_column_type(_handle, ordinal) switch
    {
        raw.SQLITE_INTEGER => "INTEGER",
        raw.SQLITE_FLOAT => "REAL",
        raw.SQLITE_TEXT => "TEXT",
        raw.SQLITE_BLOB => "BLOB",
        _ => "NULL",
    };

    /// <summary>Formats the bound parameters for echo, like the ADO.NET path does.</summary>
    internal string FormatParameters()
    {
        if (_echoValues is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder("{");
        for (int i = 0; i < _parameterNames.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            string name = _parameterNames[i];
            builder.Append(name.AsSpan(name.Length > 0 && name[0] is ':' or '@' or '$' ? 1 : 0)).Append(": ").Append(ValueFormatter.Format(_echoValues[i]));
        }

        return builder.Append('}').ToString();
    }

    private void BindNull(int index)
    {
        raw.sqlite3_bind_null(_handle, index + 1);
        Remember(index, null);
    }

    private void BindUtf8(int position, string value)
    {
        if (value.Length <= StackTextLimit)
        {
            Span<byte> buffer = stackalloc byte[StackTextLimit * 3];
            int length = Encoding.UTF8.GetBytes(value, buffer);
            raw.sqlite3_bind_text(_handle, position, buffer[..length]);
        }
        else
        {
            raw.sqlite3_bind_text(_handle, position, value);
        }
    }

    private void Remember(int index, object? value)
    {
        if (_echoValues is not null)
        {
            _echoValues[index] = value;
        }
    }
}
