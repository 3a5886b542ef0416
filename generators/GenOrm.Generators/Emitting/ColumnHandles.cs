using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Which runtime handle class a column gets in the generated <c>Columns</c> class: <c>TextColumn</c> for strings
/// (ordered, with <c>Like</c>), <c>OrderedColumn</c> for kinds whose stored form sorts like the values, and plain
/// <c>Column</c> (equality, <c>In</c>, null tests) for the rest.
/// </summary>
internal static class ColumnHandles
{
    /// <summary>Gets the handle's <c>global::</c>-qualified type for <paramref name="column"/> of <paramref name="tableType"/>.</summary>
    public static string TypeName(ColumnSpec column, string tableType)
    {
        string handle = column.Kind switch
        {
            ColumnKind.String => "TextColumn",
            _ when IsOrdered(column) => "OrderedColumn",
            _ => "Column",
        };
        return $"global::GenOrm.{handle}<{tableType}, {column.TypeName}>";
    }

    /// <summary>
    /// Whether the stored form sorts like the values. Not for <c>bool</c>, <c>Guid</c> or <c>byte[]</c> (no natural
    /// order), <c>decimal</c> (stored as text, so <c>"10"</c> sorts before <c>"9"</c>; but a decimal with
    /// <c>[Column(Scale = n)]</c> is an exact integer, which sorts) or <c>ulong</c> (stored as the signed value with
    /// the same bits). Dates and times are ordered: <c>DateTimeOffset</c> is stored as its UTC instant, in the same
    /// canonical text as <c>DateTime</c>, which sorts by instant.
    /// </summary>
    private static bool IsOrdered(ColumnSpec column) => column.Kind switch
    {
        ColumnKind.Decimal => column.DecimalScale is not null,
        ColumnKind.Boolean or ColumnKind.Guid or ColumnKind.Bytes
            or ColumnKind.UInt64 => false,
        ColumnKind.Enum => column.EnumType?.UnderlyingKind != ColumnKind.UInt64,
        _ => true,
    };
}
