namespace GenOrm.Generators.Model;

/// <summary>One mapped property and the column it maps to. Part of <see cref="TableSpec"/>, so it must stay equatable.</summary>
/// <param name="PropertyName">The C# property name, as declared (without any <c>@</c>).</param>
/// <param name="ColumnName">The column name: the <c>[Column]</c> argument or the property name.</param>
/// <param name="ParameterName">The C# parameter name for lookups: camelCase, <c>@</c>-escaped when a keyword, unique in the table.</param>
/// <param name="TypeName">The property's type as C# source, <c>global::</c>-qualified, with <c>?</c> when nullable.</param>
/// <param name="Kind">The CLR kind, which decides storage, write and read expressions.</param>
/// <param name="EnumType">The enum type when <paramref name="Kind"/> is <see cref="ColumnKind.Enum"/>, else <see langword="null"/>.</param>
/// <param name="IsNullable">Whether the column accepts NULL (nullable value type, or <c>?</c>/oblivious reference type).</param>
/// <param name="IsPrimaryKey">Whether the property has <c>[PrimaryKey]</c>.</param>
/// <param name="IsAutoIncrement">Whether the property has <c>[AutoIncrement]</c>: the database assigns its value on insert.</param>
/// <param name="IsUnique">Whether the property has <c>[Unique]</c>.</param>
/// <param name="MaxLength">The <c>[MaxLength]</c> limit, or <see langword="null"/>.</param>
internal sealed record ColumnSpec(
    string PropertyName,
    string ColumnName,
    string ParameterName,
    string TypeName,
    ColumnKind Kind,
    EnumTypeSpec? EnumType,
    bool IsNullable,
    bool IsPrimaryKey,
    bool IsAutoIncrement,
    bool IsUnique,
    int? MaxLength)
{
    /// <summary>Gets the row this column refers to (<c>[ForeignKey]</c>), or <see langword="null"/>.</summary>
    public ForeignKeySpec? ForeignKey { get; init; }

    /// <summary>
    /// Gets the <c>[Column(Scale = n)]</c> of a decimal column, stored as the exact <c>INTEGER</c> value times 10^n, or
    /// <see langword="null"/> for a decimal stored as canonical text (and for every other kind).
    /// </summary>
    public int? DecimalScale { get; init; }

    /// <summary>Gets the column's earlier names from <c>[RenamedFrom]</c>, in source order; migrations rename instead of dropping.</summary>
    public EquatableArray<string> RenamedFrom { get; init; }

    /// <summary>Gets the column's <c>[Default]</c> value, which each dialect writes as its own literal, or <see langword="null"/> for none.</summary>
    public DefaultValue? Default { get; init; }

    /// <summary>
    /// Gets the column's <c>DEFAULT</c> as a SQLite literal (<c>0</c>, <c>'text'</c>, <c>NULL</c>), or <see langword="null"/>
    /// for none. Computed, not stored (so not part of equality); only for the emitter's schema model until it asks
    /// <c>ISqlDialect.DefaultLiteral</c> itself.
    /// </summary>
    public string? DefaultSql => Sql.SqliteDialect.Instance.DefaultLiteral(this);
}
