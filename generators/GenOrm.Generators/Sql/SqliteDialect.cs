using System;
using System.Globalization;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql;

/// <summary>
/// The SQLite dialect: <c>STRICT</c> tables of <c>INTEGER</c>, <c>REAL</c>, <c>TEXT</c> and <c>BLOB</c> columns in
/// GenOrm's storage forms (<c>DbValue</c>), <c>CHECK</c> constraints for <c>[MaxLength]</c>, and
/// <c>sqlite3_last_insert_rowid</c> for generated keys.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <inheritdoc/>
    public override string Name => "SQLite";

    /// <summary>Gets the one instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <summary>Gets the storage class GenOrm declares for a CLR kind: <c>INTEGER</c>, <c>REAL</c>, <c>TEXT</c> or <c>BLOB</c>.</summary>
    public string ColumnTypeName(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean or ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16 or ColumnKind.UInt16
            or ColumnKind.Int32 or ColumnKind.UInt32 or ColumnKind.Int64 or ColumnKind.UInt64
            or ColumnKind.Enum or ColumnKind.TimeSpan => "INTEGER",
        ColumnKind.Single or ColumnKind.Double => "REAL",
        ColumnKind.Decimal or ColumnKind.String or ColumnKind.DateTime or ColumnKind.DateTimeOffset
            or ColumnKind.DateOnly or ColumnKind.TimeOnly or ColumnKind.Guid => "TEXT",
        ColumnKind.Bytes => "BLOB",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };

    /// <summary>Gets the declared type of a column: its kind's, or <c>INTEGER</c> for a scaled decimal.</summary>
    public override string ColumnType(ColumnSpec column) => column.DecimalScale is null ? ColumnTypeName(column.Kind) : "INTEGER";

    /// <summary>
    /// Gets the literal in the column's storage form: <c>1</c>/<c>0</c> for a <c>bool</c>, a decimal's canonical text in
    /// quotes (or its scaled integer with <c>[Column(Scale = n)]</c>), a <c>TimeSpan</c>'s ticks, other text quoted as written.
    /// </summary>
    public override string? DefaultLiteral(ColumnSpec column) => column.Default switch
    {
        null => null,
        { Kind: DefaultKind.Null } => "NULL",
        { Kind: DefaultKind.Boolean, Value: var flag } => flag == "true" ? "1" : "0",
        { Kind: DefaultKind.Decimal, Value: var number } when column.DecimalScale is { } scale =>
            DefaultValue.ScaledInteger(number, scale)!.Value.ToString(CultureInfo.InvariantCulture),
        { Kind: DefaultKind.Decimal, Value: var number } => "'" + number + "'",
        { Kind: DefaultKind.Text, Value: var text } => StringLiteral(text),
        // A ulong (and an enum over one) is stored as the long with the same bits; a bare 18446744073709551615 would
        // become a REAL, which a STRICT INTEGER column refuses.
        { Kind: DefaultKind.Number, Value: var number } when StoresUInt64(column) =>
            unchecked((long)ulong.Parse(number, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture),
        // SQLite has no infinity literal; 9e999 overflows to it.
        { Kind: DefaultKind.Number, Value: "Infinity" } => "9e999",
        { Kind: DefaultKind.Number, Value: "-Infinity" } => "-9e999",
        { Value: var number } => number,
    };

    private static bool StoresUInt64(ColumnSpec column) =>
        column.Kind == ColumnKind.UInt64 || (column.Kind == ColumnKind.Enum && column.EnumType?.UnderlyingKind == ColumnKind.UInt64);

    /// <summary>
    /// Not for <c>byte[]</c> (no .NET order), a <c>decimal</c> stored as text (<c>"10"</c> sorts before <c>"9"</c>; a
    /// decimal with <c>[Column(Scale = n)]</c> is an exact integer, which sorts) or <c>ulong</c> and an enum over it (stored
    /// as the signed value with the same bits). Dates and times sort: each has one canonical text, and
    /// <c>DateTimeOffset</c> is stored as its UTC instant. <c>bool</c> (0/1) and <c>Guid</c> (lower-case <c>"D"</c> text,
    /// whose order is <c>Guid.CompareTo</c>'s) sort too.
    /// </summary>
    public override bool IsOrderable(ColumnSpec column) => column.Kind switch
    {
        ColumnKind.Decimal => column.DecimalScale is not null,
        ColumnKind.UInt64 or ColumnKind.Bytes => false,
        ColumnKind.Enum => column.EnumType?.UnderlyingKind != ColumnKind.UInt64,
        _ => true,
    };

    /// <inheritdoc/>
    /// <remarks>SQLite reads the assigned key with <c>sqlite3_last_insert_rowid</c>, cheaper than a result row.</remarks>
    public override bool ReadsGeneratedKeyAfterInsert => true;

    /// <inheritdoc/>
    /// <remarks>None: <c>AUTOINCREMENT</c> keeps the largest key ever stored in <c>sqlite_sequence</c>, explicit ones included.</remarks>
    public override string? AfterExplicitKey(TableSpec table) => null;

    /// <inheritdoc/>
    protected override string TableOptions => " STRICT";

    /// <inheritdoc/>
    /// <remarks>SQLite's rowid alias: never NULL, and <c>AUTOINCREMENT</c> only works inline on an <c>INTEGER PRIMARY KEY</c>.</remarks>
    protected override string AutoIncrementKeyClause => " PRIMARY KEY AUTOINCREMENT";

    /// <inheritdoc/>
    protected override string NullSafeEquals => " IS ";

    /// <inheritdoc/>
    protected override string ColumnCheck(ColumnSpec column) => column.MaxLength is int maxLength
        // Exactly this text: the runtime reads the column name back out of "CHECK constraint failed: length(...)".
        ? " CHECK (length(" + QuoteIdentifier(column.ColumnName) + ") <= " + maxLength.ToString(CultureInfo.InvariantCulture) + ")"
        : string.Empty;
}
