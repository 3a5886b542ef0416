using System;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// The C# expressions that bind a column's value to a <c>GenOrm.Internal.Statement</c> and read it back from the
/// statement's current row with typed, database-neutral calls, and that convert it to a parameter value for the typed
/// queries and <c>ITable.TryGetParameterValue</c>: a fixed table keyed by <see cref="ColumnKind"/>.
/// </summary>
internal static class ColumnExpressions
{
    /// <summary>The name of the <c>Statement</c> variable that binds and reads use, and that row readers declare.</summary>
    public const string StatementName = "statement";

    private const string DbValue = "global::GenOrm.Internal.DbValue";

    /// <summary>
    /// Gets the expression that converts <paramref name="value"/> (of the column's type) to its parameter value: the
    /// value itself, checked where it can be refused, which each database's driver binds in its own form.
    /// </summary>
    public static string Write(ColumnSpec column, string value)
    {
        if (column.EnumType is { } enumType)
        {
            // Enums travel as their underlying integer; a ulong-based enum keeps all 64 bits.
            string integer = enumType.UnderlyingKind == ColumnKind.UInt64 ? "ulong" : "long";
            return $"({integer}{(column.IsNullable ? "?" : string.Empty)}){value}";
        }

        if (column.DecimalScale is { } scale)
        {
            // Checked against the scale (never rounded); a value that does not fit is refused, naming the table and column.
            return $"{DbValue}.FromScaled({value}, {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}, TableName, {Literals.String(column.ColumnName)})";
        }

        // Text and real values can be refused (a lone surrogate, NaN); these overloads name the table and column when they are.
        return column.Kind is ColumnKind.String or ColumnKind.Double or ColumnKind.Single
            ? $"{DbValue}.From({value}, TableName, {Literals.String(column.ColumnName)})"
            : value;
    }

    /// <summary>
    /// Gets the statement that binds <paramref name="value"/> (of the column's type) to parameter <paramref name="index"/>
    /// of <see cref="StatementName"/>: a typed, database-neutral call (<c>BindInt64</c>, <c>BindDecimal</c>,
    /// <c>BindGuid</c>, ...), so that the database driver decides the storage form.
    /// </summary>
    public static string Bind(ColumnSpec column, int index, string value) =>
        Bind(column.Kind, column.EnumType?.UnderlyingKind, column.IsNullable, column.DecimalScale, $"TableName, {Literals.String(column.ColumnName)}", index, value);

    /// <summary>
    /// Gets the statement that binds <paramref name="value"/> of <paramref name="kind"/> to parameter
    /// <paramref name="index"/>; <paramref name="where"/> is the table and column expressions that a refusal names.
    /// </summary>
    public static string Bind(ColumnKind? kind, ColumnKind? enumUnderlying, bool isNullable, int? decimalScale, string where, int index, string value)
    {
        string nullable = isNullable ? "?" : string.Empty;
        if (kind == ColumnKind.Decimal && decimalScale is { } scale)
        {
            // An exact integer of the value times 10^scale; a value that does not fit is refused, naming the table and column.
            return $"{StatementName}.BindScaledDecimal({index}, {value}, {scale.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {where});";
        }

        return kind switch
        {
            ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16 or ColumnKind.UInt16 or ColumnKind.Int32 or ColumnKind.UInt32 or ColumnKind.Int64 =>
                $"{StatementName}.BindInt64({index}, {value});",
            ColumnKind.Enum when enumUnderlying != ColumnKind.UInt64 => $"{StatementName}.BindInt64({index}, (long{nullable}){value});",
            ColumnKind.Enum => $"{StatementName}.BindUInt64({index}, (ulong{nullable}){value});",
            ColumnKind.UInt64 => $"{StatementName}.BindUInt64({index}, {value});",
            ColumnKind.Single or ColumnKind.Double => $"{StatementName}.BindDouble({index}, {value}, {where});",
            ColumnKind.String => $"{StatementName}.BindText({index}, {value}, {where});",
            ColumnKind.Boolean => $"{StatementName}.BindBoolean({index}, {value});",
            ColumnKind.Decimal => $"{StatementName}.BindDecimal({index}, {value});",
            ColumnKind.Guid => $"{StatementName}.BindGuid({index}, {value});",
            ColumnKind.DateTime => $"{StatementName}.BindDateTime({index}, {value});",
            ColumnKind.DateTimeOffset => $"{StatementName}.BindDateTimeOffset({index}, {value});",
            ColumnKind.DateOnly => $"{StatementName}.BindDateOnly({index}, {value});",
            ColumnKind.TimeOnly => $"{StatementName}.BindTimeOnly({index}, {value});",
            ColumnKind.TimeSpan => $"{StatementName}.BindTimeSpan({index}, {value});",
            ColumnKind.Bytes => $"{StatementName}.BindBytes({index}, {value});",
            _ => $"{StatementName}.BindValue({index}, {DbValue}.From({value}));",
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
        ColumnKind.Decimal => $"{StatementName}.GetDecimal({ordinal})",
        ColumnKind.Bytes => $"{StatementName}.GetBytes({ordinal})",
        ColumnKind.DateTime => $"{StatementName}.GetDateTime({ordinal})",
        ColumnKind.DateTimeOffset => $"{StatementName}.GetDateTimeOffset({ordinal})",
        ColumnKind.DateOnly => $"{StatementName}.GetDateOnly({ordinal})",
        ColumnKind.TimeOnly => $"{StatementName}.GetTimeOnly({ordinal})",
        ColumnKind.TimeSpan => $"{StatementName}.GetTimeSpan({ordinal})",
        ColumnKind.Guid => $"{StatementName}.GetGuid({ordinal})",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No reader for this column kind."),
    };

    /// <summary>The <c>DbValue.ReadNullable*</c> methods are named after the kinds: <c>ReadNullableInt64</c>, <c>ReadNullableBytes</c>...</summary>
    private static string NullableReaderSuffix(ColumnKind kind) => kind == ColumnKind.Enum
        ? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Enums are read through their underlying type.")
        : kind.ToString();
}
