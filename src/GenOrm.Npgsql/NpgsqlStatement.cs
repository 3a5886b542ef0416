using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;
using global::Npgsql;
using NpgsqlTypes;

namespace GenOrm.Npgsql;

/// <summary>
/// PostgreSQL's <see cref="Statement"/>: one <see cref="NpgsqlBatchCommand"/> (in a batch of its own) whose text has GenOrm's named parameters
/// rewritten to <c>$1..$n</c> (in order of first appearance), bound with typed <see cref="NpgsqlParameter{T}"/>s whose
/// <see cref="NpgsqlDbType"/> is the column type GenOrm's PostgreSQL DDL gives each C# type, and read with typed
/// getters that check the column's type: a value of another type, or out of the C# type's range, is
/// <see cref="UnreadableValue"/>, never a converted or default value.
/// </summary>
/// <remarks>
/// A script (several statements) is one <see cref="NpgsqlStatement"/> per statement, made when the script gets there
/// (<see cref="Next"/>). PostgreSQL's date and time types keep whole microseconds: a value with a fraction of one is
/// refused when bound, since it would be read back different.
/// </remarks>
internal sealed class NpgsqlStatement : Statement
{
    private const uint OidBool = 16;
    private const uint OidBytea = 17;
    private const uint OidInt8 = 20;
    private const uint OidInt2 = 21;
    private const uint OidInt4 = 23;
    private const uint OidFloat4 = 700;
    private const uint OidFloat8 = 701;
    private const uint OidDate = 1082;
    private const uint OidTime = 1083;
    private const uint OidTimestamp = 1114;
    private const uint OidTimestampTz = 1184;
    private const uint OidInterval = 1186;
    private const uint OidNumeric = 1700;
    private const uint OidUuid = 2950;
    private const uint OidText = 25;
    private const uint OidBpchar = 1042;
    private const uint OidVarchar = 1043;
    private const long MaxExactDoubleInteger = 1L << 53;

    // One execution of parameter sets carries at most this many sets, and (a wide table) at most this many parameters:
    // a bound on the memory one round trip holds, as each set is a command of its own (the protocol's limit of 65,535
    // is per command).
    private const int MaxSetsPerBatch = 1000;
    private const int MaxParametersPerBatch = 65535;

    private readonly NpgsqlDriverConnection _connection;
    private readonly List<PostgresStatementText> _parts;
    private readonly int _part;
    private NpgsqlBatch _batch;
    private NpgsqlBatchCommand _command;
    private bool _retyped;
    private readonly string[] _tokens;
    private readonly bool _remember;
    private readonly object?[]? _echoValues;
    private NpgsqlDataReader? _reader;

    // The rest of the result, once it was read ahead into memory to free the connection for another statement
    // (ReadAhead); the steps and getters then read from it instead of the reader.
    private ReadAheadRows? _ahead;
    private uint[] _types = Array.Empty<uint>();

    // Per column of the current result: whether Npgsql reads it as a string (text, varchar, name, citext, ...).
    private bool[] _texts = Array.Empty<bool>();
    private string[]? _columns;
    private NpgsqlStatement? _next;
    private int _affected = -1;

    // The parameter sets kept for the next execution (AddParameterSet), each a command of its own; their echo values;
    // the commands of sets that ran, bound again for later sets; the batch that runs the sets, and whether it is running.
    private List<NpgsqlBatchCommand>? _sets;
    private List<object?[]>? _setEchoValues;
    private Stack<NpgsqlBatchCommand>? _spare;
    private NpgsqlBatch? _setsBatch;
    private bool _runningSets;
    private int _setIndex;

    // The running set's one row has been read: the next step moves to the next set's result without asking the reader
    // for a row that cannot be there (that empty Read costs an allocation per set).
    private bool _setRowRead;

    // The batch that carries the transaction's BEGIN as its first command, while it runs (TakeBegin).
    private NpgsqlBatch? _beginsIn;

    // CREATE, ALTER or DROP: the constraint columns the engine knows may change.
    private readonly bool _changesSchema;

