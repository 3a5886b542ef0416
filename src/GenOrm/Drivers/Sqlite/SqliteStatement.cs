using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GenOrm.Internal;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GenOrm.Drivers.Sqlite;

/// <summary>
/// SQLite's <see cref="Statement"/>: a <c>sqlite3_stmt</c> on the connection's own database handle, bound and read by
/// ordinal with typed calls (no <c>SqliteCommand</c>, no data reader, no boxing per row). It decides SQLite's storage
/// forms (<see cref="DbValue"/>): a <see cref="decimal"/> is canonical <c>TEXT</c>, a <see cref="Guid"/> lower-case
/// <c>TEXT</c>, a <see cref="TimeSpan"/> <c>INTEGER</c> ticks, dates and times <c>TEXT</c> in SQLite's own form.
/// </summary>
/// <remarks>
/// Sealed, so that the one implementation a SQLite process loads lets the JIT devirtualize the calls generated code
/// makes through <see cref="Statement"/> (guarded devirtualization, with dynamic PGO).
/// </remarks>
internal sealed class SqliteStatement : Statement
{
    private const int StackTextLimit = 512;
    private const int SqliteLocked = 6;
    private const long MaxExactDoubleInteger = 1L << 53;
    private readonly sqlite3_stmt _handle;
    private readonly SqliteDriverConnection _connection;
    private object?[]? _echoValues;
    private readonly bool _remember;
    private string? _tail;
    private SqliteStatement? _next;
    private byte[]? _storage;
    private int _reprepared;
    private long _schemaVersion;

    internal SqliteStatement(SqliteDriverConnection connection, sqlite3_stmt handle, string sql, string? tail, bool echo, bool cached)
        : base(sql, cached)
    {
        _connection = connection;
        _handle = handle;
        _remember = echo;
        _tail = string.IsNullOrWhiteSpace(tail) ? null : tail;
        int count = echo ? raw.sqlite3_bind_parameter_count(handle) : 0;
        _echoValues = count > 0 ? new object?[count] : null;
    }

    /// <summary>
    /// Gets the next statement of a script (several statements in one text), preparing it from the text's tail the
    /// first time the script gets there, so that a statement runs against what the statements before it created.
    /// <see langword="null"/> after the last statement.
    /// </summary>
    /// <exception cref="SqliteException">SQLite could not prepare the next statement.</exception>
    internal override Statement? Next()
    {
        if (_next is null && _tail is { } tail)
        {
            _next = (SqliteStatement?)_connection.Prepare(Sql, tail, IsCached, _remember);
            if (_next is null)
            {
                // Only empty statements or comments were left.
                _tail = null;
                return null;
            }
        }

        return _next;
    }

    /// <inheritdoc/>
    internal override bool IsScript => _tail is not null;

    /// <inheritdoc/>
    public override int ColumnCount => raw.sqlite3_column_count(_handle);

    /// <summary>Resets this statement and the rest of its script, keeping their bindings.</summary>
    internal override void Reset()
    {
        raw.sqlite3_reset(_handle);
        if (_next is not null)
        {
            ResetRest();
        }
    }

    private void ResetRest()
    {
        for (SqliteStatement? s = _next; s is not null; s = s._next)
        {
            raw.sqlite3_reset(s._handle);
        }
    }

    /// <summary>Finalizes this statement and the rest of its script.</summary>
    internal override void Release()
    {
        for (SqliteStatement? s = this; s is not null; s = s._next)
        {
            s._handle.Dispose();
        }
    }

    internal sqlite3_stmt Handle => _handle;

    /// <inheritdoc/>
    internal override bool Step(bool first)
    {
        int rc = raw.sqlite3_step(_handle);
        if (first && (rc & 0xFF) == SqliteLocked)
        {
            // A shared-cache table lock (in-memory databases) is not covered by SQLite's busy handler: wait here. A
            // SQLITE_BUSY is not retried: the busy handler has already waited the whole timeout for it, and a retry
            // would wait it again.
            long deadline = Environment.TickCount64 + (long)_connection.BusyTimeout.TotalMilliseconds;
            while ((rc & 0xFF) == SqliteLocked && Environment.TickCount64 < deadline)
            {
                raw.sqlite3_reset(_handle);
                System.Threading.Thread.Sleep(1);
                rc = raw.sqlite3_step(_handle);
            }
        }

        if (rc == raw.SQLITE_ROW)
        {
            if (first)
            {
                LearnColumnStorage();
            }

            return true;
        }

        return rc == raw.SQLITE_DONE ? false : throw _connection.ErrorFor(rc);
    }

