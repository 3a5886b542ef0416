namespace GenOrm.Generators.Model;

/// <summary>
/// One table's part of the assembly-wide schema file. Kept this small so that editing one table changes only its own
/// entry: the schema file is then re-emitted, but no other table's file.
/// </summary>
/// <param name="FullyQualifiedName">The class's <c>global::</c>-qualified name; the schema orders tables by it (ordinal).</param>
/// <param name="TableName">The table name.</param>
/// <param name="CreateTableSql">The table's SQLite DDL.</param>
/// <param name="IsAccessibleFromAssembly">Whether code elsewhere in the assembly can call the class's <c>CreateTable</c> (it is not private or protected).</param>
/// <param name="References">The classes this table's foreign keys refer to (itself excluded), <c>global::</c>-qualified, sorted.</param>
internal sealed record SchemaEntry(
    string FullyQualifiedName,
    string TableName,
    string CreateTableSql,
    bool IsAccessibleFromAssembly,
    EquatableArray<string> References)
{
    /// <summary>Gets the table's PostgreSQL DDL when the assembly references GenOrm.Npgsql (the schema file then holds it), else <see langword="null"/>.</summary>
    public string? CreateTableSqlPostgres { get; init; }

    /// <summary>Gets the table as data, for <c>Schema.Current</c> and the migrations.</summary>
    public TableShape Shape { get; init; } = null!;

    /// <summary>Gets the table's declared renames.</summary>
    public TableIntent Intent { get; init; } = null!;

    /// <summary>Gets what the spec knows of each column beyond its shape, from which PostgreSQL's forms of every version are derived.</summary>
    public EquatableArray<PostgresHint> PostgresHints { get; init; }
}
