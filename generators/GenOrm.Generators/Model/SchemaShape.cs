namespace GenOrm.Generators.Model;

/// <summary>
/// One version of the assembly's schema as data: what <c>Schema.Current</c> holds at run time and what a history
/// file (<c>schema/vN.json</c>) records. The generator builds it from the tables' specs, or reads it from a history
/// file, and compares two of them to write a migration step.
/// </summary>
/// <remarks>
/// Pipeline data, so it must stay immutable and structurally equatable (see <see cref="TableSpec"/>).
/// </remarks>
/// <param name="Version">The version number; the current model's is the newest recorded one, plus one when it differs from it.</param>
/// <param name="Tables">The tables in creation order: referenced tables first.</param>
internal sealed record SchemaShape(int Version, EquatableArray<TableShape> Tables);

/// <summary>One table of a <see cref="SchemaShape"/>.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns in declaration order.</param>
/// <param name="PrimaryKey">The primary key's column names, in order.</param>
/// <param name="Indexes">The indexes other than the ones <c>UNIQUE</c> and the key create.</param>
/// <param name="ForeignKeys">The foreign keys, in column order.</param>
/// <param name="CreateSql">The table's <c>CREATE TABLE "name" (...) STRICT;</c> statement, without its indexes.</param>
internal sealed record TableShape(
    string Name,
    EquatableArray<ColumnShape> Columns,
    EquatableArray<string> PrimaryKey,
    EquatableArray<IndexShape> Indexes,
    EquatableArray<ForeignKeyShape> ForeignKeys,
    string CreateSql);

/// <summary>One column of a <see cref="TableShape"/>.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">The declared type: <c>INTEGER</c>, <c>TEXT</c>, <c>REAL</c>, <c>BLOB</c> or <c>ANY</c>.</param>
/// <param name="ClrType">The property's C# type, such as <c>long</c> or <c>string?</c> (namespaces kept, <c>global::</c> dropped).</param>
/// <param name="IsNullable">Whether the column accepts NULL.</param>
/// <param name="DefaultSql">The <c>DEFAULT</c> as SQL, or <see langword="null"/>.</param>
/// <param name="IsUnique">Whether the column is <c>UNIQUE</c>.</param>
/// <param name="MaxLength">The <c>[MaxLength]</c> limit (a <c>CHECK</c>), or <see langword="null"/>.</param>
/// <param name="IsAutoIncrement">Whether the column is the <c>INTEGER PRIMARY KEY AUTOINCREMENT</c>.</param>
internal sealed record ColumnShape(
    string Name,
    string SqlType,
    string ClrType,
    bool IsNullable,
    string? DefaultSql,
    bool IsUnique,
    int? MaxLength,
    bool IsAutoIncrement);

/// <summary>One index of a <see cref="TableShape"/>.</summary>
/// <param name="Name">The index name.</param>
/// <param name="Columns">The indexed column names, in order.</param>
/// <param name="IsUnique">Whether the index is <c>UNIQUE</c>.</param>
internal sealed record IndexShape(string Name, EquatableArray<string> Columns, bool IsUnique);

/// <summary>One foreign key of a <see cref="TableShape"/>.</summary>
/// <param name="Column">The referring column.</param>
/// <param name="TargetTable">The referenced table.</param>
/// <param name="TargetColumn">The referenced column.</param>
/// <param name="OnDelete">The action: <c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c> or <c>NO ACTION</c>.</param>
internal sealed record ForeignKeyShape(string Column, string TargetTable, string TargetColumn, string OnDelete);
