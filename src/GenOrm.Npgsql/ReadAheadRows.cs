using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using global::Npgsql;

namespace GenOrm.Npgsql;

/// <summary>
/// The rest of a result that was read into memory ahead of its caller, so that the connection could run another
/// statement while the result was still being read (<see cref="NpgsqlDriverConnection.FreeForNext"/>): a PostgreSQL
/// connection runs one statement at a time. The statement's getters read these rows as they read the server's, with
/// the same values and the same errors.
/// </summary>
/// <remarks>
/// Each value is kept in the form the getters read it in (<c>NpgsqlStatement.ReadAheadValue</c>): <see langword="null"/> for NULL; a
/// value that Npgsql refused to read as that form keeps the exception, which the getter then meets as it would have
/// met it on the server's row; a <c>date</c> or <c>time</c> keeps both of its forms (<see cref="Both"/>).
/// </remarks>
internal sealed class ReadAheadRows
{
    private readonly List<object?[]> _rows;
    private readonly string[] _typeNames;
    private readonly DbException? _failure;
    private int _index;

    /// <param name="rows">The rows read.</param>
    /// <param name="onRow">Whether the first row is the one the reader was on, which stays the current row.</param>
    /// <param name="typeNames">The columns' PostgreSQL type names.</param>
    /// <param name="failure">The error that ended the reading before the result's end, or <see langword="null"/> when it reached the end.</param>
    public ReadAheadRows(List<object?[]> rows, bool onRow, string[] typeNames, DbException? failure)
    {
        _rows = rows;
        _index = onRow ? 0 : -1;
        _typeNames = typeNames;
        _failure = failure;
    }

    /// <summary>Gets the PostgreSQL name of the type of the column at <paramref name="ordinal"/>.</summary>
    public string TypeName(int ordinal) => _typeNames[ordinal];

    /// <summary>Moves to the next row; at the end, the error that ended the reading (if one did) is thrown, at its place.</summary>
    /// <exception cref="DbException">The reading had failed after the last row kept.</exception>
    public bool MoveNext()
    {
        if (_index + 1 < _rows.Count)
        {
            _index++;
            return true;
        }

        _index = _rows.Count;
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }

        return false;
    }

    /// <summary>Gets whether the value at <paramref name="ordinal"/> of the current row is NULL.</summary>
    public bool IsNull(int ordinal) => Current[ordinal] is null;

    /// <summary>Gets the value at <paramref name="ordinal"/> as <typeparamref name="T"/>, or throws what Npgsql threw for it.</summary>
    /// <exception cref="InvalidCastException">The value is NULL, or was read in another form.</exception>
    public T Get<T>(int ordinal)
    {
        object? value = Current[ordinal];
        if (value is TwoForms two)
        {
            value = typeof(T) == typeof(object) ? two.Stored : two.Typed;
        }

        if (value is Refused refused)
        {
            ExceptionDispatchInfo.Throw(refused.Exception);
        }

        if (value is T typed)
        {
            return typed;
        }

        throw new InvalidCastException(value is null ? "The value is NULL." : $"The value was read as {value.GetType().Name}, not {typeof(T).Name}.");
    }

    private object?[] Current => (uint)_index < (uint)_rows.Count ? _rows[_index] : throw new InvalidOperationException("The statement has no current row.");

    /// <summary>Reads one value with <paramref name="read"/>; the exception Npgsql throws for the value is kept in its place.</summary>
    /// <exception cref="NpgsqlException">The connection failed.</exception>
    public static object Guard(NpgsqlDataReader reader, int ordinal, Func<NpgsqlDataReader, int, object> read)
    {
        try
        {
            return read(reader, ordinal);
        }
        catch (Exception e) when (e is not NpgsqlException)
        {
            return new Refused(e);
        }
    }

    /// <summary>
    /// Keeps a value in two forms, each read by <see cref="Guard"/>: the one its typed getter reads, and the one a
    /// <see cref="Row"/> holds (Npgsql's <c>GetValue</c>), where they differ (a <c>date</c> is a <see cref="DateOnly"/>
    /// and a <see cref="DateTime"/>, a <c>time</c> a <see cref="TimeSpan"/> and a <see cref="TimeOnly"/>).
    /// </summary>
    public static object Both(object typed, object stored) => new TwoForms(typed, stored);

    /// <summary>A value Npgsql refused to read (a numeric beyond <see cref="decimal"/>, an interval with months).</summary>
    private sealed record Refused(Exception Exception);

    /// <summary>A value as its typed getter reads it, and as a <see cref="Row"/> holds it (see <see cref="Both"/>).</summary>
    private sealed record TwoForms(object Typed, object Stored);
}

/// <summary>
/// The error of a statement that did not run: reading ahead the rest of the open result on its connection, to free the
/// connection for it, failed. <see cref="PostgresErrorTranslator"/> makes it the message that names both statements.
/// </summary>
internal sealed class ReadAheadException(string resultSql, DbException failure)
    : DbException(failure.Message, failure)
{
    /// <summary>Gets the SQL of the statement whose result was being read ahead.</summary>
    public string ResultSql { get; } = resultSql;

    /// <summary>Gets the error that ended the reading.</summary>
    public DbException Failure { get; } = failure;
}