    /// <inheritdoc/>
    public override void BindBoolean(int index, bool value) => BindInt64(index, value ? 1L : 0L);

    /// <inheritdoc/>
    public override void BindBytes(int index, byte[]? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        Check(raw.sqlite3_bind_blob(_handle, index + 1, value), index);
        Remember(index, value);
    }

    /// <summary>Binds a <see cref="decimal"/> as SQLite stores it: canonical <c>TEXT</c> (see <see cref="DbValue"/>).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindDecimal(int index, decimal value) => BindStorageText(index, DbValue.CanonicalDecimal(value));

    /// <summary>Binds a <c>[Column(Scale = n)]</c> decimal as SQLite stores it: the exact <c>INTEGER</c> of the value times 10^<paramref name="scale"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="scale">The column's scale, 0 to 18.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places, or is out of range once scaled.</exception>
    public override void BindScaledDecimal(int index, decimal value, int scale, string tableName, string columnName) =>
        BindInt64(index, DbValue.CheckScaled(value, scale, tableName, columnName));

    /// <summary>Binds a <see cref="ulong"/> as SQLite stores it: its 64 bits as a signed <c>INTEGER</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindUInt64(int index, ulong value) => BindInt64(index, unchecked((long)value));

    /// <summary>Binds a <see cref="Guid"/> as SQLite stores it: lower-case <c>TEXT</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindGuid(int index, Guid value) => BindStorageText(index, value.ToString("D", CultureInfo.InvariantCulture));

    /// <summary>Binds a <see cref="DateTime"/> as SQLite stores it: its ticks as <c>TEXT</c>, without its kind.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindDateTime(int index, DateTime value) => BindStorageText(index, (string)DbValue.From(value));

    /// <summary>Binds a <see cref="DateTimeOffset"/> as SQLite stores it: its UTC instant as <c>TEXT</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindDateTimeOffset(int index, DateTimeOffset value) => BindStorageText(index, (string)DbValue.From(value));

    /// <summary>Binds a <see cref="DateOnly"/> as SQLite stores it: <c>yyyy-MM-dd</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindDateOnly(int index, DateOnly value) => BindStorageText(index, (string)DbValue.From(value));

    /// <summary>Binds a <see cref="TimeOnly"/> as SQLite stores it: <c>HH:mm:ss.FFFFFFF</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindTimeOnly(int index, TimeOnly value) => BindStorageText(index, (string)DbValue.From(value));

    /// <summary>Binds a <see cref="TimeSpan"/> as SQLite stores it: its ticks, an <c>INTEGER</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindTimeSpan(int index, TimeSpan value) => BindInt64(index, value.Ticks);

    /// <inheritdoc/>
    public override decimal GetDecimal(int ordinal) => DbValue.ReadDecimal(this, ordinal);

    /// <inheritdoc/>
    public override decimal GetScaledDecimal(int ordinal, int scale) => DbValue.FromScaledInteger(GetInt64(ordinal), scale);

    /// <inheritdoc/>
    public override Guid GetGuid(int ordinal) => DbValue.ReadGuid(this, ordinal);

    /// <inheritdoc/>
    public override DateTime GetDateTime(int ordinal) => DbValue.ReadDateTime(this, ordinal);

    /// <inheritdoc/>
    public override DateTimeOffset GetDateTimeOffset(int ordinal) => DbValue.ReadDateTimeOffset(this, ordinal);

    /// <inheritdoc/>
    public override DateOnly GetDateOnly(int ordinal) => DbValue.ReadDateOnly(this, ordinal);

    /// <inheritdoc/>
    public override TimeOnly GetTimeOnly(int ordinal) => DbValue.ReadTimeOnly(this, ordinal);

    /// <inheritdoc/>
    public override TimeSpan GetTimeSpan(int ordinal) => DbValue.ReadTimeSpan(this, ordinal);

    /// <summary>Binds text that is already in storage form (it needs no surrogate check).</summary>
    private void BindStorageText(int index, string value)
    {
        BindUtf8(index + 1, value);
        Remember(index, value);
    }

