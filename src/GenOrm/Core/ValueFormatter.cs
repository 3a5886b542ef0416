using System;
using System.Globalization;

namespace GenOrm;

/// <summary>Formats stored values the way Python prints them in a tuple: <c>1</c>, <c>2.5</c>, <c>'text'</c>, <c>None</c>.</summary>
internal static class ValueFormatter
{
    private const int MaxShownLength = 200;

    public static string Format(object? value) => value switch
    {
        null or DBNull => "None",
        string s => Quote(s),
        byte[] bytes => $"<{bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes>",
        double d => Real(d),
        float f => Real(f),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Python prints a REAL with a decimal point: <c>2.0</c>, <c>0.5</c>, <c>inf</c>.</summary>
    private static string Real(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Quote(string s)
    {
        string shown = s.Length > MaxShownLength
            ? string.Concat(s.AsSpan(0, MaxShownLength), "...")
            : s;
        return "'" + shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }
}
