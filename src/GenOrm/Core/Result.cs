using System.Collections;
using System.Collections.Generic;

namespace GenOrm;

/// <summary>
/// The outcome of <see cref="Connection.Execute(Sql)"/>: the rows a statement returned (read in full, so the
/// connection is free for the next statement) and the number of rows it changed.
/// </summary>
public sealed class Result : IEnumerable<Row>
{
    private readonly RowList _rows;

    internal Result(IReadOnlyList<string> columns, List<Row> rows, int rowsAffected, string sql)
    {
        Columns = columns;
        _rows = new RowList(rows);
        RowsAffected = rowsAffected;
        Sql = sql;
    }

    /// <summary>Gets the names of the result's columns; empty for a statement that returns no rows.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// Gets the number of rows inserted, updated or deleted; for a batch, the total over every parameter set.
    /// </summary>
    public int RowsAffected { get; }

    /// <summary>Gets the SQL text that produced this result.</summary>
    public string Sql { get; }

    /// <summary>Returns every row. The list prints like a Python list of tuples: <c>[(1, 2), (3, 4)]</c>.</summary>
    /// <returns>The rows, in the order the statement returned them.</returns>
    public IReadOnlyList<Row> All() => _rows;

    /// <summary>Returns the only row.</summary>
    /// <returns>The row.</returns>
    /// <exception cref="NoResultFoundException">The statement returned no row.</exception>
    /// <exception cref="MultipleResultsFoundException">The statement returned more than one row.</exception>
    public Row One() => _rows.Count switch
    {
        0 => throw new NoResultFoundException(ErrorMessages.NoRow(Sql), Sql),
        1 => _rows[0],
        _ => throw new MultipleResultsFoundException(ErrorMessages.SeveralRows(Sql), null, Sql),
    };

    /// <summary>Returns the only row, or <see langword="null"/> when there is none.</summary>
    /// <returns>The row, or <see langword="null"/>.</returns>
    /// <exception cref="MultipleResultsFoundException">The statement returned more than one row.</exception>
    public Row? OneOrNone() => _rows.Count switch
    {
        0 => null,
        1 => _rows[0],
        _ => throw new MultipleResultsFoundException(ErrorMessages.SeveralRows(Sql), null, Sql),
    };

    /// <summary>Returns the first row, or <see langword="null"/> when there is none; further rows are ignored.</summary>
    /// <returns>The first row, or <see langword="null"/>.</returns>
    public Row? First() => _rows.Count == 0 ? null : _rows[0];

    /// <summary>Returns the first column of the first row, converted to <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The type to read the value as; use a nullable type when the value may be NULL.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="NoResultFoundException">The statement returned no row.</exception>
    /// <exception cref="System.InvalidCastException">The value cannot be read as <typeparamref name="T"/>.</exception>
    public T Scalar<T>()
    {
        if (_rows.Count == 0)
        {
            throw new NoResultFoundException(ErrorMessages.NoRow(Sql), Sql);
        }

        return _rows[0].Get<T>(0);
    }

    /// <summary>Returns an enumerator over the rows.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<Row> GetEnumerator() => _rows.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Formats the rows like a Python list of tuples: <c>[(1, 2), (3, 4)]</c>.</summary>
    /// <returns>The formatted rows.</returns>
    public override string ToString() => _rows.ToString();

    /// <summary>A read-only list of rows that prints like a Python list.</summary>
    private sealed class RowList(List<Row> rows) : IReadOnlyList<Row>
    {
        public int Count => rows.Count;

        public Row this[int index] => rows[index];

        public IEnumerator<Row> GetEnumerator() => rows.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "[" + string.Join(", ", rows) + "]";
    }
}
