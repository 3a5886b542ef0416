namespace GenOrm.Generators.Model;

/// <summary>
/// What a table's spec knows about a column beyond its recorded shape: its kind, enum type and decimal scale, from
/// which the PostgreSQL form of any version's column of that C# type is derived. Must stay equatable.
/// </summary>
/// <param name="Column">The column's name.</param>
/// <param name="ClrType">The property's C# type as the shape records it, without <c>?</c>.</param>
/// <param name="Kind">The column kind.</param>
/// <param name="EnumType">The enum type, for an enum column.</param>
/// <param name="DecimalScale">The <c>[Column(Scale = n)]</c> of a decimal column.</param>
internal sealed record PostgresHint(string Column, string ClrType, ColumnKind Kind, EnumTypeSpec? EnumType, int? DecimalScale);

/// <summary>One schema version's PostgreSQL forms, table by table in the version's order. Must stay equatable.</summary>
/// <param name="Version">The version.</param>
/// <param name="Tables">Each table's forms, parallel to the version's tables.</param>
internal sealed record PostgresVersion(int Version, EquatableArray<PostgresTable> Tables);

/// <summary>A table's PostgreSQL forms: <see langword="null"/> <paramref name="CreateSql"/> when a column's could not be derived.</summary>
/// <param name="CreateSql">The <c>CREATE TABLE</c> statement (no <c>IF NOT EXISTS</c>, no <c>;</c>), or <see langword="null"/>.</param>
/// <param name="Columns">Each column's type and default, parallel to the table's columns (empty when unknown).</param>
internal sealed record PostgresTable(string? CreateSql, EquatableArray<PostgresColumn> Columns);

/// <summary>A column's type and <c>DEFAULT</c> in GenOrm's PostgreSQL DDL.</summary>
/// <param name="Type">The type, such as <c>bigint</c> or <c>varchar(100) COLLATE "C"</c>.</param>
/// <param name="DefaultSql">The default literal, or <see langword="null"/>.</param>
internal sealed record PostgresColumn(string Type, string? DefaultSql);