    /// <summary>
    /// Learns which result columns hold only one storage class (<see cref="ColumnStorage"/>), and learns it again
    /// when SQLite has prepared the statement again after a change of the schema. Called when an execution returns
    /// its first row.
    /// </summary>
    /// <remarks>
    /// SQLite also prepares a statement again when a new binding may change its plan (a range on an indexed column,
    /// with STAT4), which does not change its columns; so a re-prepare is followed by a look at the schema version,
    /// and the columns are read again only when that has changed.
    /// </remarks>
    private void LearnColumnStorage()
    {
        if (_reprepared == -1)
        {
            // Learned once that no column has a guaranteed class: every value is checked.
            return;
        }

        int reprepared = raw.sqlite3_stmt_status(_handle, ColumnStorage.RepreparedCount, 0);
        if (_storage is not null && reprepared == _reprepared)
        {
            return;
        }

        long schemaVersion = _connection.SchemaVersion();
        if (_storage is null || schemaVersion != _schemaVersion)
        {
            _storage = ColumnStorage.Read(_connection.Db, _handle);
            _schemaVersion = schemaVersion;
        }

        _reprepared = _storage is null ? -1 : reprepared;
    }

    /// <summary>The storage class SQLite guarantees for the column's non-NULL values, or 0.</summary>
    private int Guaranteed(int ordinal) => _storage is { } storage && (uint)ordinal < (uint)storage.Length ? storage[ordinal] : 0;

    /// <summary>Gets the rows the execution that just ended changed, or -1 for a statement that changes nothing (telemetry).</summary>
    internal override long AffectedRows() =>
        ChangedRows >= 0 ? ChangedRows : raw.sqlite3_stmt_readonly(_handle) == 0 ? _connection.Changes() : -1;

    /// <summary>
    /// Gets the parameters' names, as SQLite reads them from the SQL text (<c>sqlite3_bind_parameter_name</c>), and the
    /// values last bound to them, when they are remembered (echo, or traced values); each name once over a script.
    /// </summary>
    internal override IEnumerable<(string Name, object? Value)> RememberedParameters()
    {
        List<string>? seen = _next is null ? null : new List<string>();
        for (SqliteStatement? s = this; s is not null; s = s._next)
        {
            if (s._echoValues is not { } values)
            {
                continue;
            }

            for (int i = 0; i < values.Length; i++)
            {
                string name = raw.sqlite3_bind_parameter_name(s._handle, i + 1).utf8_to_string() ?? "?" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (seen is null || !seen.Contains(name))
                {
                    seen?.Add(name);
                    yield return (name, values[i]);
                }
            }
        }
    }

    /// <summary>Gets the number of parameters SQLite found in this statement's text.</summary>
    internal override int ParameterCount => raw.sqlite3_bind_parameter_count(_handle);

    /// <summary>Gets the name of the parameter at <paramref name="index"/> (zero-based) as written, or <see langword="null"/> for a nameless <c>?</c>.</summary>
    internal override string? ParameterName(int index) => raw.sqlite3_bind_parameter_name(_handle, index + 1).utf8_to_string();

