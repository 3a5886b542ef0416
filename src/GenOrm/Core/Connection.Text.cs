using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using GenOrm.Internal;
using System.Data.Common;

namespace GenOrm;

/// <summary>
/// SQL text (<see cref="Sql"/>) on the statement path: <c>Execute</c>, its batches, <c>CreateTable</c> scripts and
/// migrations run on the same prepared statements, cache, implicit transaction, error path, echo and telemetry as
/// generated code. A text of several statements runs statement by statement, each prepared from the tail of the one
/// before when the script gets there, so that it sees what the statements before it created.
/// </summary>
public sealed partial class Connection
{
    /// <summary>Tells <see cref="Run{TState, TOut}"/> not to echo each execution of a batch: the batch echoes once, at its end.</summary>
    internal const string BatchMarker = "batch";

    private static readonly Func<object?, string, (bool Found, object? Value)> NoValues = static (_, _) => (false, null);

    private static readonly Func<Params?, string, (bool Found, object? Value)> ParamsValue =
        static (p, name) => p is not null && p.TryGetValue(name, out object? value) ? (true, value) : (false, null);

    private static (bool Found, object? Value) EntityValue<T>(T entity, string name)
        where T : ITable<T> =>
        T.TryGetParameterValue(entity, name, out object? value) ? (true, value) : (false, null);

