using System;
using System.ComponentModel;
using System.Globalization;

namespace GenOrm.Internal;

/// <summary>
/// Converts CLR values to the form GenOrm stores them in SQLite, and back. Used by generated code and by the runtime;
/// not meant to be called directly.
/// </summary>
/// <remarks>
/// Storage forms: integers, <see cref="bool"/> (0/1), enums (their underlying value) and <see cref="TimeSpan"/>
/// (ticks) are <c>INTEGER</c>; <see cref="ulong"/> is stored as the <see cref="long"/> with the same bits;
/// <see cref="float"/> and <see cref="double"/> are <c>REAL</c>; <see cref="decimal"/> is <c>TEXT</c> in invariant
/// culture, in canonical form (trailing fractional zeros removed, so <c>1.50m</c>, <c>1.5m</c> and <c>1.500m</c> are all
/// stored as <c>"1.5"</c>, and a negative zero as <c>"0"</c>): values equal as decimals are stored as equal text, so
/// <c>=</c>, <c>IN</c> and lookups follow <see cref="decimal"/> equality. A value read back is equal (<c>==</c>) to the
/// one written, but its scale is not kept (<c>1.50m</c> reads back as <c>1.5m</c>); reads also accept any other decimal
/// text, such as rows written before the canonical form. A decimal column with <c>[Column(Scale = n)]</c> is an exact
/// <c>INTEGER</c> of the value times 10^n instead (see <see cref="FromScaled(decimal, int, string, string)"/>).
/// <see cref="DateTime"/> is <c>TEXT</c> in SQLite's own
/// form <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> (the fraction without trailing zeros, and no <c>.</c> for whole seconds);
/// <see cref="DateTimeOffset"/> is its UTC instant in the same form; <see cref="DateOnly"/> is <c>yyyy-MM-dd</c>,
/// <see cref="TimeOnly"/> is <c>HH:mm:ss.FFFFFFF</c>; <see cref="Guid"/> is lower-case <c>TEXT</c> (<c>"D"</c>);
/// <see cref="T:byte[]"/> is <c>BLOB</c>.
/// <para>
/// Each date and time has exactly one stored text, and texts sort like the values, so SQL's <c>=</c>, <c>&lt;</c> and
/// <c>ORDER BY</c> agree with .NET's <c>==</c> and <c>&lt;</c>, and SQLite's date functions (<c>date()</c>,
/// <c>strftime()</c>, <c>julianday()</c>) read the stored values. As .NET's comparisons do, a <see cref="DateTime"/>
/// is stored by its ticks alone: its <see cref="DateTime.Kind"/> is not stored, and it reads back as
/// <see cref="DateTimeKind.Unspecified"/>. A <see cref="DateTimeOffset"/> reads back as the same instant with offset
/// <c>00:00</c>. Reads also accept SQLite's other time value forms (a <c>T</c> separator, <c>HH:MM</c>, any number
/// of fraction digits, a date alone, a <c>Z</c> or <c>±HH:MM</c> suffix) and GenOrm's earlier ISO 8601 round-trip
/// form; a suffixed text read as a <see cref="DateTime"/> is converted to UTC, as SQLite's functions do.
/// </para>
/// <para>
/// Two values cannot be stored unchanged and are refused with an <see cref="ArgumentException"/> before anything runs:
/// <see cref="double.NaN"/> (SQLite turns it into <c>NULL</c>) and a string with a lone UTF-16 surrogate (SQLite
/// stores UTF-8, which cannot represent it; it would come back as U+FFFD). Negative zero is stored as zero, which is
/// equal to it (<c>-0.0 == 0.0</c>).
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DbValue
{
    private const string DateOnlyFormat = "yyyy-MM-dd";
    private const string DateTimeFormat = "yyyy'-'MM'-'dd' 'HH':'mm':'ss.FFFFFFF";
    private const string TimeOnlyFormat = "HH':'mm':'ss.FFFFFFF";

    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(bool value) => value ? BoxedOne : BoxedZero;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(bool? value) => value is { } v ? From(v) : DBNull.Value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(long value) => value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(long? value) => value is { } v ? v : DBNull.Value;
    /// <summary>Converts a value to its storage form: the <see cref="long"/> with the same bits.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(ulong value) => unchecked((long)value);
    /// <summary>Converts a value to its storage form: the <see cref="long"/> with the same bits.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(ulong? value) => value is { } v ? unchecked((long)v) : DBNull.Value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    /// <exception cref="ArgumentException">The value is NaN, which SQLite would store as NULL.</exception>
    public static object From(double value) => double.IsNaN(value) ? throw NaN(null, null) : value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    /// <exception cref="ArgumentException">The value is NaN, which SQLite would store as NULL.</exception>
    public static object From(double? value) => value is { } v ? From(v) : DBNull.Value;

    /// <summary>Converts a column's value to its storage form; a refusal names the table and column.</summary>
    /// <param name="value">The value.</param><param name="tableName">The table.</param><param name="columnName">The column.</param>
    /// <returns>The storage value.</returns>
    /// <exception cref="ArgumentException">The value is NaN, which SQLite would store as NULL.</exception>
    public static object From(double value, string tableName, string columnName) =>
        double.IsNaN(value) ? throw NaN(tableName, columnName) : value;

    /// <summary>Converts a column's value to its storage form; a refusal names the table and column.</summary>
    /// <param name="value">The value.</param><param name="tableName">The table.</param><param name="columnName">The column.</param>
    /// <returns>The storage value.</returns>
    /// <exception cref="ArgumentException">The value is NaN, which SQLite would store as NULL.</exception>
    public static object From(double? value, string tableName, string columnName) =>
        value is { } v ? From(v, tableName, columnName) : DBNull.Value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(decimal value) => CanonicalDecimal(value);
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(decimal? value) => value is { } v ? From(v) : DBNull.Value;
    /// <summary>
    /// Checks the value of a <c>[Column(Scale = n)]</c> decimal column and returns it as a parameter value: SQLite stores
    /// the exact integer <paramref name="value"/> times 10^<paramref name="scale"/>, PostgreSQL the <c>numeric</c>
    /// itself. A refusal names the table and column.
    /// </summary>
    /// <param name="value">The value.</param><param name="scale">The column's scale, 0 to 18.</param>
    /// <param name="tableName">The table.</param><param name="columnName">The column.</param>
    /// <returns>The parameter value, which each database's driver binds in its own form.</returns>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places (it is never rounded), or is out of the range a 64-bit integer holds once scaled.</exception>
    public static object FromScaled(decimal value, int scale, string tableName, string columnName) =>
        new ScaledDecimal(value, ToScaledInteger(value, scale, tableName, columnName));

    /// <summary>Checks the value of a nullable <c>[Column(Scale = n)]</c> decimal column; see <see cref="FromScaled(decimal, int, string, string)"/>.</summary>
    /// <param name="value">The value.</param><param name="scale">The column's scale, 0 to 18.</param>
    /// <param name="tableName">The table.</param><param name="columnName">The column.</param>
    /// <returns>The parameter value, or <see cref="DBNull.Value"/>.</returns>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places (it is never rounded), or is out of the range a 64-bit integer holds once scaled.</exception>
    public static object FromScaled(decimal? value, int scale, string tableName, string columnName) =>
        value is { } v ? FromScaled(v, scale, tableName, columnName) : DBNull.Value;

    /// <summary>
    /// Checks a <c>[Column(Scale = n)]</c> decimal for <see cref="Statement.BindScaledDecimal(int, decimal, int, string, string)"/>: returns the exact
    /// integer <paramref name="value"/> times 10^<paramref name="scale"/>, or refuses it naming the table and column.
    /// </summary>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places, or is out of range once scaled.</exception>
    internal static long CheckScaled(decimal value, int scale, string tableName, string columnName) =>
        ToScaledInteger(value, scale, tableName, columnName);

    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    /// <exception cref="ArgumentException">The string has a lone surrogate, which UTF-8 cannot represent.</exception>
    public static object From(string? value) => value is null ? DBNull.Value : CheckText(value, null, null);

    /// <summary>Converts a column's value to its storage form; a refusal names the table and column.</summary>
    /// <param name="value">The value.</param><param name="tableName">The table.</param><param name="columnName">The column.</param>
    /// <returns>The storage value.</returns>
    /// <exception cref="ArgumentException">The string has a lone surrogate, which UTF-8 cannot represent.</exception>
    public static object From(string? value, string tableName, string columnName) =>
        value is null ? DBNull.Value : CheckText(value, tableName, columnName);
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(byte[]? value) => value is null ? DBNull.Value : value;
    /// <summary>
    /// Converts a value to its storage form: its ticks as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>. The
    /// <see cref="DateTime.Kind"/> is not stored (.NET's <c>==</c> ignores it too); the value reads back as
    /// <see cref="DateTimeKind.Unspecified"/>.
    /// </summary>
    /// <param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(DateTime value) => value.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    /// <summary>Converts a value to its storage form; see <see cref="From(DateTime)"/>.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(DateTime? value) => value is { } v ? From(v) : DBNull.Value;
    /// <summary>
    /// Converts a value to its storage form: its UTC instant as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>. The offset is
    /// not stored (.NET's <c>==</c> compares the instant); the value reads back with offset <c>00:00</c>.
    /// </summary>
    /// <param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(DateTimeOffset value) => value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
    /// <summary>Converts a value to its storage form; see <see cref="From(DateTimeOffset)"/>.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(DateTimeOffset? value) => value is { } v ? From(v) : DBNull.Value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(DateOnly value) => value.ToString(DateOnlyFormat, CultureInfo.InvariantCulture);
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(DateOnly? value) => value is { } v ? From(v) : DBNull.Value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(TimeOnly value) => value.ToString(TimeOnlyFormat, CultureInfo.InvariantCulture);
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(TimeOnly? value) => value is { } v ? From(v) : DBNull.Value;
    /// <summary>Converts a value to its storage form: its ticks.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(TimeSpan value) => value.Ticks;
    /// <summary>Converts a value to its storage form: its ticks.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(TimeSpan? value) => value is { } v ? v.Ticks : DBNull.Value;
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(Guid value) => value.ToString("D", CultureInfo.InvariantCulture);
    /// <summary>Converts a value to its storage form.</summary><param name="value">The value.</param><returns>The storage value.</returns>
    public static object From(Guid? value) => value is { } v ? From(v) : DBNull.Value;

    /// <summary>Converts any supported parameter value (a CLR value, boxed, or a <see cref="ScaledDecimal"/>) to its SQLite storage form; used for <see cref="Params"/> values, typed query values and the values <c>Execute</c> takes from an entity.</summary>
    /// <param name="value">The value, or <see langword="null"/>.</param>
    /// <returns>The storage value; <see cref="DBNull.Value"/> for <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The value's type has no SQLite mapping.</exception>
    public static object FromObject(object? value) => value switch
    {
        null => DBNull.Value,
        DBNull => DBNull.Value,
        string s => From(s),
        long l => l,
        int i => (long)i,
        bool b => From(b),
        double d => From(d),
        float f => From((double)f),
        decimal m => From(m),
        byte[] bytes => bytes,
        short s16 => (long)s16,
        byte u8 => (long)u8,
        sbyte s8 => (long)s8,
        ushort u16 => (long)u16,
        uint u32 => (long)u32,
        ulong u64 => From(u64),
        char c => From(c.ToString()),
        DateTime dt => From(dt),
        DateTimeOffset dto => From(dto),
        DateOnly date => From(date),
        TimeOnly time => From(time),
        TimeSpan span => From(span),
        Guid guid => From(guid),
        ScaledDecimal scaled => scaled.Scaled,
        Enum e => e.GetTypeCode() == TypeCode.UInt64
            ? unchecked((long)Convert.ToUInt64(e, CultureInfo.InvariantCulture))
            : Convert.ToInt64(e, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException(ErrorMessages.UnsupportedParameterType(value.GetType().Name), nameof(value)),
    };

    /// <summary>Reads a <see cref="decimal"/> column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public static decimal ReadDecimal(Statement reader, int ordinal) => reader.IsText(ordinal)
        ? decimal.Parse(reader.GetString(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture)
        : (decimal)reader.GetDouble(ordinal);
    /// <summary>Reads a <c>[Column(Scale = n)]</c> decimal column: its integer divided by 10^<paramref name="scale"/>, with exactly <paramref name="scale"/> decimal places.</summary>
    /// <param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><param name="scale">The column's scale, 0 to 18.</param><returns>The value.</returns>
    public static decimal ReadScaledDecimal(Statement reader, int ordinal, int scale) => reader.GetScaledDecimal(ordinal, scale);

    /// <summary>Reads a nullable <c>[Column(Scale = n)]</c> decimal column; see <see cref="ReadScaledDecimal"/>.</summary>
    /// <param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><param name="scale">The column's scale, 0 to 18.</param><returns>The value, or <see langword="null"/>.</returns>
    public static decimal? ReadNullableScaledDecimal(Statement reader, int ordinal, int scale) =>
        reader.IsDBNull(ordinal) ? null : reader.GetScaledDecimal(ordinal, scale);

    /// <summary>Reads a <see cref="T:byte[]"/> column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public static byte[] ReadBytes(Statement reader, int ordinal) => reader.GetBytes(ordinal);
    /// <summary>Reads a <see cref="DateTime"/> column; the value has <see cref="DateTimeKind.Unspecified"/>.</summary>
    /// <param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The value is not TEXT in one of SQLite's date and time forms.</exception>
    public static DateTime ReadDateTime(Statement reader, int ordinal)
    {
        if (!reader.IsText(ordinal))
        {
            throw reader.UnreadableValue(ordinal, "DateTime", reader.StorageClassName(ordinal));
        }

        return TryParseDateTime(reader.GetString(ordinal), out DateTime value)
            ? value
            : throw reader.UnreadableValue(ordinal, "DateTime", NotADateAndTime);
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> column; text without an offset is UTC.</summary>
    /// <param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The value is not TEXT in one of SQLite's date and time forms.</exception>
    public static DateTimeOffset ReadDateTimeOffset(Statement reader, int ordinal)
    {
        if (!reader.IsText(ordinal))
        {
            throw reader.UnreadableValue(ordinal, "DateTimeOffset", reader.StorageClassName(ordinal));
        }

        return TryParseDateTimeOffset(reader.GetString(ordinal), out DateTimeOffset value)
            ? value
            : throw reader.UnreadableValue(ordinal, "DateTimeOffset", NotADateAndTime);
    }

    /// <summary>Reads a <see cref="DateOnly"/> column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public static DateOnly ReadDateOnly(Statement reader, int ordinal) => ParseDateOnly(reader.GetString(ordinal));
    /// <summary>Reads a <see cref="TimeOnly"/> column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public static TimeOnly ReadTimeOnly(Statement reader, int ordinal) => ParseTimeOnly(reader.GetString(ordinal));
    /// <summary>Reads a <see cref="TimeSpan"/> column stored as ticks.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    public static TimeSpan ReadTimeSpan(Statement reader, int ordinal) => new(reader.GetInt64(ordinal));
    /// <summary>Reads a <see cref="Guid"/> column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds text that is not a GUID, a blob that is not 16 bytes, or another storage class.</exception>
    public static Guid ReadGuid(Statement reader, int ordinal)
    {
        if (reader.IsText(ordinal))
        {
            return Guid.TryParse(reader.GetString(ordinal), out Guid value) ? value : throw reader.UnreadableValue(ordinal, "Guid", "TEXT that is not a GUID");
        }

        if (reader.IsDBNull(ordinal))
        {
            throw reader.UnreadableValue(ordinal, "Guid", "NULL");
        }

        byte[] bytes = reader.GetBytes(ordinal);
        return bytes.Length == 16 ? new Guid(bytes) : throw reader.UnreadableValue(ordinal, "Guid", "a BLOB that is not 16 bytes long");
    }
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static bool? ReadNullableBoolean(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetBoolean(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static byte? ReadNullableByte(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetByte(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static sbyte? ReadNullableSByte(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetSByte(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static short? ReadNullableInt16(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt16(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static ushort? ReadNullableUInt16(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetUInt16(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static int? ReadNullableInt32(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static uint? ReadNullableUInt32(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetUInt32(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static long? ReadNullableInt64(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    /// <summary>Reads a nullable column stored as the <see cref="long"/> with the same bits.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static ulong? ReadNullableUInt64(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetUInt64(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static float? ReadNullableSingle(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFloat(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static double? ReadNullableDouble(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static decimal? ReadNullableDecimal(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static string? ReadNullableString(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static byte[]? ReadNullableBytes(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetBytes(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static DateTime? ReadNullableDateTime(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static DateTimeOffset? ReadNullableDateTimeOffset(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTimeOffset(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static DateOnly? ReadNullableDateOnly(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateOnly(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static TimeOnly? ReadNullableTimeOnly(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetTimeOnly(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static TimeSpan? ReadNullableTimeSpan(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetTimeSpan(ordinal);
    /// <summary>Reads a nullable column.</summary><param name="reader">The reader.</param><param name="ordinal">The column's ordinal.</param><returns>The value, or <see langword="null"/>.</returns>
    public static Guid? ReadNullableGuid(Statement reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

    /// <summary>Parses a time value whose instant (its ticks less its offset) is within <see cref="DateTime"/>'s range.</summary>
    private static bool TryParseInstant(ReadOnlySpan<char> text, out long ticks, out long offsetTicks)
    {
        if (!TryParseTimeValue(text, out ticks, out offsetTicks))
        {
            return false;
        }

        long utc = ticks - offsetTicks;
        return utc >= DateTime.MinValue.Ticks && utc <= DateTime.MaxValue.Ticks;
    }

    /// <summary>Parses SQLite's time value forms; an offset suffix is applied, giving the UTC wall clock.</summary>
    internal static bool TryParseDateTime(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (!TryParseInstant(text, out long ticks, out long offsetTicks))
        {
            return false;
        }

        value = new DateTime(ticks - offsetTicks, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>Parses SQLite's time value forms; text without a suffix is UTC.</summary>
    internal static bool TryParseDateTimeOffset(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (!TryParseInstant(text, out long ticks, out long offsetTicks))
        {
            return false;
        }

        value = new DateTimeOffset(ticks, new TimeSpan(offsetTicks));
        return true;
    }

    /// <summary>
    /// Parses the text forms of SQLite's time values (https://sqlite.org/lang_datefunc.html, "Time Values"):
    /// <c>YYYY-MM-DD</c>, optionally followed by a space or <c>T</c> and <c>HH:MM</c>, <c>HH:MM:SS</c> or
    /// <c>HH:MM:SS.F…</c> (any number of digits; ticks are 7); or the time alone, on 2000-01-01 as SQLite does. A
    /// time may end in <c>Z</c> or <c>±HH:MM</c>. GenOrm's earlier ISO 8601 round-trip form is one of these.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="ticks">The wall-clock ticks, as written.</param>
    /// <param name="offsetTicks">The suffix's offset from UTC in ticks; 0 for <c>Z</c> or no suffix.</param>
    /// <returns>Whether <paramref name="text"/> is such a value.</returns>
    private static bool TryParseTimeValue(ReadOnlySpan<char> text, out long ticks, out long offsetTicks)
    {
        ticks = 0;
        offsetTicks = 0;
        int year = 2000, month = 1, day = 1;
        int position = 0;
        bool hasDate = text.Length >= 10 && text[4] == '-';
        if (hasDate)
        {
            if (!Digits(text, 0, 4, out year) || text[7] != '-' || !Digits(text, 5, 2, out month) || !Digits(text, 8, 2, out day)
                || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            position = 10;
            if (position == text.Length)
            {
                ticks = new DateTime(year, month, day).Ticks;
                return true;
            }

            if (text[position] is not (' ' or 'T'))
            {
                return false;
            }

            position++;
        }

        if (!Digits(text, position, 2, out int hour) || !At(text, position + 2, ':') || !Digits(text, position + 3, 2, out int minute)
            || hour > 23 || minute > 59)
        {
            return false;
        }

        position += 5;
        int second = 0;
        long fraction = 0;
        if (At(text, position, ':'))
        {
            if (!Digits(text, position + 1, 2, out second) || second > 59)
            {
                return false;
            }

            position += 3;
            if (At(text, position, '.'))
            {
                position++;
                int start = position;
                long scale = TimeSpan.TicksPerSecond;
                while (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    if (scale > 1)
                    {
                        scale /= 10;
                        fraction += (text[position] - '0') * scale;
                    }

                    position++;
                }

                if (position == start)
                {
                    return false;
                }
            }
        }

        if (position < text.Length)
        {
            char sign = text[position];
            if (sign is 'Z' or 'z' && position + 1 == text.Length)
            {
                position++;
            }
            else if (sign is '+' or '-' && position + 6 == text.Length
                && Digits(text, position + 1, 2, out int offsetHours) && text[position + 3] == ':' && Digits(text, position + 4, 2, out int offsetMinutes)
                && offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= 14 * 60)
            {
                offsetTicks = (sign == '-' ? -1 : 1) * new TimeSpan(offsetHours, offsetMinutes, 0).Ticks;
                position += 6;
            }
            else
            {
                return false;
            }
        }

        ticks = new DateTime(year, month, day, hour, minute, second).Ticks + fraction;
        return true;
    }

    private static bool At(ReadOnlySpan<char> text, int position, char c) => position < text.Length && text[position] == c;

    private static bool Digits(ReadOnlySpan<char> text, int position, int count, out int value)
    {
        value = 0;
        if (position + count > text.Length)
        {
            return false;
        }

        for (int i = position; i < position + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    internal static DateOnly ParseDateOnly(string text) =>
        DateOnly.ParseExact(text, DateOnlyFormat, CultureInfo.InvariantCulture);

    internal static TimeOnly ParseTimeOnly(string text) =>
        TimeOnly.Parse(text, CultureInfo.InvariantCulture);

    private const string NotADateAndTime = "TEXT that is not a date and time";

    /// <summary>
    /// Gets the canonical text of <paramref name="value"/>: invariant culture without trailing fractional zeros, and
    /// <c>"0"</c> for any zero, so that values equal as decimals give equal text.
    /// </summary>
    internal static string CanonicalDecimal(decimal value)
    {
        if (value == 0m)
        {
            return "0";
        }

        // Dividing by 1 with scale 28 gives the exact quotient at the smallest scale that holds it.
        return (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Gets <paramref name="value"/> with exactly <paramref name="scale"/> decimal places, as a scaled column holds it, or
    /// <see langword="null"/> when it has more places or is out of a scaled 64-bit integer's range.
    /// </summary>
    internal static decimal? WithScale(decimal value, int scale)
    {
        decimal scaled;
        try
        {
            scaled = value * PowersOfTen[scale];
        }
        catch (OverflowException)
        {
            return null;
        }

        return scaled == decimal.Truncate(scaled) && scaled >= long.MinValue && scaled <= long.MaxValue
            ? FromScaledInteger((long)scaled, scale)
            : null;
    }

    /// <summary>Gets <paramref name="scaled"/> times 10^-<paramref name="scale"/>, with exactly <paramref name="scale"/> decimal places.</summary>
    internal static decimal FromScaledInteger(long scaled, int scale)
    {
        ulong magnitude = scaled < 0 ? unchecked((ulong)-(scaled + 1)) + 1 : (ulong)scaled;
        return new decimal(unchecked((int)magnitude), unchecked((int)(magnitude >> 32)), 0, scaled < 0, checked((byte)scale));
    }

    private static long ToScaledInteger(decimal value, int scale, string tableName, string columnName)
    {
        decimal scaled;
        try
        {
            // Exact: multiplying by 10^scale only ever drops trailing zeros of the product, never other digits.
            scaled = value * PowersOfTen[scale];
        }
        catch (OverflowException)
        {
            throw new ArgumentException(ErrorMessages.DecimalOutOfScaledRange(tableName, columnName, scale));
        }

        if (decimal.Truncate(scaled) != scaled)
        {
            throw new ArgumentException(ErrorMessages.DecimalTooPrecise(tableName, columnName, scale));
        }

        if (scaled < long.MinValue || scaled > long.MaxValue)
        {
            throw new ArgumentException(ErrorMessages.DecimalOutOfScaledRange(tableName, columnName, scale));
        }

        return (long)scaled;
    }

    private static readonly decimal[] PowersOfTen =
    [
        1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m, 10_000_000m, 100_000_000m, 1_000_000_000m,
        10_000_000_000m, 100_000_000_000m, 1_000_000_000_000m, 10_000_000_000_000m, 100_000_000_000_000m,
        1_000_000_000_000_000m, 10_000_000_000_000_000m, 100_000_000_000_000_000m, 1_000_000_000_000_000_000m,
    ];

    private static ArgumentException NaN(string? tableName, string? columnName) =>
        new(ErrorMessages.NaNNotStorable(tableName, columnName));

    /// <summary>Returns <paramref name="value"/> unless it holds a surrogate without its other half.</summary>
    private static string CheckText(string value, string? tableName, string? columnName)
    {
        ReadOnlySpan<char> text = value;
        int i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return value;
        }

        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new ArgumentException(ErrorMessages.LoneSurrogate(tableName, columnName, i));
            }
        }

        return value;
    }

    private static readonly object BoxedZero = 0L;
    private static readonly object BoxedOne = 1L;
}

/// <summary>
/// The parameter value of a <c>[Column(Scale = n)]</c> decimal column, checked against the column's scale: SQLite binds
/// <see cref="Scaled"/>, the exact integer of the value times 10^scale; PostgreSQL binds <see cref="Value"/> as
/// <c>numeric</c>.
/// </summary>
/// <param name="Value">The decimal.</param>
/// <param name="Scaled">The decimal times 10^scale, exactly.</param>
public sealed record ScaledDecimal(decimal Value, long Scaled);
