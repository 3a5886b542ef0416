using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Internal;

/// <summary>
/// A prepared statement on a <see cref="Connection"/>, which generated code binds and reads by ordinal with typed,
/// database-neutral calls (<see cref="BindDecimal(int, decimal)"/>, <see cref="GetGuid(int)"/>, ...): how a value is
/// stored (SQLite keeps a <see cref="decimal"/> as canonical <c>TEXT</c>, a <see cref="TimeSpan"/> as <c>INTEGER</c>
/// ticks) is decided by the database driver that implements it, not by generated code. Used by generated code and
/// typed queries; not meant to be called directly.
/// </summary>
/// <remarks>
/// <para>
/// A statement is lent to one operation at a time: <c>TableCommands.Prepare</c> hands it out and
/// <see cref="Dispose"/> gives it back. While it is lent, the connection belongs to the calling operation, across the
/// threads an <c>...Async</c> one resumes on (any other call gets the documented
/// <see cref="InvalidOperationException"/>), and nothing else on the connection is given the same prepared statement:
/// an open stream keeps its statement until the stream is disposed, and an operation that needs the same SQL meanwhile
/// gets a statement of its own. A lent statement is never evicted from the cache.
/// </para>
/// <para>
/// Binding checks values: a NaN or a string with a lone surrogate is refused with an <see cref="ArgumentException"/>
/// naming the table and column; a bind that the database rejects throws <see cref="GenOrmException"/>. Reading checks
/// every value: one that cannot be read exactly as the member's type (a NULL in a non-nullable member, text in a
/// number, a number out of range) throws <see cref="GenOrmException"/> naming the table and column, instead of a
/// plausible default.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class Statement : IDisposable
{
    private Connection? _owner;

    /// <summary>Initializes a statement of the SQL text <paramref name="sql"/>.</summary>
    /// <param name="sql">The SQL text (for a script, the whole text).</param>
    /// <param name="cached">Whether the statement lives in its connection's cache.</param>
    private protected Statement(string sql, bool cached)
    {
        Sql = sql;
        IsCached = cached;
    }

    /// <summary>Gets the statement's SQL text.</summary>
    public string Sql { get; }

    /// <summary>Gets the number of columns in the statement's result.</summary>
    public abstract int ColumnCount { get; }

    /// <summary>Gets whether the statement lives in the connection's cache (else it is finalized when given back).</summary>
    internal bool IsCached { get; }

    /// <summary>Gets the connection the statement is lent to.</summary>
    internal Connection? Owner => _owner;

    /// <summary>Gets or sets the number of rows the current execution has returned so far (for telemetry).</summary>
    internal long Rows { get; set; }

    /// <summary>Gets or sets the rows a script changed (a statement of several parts counts them itself), or -1.</summary>
    internal long ChangedRows { get; set; } = -1;

    /// <summary>Gets or sets the part of a script that is running (for the error path), or <see langword="null"/> for this one.</summary>
    internal Statement? ActivePart { get; set; }

    /// <summary>Gets whether an operation or an open stream holds the statement.</summary>
    internal bool IsLent { get; private set; }

    /// <summary>Gets the number of the current (or last) lease: a stream gives back only the lease it was opened on.</summary>
    internal int Lease { get; private set; }

    /// <summary>Gets or sets whether a stream holds the statement (the thread check then covers each read, not the whole lease).</summary>
    internal bool IsStreaming { get; set; }

    /// <summary>Gets whether the statement is the first of a script: its text holds more statements after it.</summary>
    internal abstract bool IsScript { get; }

    /// <summary>
    /// Gets or sets whether the statement is one of GenOrm's own reads: a <c>SELECT</c> that generated code or the typed
    /// query builder wrote, which changes nothing, calls no function and locks no row. It is a property of the text, so
    /// whichever operation marks it, it stays true. A server driver may run such a statement ahead of the implicit
    /// transaction's <c>BEGIN</c> (see <c>NpgsqlDriverConnection</c>); SQLite ignores it.
    /// </summary>
    internal bool IsOwnRead { get; set; }

    /// <summary>
    /// Gives the statement back to its connection: it is reset, becomes free for the next operation, and the
    /// connection is free for other threads again. Generated code disposes it at the end of each operation.
    /// </summary>
    public void Dispose() => _owner?.Return(this);

    /// <summary>Lends the statement to an operation of <paramref name="owner"/>.</summary>
    internal void Lend(Connection owner)
    {
        _owner = owner;
        IsLent = true;
        Lease++;
    }

    /// <summary>Ends the current lease.</summary>
    internal void EndLease()
    {
        IsLent = false;
        IsStreaming = false;
    }

    // ---- What a driver implements: running ----

    /// <summary>Runs the statement to its next row: <see langword="true"/> for a row, <see langword="false"/> when done.</summary>
    /// <param name="first">Whether this is the execution's first step.</param>
    /// <exception cref="System.Data.Common.DbException">The database reported an error.</exception>
    internal abstract bool Step(bool first);

    /// <summary>
    /// The asynchronous twin of <see cref="Step"/>, for a driver with real asynchronous I/O; a synchronous driver
    /// (SQLite) completes it at once.
    /// </summary>
    internal virtual ValueTask<bool> StepAsync(bool first, CancellationToken cancellationToken) => new(Step(first));

    /// <summary>
    /// Gets how many parameter sets one execution can carry (<see cref="AddParameterSet"/>): 1 for a driver that runs
    /// one set per execution (SQLite, which has no round trip to save, and any script).
    /// </summary>
    internal virtual int MaxParameterSets => 1;

    /// <summary>
    /// Keeps the values bound now as one parameter set of the next execution. That execution then runs every set kept,
    /// in order, as one batch of this statement (PostgreSQL: one round trip), instead of the values bound: its rows are
    /// the first set's rows, then the second's, and so on, and <see cref="AffectedRows"/> is the total. The next set is
    /// bound over the values of an earlier set, so each set must bind every parameter. Each set yields at most one row
    /// (an <c>INSERT</c> of one row, with or without <c>RETURNING</c>, as <c>InsertMany</c> runs): after a set's row the
    /// driver moves on to the next set's result without reading further. <see cref="Reset"/> drops the sets kept.
    /// </summary>
    /// <exception cref="NotSupportedException">The statement runs one set per execution (<see cref="MaxParameterSets"/> is 1).</exception>
    internal virtual void AddParameterSet() => throw new NotSupportedException(ErrorMessages.NoParameterSets(Sql));

    /// <summary>Resets the statement (and the rest of its script) for its next execution, keeping its bindings.</summary>
    internal abstract void Reset();

    /// <summary>Frees the statement (and the rest of its script) for good.</summary>
    internal abstract void Release();

    /// <summary>Gets the next statement of a script, preparing it when the script gets there; <see langword="null"/> after the last.</summary>
    /// <exception cref="System.Data.Common.DbException">The database could not prepare it.</exception>
    internal abstract Statement? Next();

    /// <summary>Gets the rows the execution that just ended changed, or -1 for a statement that changes nothing (telemetry).</summary>
    internal abstract long AffectedRows();

    // ---- Parameters ----

    /// <summary>Gets the number of parameters the statement has.</summary>
    internal abstract int ParameterCount { get; }

    /// <summary>Gets the name of the parameter at <paramref name="index"/> (zero-based) as written, or <see langword="null"/> for a nameless one.</summary>
    internal abstract string? ParameterName(int index);

    /// <summary>Binds a value (as <see cref="DbValue.FromObject"/> gives it) to the parameter written <paramref name="token"/>, if the statement has it.</summary>
    /// <returns>Whether the statement has the parameter.</returns>
    internal abstract bool BindNamed(string token, object value);

    /// <summary>Gets the parameters' names and the values last bound to them, when they are remembered (echo, or traced values).</summary>
    internal abstract IEnumerable<(string Name, object? Value)> RememberedParameters();

    /// <summary>Formats the bound parameters for echo: <c>{email: 'ann@example.com', id: 1}</c>.</summary>
    internal string FormatParameters() => EchoLog.FormatParameters(RememberedParameters());

    /// <summary>Binds an integer to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindInt64(int index, long value);

    /// <summary>Binds an integer or NULL to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindInt64(int index, long? value)
    {
        if (value is { } v)
        {
            BindInt64(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds NULL to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param>
    public abstract void BindNull(int index);

    /// <summary>Binds a real number to the parameter at <paramref name="index"/> (zero-based); NaN is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public abstract void BindDouble(int index, double value, string tableName, string columnName);

    /// <summary>Binds a real number or NULL to the parameter at <paramref name="index"/> (zero-based); NaN is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public void BindDouble(int index, double? value, string tableName, string columnName)
    {
        if (value is { } v)
        {
            BindDouble(index, v, tableName, columnName);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds text or NULL to the parameter at <paramref name="index"/> (zero-based); a lone surrogate is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a lone UTF-16 surrogate.</exception>
    public abstract void BindText(int index, string? value, string tableName, string columnName);

    /// <summary>Binds a <see cref="bool"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindBoolean(int index, bool value);

    /// <summary>Binds bytes or NULL to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindBytes(int index, byte[]? value);

    /// <summary>Binds a <see cref="decimal"/> to the parameter at <paramref name="index"/> (zero-based), exactly.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindDecimal(int index, decimal value);

    /// <summary>
    /// Binds a <c>[Column(Scale = n)]</c> decimal to the parameter at <paramref name="index"/> (zero-based): SQLite
    /// stores the exact integer of the value times 10^<paramref name="scale"/>, PostgreSQL the <c>numeric</c> itself.
    /// </summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="scale">The column's scale, 0 to 18.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places (it is never rounded), or is out of the range a 64-bit integer holds once scaled.</exception>
    public abstract void BindScaledDecimal(int index, decimal value, int scale, string tableName, string columnName);

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindScaledDecimal(int, decimal, int, string, string)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="scale">The column's scale, 0 to 18.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places, or is out of range once scaled.</exception>
    public void BindScaledDecimal(int index, decimal? value, int scale, string tableName, string columnName)
    {
        if (value is { } v)
        {
            BindScaledDecimal(index, v, scale, tableName, columnName);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>
    /// Binds a <see cref="ulong"/> to the parameter at <paramref name="index"/> (zero-based): SQLite stores its 64 bits
    /// as a signed <c>INTEGER</c>, PostgreSQL the number itself as <c>numeric(20,0)</c>.
    /// </summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindUInt64(int index, ulong value);

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindUInt64(int, ulong)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindUInt64(int index, ulong? value)
    {
        if (value is { } v)
        {
            BindUInt64(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a <see cref="Guid"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindGuid(int index, Guid value);

    /// <summary>Binds a <see cref="DateTime"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindDateTime(int index, DateTime value);

    /// <summary>Binds a <see cref="DateTimeOffset"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindDateTimeOffset(int index, DateTimeOffset value);

    /// <summary>Binds a <see cref="DateOnly"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindDateOnly(int index, DateOnly value);

    /// <summary>Binds a <see cref="TimeOnly"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindTimeOnly(int index, TimeOnly value);

    /// <summary>Binds a <see cref="TimeSpan"/> to the parameter at <paramref name="index"/> (zero-based).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public abstract void BindTimeSpan(int index, TimeSpan value);

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindBoolean(int, bool)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindBoolean(int index, bool? value)
    {
        if (value is { } v)
        {
            BindBoolean(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindDecimal(int, decimal)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindDecimal(int index, decimal? value)
    {
        if (value is { } v)
        {
            BindDecimal(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindGuid(int, Guid)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindGuid(int index, Guid? value)
    {
        if (value is { } v)
        {
            BindGuid(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindDateTime(int, DateTime)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindDateTime(int index, DateTime? value)
    {
        if (value is { } v)
        {
            BindDateTime(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindDateTimeOffset(int, DateTimeOffset)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindDateTimeOffset(int index, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            BindDateTimeOffset(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindDateOnly(int, DateOnly)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindDateOnly(int index, DateOnly? value)
    {
        if (value is { } v)
        {
            BindDateOnly(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindTimeOnly(int, TimeOnly)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindTimeOnly(int index, TimeOnly? value)
    {
        if (value is { } v)
        {
            BindTimeOnly(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds a value or NULL to the parameter at <paramref name="index"/> (zero-based); see <see cref="BindTimeSpan(int, TimeSpan)"/>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public void BindTimeSpan(int index, TimeSpan? value)
    {
        if (value is { } v)
        {
            BindTimeSpan(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>
    /// Binds a parameter value of any type GenOrm stores to the parameter at <paramref name="index"/> (zero-based): a
    /// CLR value, boxed (<see cref="bool"/>, <see cref="Guid"/>, a date, an enum, ...), a <see cref="ScaledDecimal"/>,
    /// SQLite's storage form of one, or <see cref="DBNull"/>. The driver binds it in its database's form, as the
    /// typed <c>Bind...</c> methods do.
    /// </summary>
    /// <param name="index">The parameter's zero-based index.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a type GenOrm does not store, or is NaN, or holds a lone surrogate.</exception>
    public abstract void BindValue(int index, object value);

    // ---- Reading ----

    /// <summary>Gets whether the column at <paramref name="ordinal"/> of the current row is NULL.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is NULL.</returns>
    public abstract bool IsDBNull(int ordinal);

    /// <summary>Gets whether the value at <paramref name="ordinal"/> of the current row is stored as text.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is TEXT.</returns>
    public abstract bool IsText(int ordinal);

    /// <summary>Reads an integer column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, text, a blob, or a real number that is not a whole number.</exception>
    public abstract long GetInt64(int ordinal);

    /// <summary>Reads an integer column as <see cref="int"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="int"/>.</exception>
    public abstract int GetInt32(int ordinal);

    /// <summary>Reads an integer column as <see cref="short"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="short"/>.</exception>
    public abstract short GetInt16(int ordinal);

    /// <summary>Reads an integer column as <see cref="byte"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="byte"/>.</exception>
    public abstract byte GetByte(int ordinal);

    /// <summary>Reads an integer column as <see cref="sbyte"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="sbyte"/>.</exception>
    public abstract sbyte GetSByte(int ordinal);

    /// <summary>Reads an integer column as <see cref="ushort"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="ushort"/>.</exception>
    public abstract ushort GetUInt16(int ordinal);

    /// <summary>Reads an integer column as <see cref="uint"/>, checking its range.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer, or one outside the range of <see cref="uint"/>.</exception>
    public abstract uint GetUInt32(int ordinal);

    /// <summary>Reads an integer column as <see cref="ulong"/>.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no integer.</exception>
    public abstract ulong GetUInt64(int ordinal);

    /// <summary>Reads a <see cref="bool"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no boolean value.</exception>
    public abstract bool GetBoolean(int ordinal);

    /// <summary>Reads a real column; an integer is read when <see cref="double"/> holds it exactly.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, text, a blob, or an integer too large to be exact as a <see cref="double"/>.</exception>
    public abstract double GetDouble(int ordinal);

    /// <summary>Reads a real column as <see cref="float"/>.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no number, or a finite number outside the range of <see cref="float"/>.</exception>
    public abstract float GetFloat(int ordinal);

    /// <summary>Reads a text column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a number or a blob.</exception>
    public abstract string GetString(int ordinal);

    /// <summary>Reads a blob column.</summary><param name="ordinal">The column's ordinal.</param><returns>The bytes.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a number or text.</exception>
    public abstract byte[] GetBytes(int ordinal);

    /// <summary>Reads a <see cref="decimal"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no number.</exception>
    public abstract decimal GetDecimal(int ordinal);

    /// <summary>
    /// Reads a <c>[Column(Scale = n)]</c> decimal column, with exactly <paramref name="scale"/> decimal places: SQLite's
    /// scaled integer divided by 10^<paramref name="scale"/>, or PostgreSQL's <c>numeric</c>.
    /// </summary>
    /// <param name="ordinal">The column's ordinal.</param><param name="scale">The column's scale, 0 to 18.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no number of that scale.</exception>
    public abstract decimal GetScaledDecimal(int ordinal, int scale);

    /// <summary>Reads a <see cref="Guid"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no GUID.</exception>
    public abstract Guid GetGuid(int ordinal);

    /// <summary>Reads a <see cref="DateTime"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no date and time.</exception>
    public abstract DateTime GetDateTime(int ordinal);

    /// <summary>Reads a <see cref="DateTimeOffset"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no date and time.</exception>
    public abstract DateTimeOffset GetDateTimeOffset(int ordinal);

    /// <summary>Reads a <see cref="DateOnly"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no date.</exception>
    public abstract DateOnly GetDateOnly(int ordinal);

    /// <summary>Reads a <see cref="TimeOnly"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no time of day.</exception>
    public abstract TimeOnly GetTimeOnly(int ordinal);

    /// <summary>Reads a <see cref="TimeSpan"/> column.</summary><param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no time span.</exception>
    public abstract TimeSpan GetTimeSpan(int ordinal);

    /// <summary>Gets the name of the result column at <paramref name="ordinal"/>.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The name.</returns>
    public abstract string GetName(int ordinal);

    /// <summary>
    /// Creates the exception for a stored value that cannot be read exactly as the member's type. The message names
    /// the table and the column and what was found, never the value itself.
    /// </summary>
    /// <param name="ordinal">The column's ordinal in the current row.</param>
    /// <param name="clrType">The C# type the member has, such as <c>int</c> or <c>DateTime</c>.</param>
    /// <param name="found">What the row holds instead, such as <c>NULL</c> or <c>TEXT that is not a number</c>.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public abstract GenOrmException UnreadableValue(int ordinal, string clrType, string found);

    /// <summary>Describes what the row holds at <paramref name="ordinal"/>, for <see cref="UnreadableValue"/>: <c>NULL</c>, <c>an INTEGER</c>, <c>TEXT</c>, ...</summary>
    internal abstract string StorageClassName(int ordinal);

    /// <summary>Reads the value at <paramref name="ordinal"/> of the current row as stored, as ADO.NET's <c>GetValue</c> reads it, with NULL as <see langword="null"/>.</summary>
    internal abstract object? GetStoredValue(int ordinal);
}