    internal NpgsqlStatement(NpgsqlDriverConnection connection, string sql, List<PostgresStatementText> parts, int part, bool cached, bool remember)
        : base(sql, cached)
    {
        _connection = connection;
        _parts = parts;
        _part = part;
        _remember = remember;
        PostgresStatementText text = parts[part];
        _tokens = text.Tokens;
        _command = new NpgsqlBatchCommand(text.Text);
        _changesSchema = NpgsqlDatabaseDriver.ChangesSchema(text.Text);
        _batch = new NpgsqlBatch(connection.Connection) { BatchCommands = { _command } };
        foreach (string _ in _tokens)
        {
            // Unbound until bound: NULL, as SQLite runs an unbound parameter.
            _command.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value });
        }

        _echoValues = remember && _tokens.Length > 0 ? new object?[_tokens.Length] : null;
    }

    /// <inheritdoc/>
    internal override bool IsScript => _part + 1 < _parts.Count;

    /// <summary>Gets the number of columns of the result; before the first execution, the server describes the statement (once).</summary>
    public override int ColumnCount => _reader is { } reader ? reader.FieldCount : Columns().Length;

    /// <inheritdoc/>
    internal override int ParameterCount => _tokens.Length;

    /// <inheritdoc/>
    internal override int MaxParameterSets =>
        IsScript || _part > 0 ? 1 : Math.Clamp(MaxParametersPerBatch / Math.Max(1, _tokens.Length), 1, MaxSetsPerBatch);

    /// <summary>
    /// Keeps the bound command as one set of the next execution, which runs all the sets as one <see cref="NpgsqlBatch"/>
    /// (one round trip, a <c>Sync</c> after the last: a failing set stops the rest, and the server aborts the
    /// transaction as for any failed statement); the next set is bound on a command of a set that ran before, or a copy.
    /// </summary>
    internal override void AddParameterSet()
    {
        if (MaxParameterSets == 1)
        {
            base.AddParameterSet();
        }

        Retype();
        (_sets ??= new List<NpgsqlBatchCommand>()).Add(_command);
        if (_echoValues is not null)
        {
            (_setEchoValues ??= new List<object?[]>()).Add((object?[])_echoValues.Clone());
        }

        NpgsqlBatchCommand next = _spare is { Count: > 0 } spare ? spare.Pop() : Copy(_command);
        _command = next;
        _batch.BatchCommands[0] = next;
    }

    /// <summary>A new command of <paramref name="command"/>'s text with copies of its parameters (their types and values).</summary>
    private static NpgsqlBatchCommand Copy(NpgsqlBatchCommand command)
    {
        var copy = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        return copy;
    }

    /// <summary>
    /// Starts the batch to run: the parameter sets kept, if any, else the bound command; with the transaction's pending
    /// <c>BEGIN</c> first, if there is one (the reader passes over it, as it returns no rows).
    /// </summary>
    private NpgsqlBatch BatchToRun()
    {
        NpgsqlBatch batch;
        if (_sets is not { Count: > 0 } sets)
        {
            Retype();
            _runningSets = false;
            batch = _batch;
        }
        else
        {
            batch = _setsBatch ??= new NpgsqlBatch(_connection.Connection);
            batch.BatchCommands.Clear();
            foreach (NpgsqlBatchCommand command in sets)
            {
                batch.BatchCommands.Add(command);
            }

            _runningSets = true;
            _setIndex = 0;
            _setRowRead = false;
        }

        if (_connection.TakeBegin(IsOwnRead) is { } begin)
        {
            batch.BatchCommands.Insert(0, begin);
            _beginsIn = batch;
        }

        return batch;
    }

    /// <summary>Takes the <c>BEGIN</c> out of the batch that carried it, once its execution is over.</summary>
    private void RemoveBegin()
    {
        if (_beginsIn is { } batch)
        {
            _beginsIn = null;
            batch.BatchCommands.RemoveAt(0);
        }
    }

    /// <summary>
    /// After the batch failed to start: a failure the server did not report (nothing, or not all, reached it) gives the
    /// <c>BEGIN</c> it carried back to the connection, to go with the next statement.
    /// </summary>
    private void NotStarted(Exception exception)
    {
        if (_beginsIn is not null && exception is not PostgresException && exception.InnerException is not PostgresException)
        {
            _connection.BeginNotSent();
        }

        RemoveBegin();
    }

    /// <summary>Moves to the next set's result, if the sets are running; returns whether there is one.</summary>
    private bool NextSet(NpgsqlDataReader reader)
    {
        if (!_runningSets || ++_setIndex >= _sets!.Count || !reader.NextResult())
        {
            return false;
        }

        LearnTypes(reader);
        return true;
    }

    /// <summary>The asynchronous twin of <see cref="NextSet"/>.</summary>
    private async ValueTask<bool> NextSetAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!_runningSets || ++_setIndex >= _sets!.Count || !await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        LearnTypes(reader);
        return true;
    }

    /// <summary>Drops the parameter sets kept (they ran, failed or were given up): their commands are bound again for later sets.</summary>
    private void DropSets()
    {
        _runningSets = false;
        _setRowRead = false;
        if (_sets is not { Count: > 0 } sets)
        {
            return;
        }

        _spare ??= new Stack<NpgsqlBatchCommand>();
        foreach (NpgsqlBatchCommand command in sets)
        {
            _spare.Push(command);
        }

        sets.Clear();
        _setEchoValues?.Clear();
        _setsBatch?.BatchCommands.Clear();
    }

    /// <summary>
    /// After a set failed: its values become the ones echo shows for the failure. The failing set is the one whose
    /// result the reader was reaching (Npgsql reports a set's error as the reader moves to its result).
    /// </summary>
    private void RememberFailedSet()
    {
        if (_runningSets && _echoValues is not null && _setEchoValues is { } sets && _setIndex < sets.Count)
        {
            Array.Copy(sets[_setIndex], _echoValues, _echoValues.Length);
        }
    }

    /// <inheritdoc/>
    internal override string? ParameterName(int index) => _tokens[index];

    /// <inheritdoc/>
    internal override Statement? Next()
    {
        if (_next is null && IsScript)
        {
            _next = new NpgsqlStatement(_connection, Sql, _parts, _part + 1, IsCached, _remember);
        }

        return _next;
    }

    // ---- Running ----

    /// <inheritdoc/>
    internal override bool Step(bool first)
    {
        if (!first && _ahead is { } ahead)
        {
            // The rest was read ahead (and an error that ended the reading was handled then): it is met here, in its place.
            return ahead.MoveNext();
        }

        try
        {
            if (first || _reader is null)
            {
                _ahead = null;
                CloseReader();
                _connection.FreeForNext(this);
                NpgsqlBatch batch = BatchToRun();
                _connection.Started(batch, _changesSchema);
                try
                {
                    _reader = batch.ExecuteReader();
                }
                catch (Exception e)
                {
                    NotStarted(e);
                    throw;
                }

                LearnTypes(_reader);
                _connection.Reading(this);
            }

            do
            {
                if (_setRowRead)
                {
                    // A set yields at most one row (see AddParameterSet): on to the next set's result.
                    _setRowRead = false;
                    continue;
                }

                if (_reader.Read())
                {
                    _setRowRead = _runningSets;
                    return true;
                }
            }
            while (NextSet(_reader));

            CloseReader();
            return false;
        }
        catch (OperationCanceledException e) when (e.InnerException is PostgresException server)
        {
            // Npgsql reports a statement cancelled through NpgsqlBatch.Cancel (RegisterCancel) as
            // OperationCanceledException; the engine's error path takes the server's error (57014) instead.
            Abandon();
            ExceptionDispatchInfo.Throw(server);
            throw;
        }
        catch (NpgsqlOperationInProgressException e)
        {
            // Npgsql refused to start the command (another one, an open stream, is still running on the connection):
            // nothing reached the server, and its transaction goes on.
            throw new InvalidOperationException(ErrorMessages.CommandInProgress(Sql), e);
        }
        catch (NpgsqlException)
        {
            Abandon();
            throw;
        }
    }

    /// <inheritdoc/>
    internal override async ValueTask<bool> StepAsync(bool first, CancellationToken cancellationToken)
    {
        if (!first && _ahead is { } ahead)
        {
            return ahead.MoveNext();
        }

        try
        {
            if (first || _reader is null)
            {
                _ahead = null;
                await CloseReaderAsync().ConfigureAwait(false);
                await _connection.FreeForNextAsync(this, cancellationToken).ConfigureAwait(false);
                NpgsqlBatch batch = BatchToRun();
                _connection.Started(batch, _changesSchema);
                try
                {
                    _reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    NotStarted(e);
                    throw;
                }

                LearnTypes(_reader);
                _connection.Reading(this);
            }

            do
            {
                if (_setRowRead)
                {
                    _setRowRead = false;
                    continue;
                }

                if (await _reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _setRowRead = _runningSets;
                    return true;
                }
            }
            while (await NextSetAsync(_reader, cancellationToken).ConfigureAwait(false));

            await CloseReaderAsync().ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException e) when (e.InnerException is PostgresException server)
        {
            // Npgsql reports a cancel by the token as OperationCanceledException; the engine's error path takes the
            // server's error (57014), so that the transaction and echo are handled as for every failure.
            Abandon();
            ExceptionDispatchInfo.Throw(server);
            throw;
        }
        catch (NpgsqlOperationInProgressException e)
        {
            throw new InvalidOperationException(ErrorMessages.CommandInProgress(Sql), e);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            Abandon();
            throw;
        }
    }

    /// <inheritdoc/>
    internal override void Reset()
    {
        for (NpgsqlStatement? s = this; s is not null; s = s._next)
        {
            s._ahead = null;
            try
            {
                s.CloseReader();
            }
            catch (NpgsqlException)
            {
                // The rest of the result failed (the row after the last one read); the statement is done either way.
                s.Abandon();
            }

            s.DropSets();
        }
    }

    /// <inheritdoc/>
    internal override void Release()
    {
        for (NpgsqlStatement? s = this; s is not null; s = s._next)
        {
            s._reader?.Dispose();
            s._reader = null;
            s._ahead = null;
            s._batch.Dispose();
            s._setsBatch?.Dispose();
        }
    }

    /// <inheritdoc/>
    internal override long AffectedRows() => ChangedRows >= 0 ? ChangedRows : _affected;

    /// <summary>
    /// After a parameter changed its type (an <c>int</c> after a <c>string</c>, or NULL), moves the parameters to a new
    /// command of the same text: a command keeps the server-side statement Npgsql prepared for it with the old types,
    /// which would read the new value as the old type. Npgsql's automatic preparation finds (or prepares) the one for
    /// the new types.
    /// </summary>
    private void Retype()
    {
        if (!_retyped)
        {
            return;
        }

        _retyped = false;
        var parameters = new NpgsqlParameter[_command.Parameters.Count];
        _command.Parameters.CopyTo(parameters, 0);
        _command.Parameters.Clear();
        var command = new NpgsqlBatchCommand(_command.CommandText);
        command.Parameters.AddRange(parameters);
        _batch.Dispose();
        _command = command;
        _batch = new NpgsqlBatch(_connection.Connection) { BatchCommands = { command } };
    }

    private void CloseReader()
    {
        if (_reader is { } reader)
        {
            _reader = null;
            try
            {
                reader.Dispose();
            }
            finally
            {
                RemoveBegin();
            }

            Completed();
        }
    }

    private async ValueTask CloseReaderAsync()
    {
        if (_reader is { } reader)
        {
            _reader = null;
            try
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                RemoveBegin();
            }

            Completed();
        }
    }

    private void Completed()
    {
        // An INSERT, UPDATE, DELETE or MERGE (with or without RETURNING) counts its rows; anything else is -1.
        bool write;
        if (_runningSets && _setsBatch is { } sets)
        {
            // Each set's command counts its own rows: the execution changed their total.
            write = false;
            int total = 0;
            foreach (NpgsqlBatchCommand command in sets.BatchCommands)
            {
                if (IsWrite(command))
                {
                    write = true;
                    total += command.RecordsAffected;
                }
            }

            _affected = write ? total : -1;
            DropSets();
        }
        else
        {
            write = IsWrite(_command);
            _affected = write ? _command.RecordsAffected : -1;
        }

        _connection.Completed(_affected, write);
    }

    private static bool IsWrite(NpgsqlBatchCommand command) =>
        command.StatementType is global::Npgsql.StatementType.Insert or global::Npgsql.StatementType.Update or global::Npgsql.StatementType.Delete or global::Npgsql.StatementType.Merge;

    /// <summary>
    /// After a failure: drops the reader (and the parameter sets, the failing one's values kept for echo) and tells the
    /// connection (which rolls back an aborted transaction).
    /// </summary>
    private void Abandon()
    {
        RememberFailedSet();
        NpgsqlDataReader? reader = _reader;
        _reader = null;
        try
        {
            reader?.Dispose();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The failure is already on its way to the caller.
        }

        RemoveBegin();
        DropSets();
        _connection.Failed();
    }

    /// <summary>
    /// Reads the rest of the open result into memory (with the row the reader is on, if any, which stays the current
    /// one) and closes the reader, so that the connection is free for another statement
    /// (<see cref="NpgsqlDriverConnection.FreeForNext"/>); this statement's steps and getters then read on from memory,
    /// with the same values and errors. The rows of parameter sets still to come are read too.
    /// </summary>
    /// <param name="async">Whether to read with Npgsql's asynchronous calls (the statement that needs the connection is asynchronous).</param>
    /// <param name="cancellationToken">The token of the statement that needs the connection.</param>
    /// <exception cref="ReadAheadException">
    /// Reading failed, so the other statement cannot run: the server has aborted the transaction, and the connection
    /// rolls it back as after any failed statement (<see cref="NpgsqlDriverConnection.Failed"/>). The rows read before
    /// the failure stay readable, and this statement's next step after them reports the error, in its place.
    /// </exception>
    internal async ValueTask ReadAhead(bool async, CancellationToken cancellationToken)
    {
        NpgsqlDataReader reader = _reader!;
        var typeNames = new string[reader.FieldCount];
        for (int i = 0; i < typeNames.Length; i++)
        {
            typeNames[i] = reader.GetDataTypeName(i);
        }

        bool onRow = reader.IsOnRow;
        var rows = new List<object?[]>();
        try
        {
            if (onRow)
            {
                rows.Add(ReadAheadRow(reader));
            }

            do
            {
                if (!_setRowRead)
                {
                    while (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read())
                    {
                        rows.Add(ReadAheadRow(reader));
                    }
                }

                _setRowRead = false;
            }
            while (async ? await NextSetAsync(reader, cancellationToken).ConfigureAwait(false) : NextSet(reader));
        }
        catch (Exception e)
        {
            // Npgsql reports a statement cancelled by the server (the other statement's token) as
            // OperationCanceledException, with the server's error inside.
            DbException? failure = e as DbException ?? e.InnerException as DbException;
            _ahead = failure is null ? null : new ReadAheadRows(rows, onRow, typeNames, failure);
            Abandon();
            if (failure is null)
            {
                throw;
            }

            throw new ReadAheadException(Sql, failure);
        }

        _ahead = new ReadAheadRows(rows, onRow, typeNames, null);
        if (async)
        {
            await CloseReaderAsync().ConfigureAwait(false);
        }
        else
        {
            CloseReader();
        }
    }

    private object?[] ReadAheadRow(NpgsqlDataReader reader)
    {
        var values = new object?[reader.FieldCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = ReadAheadValue(reader, i);
        }

        return values;
    }

    /// <summary>
    /// Reads a value in the form the getters read it in: the integer types, <c>real</c> and <c>timestamptz</c> in the
    /// forms of their typed getters, a <c>date</c> and a <c>time</c> in both of their forms (the typed getter's, and
    /// Npgsql's <c>GetValue</c> for a <see cref="Row"/>), every other type as <c>GetValue</c> gives it (which is the form
    /// the typed getter reads: <c>bool</c>, <c>bytea</c>, <c>uuid</c>, text, <c>numeric</c>, ...).
    /// </summary>
    private object? ReadAheadValue(NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return TypeAt(ordinal) switch
        {
            OidInt2 => ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetInt16(o)),
            OidInt4 => ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetInt32(o)),
            OidInt8 => ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetInt64(o)),
            OidFloat4 => ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetFloat(o)),
            OidTimestampTz => ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetFieldValue<DateTimeOffset>(o)),
            OidDate => ReadAheadRows.Both(
                ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetFieldValue<DateOnly>(o)),
                ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetValue(o))),
            OidTime => ReadAheadRows.Both(
                ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetFieldValue<TimeSpan>(o)),
                ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetValue(o))),
            _ => ReadAheadRows.Guard(reader, ordinal, static (r, o) => r.GetValue(o)),
        };
    }

    private void LearnTypes(NpgsqlDataReader reader)
    {
        int count = reader.FieldCount;
        if (_types.Length != count)
        {
            _types = new uint[count];
            _texts = new bool[count];
        }

        for (int i = 0; i < count; i++)
        {
            uint oid = reader.GetDataTypeOID(i);
            _types[i] = oid;
            _texts[i] = IsTextType(oid) ?? ReadsAsString(reader, i);
        }

        if (_columns is null)
        {
            // The result's column names, kept from the first run, so that asking for them afterwards needs no describe.
            var names = new string[count];
            for (int i = 0; i < count; i++)
            {
                names[i] = reader.GetName(i);
            }

            _columns = names;
        }
    }

    /// <summary>
    /// Gets whether Npgsql reads a column of the built-in type <paramref name="oid"/> as a string, without asking it
    /// (which costs a lookup in the row's description per column and run); <see langword="null"/> for any other type
    /// (<c>name</c>, <c>json</c>, <c>citext</c>, an enum, a domain, ...), which is asked. Each answer is what Npgsql's
    /// <c>GetFieldType</c> gives for the type (<c>PostgresTypeTests</c> compares them).
    /// </summary>
    internal static bool? IsTextType(uint oid) => oid switch
    {
        OidText or OidVarchar or OidBpchar => true,
        OidBool or OidBytea or OidInt8 or OidInt2 or OidInt4 or OidFloat4 or OidFloat8 or OidDate or OidTime
            or OidTimestamp or OidTimestampTz or OidInterval or OidNumeric or OidUuid => false,
        _ => null,
    };

    /// <summary>
    /// Asks Npgsql whether it reads the column as a string. A type it cannot read at all (<c>inet</c> on a data source
    /// without its mapping, say) is not text; reading that column then fails with the getter's error, which names it,
    /// instead of the statement failing before any row.
    /// </summary>
    private static bool ReadsAsString(NpgsqlDataReader reader, int ordinal)
    {
        try
        {
            return reader.GetFieldType(ordinal) == typeof(string);
        }
        catch (InvalidCastException)
        {
            return false;
        }
    }

    /// <summary>Gets the result's column names without running the statement: the server describes it (once per statement).</summary>
    private string[] Columns()
    {
        if (_columns is { } known)
        {
            return known;
        }

        try
        {
            _connection.FreeForNext(this);
            Retype();
            using NpgsqlDataReader reader = _batch.ExecuteReader(CommandBehavior.SchemaOnly);
            var names = new string[reader.FieldCount];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = reader.GetName(i);
            }

            return _columns = names;
        }
        catch (NpgsqlOperationInProgressException e)
        {
            throw new InvalidOperationException(ErrorMessages.CommandInProgress(Sql), e);
        }
        catch (NpgsqlException)
        {
            _connection.Failed();
            throw;
        }
    }

    // ---- Parameters ----

    /// <summary>
    /// Checks a value given to <c>Execute</c> before anything runs, and keeps it as it is (it is bound with its own
    /// type by <see cref="BindValue"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The type is not one GenOrm stores, the value is NaN, or a string holds a lone surrogate.</exception>
    internal static object CheckValue(object? value) => value switch
    {
        null or DBNull => DBNull.Value,
        double d => DbValue.From(d),
        float f => double.IsNaN(f) ? DbValue.From(double.NaN) : value,
        string s => DbValue.From(s),
        long or int or short or sbyte or byte or ushort or uint or ulong or bool or decimal or byte[] or char or Guid => value,
        ScaledDecimal scaled => scaled.Value,
        DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Enum => value,
        _ => throw new ArgumentException(ErrorMessages.UnsupportedParameterType(value.GetType().Name), nameof(value)),
    };

    /// <inheritdoc/>
    internal override bool BindNamed(string token, object value)
    {
        int index = Array.IndexOf(_tokens, token);
        if (index < 0)
        {
            return false;
        }

        BindValue(index, value);
        return true;
    }

    /// <inheritdoc/>
    internal override IEnumerable<(string Name, object? Value)> RememberedParameters()
    {
        List<string>? seen = _next is null ? null : new List<string>();
        for (NpgsqlStatement? s = this; s is not null; s = s._next)
        {
            if (s._echoValues is not { } values)
            {
                continue;
            }

            for (int i = 0; i < values.Length; i++)
            {
                string name = s._tokens[i];
                if (seen is null || !seen.Contains(name))
                {
                    seen?.Add(name);
                    yield return (name, values[i]);
                }
            }
        }
    }

    /// <summary>Binds a value of any type GenOrm stores, with the PostgreSQL type of that C# type (see <see cref="CheckValue"/>).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a type GenOrm does not store.</exception>
    public override void BindValue(int index, object value)
    {
        switch (value)
        {
            case null or DBNull:
                BindNull(index);
                break;
            case long l:
                BindInt64(index, l);
                break;
            case int i:
                Set(index, i, NpgsqlDbType.Integer);
                break;
            case short s16:
                Set(index, s16, NpgsqlDbType.Smallint);
                break;
            case sbyte s8:
                Set(index, (short)s8, NpgsqlDbType.Smallint);
                break;
            case byte u8:
                Set(index, (short)u8, NpgsqlDbType.Smallint);
                break;
            case ushort u16:
                Set(index, (int)u16, NpgsqlDbType.Integer);
                break;
            case uint u32:
                Set(index, (long)u32, NpgsqlDbType.Bigint);
                break;
            case ulong u64:
                BindUInt64(index, u64);
                break;
            case bool b:
                BindBoolean(index, b);
                break;
            case double d:
                BindDouble(index, d, string.Empty, string.Empty);
                break;
            case float f:
                Set(index, f, NpgsqlDbType.Real);
                break;
            case decimal m:
                BindDecimal(index, m);
                break;
            case string text:
                Set(index, text, NpgsqlDbType.Text);
                break;
            case char c:
                Set(index, c.ToString(), NpgsqlDbType.Text);
                break;
            case byte[] bytes:
                BindBytes(index, bytes);
                break;
            case Guid guid:
                BindGuid(index, guid);
                break;
            case DateTime dateTime:
                BindDateTime(index, dateTime);
                break;
            case DateTimeOffset offset:
                BindDateTimeOffset(index, offset);
                break;
            case DateOnly date:
                BindDateOnly(index, date);
                break;
            case TimeOnly time:
                BindTimeOnly(index, time);
                break;
            case TimeSpan span:
                BindTimeSpan(index, span);
                break;
            case Enum e when e.GetTypeCode() == TypeCode.UInt64:
                BindUInt64(index, Convert.ToUInt64(e, CultureInfo.InvariantCulture));
                break;
            case Enum e:
                BindInt64(index, Convert.ToInt64(e, CultureInfo.InvariantCulture));
                break;
            case ScaledDecimal scaled:
                BindDecimal(index, scaled.Value);
                break;
            default:
                throw new ArgumentException(ErrorMessages.UnsupportedParameterType(value.GetType().Name), nameof(value));
        }
    }

    /// <summary>Binds a <c>bigint</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindInt64(int index, long value) => Set(index, value, NpgsqlDbType.Bigint);

    /// <summary>Binds NULL (of no given type: the server takes the type from where the parameter is used).</summary>
    /// <param name="index">The parameter's zero-based index.</param>
    public override void BindNull(int index)
    {
        CheckIndex(index);
        NpgsqlParameter parameter = _command.Parameters[index];
        if (parameter.GetType() != typeof(NpgsqlParameter) || parameter.NpgsqlDbType != NpgsqlDbType.Unknown)
        {
            _command.Parameters[index] = new NpgsqlParameter { Value = DBNull.Value };
            _retyped = true;
        }
        else
        {
            parameter.Value = DBNull.Value;
        }

        Remember(index, null);
    }

    /// <summary>Binds a <c>double precision</c>; NaN is refused (as on SQLite, so that both databases take the same values).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN.</exception>
    public override void BindDouble(int index, double value, string tableName, string columnName)
    {
        if (double.IsNaN(value))
        {
            _ = tableName.Length == 0 ? DbValue.From(value) : DbValue.From(value, tableName, columnName);
        }

        Set(index, value, NpgsqlDbType.Double);
    }

    /// <summary>Binds <c>text</c> or NULL; a lone surrogate is refused.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> holds a lone UTF-16 surrogate.</exception>
    public override void BindText(int index, string? value, string tableName, string columnName)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        DbValue.From(value, tableName, columnName);
        Set(index, value, NpgsqlDbType.Text);
    }

    /// <summary>Binds a <c>boolean</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindBoolean(int index, bool value) => Set(index, value, NpgsqlDbType.Boolean);

    /// <summary>Binds a <c>bytea</c> or NULL.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindBytes(int index, byte[]? value)
    {
        if (value is null)
        {
            BindNull(index);
            return;
        }

        Set(index, value, NpgsqlDbType.Bytea);
    }

    /// <summary>Binds a <c>numeric</c>, exactly.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindDecimal(int index, decimal value) => Set(index, value, NpgsqlDbType.Numeric);

    /// <summary>Binds a <c>[Column(Scale = n)]</c> decimal as <c>numeric</c>, after the same check of its scale and range as on SQLite.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <param name="scale">The column's scale, 0 to 18.</param>
    /// <param name="tableName">The table, named if the value is refused.</param><param name="columnName">The column, named if the value is refused.</param>
    /// <exception cref="ArgumentException">The value has more than <paramref name="scale"/> decimal places, or is out of range once scaled.</exception>
    public override void BindScaledDecimal(int index, decimal value, int scale, string tableName, string columnName)
    {
        DbValue.CheckScaled(value, scale, tableName, columnName);
        BindDecimal(index, value);
    }

    /// <summary>Binds a <see cref="ulong"/> as <c>numeric</c>: the number itself, all of its range.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindUInt64(int index, ulong value) => Set(index, (decimal)value, NpgsqlDbType.Numeric);

    /// <summary>Binds a <c>uuid</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindGuid(int index, Guid value) => Set(index, value, NpgsqlDbType.Uuid);

    /// <summary>
    /// Binds a <c>timestamp</c> (without time zone): the date and time as given, whatever its
    /// <see cref="DateTime.Kind"/> (as SQLite keeps it, without its kind; it reads back as <see cref="DateTimeKind.Unspecified"/>).
    /// <see cref="DateTime.MinValue"/> and <see cref="DateTime.MaxValue"/> are <c>-infinity</c> and <c>infinity</c>.
    /// </summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a fraction of a microsecond.</exception>
    public override void BindDateTime(int index, DateTime value)
    {
        if (value.Ticks % 10 != 0 && value != DateTime.MaxValue)
        {
            throw new ArgumentException(ErrorMessages.SubMicrosecond(nameof(DateTime)), nameof(value));
        }

        Set(index, DateTime.SpecifyKind(value, DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
    }

    /// <summary>Binds a <c>timestamptz</c>: the instant, which PostgreSQL keeps in UTC (it reads back with offset 0).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a fraction of a microsecond.</exception>
    public override void BindDateTimeOffset(int index, DateTimeOffset value)
    {
        if (value.Ticks % 10 != 0 && value != DateTimeOffset.MaxValue)
        {
            throw new ArgumentException(ErrorMessages.SubMicrosecond(nameof(DateTimeOffset)), nameof(value));
        }

        Set(index, value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }

    /// <summary>Binds a <c>date</c>.</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    public override void BindDateOnly(int index, DateOnly value) => Set(index, value, NpgsqlDbType.Date);

    /// <summary>Binds a <c>time</c> (without time zone).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a fraction of a microsecond.</exception>
    public override void BindTimeOnly(int index, TimeOnly value)
    {
        if (value.Ticks % 10 != 0)
        {
            throw new ArgumentException(ErrorMessages.SubMicrosecond(nameof(TimeOnly)), nameof(value));
        }

        Set(index, value, NpgsqlDbType.Time);
    }

    /// <summary>Binds an <c>interval</c> (of days and time; no months).</summary>
    /// <param name="index">The parameter's zero-based index.</param><param name="value">The value.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> has a fraction of a microsecond.</exception>
    public override void BindTimeSpan(int index, TimeSpan value)
    {
        if (value.Ticks % 10 != 0)
        {
            throw new ArgumentException(ErrorMessages.SubMicrosecond(nameof(TimeSpan)), nameof(value));
        }

        Set(index, value, NpgsqlDbType.Interval);
    }

    private void Set<T>(int index, T value, NpgsqlDbType type)
    {
        CheckIndex(index);
        if (_command.Parameters[index] is NpgsqlParameter<T> typed && typed.NpgsqlDbType == type)
        {
            typed.TypedValue = value;
        }
        else
        {
            _command.Parameters[index] = new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type };
            _retyped = true;
        }

        if (_echoValues is not null)
        {
            Remember(index, value);
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_tokens.Length)
        {
            throw new GenOrmException(
                ErrorMessages.BindFailed(index, Sql, $"the statement has {_tokens.Length} parameter(s)"), null, null, Sql, null);
        }
    }

    /// <summary>Remembers a bound value for echo, in the form SQLite's echo shows it, so that both print the same.</summary>
    private void Remember(int index, object? value)
    {
        if (_echoValues is not null)
        {
            _echoValues[index] = value is null ? null : DbValue.FromObject(value) is var stored and not DBNull ? stored : null;
        }
    }

    // ---- Reading ----
    // The current row is the reader's, or, once the rest of the result was read ahead (ReadAhead), one kept in memory:
    // the getters read each value through IsNull, ValueAt, StoredAt and TypeNameAt, which take it from either.

    private NpgsqlDataReader Reader => _reader ?? throw new InvalidOperationException("The statement has no current row.");

    /// <summary>Gets the reader when the current row is read from it (not from the rows read ahead): the getters' fast path.</summary>
    private NpgsqlDataReader? Live => _ahead is null ? _reader : null;

    private bool IsNull(int ordinal) => _ahead is { } ahead ? ahead.IsNull(ordinal) : Reader.IsDBNull(ordinal);

    private T ValueAt<T>(int ordinal) => _ahead is { } ahead ? ahead.Get<T>(ordinal) : Reader.GetFieldValue<T>(ordinal);

    private object StoredAt(int ordinal) => _ahead is { } ahead ? ahead.Get<object>(ordinal) : Reader.GetValue(ordinal);

    private string TypeNameAt(int ordinal) => _ahead is { } ahead ? ahead.TypeName(ordinal) : Reader.GetDataTypeName(ordinal);

    /// <inheritdoc/>
    public override bool IsDBNull(int ordinal) => IsNull(ordinal);

    /// <summary>Gets whether the value at <paramref name="ordinal"/> is of a text type (<c>text</c>, <c>varchar</c>, <c>char</c>, <c>name</c>, ...).</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>Whether the value is text.</returns>
    public override bool IsText(int ordinal) => !IsNull(ordinal) && IsTextColumn(ordinal);

    /// <summary>Reads a <c>smallint</c>, <c>integer</c> or <c>bigint</c> column, or a whole <c>numeric</c> in the range of <see cref="long"/>.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, or a value of another type, or a numeric that is no whole number in the range.</exception>
    public override long GetInt64(int ordinal) => ReadInteger(ordinal, "long");

    /// <inheritdoc/>
    public override int GetInt32(int ordinal) => (int)ReadInteger(ordinal, "int", int.MinValue, int.MaxValue);

    /// <inheritdoc/>
    public override short GetInt16(int ordinal) => (short)ReadInteger(ordinal, "short", short.MinValue, short.MaxValue);

    /// <inheritdoc/>
    public override byte GetByte(int ordinal) => (byte)ReadInteger(ordinal, "byte", byte.MinValue, byte.MaxValue);

    /// <inheritdoc/>
    public override sbyte GetSByte(int ordinal) => (sbyte)ReadInteger(ordinal, "sbyte", sbyte.MinValue, sbyte.MaxValue);

    /// <inheritdoc/>
    public override ushort GetUInt16(int ordinal) => (ushort)ReadInteger(ordinal, "ushort", ushort.MinValue, ushort.MaxValue);

    /// <inheritdoc/>
    public override uint GetUInt32(int ordinal) => (uint)ReadInteger(ordinal, "uint", uint.MinValue, uint.MaxValue);

    /// <summary>Reads a <c>numeric(20,0)</c> (or an integer) column as <see cref="ulong"/>, checking its range.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no whole number from 0 to <see cref="ulong.MaxValue"/>.</exception>
    public override ulong GetUInt64(int ordinal)
    {
        if (TypeAt(ordinal) == OidNumeric)
        {
            decimal value = ReadNumeric(ordinal, "ulong");
            return value >= 0 && value <= ulong.MaxValue && decimal.Truncate(value) == value
                ? (ulong)value
                : throw OutOfRange(ordinal, "ulong");
        }

        long integer = ReadInteger(ordinal, "ulong");
        return integer >= 0 ? (ulong)integer : throw OutOfRange(ordinal, "ulong");
    }

    /// <summary>Reads a <c>boolean</c> column.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type.</exception>
    public override bool GetBoolean(int ordinal) => Read<bool>(ordinal, OidBool, "bool");

    /// <summary>Reads a <c>double precision</c> or <c>real</c> column, or an integer that <see cref="double"/> holds exactly.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a value of another type, or an integer too large to be exact.</exception>
    public override double GetDouble(int ordinal) => ReadReal(ordinal, "double");

    /// <summary>Reads a <c>real</c> or <c>double precision</c> column as <see cref="float"/>.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds no number, or a finite number outside the range of <see cref="float"/>.</exception>
    public override float GetFloat(int ordinal)
    {
        if (TypeAt(ordinal) == OidFloat4)
        {
            return Read<float>(ordinal, "float");
        }

        double value = ReadReal(ordinal, "float");
        float narrowed = (float)value;
        return float.IsInfinity(narrowed) && !double.IsInfinity(value) ? throw OutOfRange(ordinal, "float") : narrowed;
    }

    /// <summary>Reads a text column (<c>text</c>, <c>varchar</c>, <c>char</c>, <c>name</c>, ...).</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type.</exception>
    public override string GetString(int ordinal)
    {
        // The common case, a live row's text column: Npgsql's own getter, not the generic path, which is slower for a
        // reference type. The value and the errors are the same (StreamInterleavingContractTests compares them).
        if (Live is { } reader && (uint)ordinal < (uint)_texts.Length && _texts[ordinal])
        {
            try
            {
                return reader.GetString(ordinal);
            }
            catch (InvalidCastException) when (reader.IsDBNull(ordinal))
            {
                throw UnreadableValue(ordinal, "string", "NULL");
            }
        }

        return IsTextColumn(ordinal) ? Read<string>(ordinal, "string") : throw WrongType(ordinal, "string");
    }

    /// <summary>Reads a <c>bytea</c> column.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The bytes.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type.</exception>
    public override byte[] GetBytes(int ordinal) => Read<byte[]>(ordinal, OidBytea, "byte[]");

    /// <summary>Reads a <c>numeric</c> (or integer) column, exactly.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a value of another type, or a numeric outside the range of <see cref="decimal"/>.</exception>
    public override decimal GetDecimal(int ordinal) => TypeAt(ordinal) switch
    {
        OidNumeric => ReadNumeric(ordinal, "decimal"),
        OidInt2 => Read<short>(ordinal, "decimal"),
        OidInt4 => Read<int>(ordinal, "decimal"),
        OidInt8 => Read<long>(ordinal, "decimal"),
        _ => throw WrongType(ordinal, "decimal"),
    };

    /// <summary>Reads a <c>[Column(Scale = n)]</c> decimal column (<c>numeric(19, n)</c>), with exactly <paramref name="scale"/> decimal places.</summary>
    /// <param name="ordinal">The column's ordinal.</param><param name="scale">The column's scale, 0 to 18.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a value of another type, or a number with more decimal places than the scale.</exception>
    public override decimal GetScaledDecimal(int ordinal, int scale) =>
        DbValue.WithScale(GetDecimal(ordinal), scale) ?? throw OutOfRange(ordinal, "decimal");

    /// <summary>Reads a <c>uuid</c> column.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type.</exception>
    public override Guid GetGuid(int ordinal) => Read<Guid>(ordinal, OidUuid, "Guid");

    /// <summary>Reads a <c>timestamp</c> column (kind <see cref="DateTimeKind.Unspecified"/>).</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type (a <c>timestamptz</c> is read as <see cref="DateTimeOffset"/>).</exception>
    public override DateTime GetDateTime(int ordinal) => Read<DateTime>(ordinal, OidTimestamp, "DateTime");

    /// <summary>Reads a <c>timestamptz</c> column: the instant, with offset 0.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type.</exception>
    public override DateTimeOffset GetDateTimeOffset(int ordinal) => Read<DateTimeOffset>(ordinal, OidTimestampTz, "DateTimeOffset");

    /// <summary>Reads a <c>date</c> column.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL or a value of another type.</exception>
    public override DateOnly GetDateOnly(int ordinal) => Read<DateOnly>(ordinal, OidDate, "DateOnly");

    /// <summary>Reads a <c>time</c> column.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a value of another type, or 24:00:00 (which <see cref="TimeOnly"/> cannot hold).</exception>
    public override TimeOnly GetTimeOnly(int ordinal)
    {
        TimeSpan time = Read<TimeSpan>(ordinal, OidTime, "TimeOnly");
        return time < TimeSpan.FromDays(1) ? TimeOnly.FromTimeSpan(time) : throw UnreadableValue(ordinal, "TimeOnly", "the time 24:00:00");
    }

    /// <summary>Reads an <c>interval</c> column (days and time; an interval with months has no exact <see cref="TimeSpan"/>).</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The value.</returns>
    /// <exception cref="GenOrmException">The row holds NULL, a value of another type, or an interval with months or years.</exception>
    public override TimeSpan GetTimeSpan(int ordinal) =>
        TypeAt(ordinal) == OidInterval
            ? Read<TimeSpan>(ordinal, "TimeSpan", refused: "an interval with months or years, which has no exact length")
            : throw WrongType(ordinal, "TimeSpan");

    /// <summary>Gets the name of the result column at <paramref name="ordinal"/>.</summary>
    /// <param name="ordinal">The column's ordinal.</param><returns>The name.</returns>
    public override string GetName(int ordinal) => _reader is { } reader ? reader.GetName(ordinal) : Columns()[ordinal];

    /// <summary>
    /// Creates the exception for a value that cannot be read exactly as the member's type. The message names the
    /// table (the column's own table, from the server's description of the result) and the column, and what was
    /// found, never the value itself.
    /// </summary>
    /// <param name="ordinal">The column's ordinal in the current row.</param>
    /// <param name="clrType">The C# type the member has, such as <c>int</c> or <c>DateTime</c>.</param>
    /// <param name="found">What the row holds instead, such as <c>NULL</c> or <c>a text value</c>.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public override GenOrmException UnreadableValue(int ordinal, string clrType, string found)
    {
        (string? table, string? origin) = _connection.Driver.ColumnOrigin(_command, ordinal);
        string column = origin ?? GetName(ordinal);
        return new GenOrmException(ErrorMessages.UnreadableValue(table, column, clrType, found), table, column, Sql, null);
    }

    /// <inheritdoc/>
    internal override string StorageClassName(int ordinal) => Describe(ordinal);

    /// <summary>
    /// Reads the value for a <see cref="Row"/>: integers as <see cref="long"/> and <c>real</c> as <see cref="double"/>
    /// (the forms a SQLite row holds, so that <c>Row.Get</c> converts them the same on both), every other type as
    /// Npgsql reads it (<see cref="string"/>, <see cref="bool"/>, <see cref="decimal"/>, <see cref="Guid"/>, <see cref="DateTime"/>, ...);
    /// NULL as <see langword="null"/>.
    /// </summary>
    internal override object? GetStoredValue(int ordinal)
    {
        if (IsNull(ordinal))
        {
            return null;
        }

        return TypeAt(ordinal) switch
        {
            OidInt2 => (long)ValueAt<short>(ordinal),
            OidInt4 => (long)ValueAt<int>(ordinal),
            OidInt8 => ValueAt<long>(ordinal),
            OidFloat4 => (double)ValueAt<float>(ordinal),
            OidTimestampTz => ValueAt<DateTimeOffset>(ordinal),
            _ => StoredValue(ordinal),
        };
    }

    /// <summary>Reads a value as Npgsql gives it; a type Npgsql does not read (<c>inet</c>, an array) is a clear error that names the column.</summary>
    private object StoredValue(int ordinal)
    {
        try
        {
            return StoredAt(ordinal);
        }
        catch (InvalidCastException e)
        {
            string column = GetName(ordinal);
            throw new GenOrmException(ErrorMessages.UnreadablePostgresType(column, TypeNameAt(ordinal)), null, column, Sql, e);
        }
    }

    /// <summary>Gets the column's type (its OID), as learned from the result's description.</summary>
    private uint TypeAt(int ordinal) => (uint)ordinal < (uint)_types.Length ? _types[ordinal] : Reader.GetDataTypeOID(ordinal);

    /// <summary>Gets whether Npgsql reads the column as a string (<c>text</c>, <c>varchar</c>, <c>name</c>, <c>citext</c>, ...).</summary>
    private bool IsTextColumn(int ordinal) =>
        (uint)ordinal < (uint)_texts.Length ? _texts[ordinal] : ReadsAsString(Reader, ordinal);

    /// <summary>Reads a column of type <paramref name="oid"/> as <typeparamref name="T"/> (see <see cref="Read{T}(int, string, string?)"/>).</summary>
    private T Read<T>(int ordinal, uint oid, string clrType) =>
        TypeAt(ordinal) == oid ? Read<T>(ordinal, clrType) : throw WrongType(ordinal, clrType);

    /// <summary>
    /// Reads the value as <typeparamref name="T"/>, from a column whose type the caller has checked. NULL is found when
    /// Npgsql's typed read refuses it (<see cref="InvalidCastException"/>, the type being right), instead of an
    /// <c>IsDBNull</c> before every value: the hand-written reader of a NOT NULL column does not ask either. The
    /// message is the same as when asked first.
    /// </summary>
    /// <param name="ordinal">The column's ordinal.</param>
    /// <param name="clrType">The member's C# type, for the message.</param>
    /// <param name="refused">What the message says the row holds when Npgsql refuses a value that is not NULL (a
    /// numeric beyond <see cref="decimal"/>); <see langword="null"/> to let that exception through.</param>
    private T Read<T>(int ordinal, string clrType, string? refused = null)
    {
        try
        {
            return ValueAt<T>(ordinal);
        }
        catch (InvalidCastException) when (IsNull(ordinal))
        {
            throw UnreadableValue(ordinal, clrType, "NULL");
        }
        catch (Exception e) when (refused is not null && e is InvalidCastException or OverflowException)
        {
            throw UnreadableValue(ordinal, clrType, refused);
        }
    }

    private long ReadInteger(int ordinal, string clrType, long min, long max)
    {
        long value = ReadInteger(ordinal, clrType);
        return value >= min && value <= max ? value : throw OutOfRange(ordinal, clrType);
    }

    private long ReadInteger(int ordinal, string clrType)
    {
        // The common cases, a live row's bigint or integer column, straight to Npgsql's getter.
        if (Live is { } reader && (uint)ordinal < (uint)_types.Length)
        {
            try
            {
                switch (_types[ordinal])
                {
                    case OidInt8:
                        return reader.GetInt64(ordinal);
                    case OidInt4:
                        return reader.GetInt32(ordinal);
                }
            }
            catch (InvalidCastException) when (reader.IsDBNull(ordinal))
            {
                throw UnreadableValue(ordinal, clrType, "NULL");
            }
        }

        switch (TypeAt(ordinal))
        {
            case OidInt8:
                return Read<long>(ordinal, clrType);
            case OidInt4:
                return Read<int>(ordinal, clrType);
            case OidInt2:
                return Read<short>(ordinal, clrType);
            case OidNumeric:
            {
                // sum(bigint) and numeric(20,0) are numeric: a whole number in range reads exactly.
                decimal value = ReadNumeric(ordinal, clrType);
                return decimal.Truncate(value) == value && value >= long.MinValue && value <= long.MaxValue
                    ? (long)value
                    : throw UnreadableValue(ordinal, clrType, "a numeric that is not a whole number in the range of long");
            }

            default:
                throw WrongType(ordinal, clrType);
        }
    }

    private double ReadReal(int ordinal, string clrType)
    {
        switch (TypeAt(ordinal))
        {
            case OidFloat8:
                return Read<double>(ordinal, clrType);
            case OidFloat4:
                return Read<float>(ordinal, clrType);
            case OidInt2:
                return Read<short>(ordinal, clrType);
            case OidInt4:
                return Read<int>(ordinal, clrType);
            case OidInt8:
            {
                long integer = Read<long>(ordinal, clrType);
                return integer is >= -MaxExactDoubleInteger and <= MaxExactDoubleInteger
                    ? integer
                    : throw UnreadableValue(ordinal, clrType, "a bigint too large to be exact as a " + clrType);
            }

            default:
                throw WrongType(ordinal, clrType);
        }
    }

    private decimal ReadNumeric(int ordinal, string clrType) =>
        Read<decimal>(ordinal, clrType, refused: "a numeric outside the range of decimal (or NaN)");

    private GenOrmException WrongType(int ordinal, string clrType) => UnreadableValue(ordinal, clrType, Describe(ordinal));

    private GenOrmException OutOfRange(int ordinal, string clrType) =>
        UnreadableValue(ordinal, clrType, "a number outside the range of " + clrType);

    /// <summary>Describes the value at <paramref name="ordinal"/>: <c>NULL</c>, or its PostgreSQL type (<c>a text value</c>, <c>an integer value</c>).</summary>
    private string Describe(int ordinal)
    {
        if (IsNull(ordinal))
        {
            return "NULL";
        }

        string type = TypeNameAt(ordinal);
        return ("aeiou".Contains(type[0], StringComparison.Ordinal) ? "an " : "a ") + type + " value";
    }
}
