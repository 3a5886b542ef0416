using System;
using System.Globalization;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql;

/// <summary>
/// The PostgreSQL dialect: native column types (<c>bigint</c>, <c>boolean</c>, <c>numeric</c>, <c>uuid</c>,
/// <c>timestamptz</c>, <c>interval</c>...), <c>varchar(n)</c> for <c>[MaxLength]</c>, identity columns for
/// <c>[AutoIncrement]</c> with the key back through <c>RETURNING</c>, and <c>IS NOT DISTINCT FROM</c> for nullable keys.
/// </summary>
/// <remarks>
/// Names: PostgreSQL folds an unquoted name to lower case and compares names exactly, SQLite compares them without
/// regard to ASCII case. GenOrm quotes every name it writes, so on PostgreSQL a table or column is exactly its C# (or
/// <c>[Table]</c>/<c>[Column]</c>) spelling, <c>"User"</c> not <c>user</c>; hand-written SQL must quote a name that is
/// not all lower case. The generator refuses names that differ only in case (SQLite's rule), which keeps every schema
/// valid on both.
/// <para>
/// Text columns are <c>COLLATE "C"</c>: code-point order, as SQLite's <c>BINARY</c>, whatever locale the server was
/// created with, so <c>ORDER BY</c>, <c>&lt;</c> and <c>&gt;</c> on a string give the same rows on both databases (and
/// a <c>LIKE 'prefix%'</c> can use a plain index).
/// </para>
/// <para>
/// Dates, times and <c>TimeSpan</c> have microsecond resolution here (.NET's tick is 100 ns, which SQLite's text keeps):
/// the driver must refuse a value with a sub-microsecond part rather than let the server round it.
/// </para>
/// </remarks>
internal sealed class PostgresDialect : SqlDialect
{
    /// <inheritdoc/>
    public override string Name => "PostgreSQL";

    /// <summary>Gets the one instance.</summary>
    public static PostgresDialect Instance { get; } = new();

    /// <summary>
    /// The precision of a <c>[Column(Scale = n)]</c> decimal, <c>numeric(19, n)</c>: every value SQLite's scaled 64-bit
    /// integer holds (at most 19 digits), exact. The client refuses a value with more than n decimal places, as on SQLite,
    /// before the server could round it.
    /// </summary>
    private const int ScaledDecimalPrecision = 19;

    private PostgresDialect()
    {
    }

    /// <summary>
    /// Gets the column's type: the narrowest integer type that holds the CLR type (<c>ulong</c> is <c>numeric(20,0)</c>,
    /// exact from 0 to <see cref="ulong.MaxValue"/>), an enum's underlying type's, <c>numeric</c> for a decimal (it keeps
    /// the value exactly; <c>numeric(19, n)</c> with <c>[Column(Scale = n)]</c>), <c>varchar(n)</c> with
    /// <c>[MaxLength(n)]</c>, and the identity key's integer type (<c>bigint</c> for <c>ulong</c>, as an identity cannot
    /// be <c>numeric</c>).
    /// </summary>
    public override string ColumnType(ColumnSpec column) => column switch
    {
        { IsAutoIncrement: true, Kind: ColumnKind.UInt64 } => "bigint",
        { Kind: ColumnKind.Enum, EnumType: { } enumType } => TypeName(enumType.UnderlyingKind),
        { Kind: ColumnKind.Decimal, DecimalScale: { } scale } =>
            "numeric(" + ScaledDecimalPrecision.ToString(CultureInfo.InvariantCulture) + ", " + scale.ToString(CultureInfo.InvariantCulture) + ")",
        { Kind: ColumnKind.String, MaxLength: { } maxLength } => "varchar(" + maxLength.ToString(CultureInfo.InvariantCulture) + ") COLLATE \"C\"",
        _ => TypeName(column.Kind),
    };

