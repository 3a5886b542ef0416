using System;
using System.Collections.Generic;
using System.Text;

namespace GenOrm.Migrations;

/// <summary>An index of a <see cref="TableModel"/> (one that <c>CREATE INDEX</c> makes). Immutable and equal by value.</summary>
public sealed class IndexModel : IEquatable<IndexModel>
{
    private readonly string[] _columns;

    /// <summary>Initializes a new instance of the <see cref="IndexModel"/> class.</summary>
    /// <param name="name">The index's name.</param>
    /// <param name="columns">The names of the indexed columns, in index order.</param>
    /// <param name="isUnique">Whether it is a <c>UNIQUE</c> index.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="columns"/> is <see langword="null"/>.</exception>
    public IndexModel(string name, IReadOnlyList<string> columns, bool isUnique)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        _columns = ModelLists.Copy(columns, nameof(columns));
        IsUnique = isUnique;
    }

    /// <summary>Gets the index's name.</summary>
    public string Name { get; }

    /// <summary>Gets the names of the indexed columns, in index order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Gets a value indicating whether it is a <c>UNIQUE</c> index.</summary>
    public bool IsUnique { get; }

    /// <summary>Returns the <c>CREATE INDEX</c> statement that makes this index on a table, without a terminating semicolon.</summary>
    /// <param name="table">The name of the table.</param>
    /// <returns>The statement, for example <c>CREATE INDEX "ix_users_Email" ON "users" ("Email")</c>.</returns>
    public string CreateSql(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sql = new StringBuilder(IsUnique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        sql.Append(SqlIdentifier.Quote(Name)).Append(" ON ").Append(SqlIdentifier.Quote(table)).Append(" (");
        for (int i = 0; i < _columns.Length; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(SqlIdentifier.Quote(_columns[i]));
        }

        return sql.Append(')').ToString();
    }

    /// <inheritdoc/>
    public bool Equals(IndexModel? other) =>
        other is not null && Name == other.Name && IsUnique == other.IsUnique && ModelLists.SequenceEqual<string>(_columns, other._columns);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IndexModel);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, IsUnique, ModelLists.Hash<string>(_columns));

    /// <summary>Returns the index's name and columns, for example <c>ix_users_Email (Email)</c>.</summary>
    /// <returns>The name and columns.</returns>
    public override string ToString() => Name + " (" + string.Join(", ", _columns) + ")";
}
