using System;

namespace GenOrm.Migrations;

/// <summary>One difference between a live database and a <see cref="SchemaModel"/>, as <see cref="SchemaVerifier"/> reports it.</summary>
public sealed class SchemaDifference : IEquatable<SchemaDifference>
{
    /// <summary>Initializes a new instance of the <see cref="SchemaDifference"/> class.</summary>
    /// <param name="table">The table that differs.</param>
    /// <param name="column">The column that differs, or <see langword="null"/> when the difference is not one column's.</param>
    /// <param name="kind">What differs.</param>
    /// <param name="expected">What the model has (a type, a default, a column list), or <see langword="null"/> when it has nothing.</param>
    /// <param name="actual">What the database has, or <see langword="null"/> when it has nothing.</param>
    /// <param name="message">The difference in one sentence, naming the table and the column.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    public SchemaDifference(string table, string? column, SchemaDifferenceKind kind, string? expected, string? actual, string message)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(message);
        Table = table;
        Column = column;
        Kind = kind;
        Expected = expected;
        Actual = actual;
        Message = message;
    }

    /// <summary>Gets the name of the table that differs.</summary>
    public string Table { get; }

    /// <summary>Gets the name of the column (or index) that differs, or <see langword="null"/> when the difference is the whole table's.</summary>
    public string? Column { get; }

    /// <summary>Gets what differs.</summary>
    public SchemaDifferenceKind Kind { get; }

    /// <summary>Gets what the model has (a type, a default, a column list), or <see langword="null"/> when it has nothing there.</summary>
    public string? Expected { get; }

    /// <summary>Gets what the database has, or <see langword="null"/> when it has nothing there.</summary>
    public string? Actual { get; }

    /// <summary>Gets the difference in one sentence, naming the table and the column.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public bool Equals(SchemaDifference? other) =>
        other is not null && Table == other.Table && Column == other.Column && Kind == other.Kind
        && Expected == other.Expected && Actual == other.Actual && Message == other.Message;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SchemaDifference);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Table, Column, Kind, Expected, Actual, Message);

    /// <summary>Returns <see cref="Message"/>.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;
}
