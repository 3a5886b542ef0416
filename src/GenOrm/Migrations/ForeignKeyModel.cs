using System;

namespace GenOrm.Migrations;

/// <summary>A foreign key of a <see cref="TableModel"/>: one column that refers to a column of another table. Immutable and equal by value.</summary>
public sealed class ForeignKeyModel : IEquatable<ForeignKeyModel>
{
    /// <summary>Initializes a new instance of the <see cref="ForeignKeyModel"/> class.</summary>
    /// <param name="column">The referring column.</param>
    /// <param name="targetTable">The referred table.</param>
    /// <param name="targetColumn">The referred column.</param>
    /// <param name="onDelete">The <c>ON DELETE</c> action: <c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c> or <c>NO ACTION</c> (the default).</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ForeignKeyModel(string column, string targetTable, string targetColumn, string onDelete = "NO ACTION")
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(targetTable);
        ArgumentNullException.ThrowIfNull(targetColumn);
        ArgumentNullException.ThrowIfNull(onDelete);
        Column = column;
        TargetTable = targetTable;
        TargetColumn = targetColumn;
        OnDelete = onDelete;
    }

    /// <summary>Gets the name of the referring column.</summary>
    public string Column { get; }

    /// <summary>Gets the name of the referred table.</summary>
    public string TargetTable { get; }

    /// <summary>Gets the name of the referred column.</summary>
    public string TargetColumn { get; }

    /// <summary>Gets the <c>ON DELETE</c> action: <c>CASCADE</c>, <c>SET NULL</c>, <c>RESTRICT</c> or <c>NO ACTION</c>.</summary>
    public string OnDelete { get; }

    /// <inheritdoc/>
    public bool Equals(ForeignKeyModel? other) =>
        other is not null && Column == other.Column && TargetTable == other.TargetTable && TargetColumn == other.TargetColumn && OnDelete == other.OnDelete;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ForeignKeyModel);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Column, TargetTable, TargetColumn, OnDelete);

    /// <summary>Returns the key as SQL reads it, for example <c>AuthorId REFERENCES authors (Id) ON DELETE CASCADE</c>.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Column + " REFERENCES " + TargetTable + " (" + TargetColumn + ") ON DELETE " + OnDelete;
}
