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