    /// <summary>
    /// Runs SQL text, one statement or several, with the values <paramref name="lookup"/> finds in
    /// <paramref name="source"/>, and reads the rows of its first statement that returns columns (as ADO.NET does).
    /// </summary>
    /// <remarks><paramref name="implicitTransaction"/> is <see langword="false"/> for a statement that must run outside a transaction.</remarks>
    internal Result ExecuteText<TSource>(
        Sql sql,
        Func<TSource, string, (bool Found, object? Value)> lookup,
        TSource source,
        string? tableName,
        CancellationToken cancellationToken,
        bool implicitTransaction = true)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        object[] values = Values(sql, source, lookup, tableName);
        cancellationToken.ThrowIfCancellationRequested();
        using Statement statement = LendText(sql.CommandText, tableName, cancellationToken, implicitTransaction);
        return Run(statement, tableName, cancellationToken, (connection: this, sql, values, tableName), static (state, s) => state.connection.RunScript(s, state.sql, state.values, state.tableName), implicitTransaction: implicitTransaction);
    }

    /// <summary>The asynchronous twin of <see cref="ExecuteText{TSource}"/>.</summary>
    internal async ValueTask<Result> ExecuteTextAsync<TSource>(
        Sql sql,
        Func<TSource, string, (bool Found, object? Value)> lookup,
        TSource source,
        string? tableName,
        CancellationToken cancellationToken,
        bool implicitTransaction = true)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        object[] values = Values(sql, source, lookup, tableName);
        cancellationToken.ThrowIfCancellationRequested();
        using Statement statement = await use.Held(LendTextAsync(sql.CommandText, tableName, cancellationToken, implicitTransaction));
        return await use.Held(RunAsync(statement, tableName, cancellationToken, (connection: this, sql, values, tableName), static (state, s, token) => state.connection.RunScriptAsync(s, state.sql, state.values, state.tableName, token), implicitTransaction: implicitTransaction)
            );
    }

    /// <summary>
    /// Runs SQL text once per item inside a savepoint (see <see cref="InSavepoint{TResult}"/>), echoed and recorded
    /// once as a batch.
    /// </summary>
    private Result ExecuteBatch<TSource>(
        Sql sql, IEnumerable<TSource> batch, Func<TSource, string, (bool Found, object? Value)> lookup, string? tableName, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        Statement? statement = null;
        try
        {
            int total = RunBatch(sql.CommandText, tableName, batch, nameof(batch), item =>
            {
                object[] values = Values(sql, item, lookup, tableName);
                statement ??= LendText(sql.CommandText, tableName, cancellationToken, implicitTransaction: true);
                Result result = Run(statement, tableName, cancellationToken, (connection: this, sql, values, tableName), static (state, s) => state.connection.RunScript(s, state.sql, state.values, state.tableName), BatchMarker);
                return (statement, result.RowsAffected);
            });
            return new Result(Array.Empty<string>(), new List<Row>(), total, sql.CommandText);
        }
        finally
        {
            statement?.Dispose();
        }
    }

    /// <summary>The asynchronous twin of <see cref="ExecuteBatch{TSource}"/>.</summary>
    private async ValueTask<Result> ExecuteBatchAsync<TSource>(
        Sql sql, IEnumerable<TSource> batch, Func<TSource, string, (bool Found, object? Value)> lookup, string? tableName, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        Statement? statement = null;
        try
        {
            int total = await use.Held(RunBatchAsync(sql.CommandText, tableName, batch, nameof(batch), cancellationToken, async item =>
            {
                object[] values = Values(sql, item, lookup, tableName);
                statement ??= await use.Held(LendTextAsync(sql.CommandText, tableName, cancellationToken, implicitTransaction: true));
                Result result = await use.Held(RunAsync(statement, tableName, cancellationToken, (connection: this, sql, values, tableName), static (state, s, token) => state.connection.RunScriptAsync(s, state.sql, state.values, state.tableName, token), BatchMarker)
                    );
                return (statement, result.RowsAffected);
            }));
            return new Result(Array.Empty<string>(), new List<Row>(), total, sql.CommandText);
        }
        finally
        {
            statement?.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="execute"/> once per item inside a savepoint: if one fails, none of the batch's changes
    /// remain. Echoes the statement once with (up to ten of) its parameter sets, and records one span for the batch.
    /// </summary>
    /// <param name="sql">The statement's text, for echo.</param>
    /// <param name="tableName">The table, for errors and telemetry.</param>
    /// <param name="items">The items.</param>
    /// <param name="itemsName">The name of the argument that holds the items.</param>
    /// <param name="execute">Runs (or keeps for later: see <paramref name="finish"/>) one item; returns its statement and the rows it changed.</param>
    /// <param name="finish">Runs, inside the savepoint after the last item, what <paramref name="execute"/> kept (parameter sets); returns the rows it changed.</param>
    /// <returns>The rows changed, over all items.</returns>
    /// <exception cref="ArgumentException">An item is <see langword="null"/>.</exception>
    internal int RunBatch<TItem>(
        string sql, string? tableName, IEnumerable<TItem> items, string itemsName, Func<TItem, (Statement Statement, int Affected)> execute, Func<int>? finish = null)
    {
        using UseScope use = Enter();
        var batch = new BatchEcho(_echo is not null);
        int total = InSavepoint(() =>
        {
            int affected = 0;
            foreach (TItem item in items)
            {
                batch.CheckItem(item, itemsName);
                (Statement statement, int changed) = execute(item);
                affected += changed;
                batch.Ran(statement);
            }

            return affected + (finish?.Invoke() ?? 0);
        });

        EndBatch(sql, tableName, batch, total);
        return total;
    }

    /// <summary>The asynchronous twin of <see cref="RunBatch{TItem}"/>: each execution, and the savepoint, is awaited.</summary>
    internal async ValueTask<int> RunBatchAsync<TItem>(
        string sql,
        string? tableName,
        IEnumerable<TItem> items,
        string itemsName,
        CancellationToken cancellationToken,
        Func<TItem, ValueTask<(Statement Statement, int Affected)>> execute,
        Func<ValueTask<int>>? finish = null)
    {
        using UseScope use = Enter();
        var batch = new BatchEcho(_echo is not null);
        int total = await use.Held(InSavepointAsync(
            async () =>
            {
                int affected = 0;
                foreach (TItem item in items)
                {
                    batch.CheckItem(item, itemsName);
                    (Statement statement, int changed) = await use.Held(execute(item));
                    affected += changed;
                    batch.Ran(statement);
                }

                return finish is null ? affected : affected + await use.Held(finish());
            },
            cancellationToken));

        EndBatch(sql, tableName, batch, total);
        return total;
    }

    private void EndBatch(string sql, string? tableName, BatchEcho batch, int total)
    {
        _transactionHasWork = true;
        EchoBatch(sql, batch.Start, batch.Detail, tableName, batch.Count, total);
    }

    /// <summary>What a batch keeps for its one echo line and span: its start, the count, and (up to ten of) its parameter sets.</summary>
    private struct BatchEcho(bool echoing)
    {
        private readonly List<string>? _shown = echoing ? new List<string>() : null;

        public long Start { get; } = Telemetry.Start(echoing);

        public int Count { get; private set; }

        public string? Detail => _shown is null ? null : EchoLog.FormatBatch(_shown, Count);

        /// <exception cref="ArgumentException"><paramref name="item"/> is <see langword="null"/>.</exception>
        public void CheckItem<TItem>(TItem item, string itemsName)
        {
            if (item is null)
            {
                throw new ArgumentException(ErrorMessages.NullBatchItem(Count), itemsName);
            }
        }

        public void Ran(Statement statement)
        {
            if (_shown is not null && EchoLog.ShowsSet(Count))
            {
                _shown.Add(statement.FormatParameters());
            }

            Count++;
        }
    }

    /// <summary>
    /// Runs a statement that SQLite ignores inside a transaction (<c>PRAGMA foreign_keys = OFF</c>), with no
    /// transaction open and without beginning one, on the statement path like every other statement.
    /// </summary>
    /// <exception cref="InvalidOperationException">A transaction is in progress.</exception>
    /// <exception cref="GenOrmException">SQLite reported an error.</exception>
    internal void ExecuteOutsideTransaction(string sql)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        ThrowIfRolledBackBySqlite();
        if (_inTransaction)
        {
            throw new InvalidOperationException(ErrorMessages.MigrateInTransaction());
        }

        ExecuteText(Sql.Text(sql), NoValues, null, null, CancellationToken.None, implicitTransaction: false);
    }

    /// <summary>
    /// Lends the statement for SQL text (its first statement, for a script). The implicit transaction begins first, as
    /// it does before any statement runs; a text SQLite cannot prepare fails on the common error path.
    /// </summary>
    private Statement LendText(string sql, string? tableName, CancellationToken cancellationToken, bool implicitTransaction)
    {
        if (implicitTransaction && MustBeginFirst(CancellationToken.None, implicitTransaction))
        {
            BeginImplicitTransaction();
        }

        return LendTextStatement(sql, tableName, cancellationToken);
    }

    /// <summary>The asynchronous twin of <see cref="LendText"/>: the implicit <c>BEGIN</c> is awaited.</summary>
    private async ValueTask<Statement> LendTextAsync(string sql, string? tableName, CancellationToken cancellationToken, bool implicitTransaction)
    {
        using UseScope use = Enter();
        if (implicitTransaction && MustBeginFirst(CancellationToken.None, implicitTransaction))
        {
            await use.Held(BeginImplicitTransactionAsync(cancellationToken));
        }

        return LendTextStatement(sql, tableName, cancellationToken);
    }

    private Statement LendTextStatement(string sql, string? tableName, CancellationToken cancellationToken)
    {
        long start = Telemetry.Start(_echo is not null);
        try
        {
            return Lend(sql, script: true);
        }
        catch (DbException e) when (e is not GenOrmException)
        {
            throw Fail(e, null, start, tableName, cancellationToken, sql);
        }
    }

    /// <summary>Finds the value of each parameter of <paramref name="sql"/>, as the driver binds it (SQLite: storage form), before anything runs.</summary>
    /// <exception cref="GenOrmException">A parameter has no value; the message names it.</exception>
    /// <exception cref="ArgumentException">A value has a type the database cannot store.</exception>
    private object[] Values<TSource>(Sql sql, TSource source, Func<TSource, string, (bool Found, object? Value)> lookup, string? entityTable)
    {
        IReadOnlyList<SqlParameterToken> tokens = sql.ParametersFor(_engine.Kind);
        if (tokens.Count == 0)
        {
            return Array.Empty<object>();
        }

        var values = new object[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            SqlParameterToken token = tokens[i];
            var (found, value) = lookup(source, token.Name);
            if (!found)
            {
                string message = entityTable is null
                    ? ErrorMessages.MissingParameter(token.Token, token.Name, sql.CommandText)
                    : ErrorMessages.MissingEntityParameter(token.Token, token.Name, entityTable, sql.CommandText);
                throw new GenOrmException(message, entityTable, null, sql.CommandText, null);
            }

            values[i] = _engine.Driver.ParameterValue(value);
        }

        return values;
    }

    /// <summary>
    /// Binds the values of <paramref name="sql"/>'s named parameters to the ones <paramref name="statement"/> has. A
    /// parameter that no name covers (a nameless <c>?</c>, or <c>?1</c>) is an error: it would run as NULL.
    /// </summary>
    /// <exception cref="GenOrmException">The statement has a parameter that takes no named value.</exception>
    private void BindText(Statement statement, Sql sql, object[] values, string? tableName)
    {
        IReadOnlyList<SqlParameterToken> tokens = sql.ParametersFor(_engine.Kind);
        int bound = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (statement.BindNamed(tokens[i].Token, values[i]))
            {
                bound++;
            }
        }

        int count = statement.ParameterCount;
        if (bound == count)
        {
            return;
        }

        for (int j = 0; j < count; j++)
        {
            string? name = statement.ParameterName(j);
            bool named = false;
            foreach (SqlParameterToken token in tokens)
            {
                named |= token.Token == name;
            }

            if (!named)
            {
                throw new GenOrmException(ErrorMessages.UnnamedParameter(name ?? "?", sql.CommandText), tableName, null, sql.CommandText, null);
            }
        }
    }

    /// <summary>
    /// Runs each statement of a text in turn and keeps the rows of the first that returns columns;
    /// <see cref="Result.RowsAffected"/> counts the rows every <c>INSERT</c>, <c>UPDATE</c> and <c>DELETE</c> of it changed.
    /// </summary>
    private Result RunScript(Statement head, Sql sql, object[] values, string? tableName)
    {
        var script = new ScriptRun(this, head, sql, values, tableName);
        for (Statement? part = head; part is not null; part = part.Next())
        {
            script.StartPart(part);
            bool more = Step(part, first: true);
            bool keepRows = script.TakeColumns(part);
            while (more)
            {
                script.Row(part, keepRows);
                more = Step(part, first: false);
            }

            script.EndPart(part);
        }

        return script.Finish();
    }

    /// <summary>The asynchronous twin of <see cref="RunScript"/>: each step is awaited.</summary>
    private async ValueTask<Result> RunScriptAsync(Statement head, Sql sql, object[] values, string? tableName, CancellationToken cancellationToken)
    {
        using UseScope use = Enter();
        var script = new ScriptRun(this, head, sql, values, tableName);
        for (Statement? part = head; part is not null; part = part.Next())
        {
            script.StartPart(part);
            bool more = await use.Held(StepAsync(part, first: true, cancellationToken));
            bool keepRows = script.TakeColumns(part);
            while (more)
            {
                script.Row(part, keepRows);
                more = await use.Held(StepAsync(part, first: false, cancellationToken));
            }

            script.EndPart(part);
        }

        return script.Finish();
    }

    /// <summary>What <see cref="RunScript"/> and its twin share: binding each part, keeping the first result's rows, counting changes.</summary>
    private struct ScriptRun(Connection connection, Statement head, Sql sql, object[] values, string? tableName)
    {
        private string[]? _columns;
        private RowSchema? _schema;
        private List<Row>? _rows;
        private long _affected;
        private long _changesBefore;

        /// <summary>Binds <paramref name="part"/>, before it runs.</summary>
        public void StartPart(Statement part)
        {
            head.ActivePart = part;
            connection.BindText(part, sql, values, tableName);
            _changesBefore = connection._physical.ChangeCounter();
        }

        /// <summary>
        /// Once <paramref name="part"/> has run (its first step): takes its column names if its rows are the result's (the
        /// first part that returns columns), and returns whether they are. Asked after the run, since PostgreSQL
        /// describes a statement it has not run only in a round trip of its own.
        /// </summary>
        public bool TakeColumns(Statement part)
        {
            int count = part.ColumnCount;
            if (_columns is not null || count == 0)
            {
                return false;
            }

            _columns = new string[count];
            for (int i = 0; i < count; i++)
            {
                _columns[i] = part.GetName(i);
            }

            _schema = new RowSchema(_columns);
            _rows = new List<Row>();
            return true;
        }

        public void Row(Statement part, bool keep)
        {
            if (!keep)
            {
                return;
            }

            var row = new object?[_columns!.Length];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = part.GetStoredValue(i);
            }

            _rows!.Add(new Row(_schema!, row));
        }

        public void EndPart(Statement part)
        {
            // sqlite3_changes() keeps the last write's count through DDL and SELECT: count it only after a write.
            if (connection._physical.ChangeCounter() != _changesBefore)
            {
                _affected += connection.Changes();
            }

            if (part != head)
            {
                part.Reset();
            }
        }

        public Result Finish()
        {
            head.ActivePart = null;
            head.Rows = _rows?.Count ?? 0;
            head.ChangedRows = _affected;
            return new Result(_columns ?? Array.Empty<string>(), _rows ?? new List<Row>(), checked((int)_affected), sql.CommandText);
        }
    }
}
