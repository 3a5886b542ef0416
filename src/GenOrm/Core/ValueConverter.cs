using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using GenOrm.Internal;

namespace GenOrm;

/// <summary>
/// Converts a stored SQLite value (<see cref="long"/>, <see cref="double"/>, <see cref="string"/>,
/// <see cref="T:byte[]"/> or <see langword="null"/>) to a CLR type, with the storage forms of <see cref="DbValue"/>.
/// Type tests only; no reflection.
/// </summary>
internal static class ValueConverter
{
    public static T Convert<T>(object? value, string column)
    {
        if (value is null or DBNull)
        {
            if (default(T) is null)
            {
                return default!;
            }

            throw new InvalidCastException(ErrorMessages.ColumnIsNull(column, typeof(T).Name));
        }

        if (value is T same && typeof(T) != typeof(object))
        {
            return same;
        }

        Type target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            object? converted = ConvertTo(target, value);
            if (converted is not null)
            {
                return (T)converted;
            }

            if (target.IsEnum && value is long enumValue)
            {
                return (T)Enum.ToObject(target, enumValue);
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidCastException(ErrorMessages.CannotConvert(column, StorageName(value), typeof(T).Name), e);
        }

        if (typeof(T) == typeof(object))
        {
            return (T)value;
        }

        throw new InvalidCastException(ErrorMessages.CannotConvert(column, StorageName(value), typeof(T).Name));
    }

    private static object? ConvertTo(Type target, object value)
    {
        switch (value)
        {
            case long l:
                if (target == typeof(long)) return l;
                if (target == typeof(int)) return checked((int)l);
                if (target == typeof(bool)) return l != 0;
                if (target == typeof(short)) return checked((short)l);
                if (target == typeof(byte)) return checked((byte)l);
                if (target == typeof(sbyte)) return checked((sbyte)l);
                if (target == typeof(ushort)) return checked((ushort)l);
                if (target == typeof(uint)) return checked((uint)l);
                if (target == typeof(ulong)) return unchecked((ulong)l);
                if (target == typeof(double)) return (double)l;
                if (target == typeof(float)) return (float)l;
                if (target == typeof(decimal)) return (decimal)l;
                if (target == typeof(TimeSpan)) return new TimeSpan(l);
                if (target == typeof(string)) return l.ToString(CultureInfo.InvariantCulture);
                return null;
            case double d:
                if (target == typeof(double)) return d;
                if (target == typeof(float)) return (float)d;
                if (target == typeof(decimal)) return (decimal)d;
                if (target == typeof(string)) return d.ToString("R", CultureInfo.InvariantCulture);
                return null;
            case string s:
                if (target == typeof(string)) return s;
                if (target == typeof(decimal)) return decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (target == typeof(DateTime)) return DbValue.TryParseDateTime(s, out DateTime dateTime) ? dateTime : null;
                if (target == typeof(DateTimeOffset)) return DbValue.TryParseDateTimeOffset(s, out DateTimeOffset dateTimeOffset) ? dateTimeOffset : null;
                if (target == typeof(DateOnly)) return DbValue.ParseDateOnly(s);
                if (target == typeof(TimeOnly)) return DbValue.ParseTimeOnly(s);
                if (target == typeof(Guid)) return Guid.Parse(s);
                if (target == typeof(long)) return long.Parse(s, CultureInfo.InvariantCulture);
                if (target == typeof(int)) return int.Parse(s, CultureInfo.InvariantCulture);
                if (target == typeof(double)) return double.Parse(s, CultureInfo.InvariantCulture);
                return null;
            case byte[] bytes:
                if (target == typeof(byte[])) return bytes;
                if (target == typeof(Guid) && bytes.Length == 16) return new Guid(bytes);
                return null;
            default:
                return null;
        }
    }

    private static string StorageName(object value) => value switch
    {
        long => "INTEGER",
        double => "REAL",
        string => "TEXT",
        byte[] => "BLOB",
        _ => value.GetType().Name,
    };
}