    /// <summary>Binds an integer to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindInt64(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_handle, index + 1, value), index);
        Remember(index, value);
    }

    /// <summary>Binds a real number to the parameter at <paramref name="index"/> (zero-based); NaN is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public override void BindDouble(int index, double value, string tableName, string columnName)
    {
        if (double.IsNaN(value))
        {
            DbValue.From(value, tableName, columnName);
        }

        Check(raw.sqlite3_bind_double(_handle, index + 1, value), index);
        Remember(index, value);
    }

    /// <summary>Binds text or NULL to the parameter at <paramref name="index"/> (zero-based); a lone surrogate is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a lone UTF-16 surrogate.</exception>
    public override void BindText(int index, string? value, string tableName, string columnName)
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

    /// <summary>
    /// Binds a parameter value to the parameter at <paramref name="index"/>: a storage value (<see cref="long"/>,
    /// <see cref="double"/>, <see cref="string"/>, <see cref="T:byte[]"/>, <see cref="DBNull"/>) as it is, any other
    /// supported value (a CLR value, a <see cref="ScaledDecimal"/>) in its storage form (<see cref="DbValue.FromObject"/>).
    /// </summary>
    /// <param name="index">The parameter's zero-based index.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a type GenOrm does not store, or is NaN, or holds a lone surrogate.</exception>
    public override void BindValue(int index, object value)
    {
        switch (value)
        {
            case long l:
                Check(raw.sqlite3_bind_int64(_handle, index + 1, l), index);
                break;
            case double d:
                Check(raw.sqlite3_bind_double(_handle, index + 1, d), index);
                break;
            case string s:
                BindUtf8(index + 1, s);
                break;
            case byte[] bytes:
                Check(raw.sqlite3_bind_blob(_handle, index + 1, bytes), index);
                break;
            case DBNull:
            case null:
                Check(raw.sqlite3_bind_null(_handle, index + 1), index);
                break;
            case int i:
                // The commonest typed-query value, bound without boxing its storage form again.
                Check(raw.sqlite3_bind_int64(_handle, index + 1, i), index);
                break;
            default:
                // A CLR value (bool, Guid, a date, ...) or a ScaledDecimal: bound in its storage form.
                BindValue(index, DbValue.FromObject(value));
                return;
        }

        Remember(index, value is DBNull ? null : value);
    }

    /// <summary>
    /// Binds a storage value to the parameter written <paramref name="token"/> in the SQL (<c>:x</c>, <c>@x</c>,
    /// <c>$x</c>), if this statement has it.
    /// </summary>
    /// <returns>Whether the statement has the parameter.</returns>
    internal override bool BindNamed(string token, object value)
    {
        int index = raw.sqlite3_bind_parameter_index(_handle, token);
        if (index > 0)
        {
            BindValue(index - 1, value);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Reads the value at <paramref name="ordinal"/> of the current row as stored, as ADO.NET reads it: an
    /// <c>INTEGER</c> is a <see cref="long"/>, a <c>REAL</c> a <see cref="double"/>, <c>TEXT</c> a <see cref="string"/>,
    /// a <c>BLOB</c> a <see cref="T:byte[]"/> and <c>NULL</c> <see langword="null"/>.
    /// </summary>
    internal override object? GetStoredValue(int ordinal) => raw.sqlite3_column_type(_handle, ordinal) switch
    {
        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_handle, ordinal),
        raw.SQLITE_FLOAT => raw.sqlite3_column_double(_handle, ordinal),
        raw.SQLITE_TEXT => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_handle, ordinal)),
        raw.SQLITE_BLOB => raw.sqlite3_column_blob(_handle, ordinal).ToArray(),
        _ => null,
    };

    /// <summary>Gets whether the column at <paramref name="ordinal"/> of the current row is NULL.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is NULL.</returns>
    public override bool IsDBNull(int ordinal) => raw.sqlite3_column_type(_handle, ordinal) == raw.SQLITE_NULL;

    /// <summary>Gets whether the value at <paramref name="ordinal"/> of the current row is stored as text.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is TEXT.</returns>
    public override bool IsText(int ordinal) => raw.sqlite3_column_type(_handle, ordinal) == raw.SQLITE_TEXT;

    /// <summary>Reads an integer column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, text, a blob, or a real number that is not a whole number.</exception>
    public override long GetInt64(int ordinal) => ReadInteger(ordinal, "long");

    /// <summary>Reads an integer column as <see cref="int"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="int"/>.</exception>
    public override int GetInt32(int ordinal) => (int)ReadInteger(ordinal, "int", int.MinValue, int.MaxValue);

    /// <summary>Reads an integer column as <see cref="short"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="short"/>.</exception>
    public override short GetInt16(int ordinal) => (short)ReadInteger(ordinal, "short", short.MinValue, short.MaxValue);

    /// <summary>Reads an integer column as <see cref="byte"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="byte"/>.</exception>
    public override byte GetByte(int ordinal) => (byte)ReadInteger(ordinal, "byte", byte.MinValue, byte.MaxValue);

    /// <summary>Reads an integer column as <see cref="sbyte"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="sbyte"/>.</exception>
    public override sbyte GetSByte(int ordinal) => (sbyte)ReadInteger(ordinal, "sbyte", sbyte.MinValue, sbyte.MaxValue);

    /// <summary>Reads an integer column as <see cref="ushort"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="ushort"/>.</exception>
    public override ushort GetUInt16(int ordinal) => (ushort)ReadInteger(ordinal, "ushort", ushort.MinValue, ushort.MaxValue);

    /// <summary>Reads an integer column as <see cref="uint"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="uint"/>.</exception>
    public override uint GetUInt32(int ordinal) => (uint)ReadInteger(ordinal, "uint", uint.MinValue, uint.MaxValue);

    /// <summary>Reads an integer column as <see cref="ulong"/>: the stored <see cref="long"/> with the same bits.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer.</exception>
    public override ulong GetUInt64(int ordinal) => unchecked((ulong)ReadInteger(ordinal, "ulong"));

    /// <summary>Reads an integer column as <see cref="bool"/>: 0 is <see langword="false"/>, 1 is <see langword="true"/>.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or an integer other than 0 and 1.</exception>
    public override bool GetBoolean(int ordinal) => ReadInteger(ordinal, "bool") switch
    {
        0 => false,
        1 => true,
        _ => throw UnreadableValue(ordinal, "bool", "an INTEGER other than 0 and 1"),
    };

    /// <summary>Reads a real column; an integer is read when <see cref="double"/> holds it exactly.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, text, a blob, or an integer too large to be exact as a <see cref="double"/>.</exception>
    public override double GetDouble(int ordinal) => ReadReal(ordinal, "double");

    /// <summary>Reads a real column as <see cref="float"/>.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no number, or a finite number outside the range of <see cref="float"/>.</exception>
    public override float GetFloat(int ordinal)
    {
        double value = ReadReal(ordinal, "float");
        float narrowed = (float)value;
        return float.IsInfinity(narrowed) && !double.IsInfinity(value) ? throw OutOfRange(ordinal, "float") : narrowed;
    }

    /// <summary>Reads a text column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a number or a blob.</exception>
    public override string GetString(int ordinal)
    {
        if (Guaranteed(ordinal) == raw.SQLITE_TEXT)
        {
            // TEXT or NULL: anything but an empty value is TEXT.
            ReadOnlySpan<byte> text = raw.sqlite3_column_blob(_handle, ordinal);
            if (!text.IsEmpty)
            {
                return Encoding.UTF8.GetString(text);
            }
        }

        int type = raw.sqlite3_column_type(_handle, ordinal);
        if (type != raw.SQLITE_TEXT)
        {
            throw UnreadableValue(ordinal, "string", Describe(type));
        }

        ReadOnlySpan<byte> utf8 = raw.sqlite3_column_blob(_handle, ordinal);
        return utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(utf8);
    }

    /// <summary>Reads a blob column.</summary><param name="ordinal">The column's ordinal.</param><returns>The bytes.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a number or text.</exception>
    public override byte[] GetBytes(int ordinal)
    {
        if (Guaranteed(ordinal) == raw.SQLITE_BLOB)
        {
            ReadOnlySpan<byte> bytes = raw.sqlite3_column_blob(_handle, ordinal);
            if (!bytes.IsEmpty)
            {
                return bytes.ToArray();
            }
        }

        int type = raw.sqlite3_column_type(_handle, ordinal);
        return type == raw.SQLITE_BLOB
            ? raw.sqlite3_column_blob(_handle, ordinal).ToArray()
            : throw UnreadableValue(ordinal, "byte[]", Describe(type));
    }

    /// <summary>Gets the name of the result column at <paramref name="ordinal"/>.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The name.</returns>
    public override string GetName(int ordinal) => raw.sqlite3_column_name(_handle, ordinal).utf8_to_string();

    /// <summary>
    /// Creates the exception for a stored value that cannot be read exactly as the member's type: a NULL in a
    /// non-nullable member, another storage class, a number out of range, or text that does not parse. The message
    /// names the table and the column (from SQLite's column metadata) and what was found, never the value itself.
    /// </summary>
    /// <param name="ordinal">The column's ordinal in the current row.</param>
    /// <param name="clrType">The C# type the member has, such as <c>int</c> or <c>DateTime</c>.</param>
    /// <param name="found">What the row holds instead, such as <c>NULL</c> or <c>TEXT that is not a number</c>.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public override GenOrmException UnreadableValue(int ordinal, string clrType, string found)
    {
        string column = raw.sqlite3_column_origin_name(_handle, ordinal).utf8_to_string() ?? GetName(ordinal);
        string? table = raw.sqlite3_column_table_name(_handle, ordinal).utf8_to_string();
        return new GenOrmException(ErrorMessages.UnreadableValue(table, column, clrType, found), table, column, Sql, null);
    }

    private long ReadInteger(int ordinal, string clrType, long min, long max)
    {
        long value = ReadInteger(ordinal, clrType);
        return value >= min && value <= max ? value : throw OutOfRange(ordinal, clrType);
    }

    private long ReadInteger(int ordinal, string clrType)
    {
        if (Guaranteed(ordinal) == raw.SQLITE_INTEGER)
        {
            // INTEGER or NULL: anything but 0 is an INTEGER.
            long value = raw.sqlite3_column_int64(_handle, ordinal);
            if (value != 0)
            {
                return value;
            }
        }

        int type = raw.sqlite3_column_type(_handle, ordinal);
        if (type == raw.SQLITE_INTEGER)
        {
            return raw.sqlite3_column_int64(_handle, ordinal);
        }

        if (type == raw.SQLITE_FLOAT)
        {
            // A whole number stored as REAL (by another tool, or a column without STRICT typing) converts exactly.
            double real = raw.sqlite3_column_double(_handle, ordinal);
            if (Math.Floor(real) == real && real >= -9.2233720368547758E18 && real < 9.2233720368547758E18)
            {
                return (long)real;
            }

            throw UnreadableValue(ordinal, clrType, "a REAL that is not a whole number in the range of long");
        }

        throw UnreadableValue(ordinal, clrType, Describe(type));
    }

    private double ReadReal(int ordinal, string clrType)
    {
        if (Guaranteed(ordinal) == raw.SQLITE_FLOAT)
        {
            double value = raw.sqlite3_column_double(_handle, ordinal);
            if (value != 0)
            {
                return value;
            }
        }

        int type = raw.sqlite3_column_type(_handle, ordinal);
        if (type == raw.SQLITE_FLOAT)
        {
            return raw.sqlite3_column_double(_handle, ordinal);
        }

        if (type == raw.SQLITE_INTEGER)
        {
            long integer = raw.sqlite3_column_int64(_handle, ordinal);
            return integer is >= -MaxExactDoubleInteger and <= MaxExactDoubleInteger
                ? integer
                : throw UnreadableValue(ordinal, clrType, "an INTEGER too large to be exact as a " + clrType);
        }

        throw UnreadableValue(ordinal, clrType, Describe(type));
    }

    private GenOrmException OutOfRange(int ordinal, string clrType) =>
        UnreadableValue(ordinal, clrType, "a number outside the range of " + clrType);

    /// <summary>Describes the storage class of the value at <paramref name="ordinal"/> for <see cref="UnreadableValue"/>: <c>NULL</c>, <c>an INTEGER</c>, <c>a REAL</c>, <c>TEXT</c> or <c>a BLOB</c>.</summary>
    internal override string StorageClassName(int ordinal) => Describe(raw.sqlite3_column_type(_handle, ordinal));

    private static string Describe(int type) => type switch
    {
        raw.SQLITE_NULL => "NULL",
        raw.SQLITE_INTEGER => "an INTEGER",
        raw.SQLITE_FLOAT => "a REAL",
        raw.SQLITE_TEXT => "TEXT",
        _ => "a BLOB",
    };

    /// <inheritdoc/>
    public override void BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_handle, index + 1), index);
        Remember(index, null);
    }

    /// <summary>Throws when SQLite rejected a bind (a statement that is running, or an index it does not have).</summary>
    private void Check(int rc, int index)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException error = _connection.ErrorFor(rc);
            throw new GenOrmException(ErrorMessages.BindFailed(index, Sql, error.Message), null, null, Sql, error);
        }
    }

    private void BindUtf8(int position, string value)
    {
        if (value.Length <= StackTextLimit)
        {
            Span<byte> buffer = stackalloc byte[StackTextLimit * 3];
            int length = Encoding.UTF8.GetBytes(value, buffer);
            Check(raw.sqlite3_bind_text(_handle, position, buffer[..length]), position - 1);
        }
        else
        {
            Check(raw.sqlite3_bind_text(_handle, position, value), position - 1);
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
