using System;
using System.Globalization;

namespace GenOrm.Generators.Model;

/// <summary>The form of a <see cref="DefaultValue"/>, which says how each dialect writes it as a literal.</summary>
internal enum DefaultKind
{
    /// <summary><c>[Default(null)]</c> on a nullable column.</summary>
    Null,

    /// <summary>A <c>bool</c>: <see cref="DefaultValue.Value"/> is <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>
    /// An integer, floating-point or enum value, or a <c>TimeSpan</c>'s ticks: <see cref="DefaultValue.Value"/> is its
    /// invariant text (<c>"R"</c> for floating point, so <c>NaN</c> and <c>Infinity</c> are possible).
    /// </summary>
    Number,

    /// <summary>A decimal: <see cref="DefaultValue.Value"/> is its canonical text (see <see cref="DefaultValue.CanonicalDecimal"/>).</summary>
    Decimal,

    /// <summary>A string, date, time or GUID: <see cref="DefaultValue.Value"/> is the text as written, unescaped.</summary>
    Text,
}

/// <summary>
/// A column's <c>[Default(value)]</c> as a value, not as SQL: each dialect writes it as its own literal (SQLite's
/// <c>1</c> for <see langword="true"/> is PostgreSQL's <c>true</c>). Part of <see cref="ColumnSpec"/>, so it must stay equatable.
/// </summary>
/// <param name="Kind">The value's form.</param>
/// <param name="Value">The value as invariant text; empty for <see cref="DefaultKind.Null"/>.</param>
internal sealed record DefaultValue(DefaultKind Kind, string Value)
{
    /// <summary>Gets the <c>NULL</c> default.</summary>
    public static DefaultValue Null { get; } = new(DefaultKind.Null, string.Empty);

    /// <summary>Gets the canonical text GenOrm stores for a decimal (as <c>DbValue.From(decimal)</c>), or <see langword="null"/> if the text is not a decimal.</summary>
    public static string? CanonicalDecimal(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value))
        {
            return null;
        }

        return value == 0m ? "0" : (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Gets the canonical storage text of a date, time or GUID default (the form GenOrm binds for that type, so that
    /// a row that took the default compares equal to the same value bound by a query), or <see langword="null"/> with
    /// <paramref name="problem"/> saying what is wrong.
    /// </summary>
    /// <remarks>
    /// Accepted forms, all ISO 8601: <c>DateTime</c> <c>yyyy-MM-dd</c>, optionally with <c>HH:mm</c>, <c>HH:mm:ss</c>
    /// or <c>HH:mm:ss.fffffff</c> after a space or <c>T</c>; <c>DateTimeOffset</c> the same with an optional
    /// <c>Z</c> or <c>±HH:mm</c> (none is UTC), stored as its UTC instant; <c>DateOnly</c> <c>yyyy-MM-dd</c>;
    /// <c>TimeOnly</c> <c>HH:mm</c>, <c>HH:mm:ss</c> or <c>HH:mm:ss.fffffff</c>; <c>Guid</c> any form
    /// <c>Guid.Parse</c> takes, stored lower-case <c>"D"</c>.
    /// </remarks>
    public static string? CanonicalText(ColumnKind kind, string text, out string? problem)
    {
        problem = null;
        switch (kind)
        {
            case ColumnKind.DateTime when DateTime.TryParseExact(text, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime dateTime):
                return dateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
            case ColumnKind.DateTime:
                problem = "write it as yyyy-MM-dd, optionally followed by HH:mm, HH:mm:ss or HH:mm:ss.fffffff";
                return null;
            case ColumnKind.DateTimeOffset when DateTimeOffset.TryParseExact(
                text, DateTimeOffsetForms, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset instant):
                return instant.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);
            case ColumnKind.DateTimeOffset:
                problem = "write it as yyyy-MM-dd, optionally followed by HH:mm, HH:mm:ss or HH:mm:ss.fffffff and Z or an offset such as +02:00";
                return null;
            case ColumnKind.DateOnly when DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime date):
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case ColumnKind.DateOnly:
                problem = "write it as yyyy-MM-dd";
                return null;
            case ColumnKind.TimeOnly when DateTime.TryParseExact(text, TimeForms, CultureInfo.InvariantCulture, DateTimeStyles.NoCurrentDateDefault, out DateTime time):
                return time.ToString(TimeFormat, CultureInfo.InvariantCulture);
            case ColumnKind.TimeOnly:
                problem = "write it as HH:mm, HH:mm:ss or HH:mm:ss.fffffff";
                return null;
            case ColumnKind.Guid when Guid.TryParse(text, out Guid guid):
                return guid.ToString("D");
            case ColumnKind.Guid:
                problem = "write it as a GUID, such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301";
                return null;
            default:
                return text;
        }
    }

    /// <summary>
    /// Gets why an integer default does not fit a column of kind <paramref name="kind"/> (the stored value would not
    /// read back as the property's type), or <see langword="null"/> when it fits.
    /// </summary>
    public static string? IntegerOutOfRange(ColumnKind kind, decimal value)
    {
        (decimal min, decimal max) = kind switch
        {
            ColumnKind.SByte => (sbyte.MinValue, sbyte.MaxValue),
            ColumnKind.Byte => (byte.MinValue, byte.MaxValue),
            ColumnKind.Int16 => (short.MinValue, short.MaxValue),
            ColumnKind.UInt16 => (ushort.MinValue, ushort.MaxValue),
            ColumnKind.Int32 => (int.MinValue, int.MaxValue),
            ColumnKind.UInt32 => (uint.MinValue, uint.MaxValue),
            ColumnKind.Int64 => (long.MinValue, long.MaxValue),
            ColumnKind.UInt64 => (ulong.MinValue, ulong.MaxValue),
            _ => (decimal.MinValue, decimal.MaxValue),
        };
        return value < min || value > max
            ? "it is outside the range " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture)
            : null;
    }

    private const string DateTimeFormat = "yyyy'-'MM'-'dd' 'HH':'mm':'ss.FFFFFFF";
    private const string TimeFormat = "HH':'mm':'ss.FFFFFFF";
    private static readonly string[] TimeForms = ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"];
    private static readonly string[] DateTimeForms =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];
    private static readonly string[] DateTimeOffsetForms =
    [
        "yyyy-MM-dd", "yyyy-MM-ddK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// Gets the exact integer a decimal text is times 10^<paramref name="scale"/> (what a <c>[Column(Scale = n)]</c>
    /// column stores on SQLite), or <see langword="null"/> if the text is not a decimal, has more decimal places than
    /// <paramref name="scale"/>, or does not fit a 64-bit integer once scaled.
    /// </summary>
    public static long? ScaledInteger(string text, int scale)
    {
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value))
        {
            return null;
        }

        try
        {
            decimal scaled = value * (decimal)System.Math.Pow(10, scale);
            return decimal.Truncate(scaled) == scaled && scaled >= long.MinValue && scaled <= long.MaxValue ? (long)scaled : null;
        }
        catch (System.OverflowException)
        {
            return null;
        }
    }
}
