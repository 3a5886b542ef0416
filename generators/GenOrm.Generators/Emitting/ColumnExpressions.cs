using System;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// The C# expressions that convert a column's value to its storage form, bind it to a <c>GenOrm.Internal.Statement</c>
/// and read it back from the statement's current row: a fixed table keyed by <see cref="ColumnKind"/>, matching
/// <c>GenOrm.Internal.DbValue</c>.
/// </summary>
internal static class ColumnExpressions
{
    /// <summary>The name of the <c>Statement</c> variable that binds and reads use, and that row readers declare.</summary>
    public const string StatementName = "statement";

    private const string DbValue = "global::GenOrm.Internal.DbValue";

    /// <summary>Gets the expression that converts <paramref name="value"/> (of the column's type) to its storage form.</summary>
    public static string Write(ColumnSpec column, string value)
    {
        if (column.EnumType is { } enumType)
        {
            // Enums are stored as their underlying value; a ulong-based enum keeps all 64 bits.
            string integer = enumType.UnderlyingKind == ColumnKind.UInt64 ? "ulong" : "long";
            return $"{DbValue}.From(({integer}{(column.IsNullable ? "?" : string.Empty)}){value})";
        }

        if (column.DecimalScale is { } scale)
        {
            // An exact integer of the value times 10^scale; a value that does not fit is refused, naming the table and column.
            return $"{DbValue}.FromScaled({value}, {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}, TableName, {Literals.String(column.ColumnName)})";
        }

        // Text and real values can be refused (a lone surrogate, NaN); these overloads name the table and column when they are.
        return column.Kind is ColumnKind.String or ColumnKind.Double or ColumnKind.Single
            ? $"{DbValue}.From({value}, TableName, {Literals.String(column.ColumnName)})"
            : $"{DbValue}.From({value})";
    }

    /// <summary>
    /// Gets the statement that binds <paramref name="value"/> (of the column's type) to parameter <paramref name="index"/>
    /// of <see cref="StatementName"/>: typed calls for integers, reals and text (no boxing), the storage form for the rest.
    /// </summary>
    public static string Bind(ColumnSpec column, int index, string value)
    {
        string nullable = column.IsNullable ? "?" : string.Empty;
        string where = $"TableName, {Literals.String(column.ColumnName)}";
        return column.Kind switch
        {
            ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16 or ColumnKind.UInt16 or ColumnKind.Int32 or ColumnKind.UInt32 or ColumnKind.Int64 =>
                $"{StatementName}.BindInt64({index}, {value});",
            ColumnKind.Enum when column.EnumType!.UnderlyingKind != ColumnKind.UInt64 =>
                $"{StatementName}.BindInt64({index}, (long{nullable}){value});",
            ColumnKind.Single or ColumnKind.Double => $"{StatementName}.BindDouble({index}, {value}, {where});",
            ColumnKind.String => $"{StatementName}.BindText({index}, {value}, {where});",
            _ => $"{StatementName}.BindValue({index}, {Write(column, value)});",
        };
    }

    /// <summary>Gets the expression that reads the column at <paramref name="ordinal"/> of <see cref="StatementName"/>'s current row.</summary>
    public static string Read(ColumnSpec column, string ordinal)
    {
        if (column.EnumType is { } enumType)
        {
            // Read through the underlying type, so that a stored number outside its range is an error, not truncated.
            return column.IsNullable
                ? $"({enumType.TypeName}?){DbValue}.ReadNullable{NullableReaderSuffix(enumType.UnderlyingKind)}({StatementName}, {ordinal})"
                : $"({enumType.TypeName}){ReadNotNull(enumType.UnderlyingKind, ordinal)}";
        }

        if (column.DecimalScale is { } scale)
        {
            string digits = scale.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return column.IsNullable
                ? $"{DbValue}.ReadNullableScaledDecimal({StatementName}, {ordinal}, {digits})"
                : $"{DbValue}.ReadScaledDecimal({StatementName}, {ordinal}, {digits})";
        }

        return column.IsNullable
            ? $"{DbValue}.ReadNullable{NullableReaderSuffix(column.Kind)}({StatementName}, {ordinal})"
            : ReadNotNull(column.Kind, ordinal);
    }

    private static string ReadNotNull(ColumnKind kind, string ordinal) => kind switch
    {
        ColumnKind.Boolean => $"{StatementName}.GetBoolean({ordinal})",
        ColumnKind.Byte => $"{StatementName}.GetByte({ordinal})",
        ColumnKind.SByte => $"{StatementName}.GetSByte({ordinal})",
        ColumnKind.Int16 => $"{StatementName}.GetInt16({ordinal})",
        ColumnKind.UInt16 => $"{StatementName}.GetUInt16({ordinal})",
        ColumnKind.Int32 => $"{StatementName}.GetInt32({ordinal})",
        ColumnKind.UInt32 => $"{StatementName}.GetUInt32({ordinal})",
        ColumnKind.Int64 => $"{StatementName}.GetInt64({ordinal})",
        ColumnKind.UInt64 => $"{StatementName}.GetUInt64({ordinal})",
        ColumnKind.Single => $"{StatementName}.GetFloat({ordinal})",
        ColumnKind.Double => $"{StatementName}.GetDouble({ordinal})",
        ColumnKind.String => $"{StatementName}.GetString({ordinal})",
        ColumnKind.Decimal => $"{DbValue}.ReadDecimal({StatementName}, {ordinal})",
        ColumnKind.Bytes => $"{DbValue}.ReadBytes({StatementName}, {ordinal})",
        ColumnKind.DateTime => $"{DbValue}.ReadDateTime({StatementName}, {ordinal})",
        ColumnKind.DateTimeOffset => $"{DbValue}.ReadDateTimeOffset({StatementName}, {ordinal})",
        ColumnKind.DateOnly => $"{DbValue}.ReadDateOnly({StatementName}, {ordinal})",
        ColumnKind.TimeOnly => $"{DbValue}.ReadTimeOnly({StatementName}, {ordinal})",
        ColumnKind.TimeSpan => $"{DbValue}.ReadTimeSpan({StatementName}, {ordinal})",
        ColumnKind.Guid => $"{DbValue}.ReadGuid({StatementName}, {ordinal})",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No reader for this column kind."),
    };

    /// <summary>The <c>DbValue.ReadNullable*</c> methods are named after the kinds: <c>ReadNullableInt64</c>, <c>ReadNullableBytes</c>...</summary>
    private static string NullableReaderSuffix(ColumnKind kind) => kind == ColumnKind.Enum
        ? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Enums are read through their underlying type.")
        : kind.ToString();
}