    /// <summary>
    /// Gets the literal for the column's type: <c>true</c>/<c>false</c>, numbers and decimals as written (<c>1.5</c>),
    /// <c>'NaN'</c> and <c>'Infinity'</c> quoted, a <c>TimeSpan</c> as an interval in seconds
    /// (<c>'5400.5 seconds'</c>), and text, dates, times and GUIDs as quoted text that the column's type reads.
    /// </summary>
    public override string? DefaultLiteral(ColumnSpec column) => column.Default switch
    {
        null => null,
        { Kind: DefaultKind.Null } => "NULL",
        { Kind: DefaultKind.Number, Value: var ticks } when column.Kind == ColumnKind.TimeSpan =>
            StringLiteral((long.Parse(ticks, CultureInfo.InvariantCulture) / (decimal)TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + " seconds"),
        { Kind: DefaultKind.Number, Value: "NaN" or "Infinity" or "-Infinity" } => StringLiteral(column.Default.Value),
        // The default holds the UTC instant without a suffix; timestamptz would read that in the session's time zone.
        { Kind: DefaultKind.Text, Value: var text } when column.Kind == ColumnKind.DateTimeOffset => StringLiteral(text + "+00"),
        { Kind: DefaultKind.Text, Value: var text } => StringLiteral(text),
        { Value: var value } => value,
    };

    /// <summary>
    /// Every kind but <c>byte[]</c> (no .NET order): integers, <c>ulong</c> (<c>numeric</c>) and decimals are ordered
    /// by value, <c>uuid</c> by its bytes in RFC order, which is <c>Guid.CompareTo</c>'s, text by code point
    /// (<c>COLLATE "C"</c>), <c>timestamptz</c> by instant. Unlike .NET, PostgreSQL orders <c>NaN</c> above every
    /// number; the driver refuses <c>NaN</c>, as SQLite's does.
    /// </summary>
    public override bool IsOrderable(ColumnSpec column) => column.Kind != ColumnKind.Bytes;

    /// <inheritdoc/>
    /// <remarks>PostgreSQL returns the assigned key as the row of <c>INSERT ... RETURNING "key"</c>.</remarks>
    public override bool ReadsGeneratedKeyAfterInsert => false;

    /// <summary>
    /// Gets <c>SELECT setval(pg_get_serial_sequence('"T"', 'Id'), @Id) WHERE @Id &gt; COALESCE(pg_sequence_last_value(...), 0)</c>
    /// for an auto-increment table. An explicit key does not advance the identity's sequence, so without this the
    /// sequence would later hand out that key again and the insert would fail with a unique violation. The sequence is
    /// only moved forward (a smaller explicit key, or one below what was already handed out, leaves it), and
    /// <c>setval</c> is not transactional, so a rolled-back insert leaves a gap, never a duplicate. Two sessions that
    /// write explicit keys at the same moment can still race (each reads the sequence, then sets it): the later, smaller
    /// <c>setval</c> wins and a later generated key can collide with the larger explicit one.
    /// </summary>
    public override string? AfterExplicitKey(TableSpec table)
    {
        if (!table.HasAutoIncrement)
        {
            return null;
        }

        ColumnSpec key = table.Columns[table.AutoIncrementColumn];
        // The table argument is parsed as a (possibly qualified) name, so it carries the quotes; the column argument is
        // taken literally.
        string sequence = "pg_get_serial_sequence(" + StringLiteral(QuoteIdentifier(table.TableName)) + ", " + StringLiteral(key.ColumnName) + ")";
        string parameter = ParameterName(key);
        return "SELECT setval(" + sequence + ", " + parameter + ") WHERE " + parameter
            + " > COALESCE(pg_sequence_last_value(" + sequence + "::regclass), 0)";
    }

    /// <inheritdoc/>
    protected override string TableOptions => string.Empty;

    /// <inheritdoc/>
    /// <remarks>
    /// <c>BY DEFAULT</c>, not <c>ALWAYS</c>: <c>InsertWithKey</c> and <c>Upsert</c> write explicit keys (then
    /// <see cref="AfterExplicitKey"/>). An identity column is <c>NOT NULL</c> by itself.
    /// </remarks>
    protected override string AutoIncrementKeyClause => " GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";

    /// <inheritdoc/>
    /// <remarks>PostgreSQL's <c>IS</c> takes only <c>NULL</c>, <c>TRUE</c> and <c>FALSE</c>; this is the standard form.</remarks>
    protected override string NullSafeEquals => " IS NOT DISTINCT FROM ";

    private static string TypeName(ColumnKind kind) => kind switch
    {
        ColumnKind.Boolean => "boolean",
        ColumnKind.SByte or ColumnKind.Byte or ColumnKind.Int16 => "smallint",
        ColumnKind.UInt16 or ColumnKind.Int32 => "integer",
        ColumnKind.UInt32 or ColumnKind.Int64 => "bigint",
        ColumnKind.UInt64 => "numeric(20,0)",
        ColumnKind.Single => "real",
        ColumnKind.Double => "double precision",
        ColumnKind.Decimal => "numeric",
        ColumnKind.String => "text COLLATE \"C\"",
        ColumnKind.Bytes => "bytea",
        ColumnKind.DateTime => "timestamp",
        ColumnKind.DateTimeOffset => "timestamptz",
        ColumnKind.DateOnly => "date",
        ColumnKind.TimeOnly => "time",
        ColumnKind.TimeSpan => "interval",
        ColumnKind.Guid => "uuid",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };
}
