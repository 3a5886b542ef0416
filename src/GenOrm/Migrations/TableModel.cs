using System;
using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>
/// One table of a <see cref="SchemaModel"/>: its columns in declaration order, primary key, indexes, foreign keys
/// and the exact <c>CREATE TABLE</c> statement the generator wrote. Immutable and equal by value.
/// </summary>
public sealed class TableModel : IEquatable<TableModel>
{
    private readonly ColumnModel[] _columns;
    private readonly string[] _primaryKey;
    private readonly IndexModel[] _indexes;
    private readonly ForeignKeyModel[] _foreignKeys;

    /// <summary>Initializes a new instance of the <see cref="TableModel"/> class.</summary>
    /// <param name="name">The table's name.</param>
    /// <param name="columns">The columns, in declaration order.</param>
    /// <param name="primaryKey">The names of the primary-key columns, in key order.</param>
    /// <param name="indexes">The indexes that <c>CREATE INDEX</c> makes (not the automatic ones of <c>UNIQUE</c> columns).</param>
    /// <param name="foreignKeys">The foreign keys.</param>
    /// <param name="createSql">
    /// The table's <c>CREATE TABLE</c> statement, without <c>IF NOT EXISTS</c> and without a terminating semicolon:
    /// the text SQLite stores in <c>sqlite_master.sql</c>.
    /// </param>
    /// <param name="postgresCreateSql">
    /// The table's <c>CREATE TABLE</c> statement in GenOrm's PostgreSQL DDL, without <c>IF NOT EXISTS</c>, or
    /// <see langword="null"/> when the model has no PostgreSQL form.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public TableModel(
        string name,
        IReadOnlyList<ColumnModel> columns,
        IReadOnlyList<string> primaryKey,
        IReadOnlyList<IndexModel> indexes,
        IReadOnlyList<ForeignKeyModel> foreignKeys,
        string createSql,
        string? postgresCreateSql = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(createSql);
        Name = name;
        _columns = ModelLists.Copy(columns, nameof(columns));
        _primaryKey = ModelLists.Copy(primaryKey, nameof(primaryKey));
        _indexes = ModelLists.Copy(indexes, nameof(indexes));
        _foreignKeys = ModelLists.Copy(foreignKeys, nameof(foreignKeys));
        CreateSql = createSql;
        PostgresCreateSql = postgresCreateSql;
    }

    /// <summary>Gets the table's name.</summary>
    public string Name { get; }

    /// <summary>Gets the columns, in declaration order.</summary>
    public IReadOnlyList<ColumnModel> Columns => _columns;

    /// <summary>Gets the names of the primary-key columns, in key order.</summary>
    public IReadOnlyList<string> PrimaryKey => _primaryKey;

    /// <summary>Gets the indexes that <c>CREATE INDEX</c> makes (not the automatic ones of <c>UNIQUE</c> columns).</summary>
    public IReadOnlyList<IndexModel> Indexes => _indexes;

    /// <summary>Gets the foreign keys.</summary>
    public IReadOnlyList<ForeignKeyModel> ForeignKeys => _foreignKeys;

    /// <summary>
    /// Gets the table's <c>CREATE TABLE</c> statement, without <c>IF NOT EXISTS</c> and without a terminating
    /// semicolon: the text SQLite stores in <c>sqlite_master.sql</c>.
    /// </summary>
    public string CreateSql { get; }

    /// <summary>
    /// Gets the table's <c>CREATE TABLE</c> statement in GenOrm's PostgreSQL DDL, without <c>IF NOT EXISTS</c> and
    /// without a terminating semicolon, or <see langword="null"/> when the model has no PostgreSQL form (its assembly
    /// does not reference GenOrm.Npgsql). <see cref="SchemaModel.ToJson"/> does not write it.
    /// </summary>
    public string? PostgresCreateSql { get; }

    /// <summary>Returns the column with the given name, or <see langword="null"/> when the table has none.</summary>
    /// <param name="name">The column's name; compared as SQLite does, ignoring ASCII case.</param>
    /// <returns>The column, or <see langword="null"/>.</returns>
    public ColumnModel? FindColumn(string name)
    {
        foreach (ColumnModel column in _columns)
        {
            if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return column;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public bool Equals(TableModel? other) =>
        other is not null
        && Name == other.Name
        && CreateSql == other.CreateSql
        && PostgresCreateSql == other.PostgresCreateSql
        && ModelLists.SequenceEqual<ColumnModel>(_columns, other._columns)
        && ModelLists.SequenceEqual<string>(_primaryKey, other._primaryKey)
        && ModelLists.SequenceEqual<IndexModel>(_indexes, other._indexes)
        && ModelLists.SequenceEqual<ForeignKeyModel>(_foreignKeys, other._foreignKeys);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TableModel);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(Name, CreateSql, PostgresCreateSql, ModelLists.Hash<ColumnModel>(_columns), ModelLists.Hash<string>(_primaryKey), ModelLists.Hash<IndexModel>(_indexes), ModelLists.Hash<ForeignKeyModel>(_foreignKeys));

    /// <summary>Returns the table's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
