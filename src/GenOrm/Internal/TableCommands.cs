using System;
using System.Buffers;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace GenOrm.Internal;

/// <summary>
/// Runs the statements that generated code prepares: the implicit transaction, echo, prepared-statement caching,
/// error translation and cancellation all happen here. Used by generated code; not meant to be called directly.
/// </summary>
/// <remarks>
/// The <c>...Async</c> methods await the database driver (PostgreSQL: the network; SQLite, which has no asynchronous
/// I/O, completes every await at once, without allocating) and return <see cref="ValueTask{TResult}"/>: generated
/// <c>async</c> twins await them while they hold the lent statement, and give it back when the await ends. They honour
/// their <see cref="CancellationToken"/>: cancelling stops the running statement, which then throws
/// <see cref="OperationCanceledException"/>; the connection stays usable.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TableCommands
{
    /// <summary>
    /// Lends the connection's prepared statement for <paramref name="sql"/> to one operation, preparing it on first
    /// use. Dispose it when the operation ends (generated code does so with <c>using</c>): until then the connection
    /// belongs to the calling operation (an async twin disposes it after its await) and no other operation gets the statement.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <returns>The statement, lent until disposed.</returns>
    /// <exception cref="InvalidOperationException">Another operation is using the connection.</exception>
    public static Statement Prepare(Connection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Lend(sql);
    }

    /// <summary>
    /// Lends the connection's prepared statement for the text of its database, as <see cref="Prepare(Connection, string)"/>
    /// does: <paramref name="postgresSql"/> on PostgreSQL, <paramref name="sql"/> on SQLite. Generated code passes both
    /// where the dialects' texts differ (a null-safe key comparison, <c>INSERT ... RETURNING</c>).
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQLite text, a constant of the generated class.</param>
    /// <param name="postgresSql">The PostgreSQL text, its <c>...Postgres</c> twin.</param>
    /// <returns>The statement, lent until disposed.</returns>
    /// <exception cref="InvalidOperationException">Another thread is using the connection.</exception>
    public static Statement Prepare(Connection connection, string sql, string postgresSql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.Lend(connection.IsPostgres ? postgresSql : sql);
    }

    /// <summary>
    /// Lends the statement of a checked <c>SELECT</c> (a <c>[Query]</c> method's, which names only declared tables and
    /// SQLite's own functions) as <see cref="Prepare(Connection, string)"/> does, marked as one of GenOrm's own reads
    /// (<see cref="Statement.IsOwnRead"/>): it changes nothing and locks no row.
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQL text, a constant of the generated class.</param>
    /// <returns>The statement, lent until disposed.</returns>
    /// <exception cref="InvalidOperationException">Another operation is using the connection.</exception>
    public static Statement PrepareRead(Connection connection, string sql) => OwnRead(Prepare(connection, sql));

    /// <summary>
    /// Lends the statement of a checked <c>SELECT</c> for the text of its database, as
    /// <see cref="Prepare(Connection, string, string)"/> does, marked as one of GenOrm's own reads (see
    /// <see cref="PrepareRead(Connection, string)"/>).
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQLite text, a constant of the generated class.</param>
    /// <param name="postgresSql">The PostgreSQL text, its <c>...Postgres</c> twin.</param>
    /// <returns>The statement, lent until disposed.</returns>
    /// <exception cref="InvalidOperationException">Another operation is using the connection.</exception>
    public static Statement PrepareRead(Connection connection, string sql, string postgresSql) => OwnRead(Prepare(connection, sql, postgresSql));

    /// <summary>
    /// Gets the text of the connection's database: <paramref name="postgresSql"/> on PostgreSQL, <paramref name="sql"/>
    /// on SQLite. Generated code passes both where a statement's texts differ and it hands the text on rather than
    /// preparing it here (a streaming <c>[Query]</c> method).
    /// </summary>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQLite text.</param>
    /// <param name="postgresSql">The PostgreSQL text.</param>
    /// <returns>The text to run.</returns>
    public static string TextFor(Connection connection, string sql, string postgresSql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.IsPostgres ? postgresSql : sql;
    }

    /// <summary>
    /// Runs DDL such as <c>CREATE TABLE</c>. When the table exists with a definition other than the script's first
    /// <c>CREATE TABLE</c>, throws instead of passing silently.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The script.</param>
    /// <exception cref="Migrations.SchemaMismatchException">The table exists with another shape; the message says what differs and points at <c>Schema.Migrate</c>.</exception>
    /// <exception cref="NotSupportedException">The connection is to PostgreSQL: <typeparamref name="T"/>'s code was generated without GenOrm.Npgsql, so it has SQLite's DDL only.</exception>
    public static void ExecuteScript<T>(Connection connection, string sql)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ThrowIfPostgres<T>(connection);
        SyncIo.Result(Migrations.CreateTableGuard.Run(connection, T.TableName, sql, async: false, CancellationToken.None));
    }

    /// <summary>
    /// Runs the <c>CREATE TABLE</c> script of the connection's database: on SQLite <paramref name="sql"/>, checked as
    /// <see cref="ExecuteScript{T}(Connection, string)"/> checks it; on PostgreSQL <paramref name="postgresSql"/>, all
    /// or nothing (in a savepoint), after checking an existing table of that name against
    /// <paramref name="model"/>'s with the live-schema reader behind <c>Schema.Verify</c>.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQLite script.</param>
    /// <param name="postgresSql">The PostgreSQL script.</param>
    /// <param name="model">The assembly's schema model (<c>Schema.Current</c>), which holds <typeparamref name="T"/>'s table.</param>
    /// <exception cref="Migrations.SchemaMismatchException">The table exists with another shape; the message says what differs and points at <c>Schema.Migrate</c>.</exception>
    public static void ExecuteScript<T>(Connection connection, string sql, string postgresSql, Migrations.SchemaModel model)
        where T : ITable<T> =>
        SyncIo.Result(RunScript<T>(connection, sql, postgresSql, model, async: false, CancellationToken.None));

    /// <summary>
    /// Runs the <c>CREATE TABLE</c> script of the connection's database, as <see cref="ExecuteScript{T}(Connection, string, string, Migrations.SchemaModel)"/>
    /// does, awaiting the driver: on PostgreSQL the catalog reads, the savepoint and the script are Npgsql's asynchronous
    /// I/O, and the token cancels the running statement on the server (<see cref="OperationCanceledException"/>; nothing
    /// of the script remains). On SQLite every await completes at once.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The SQLite script.</param>
    /// <param name="postgresSql">The PostgreSQL script.</param>
    /// <param name="model">The assembly's schema model (<c>Schema.Current</c>), which holds <typeparamref name="T"/>'s table.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>A task that completes when the script has run.</returns>
    /// <exception cref="Migrations.SchemaMismatchException">The table exists with another shape; the message says what differs and points at <c>Schema.Migrate</c>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Task ExecuteScriptAsync<T>(Connection connection, string sql, string postgresSql, Migrations.SchemaModel model, CancellationToken cancellationToken)
        where T : ITable<T> =>
        RunScript<T>(connection, sql, postgresSql, model, async: true, cancellationToken).AsTask();

    private static ValueTask<int> RunScript<T>(Connection connection, string sql, string postgresSql, Migrations.SchemaModel model, bool async, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        return connection.IsPostgres
            ? Migrations.CreateTableGuard.RunPostgres(connection, T.TableName, postgresSql, model.FindTable(T.TableName), async, cancellationToken)
            : Migrations.CreateTableGuard.Run(connection, T.TableName, sql, async, cancellationToken);
    }

    /// <summary>
    /// Refuses to run a table's SQLite-only DDL on PostgreSQL: code generated without a reference to GenOrm.Npgsql
    /// carries no PostgreSQL text, and SQLite's <c>STRICT</c> table would fail there with a syntax error that says nothing useful.
    /// </summary>
    private static void ThrowIfPostgres<T>(Connection connection)
        where T : ITable<T>
    {
        if (connection.IsPostgres)
        {
            throw new NotSupportedException(ErrorMessages.SqliteOnlyTable(T.TableName));
        }
    }

    /// <summary>
    /// Runs DDL such as <c>CREATE TABLE</c>. When the table exists with a definition other than the script's first
    /// <c>CREATE TABLE</c>, throws instead of passing silently.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="sql">The script.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>A task that completes when the script has run.</returns>
    /// <exception cref="Migrations.SchemaMismatchException">The table exists with another shape; the message says what differs and points at <c>Schema.Migrate</c>.</exception>
    /// <exception cref="NotSupportedException">The connection is to PostgreSQL: <typeparamref name="T"/>'s code was generated without GenOrm.Npgsql, so it has SQLite's DDL only.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static Task ExecuteScriptAsync<T>(Connection connection, string sql, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ThrowIfPostgres<T>(connection);
        return Migrations.CreateTableGuard.Run(connection, T.TableName, sql, async: true, cancellationToken).AsTask();
    }

    /// <summary>Reads every row the statement returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The generated <c>SELECT</c> of the columns of <typeparamref name="T"/> in order, which changes nothing.</param>
    /// <returns>The entities.</returns>
    public static List<T> ReadAll<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(OwnRead(statement), T.TableName, CancellationToken.None, connection, static (c, s) => ReadRows<T>(c, s, CancellationToken.None));

    /// <summary>Reads every row the statement returns.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The generated <c>SELECT</c> of the columns of <typeparamref name="T"/> in order, which changes nothing.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The entities.</returns>
    public static ValueTask<List<T>> ReadAllAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        connection.RunAsync(OwnRead(statement), T.TableName, cancellationToken, connection, ReadRowsAsync<T>);

    /// <summary>
    /// Reads the row a lookup on a unique key returns, or <see langword="null"/>: the key admits at most one row, so
    /// the statement is not stepped a second time.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The generated <c>SELECT</c> of the columns of <typeparamref name="T"/> in order, by a unique key.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public static T? ReadUniqueOrDefault<T>(Connection connection, Statement statement)
        where T : class, ITable<T> =>
        connection.Run(OwnRead(statement), T.TableName, CancellationToken.None, connection, static (c, s) => c.Step(s, first: true) ? T.ReadRow(s) : null);

    /// <summary>Reads the row a lookup on a unique key returns, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The generated <c>SELECT</c> of the columns of <typeparamref name="T"/> in order, by a unique key.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <returns>The entity, or <see langword="null"/>.</returns>
    public static ValueTask<T?> ReadUniqueOrDefaultAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : class, ITable<T> =>
        connection.RunAsync(OwnRead(statement), T.TableName, cancellationToken, connection, ReadFirstOrDefaultAsync<T>);

    /// <summary>Runs a statement that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteNonQuery<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, connection, Change);

    /// <summary>Runs a statement that returns no rows.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The number of rows changed.</returns>
    public static ValueTask<int> ExecuteNonQueryAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        connection.RunAsync(statement, T.TableName, cancellationToken, connection, ChangeAsync);

    /// <summary>Runs a statement that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The integer.</returns>
    public static long ExecuteInt64<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, connection, ReadInt64);

    /// <summary>Runs a statement that returns one integer, such as <c>INSERT ... RETURNING "Id"</c>.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The integer.</returns>
    public static ValueTask<long> ExecuteInt64Async<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        connection.RunAsync(statement, T.TableName, cancellationToken, connection, ReadInt64Async);

    /// <summary>Runs an <c>INSERT</c> and returns the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>).</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The assigned key.</returns>
    public static long ExecuteInsertReadRowId<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, connection, InsertReadRowId);

    /// <summary>Runs an <c>INSERT</c> and returns the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>).</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The assigned key.</returns>
    public static ValueTask<long> ExecuteInsertReadRowIdAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        connection.RunAsync(statement, T.TableName, cancellationToken, connection, InsertReadRowIdAsync);

    /// <summary>
    /// Runs an <c>INSERT</c> and returns the key the database assigned, as the connection's driver gives it back: the
    /// row of <c>RETURNING</c> (PostgreSQL, whose text generated code passes to <see cref="Prepare(Connection, string, string)"/>)
    /// or <c>sqlite3_last_insert_rowid</c> (SQLite).
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <returns>The assigned key.</returns>
    public static long ExecuteInsertReadKey<T>(Connection connection, Statement statement)
        where T : ITable<T> =>
        connection.Run(statement, T.TableName, CancellationToken.None, connection, InsertReadKey(connection));

    /// <summary>Runs an <c>INSERT</c> and returns the key the database assigned, as <see cref="ExecuteInsertReadKey{T}"/> does.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="cancellationToken">Stops the statement.</param>
    /// <returns>The assigned key.</returns>
    public static ValueTask<long> ExecuteInsertReadKeyAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T> =>
        connection.RunAsync(statement, T.TableName, cancellationToken, connection, InsertReadKeyAsync(connection));

    /// <summary>
    /// Runs a statement that writes an explicit key into an auto-increment key column (<c>InsertWithKeySql</c>,
    /// <c>UpsertSql</c>); on PostgreSQL it then runs <paramref name="postgresSql"/>, which moves the identity's
    /// sequence past <paramref name="key"/> so that a later generated key cannot collide with it. SQLite needs nothing:
    /// <c>AUTOINCREMENT</c> keeps the largest key stored.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="postgresSql">The <c>setval</c> statement; its one parameter is the key.</param>
    /// <param name="key">The explicit key.</param>
    /// <returns>The number of rows the statement changed.</returns>
    public static int ExecuteWithExplicitKey<T>(Connection connection, Statement statement, string postgresSql, long key)
        where T : ITable<T>
    {
        int changed = ExecuteNonQuery<T>(connection, statement);
        AfterExplicitKey<T>(connection, postgresSql, key, CancellationToken.None);
        return changed;
    }

    /// <summary>Runs a statement that writes an explicit key, as <see cref="ExecuteWithExplicitKey{T}"/> does.</summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement, its parameters bound.</param>
    /// <param name="postgresSql">The <c>setval</c> statement; its one parameter is the key.</param>
    /// <param name="key">The explicit key.</param>
    /// <param name="cancellationToken">Stops the statements.</param>
    /// <returns>The number of rows the statement changed.</returns>
    public static async ValueTask<int> ExecuteWithExplicitKeyAsync<T>(Connection connection, Statement statement, string postgresSql, long key, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        using Connection.UseScope use = connection.Enter();
        int changed = await use.Held(ExecuteNonQueryAsync<T>(connection, statement, cancellationToken));
        await use.Held(AfterExplicitKeyAsync<T>(connection, postgresSql, key, cancellationToken));
        return changed;
    }

    /// <summary>On PostgreSQL, runs the <c>setval</c> statement that follows an explicit key; on SQLite, nothing.</summary>
    private static void AfterExplicitKey<T>(Connection connection, string postgresSql, long key, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        if (!connection.IsPostgres)
        {
            return;
        }

        using Statement statement = connection.Lend(postgresSql);
        statement.BindInt64(0, key);
        connection.Run(statement, T.TableName, cancellationToken, connection, Drain);
    }

    /// <summary>The asynchronous twin of <see cref="AfterExplicitKey{T}"/>.</summary>
    private static async ValueTask AfterExplicitKeyAsync<T>(Connection connection, string postgresSql, long key, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        using Connection.UseScope use = connection.Enter();
        if (!connection.IsPostgres)
        {
            return;
        }

        using Statement statement = connection.Lend(postgresSql);
        statement.BindInt64(0, key);
        await use.Held(connection.RunAsync(statement, T.TableName, cancellationToken, connection, DrainAsync));
    }

    /// <summary>Gets the asynchronous read of an <c>INSERT</c>'s generated key the connection's driver needs.</summary>
    private static Func<Connection, Statement, CancellationToken, ValueTask<long>> InsertReadKeyAsync(Connection connection) =>
        connection.ReturnsGeneratedKeys ? ReadInt64Async : InsertReadRowIdAsync;

    /// <summary>Gets the read of an <c>INSERT</c>'s generated key the connection's driver needs.</summary>
    private static Func<Connection, Statement, long> InsertReadKey(Connection connection) =>
        connection.ReturnsGeneratedKeys ? ReadInt64 : InsertReadRowId;

    /// <summary>
    /// Runs a prepared statement once per entity inside a savepoint: if one fails, none of the batch's rows remain. On
    /// PostgreSQL (a statement that carries several parameter sets) the entities go a chunk per round trip.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="bind">Binds an entity's values to the statement's parameters.</param>
    /// <param name="assignGeneratedKey">Writes the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>) back into the entity, or <see langword="null"/>.</param>
    /// <returns>The number of rows changed.</returns>
    public static int ExecuteMany<T>(
        Connection connection,
        Statement statement,
        IEnumerable<T> entities,
        Action<Statement, T> bind,
        Action<T, long>? assignGeneratedKey)
        where T : ITable<T> =>
        ExecuteManyCore(connection, statement, entities, bind, assignGeneratedKey, CancellationToken.None);

    /// <summary>
    /// Runs a prepared statement once per entity inside a savepoint: if one fails or the token is cancelled, none of
    /// the batch's rows remain. On PostgreSQL the entities go a chunk per round trip.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="statement">The statement.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="bind">Binds an entity's values to the statement's parameters.</param>
    /// <param name="assignGeneratedKey">Writes the key the database generated back into the entity, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The number of rows changed.</returns>
    public static ValueTask<int> ExecuteManyAsync<T>(
        Connection connection,
        Statement statement,
        IEnumerable<T> entities,
        Action<Statement, T> bind,
        Action<T, long>? assignGeneratedKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        if (statement.MaxParameterSets > 1 && assignGeneratedKey is null)
        {
            // PostgreSQL: a chunk of rows per round trip.
            var sets = new ParameterSets<T>(null, ParameterSets<T>.Expected(entities));
            return connection.RunBatchAsync(
                statement.Sql,
                T.TableName,
                entities,
                nameof(entities),
                cancellationToken,
                async entity =>
                {
                    using Connection.UseScope use = connection.Enter();
                    bind(statement, entity);
                    return (statement, sets.Add(statement, entity) ? await use.Held(sets.RunAsync(connection, cancellationToken)) : 0);
                },
                () => sets.RunAsync(connection, cancellationToken));
        }

        Func<Connection, Statement, CancellationToken, ValueTask<int>> insert = ChangeAsync;
        Func<Connection, Statement, CancellationToken, ValueTask<long>> insertReadKey = InsertReadRowIdAsync;
        return connection.RunBatchAsync(statement.Sql, T.TableName, entities, nameof(entities), cancellationToken, async entity =>
        {
            using Connection.UseScope use = connection.Enter();
            bind(statement, entity);
            if (assignGeneratedKey is null)
            {
                return (statement, await use.Held(connection.RunAsync(statement, T.TableName, cancellationToken, connection, insert, Connection.BatchMarker)));
            }

            assignGeneratedKey(entity, await use.Held(connection.RunAsync(statement, T.TableName, cancellationToken, connection, insertReadKey, Connection.BatchMarker)));
            return (statement, 1);
        });
    }

    private static int ExecuteManyCore<T>(
        Connection connection,
        Statement statement,
        IEnumerable<T> entities,
        Action<Statement, T> bind,
        Action<T, long>? assignGeneratedKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        if (statement.MaxParameterSets > 1 && assignGeneratedKey is null)
        {
            // PostgreSQL: a chunk of rows per round trip.
            var sets = new ParameterSets<T>(null, ParameterSets<T>.Expected(entities));
            return connection.RunBatch(
                statement.Sql,
                T.TableName,
                entities,
                nameof(entities),
                entity =>
                {
                    bind(statement, entity);
                    return (statement, sets.Add(statement, entity) ? sets.Run(connection, cancellationToken) : 0);
                },
                () => sets.Run(connection, cancellationToken));
        }

        Func<Connection, Statement, int> insert = Change;
        Func<Connection, Statement, long> insertReadKey = InsertReadRowId;
        return connection.RunBatch(statement.Sql, T.TableName, entities, nameof(entities), entity =>
        {
            bind(statement, entity);
            if (assignGeneratedKey is null)
            {
                return (statement, connection.Run(statement, T.TableName, cancellationToken, connection, insert, Connection.BatchMarker));
            }

            assignGeneratedKey(entity, connection.Run(statement, T.TableName, cancellationToken, connection, insertReadKey, Connection.BatchMarker));
            return (statement, 1);
        });
    }

    /// <summary>
    /// Marks a statement as one of GenOrm's own reads (<see cref="Statement.IsOwnRead"/>): the generated lookups'
    /// (<c>GetAll</c>, <c>GetBy...</c>: these helpers take only the generated <c>SELECT</c> of a table's columns) and
    /// checked <c>[Query]</c> <c>SELECT</c>s.
    /// </summary>
    private static Statement OwnRead(Statement statement)
    {
        statement.IsOwnRead = true;
        return statement;
    }

    private static List<T> ReadRows<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        var entities = new List<T>();
        bool first = true;
        while (connection.Step(statement, first))
        {
            first = false;
            cancellationToken.ThrowIfCancellationRequested();
            entities.Add(T.ReadRow(statement));
        }

        return entities;
    }

    private static int Change(Connection connection, Statement statement)
    {
        connection.Step(statement, first: true);
        return connection.Changes();
    }

    private static long InsertReadRowId(Connection connection, Statement statement)
    {
        connection.Step(statement, first: true);
        return connection.LastInsertRowId();
    }

    private static int Drain(Connection connection, Statement statement)
    {
        bool first = true;
        while (connection.Step(statement, first))
        {
            first = false;
        }

        return 0;
    }

    private static long ReadInt64(Connection connection, Statement statement)
    {
        connection.Step(statement, first: true);
        long value = statement.GetInt64(0);
        while (connection.Step(statement, first: false))
        {
        }

        return value;
    }

    private static async ValueTask<List<T>> ReadRowsAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : ITable<T>
    {
        using Connection.UseScope use = connection.Enter();
        var entities = new List<T>();
        bool first = true;
        while (await use.Held(connection.StepAsync(statement, first, cancellationToken)))
        {
            first = false;
            cancellationToken.ThrowIfCancellationRequested();
            entities.Add(T.ReadRow(statement));
        }

        return entities;
    }

    private static async ValueTask<T?> ReadFirstOrDefaultAsync<T>(Connection connection, Statement statement, CancellationToken cancellationToken)
        where T : class, ITable<T>
    {
        using Connection.UseScope use = connection.Enter();
        return await use.Held(connection.StepAsync(statement, first: true, cancellationToken)) ? T.ReadRow(statement) : null;
    }

    private static async ValueTask<int> ChangeAsync(Connection connection, Statement statement, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        await use.Held(connection.StepAsync(statement, first: true, cancellationToken));
        return connection.Changes();
    }

    private static async ValueTask<long> InsertReadRowIdAsync(Connection connection, Statement statement, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        await use.Held(connection.StepAsync(statement, first: true, cancellationToken));
        return connection.LastInsertRowId();
    }

    private static async ValueTask<int> DrainAsync(Connection connection, Statement statement, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        bool first = true;
        while (await use.Held(connection.StepAsync(statement, first, cancellationToken)))
        {
            first = false;
        }

        return 0;
    }

    private static async ValueTask<long> ReadInt64Async(Connection connection, Statement statement, CancellationToken cancellationToken)
    {
        using Connection.UseScope use = connection.Enter();
        await use.Held(connection.StepAsync(statement, first: true, cancellationToken));
        long value = statement.GetInt64(0);
        while (await use.Held(connection.StepAsync(statement, first: false, cancellationToken)))
        {
        }

        return value;
    }

    /// <summary>
    /// Inserts each entity of a table whose key the database generates, inside a savepoint, choosing the statement per
    /// entity: an entity whose key is unset runs <paramref name="generatedKeySql"/> (the key column left out) and gets the
    /// generated key written back; one whose key is set runs <paramref name="presetKeySql"/>, which stores the key as
    /// given. If one fails, none of the batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="hasKey">Returns whether an entity's key is set (not the default value 0).</param>
    /// <param name="generatedKeySql">The <c>INSERT</c> without the key column.</param>
    /// <param name="bindGeneratedKey">Binds an entity's values to <paramref name="generatedKeySql"/>.</param>
    /// <param name="assignGeneratedKey">Writes the rowid SQLite assigned (<c>sqlite3_last_insert_rowid</c>) back into the entity.</param>
    /// <param name="presetKeySql">The <c>INSERT</c> with the key column.</param>
    /// <param name="bindPresetKey">Binds an entity's values, key included, to <paramref name="presetKeySql"/>.</param>
    /// <returns>The number of rows inserted.</returns>
    public static int ExecuteInsertMany<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey)
        where T : ITable<T> =>
        ExecuteInsertManyCore(
            connection, entities, hasKey, generatedKeySql, bindGeneratedKey, assignGeneratedKey, presetKeySql, bindPresetKey, CancellationToken.None);

    /// <summary>
    /// Inserts each entity of a table whose key the database generates, inside a savepoint, choosing the statement per
    /// entity as <see cref="ExecuteInsertMany{T}(Connection, IEnumerable{T}, Func{T, bool}, string, Action{Statement, T}, Action{T, long}, string, Action{Statement, T})"/> does. If one fails or the token is cancelled, none of the batch's rows
    /// remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="hasKey">Returns whether an entity's key is set (not the default value 0).</param>
    /// <param name="generatedKeySql">The <c>INSERT</c> without the key column.</param>
    /// <param name="bindGeneratedKey">Binds an entity's values to <paramref name="generatedKeySql"/>.</param>
    /// <param name="assignGeneratedKey">Writes the rowid SQLite assigned back into the entity.</param>
    /// <param name="presetKeySql">The <c>INSERT</c> with the key column.</param>
    /// <param name="bindPresetKey">Binds an entity's values, key included, to <paramref name="presetKeySql"/>.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The number of rows inserted.</returns>
    public static ValueTask<int> ExecuteInsertManyAsync<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        return ExecuteInsertManyCoreAsync(
            connection, entities, hasKey, generatedKeySql, bindGeneratedKey, assignGeneratedKey, presetKeySql, bindPresetKey, cancellationToken, postgres: null);
    }

    /// <summary>
    /// Inserts each entity of a table whose key the database generates, as
    /// <see cref="ExecuteInsertMany{T}(Connection, IEnumerable{T}, Func{T, bool}, string, Action{Statement, T}, Action{T, long}, string, Action{Statement, T})"/>
    /// does, with the text of the connection's database: on PostgreSQL <paramref name="generatedKeyPostgresSql"/>
    /// (<c>RETURNING</c> the key), its rows sent a chunk (up to 1,000) per round trip as one batch of the prepared
    /// statement, and <paramref name="afterExplicitKeyPostgresSql"/> before the first generated row after a new largest
    /// set key (and after the batch), so that no later generated key (in this batch or after it) can collide with a set
    /// one: the keys come out as SQLite's <c>AUTOINCREMENT</c> gives them.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="hasKey">Returns whether an entity's key is set (not the default value 0).</param>
    /// <param name="generatedKeySql">The SQLite <c>INSERT</c> without the key column.</param>
    /// <param name="generatedKeyPostgresSql">The PostgreSQL <c>INSERT</c> without the key column, <c>RETURNING</c> it.</param>
    /// <param name="bindGeneratedKey">Binds an entity's values to the <c>INSERT</c> without the key column.</param>
    /// <param name="assignGeneratedKey">Writes the key the database generated back into the entity.</param>
    /// <param name="presetKeySql">The <c>INSERT</c> with the key column.</param>
    /// <param name="bindPresetKey">Binds an entity's values, key included, to <paramref name="presetKeySql"/>.</param>
    /// <param name="afterExplicitKeyPostgresSql">The PostgreSQL <c>setval</c> statement; its one parameter is the key.</param>
    /// <param name="presetKey">Gets an entity's set key.</param>
    /// <returns>The number of rows inserted.</returns>
    public static int ExecuteInsertMany<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        string generatedKeyPostgresSql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        string afterExplicitKeyPostgresSql,
        Func<T, long> presetKey)
        where T : ITable<T> =>
        ExecuteInsertManyCore(
            connection, entities, hasKey, generatedKeySql, bindGeneratedKey, assignGeneratedKey, presetKeySql, bindPresetKey, CancellationToken.None,
            new PostgresInsertTexts<T>(generatedKeyPostgresSql, afterExplicitKeyPostgresSql, presetKey));

    /// <summary>
    /// Inserts each entity of a table whose key the database generates with the text of the connection's database, as
    /// <see cref="ExecuteInsertMany{T}(Connection, IEnumerable{T}, Func{T, bool}, string, string, Action{Statement, T}, Action{T, long}, string, Action{Statement, T}, string, Func{T, long})"/>
    /// does. If one fails or the token is cancelled, none of the batch's rows remain.
    /// </summary>
    /// <typeparam name="T">The table class.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="entities">The entities.</param>
    /// <param name="hasKey">Returns whether an entity's key is set (not the default value 0).</param>
    /// <param name="generatedKeySql">The SQLite <c>INSERT</c> without the key column.</param>
    /// <param name="generatedKeyPostgresSql">The PostgreSQL <c>INSERT</c> without the key column, <c>RETURNING</c> it.</param>
    /// <param name="bindGeneratedKey">Binds an entity's values to the <c>INSERT</c> without the key column.</param>
    /// <param name="assignGeneratedKey">Writes the key the database generated back into the entity.</param>
    /// <param name="presetKeySql">The <c>INSERT</c> with the key column.</param>
    /// <param name="bindPresetKey">Binds an entity's values, key included, to <paramref name="presetKeySql"/>.</param>
    /// <param name="afterExplicitKeyPostgresSql">The PostgreSQL <c>setval</c> statement; its one parameter is the key.</param>
    /// <param name="presetKey">Gets an entity's set key.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The number of rows inserted.</returns>
    public static ValueTask<int> ExecuteInsertManyAsync<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        string generatedKeyPostgresSql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        string afterExplicitKeyPostgresSql,
        Func<T, long> presetKey,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        return ExecuteInsertManyCoreAsync(
            connection, entities, hasKey, generatedKeySql, bindGeneratedKey, assignGeneratedKey, presetKeySql, bindPresetKey, cancellationToken,
            new PostgresInsertTexts<T>(generatedKeyPostgresSql, afterExplicitKeyPostgresSql, presetKey));
    }

    // postgres: PostgreSQL's texts, from generated code that carries them; null for SQLite-only code.
    private static int ExecuteInsertManyCore<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        CancellationToken cancellationToken,
        PostgresInsertTexts<T>? postgres = null)
        where T : ITable<T>
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entities);
        cancellationToken.ThrowIfCancellationRequested();
        PostgresInsertTexts<T>? onPostgres = connection.IsPostgres ? postgres : null;
        var run = new InsertManyRun(connection, onPostgres?.GeneratedKeySql ?? generatedKeySql, presetKeySql);
        Func<Connection, Statement, int> insert = Change;
        Func<Connection, Statement, long> insertReadKey = InsertReadKey(connection);
        try
        {
            int affected = onPostgres is not null
                ? connection.InSavepoint(() => InsertManyInSets(connection, entities, hasKey, bindGeneratedKey, assignGeneratedKey, bindPresetKey, onPostgres, run, cancellationToken))
                : connection.InSavepoint(() =>
            {
                int total = 0;
                long? largestPresetKey = null;
                foreach (T entity in entities)
                {
                    bool presetKey = run.Lend(entity, hasKey, nameof(entities), out Statement statement);
                    if (presetKey)
                    {
                        bindPresetKey(statement, entity);
                        total += connection.Run(statement, T.TableName, cancellationToken, connection, insert, Connection.BatchMarker);
                        if (onPostgres is not null && Larger(ref largestPresetKey, onPostgres.PresetKey(entity)))
                        {
                            // At once, not after the batch: a later row of the batch may take a generated key.
                            AfterExplicitKey<T>(connection, onPostgres.AfterExplicitKeySql, largestPresetKey!.Value, cancellationToken);
                        }
                    }
                    else
                    {
                        bindGeneratedKey(statement, entity);
                        assignGeneratedKey(entity, connection.Run(statement, T.TableName, cancellationToken, connection, insertReadKey, Connection.BatchMarker));
                        total++;
                    }

                    run.Ran(presetKey, statement);
                }

                return total;
            });
            run.Echo(T.TableName);
            return affected;
        }
        finally
        {
            run.Dispose();
        }
    }

    // The asynchronous twin of ExecuteInsertManyCore; the caller has checked the arguments.
    private static async ValueTask<int> ExecuteInsertManyCoreAsync<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        string generatedKeySql,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        string presetKeySql,
        Action<Statement, T> bindPresetKey,
        CancellationToken cancellationToken,
        PostgresInsertTexts<T>? postgres)
        where T : ITable<T>
    {
        using Connection.UseScope use = connection.Enter();
        PostgresInsertTexts<T>? onPostgres = connection.IsPostgres ? postgres : null;
        var run = new InsertManyRun(connection, onPostgres?.GeneratedKeySql ?? generatedKeySql, presetKeySql);
        Func<Connection, Statement, CancellationToken, ValueTask<int>> insert = ChangeAsync;
        Func<Connection, Statement, CancellationToken, ValueTask<long>> insertReadKey = InsertReadKeyAsync(connection);
        try
        {
            int affected = onPostgres is not null
                ? await use.Held(connection.InSavepointAsync(
                    () => InsertManyInSetsAsync(connection, entities, hasKey, bindGeneratedKey, assignGeneratedKey, bindPresetKey, onPostgres, run, cancellationToken),
                    cancellationToken))
                : await use.Held(connection.InSavepointAsync(
                async () =>
                {
                    int total = 0;
                    long? largestPresetKey = null;
                    foreach (T entity in entities)
                    {
                        bool presetKey = run.Lend(entity, hasKey, nameof(entities), out Statement statement);
                        if (presetKey)
                        {
                            bindPresetKey(statement, entity);
                            total += await use.Held(connection.RunAsync(statement, T.TableName, cancellationToken, connection, insert, Connection.BatchMarker));
                            if (onPostgres is not null && Larger(ref largestPresetKey, onPostgres.PresetKey(entity)))
                            {
                                await use.Held(AfterExplicitKeyAsync<T>(connection, onPostgres.AfterExplicitKeySql, largestPresetKey!.Value, cancellationToken));
                            }
                        }
                        else
                        {
                            bindGeneratedKey(statement, entity);
                            assignGeneratedKey(entity, await use.Held(connection.RunAsync(statement, T.TableName, cancellationToken, connection, insertReadKey, Connection.BatchMarker)));
                            total++;
                        }

                        run.Ran(presetKey, statement);
                    }

                    return total;
                },
                cancellationToken));
            run.Echo(T.TableName);
            return affected;
        }
        finally
        {
            run.Dispose();
        }
    }

    /// <summary>
    /// The body of a PostgreSQL batch insert (inside the caller's savepoint): each kind of row is bound as a parameter
    /// set of its statement and sent a chunk at a time, one round trip per chunk (<see cref="ParameterSets{T}"/>).
    /// Set keys move the identity before the first generated row that follows them, as one row at a time would: the
    /// generated rows kept until then run first, so every generated key is the one a row-at-a-time insert gives. Rows
    /// with a set key may run later than their place in the batch: no generated key can take one (each generated row
    /// runs after the identity has passed every larger set key before it), so only the order of the rows' arrival changes.
    /// </summary>
    private static int InsertManyInSets<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        Action<Statement, T> bindPresetKey,
        PostgresInsertTexts<T> postgres,
        InsertManyRun run,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        var generated = new ParameterSets<T>(assignGeneratedKey, ParameterSets<T>.Expected(entities));
        var preset = new ParameterSets<T>(null);
        int total = 0;
        long? largestPresetKey = null;
        bool moveIdentity = false;
        foreach (T entity in entities)
        {
            bool presetKey = run.Lend(entity, hasKey, nameof(entities), out Statement statement);
            if (presetKey)
            {
                bindPresetKey(statement, entity);
                moveIdentity |= Larger(ref largestPresetKey, postgres.PresetKey(entity));
                if (preset.Add(statement, entity))
                {
                    total += preset.Run(connection, cancellationToken);
                }
            }
            else
            {
                if (moveIdentity)
                {
                    total += generated.Run(connection, cancellationToken);
                    AfterExplicitKey<T>(connection, postgres.AfterExplicitKeySql, largestPresetKey!.Value, cancellationToken);
                    moveIdentity = false;
                }

                bindGeneratedKey(statement, entity);
                if (generated.Add(statement, entity))
                {
                    total += generated.Run(connection, cancellationToken);
                }
            }

            run.Ran(presetKey, statement);
        }

        total += generated.Run(connection, cancellationToken);
        total += preset.Run(connection, cancellationToken);
        if (moveIdentity)
        {
            // After the batch too: a later insert must not take a set key.
            AfterExplicitKey<T>(connection, postgres.AfterExplicitKeySql, largestPresetKey!.Value, cancellationToken);
        }

        return total;
    }

    /// <summary>The asynchronous twin of <see cref="InsertManyInSets{T}"/>.</summary>
    private static async ValueTask<int> InsertManyInSetsAsync<T>(
        Connection connection,
        IEnumerable<T> entities,
        Func<T, bool> hasKey,
        Action<Statement, T> bindGeneratedKey,
        Action<T, long> assignGeneratedKey,
        Action<Statement, T> bindPresetKey,
        PostgresInsertTexts<T> postgres,
        InsertManyRun run,
        CancellationToken cancellationToken)
        where T : ITable<T>
    {
        using Connection.UseScope use = connection.Enter();
        var generated = new ParameterSets<T>(assignGeneratedKey, ParameterSets<T>.Expected(entities));
        var preset = new ParameterSets<T>(null);
        int total = 0;
        long? largestPresetKey = null;
        bool moveIdentity = false;
        foreach (T entity in entities)
        {
            bool presetKey = run.Lend(entity, hasKey, nameof(entities), out Statement statement);
            if (presetKey)
            {
                bindPresetKey(statement, entity);
                moveIdentity |= Larger(ref largestPresetKey, postgres.PresetKey(entity));
                if (preset.Add(statement, entity))
                {
                    total += await use.Held(preset.RunAsync(connection, cancellationToken));
                }
            }
            else
            {
                if (moveIdentity)
                {
                    total += await use.Held(generated.RunAsync(connection, cancellationToken));
                    await use.Held(AfterExplicitKeyAsync<T>(connection, postgres.AfterExplicitKeySql, largestPresetKey!.Value, cancellationToken));
                    moveIdentity = false;
                }

                bindGeneratedKey(statement, entity);
                if (generated.Add(statement, entity))
                {
                    total += await use.Held(generated.RunAsync(connection, cancellationToken));
                }
            }

            run.Ran(presetKey, statement);
        }

        total += await use.Held(generated.RunAsync(connection, cancellationToken));
        total += await use.Held(preset.RunAsync(connection, cancellationToken));
        if (moveIdentity)
        {
            await use.Held(AfterExplicitKeyAsync<T>(connection, postgres.AfterExplicitKeySql, largestPresetKey!.Value, cancellationToken));
        }

        return total;
    }

    /// <summary>
    /// The parameter sets of one statement kept for its next execution (<see cref="Statement.AddParameterSet"/>), with
    /// their entities: a chunk runs as one execution (one round trip on PostgreSQL), with the batch's marker, so that
    /// the batch echoes and records once; with <c>RETURNING</c>, the i-th row's key goes to the i-th entity.
    /// <paramref name="expected"/> is how many rows the call brings, when known: the pooled array of a chunk's entities is
    /// that long (at most a chunk) from the first row, not grown row by row.
    /// </summary>
    private sealed class ParameterSets<T>(Action<T, long>? assignGeneratedKey, int expected = 0)
        where T : ITable<T>
    {
        // The chunk's entities, in a pooled array: a call of 1,000 rows allocates no list of its own.
        private T[]? _entities;
        private int _count;
        private Statement? _statement;
        private Connection? _connection;

        /// <summary>The number of rows <paramref name="entities"/> holds, when it knows without being enumerated; else 0.</summary>
        public static int Expected(IEnumerable<T> entities) => entities.TryGetNonEnumeratedCount(out int count) ? count : 0;

        /// <summary>Keeps the values bound to <paramref name="statement"/> as a set; returns whether the chunk is full.</summary>
        public bool Add(Statement statement, T entity)
        {
            _statement = statement;
            statement.AddParameterSet();
            if (_entities is null)
            {
                _entities = ArrayPool<T>.Shared.Rent(Math.Clamp(expected, 16, statement.MaxParameterSets));
            }
            else if (_count == _entities.Length)
            {
                T[] longer = ArrayPool<T>.Shared.Rent(_entities.Length * 2);
                Array.Copy(_entities, longer, _count);
                ArrayPool<T>.Shared.Return(_entities, clearArray: true);
                _entities = longer;
            }

            _entities[_count++] = entity;
            return _count >= statement.MaxParameterSets;
        }

        /// <summary>Runs the sets kept, if any; returns the rows inserted.</summary>
        public int Run(Connection connection, CancellationToken cancellationToken)
        {
            if (_count == 0)
            {
                return 0;
            }

            try
            {
                _connection = connection;
                return connection.Run(_statement!, T.TableName, cancellationToken, this, static (sets, statement) => sets.Read(statement), Connection.BatchMarker);
            }
            finally
            {
                Release();
            }
        }

        /// <summary>The asynchronous twin of <see cref="Run"/>.</summary>
        public async ValueTask<int> RunAsync(Connection connection, CancellationToken cancellationToken)
        {
            if (_count == 0)
            {
                return 0;
            }

            using Connection.UseScope use = connection.Enter();
            try
            {
                _connection = connection;
                return await use.Held(connection.RunAsync(
                    _statement!, T.TableName, cancellationToken, this, static (sets, statement, token) => sets.ReadAsync(statement, token), Connection.BatchMarker));
            }
            finally
            {
                Release();
            }
        }

        /// <summary>Gives the chunk's array back to the pool, cleared (it must not keep the entities alive).</summary>
        private void Release()
        {
            if (_entities is { } entities)
            {
                ArrayPool<T>.Shared.Return(entities, clearArray: true);
            }

            _entities = null;
            _count = 0;
        }

        private int Read(Statement statement)
        {
            Connection connection = _connection!;
            if (assignGeneratedKey is null)
            {
                Drain(connection, statement);
                return connection.Changes();
            }

            int read = 0;
            while (connection.Step(statement, first: read == 0))
            {
                Assign(statement, read++);
            }

            return Checked(read);
        }

        private async ValueTask<int> ReadAsync(Statement statement, CancellationToken cancellationToken)
        {
            Connection connection = _connection!;
            using Connection.UseScope use = connection.Enter();
            if (assignGeneratedKey is null)
            {
                await use.Held(DrainAsync(connection, statement, cancellationToken));
                return connection.Changes();
            }

            int read = 0;
            while (await use.Held(connection.StepAsync(statement, first: read == 0, cancellationToken)))
            {
                Assign(statement, read++);
            }

            return Checked(read);
        }

        private void Assign(Statement statement, int row)
        {
            if (row >= _count)
            {
                throw KeysMismatch(statement, row + 1);
            }

            assignGeneratedKey!(_entities![row], statement.GetInt64(0));
        }

        private int Checked(int read) => read == _count ? read : throw KeysMismatch(_statement!, read);

        private GenOrmException KeysMismatch(Statement statement, int read) =>
            new(ErrorMessages.BatchKeysMissing(T.TableName, _count, read), T.TableName, null, statement.Sql, null);
    }

    /// <summary>Records <paramref name="key"/> when it is the largest preset key of the batch so far; returns whether it was.</summary>
    private static bool Larger(ref long? largest, long key)
    {
        if (largest is { } known && known >= key)
        {
            return false;
        }

        largest = key;
        return true;
    }

    /// <summary>
    /// What <c>ExecuteInsertMany</c> and its twin share: the two statements (lent on their first row and kept to the
    /// end: a lent statement is never evicted), and each kind of row's count and echo, as its own batch.
    /// </summary>
    private sealed class InsertManyRun(Connection connection, string generatedKeySql, string presetKeySql) : IDisposable
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly List<string>? _shownGenerated = connection.IsEchoing ? new List<string>() : null;
        private readonly List<string>? _shownPreset = connection.IsEchoing ? new List<string>() : null;
        private Statement? _generated;
        private Statement? _preset;
        private int _countGenerated;
        private int _countPreset;

        /// <summary>Gets the statement for <paramref name="entity"/>; returns whether it is the one with a preset key.</summary>
        /// <exception cref="ArgumentException"><paramref name="entity"/> is <see langword="null"/>.</exception>
        public bool Lend<T>(T entity, Func<T, bool> hasKey, string entitiesName, out Statement statement)
        {
            if (entity is null)
            {
                throw new ArgumentException(ErrorMessages.NullBatchItem(_countGenerated + _countPreset), entitiesName);
            }

            if (hasKey(entity))
            {
                statement = _preset ??= connection.Lend(presetKeySql);
                return true;
            }

            statement = _generated ??= connection.Lend(generatedKeySql);
            return false;
        }

        /// <summary>Counts (and, when echoing, shows) the row that <paramref name="statement"/> just inserted.</summary>
        public void Ran(bool presetKey, Statement statement)
        {
            int count = presetKey ? _countPreset++ : _countGenerated++;
            if ((presetKey ? _shownPreset : _shownGenerated) is { } sets && EchoLog.ShowsSet(count))
            {
                sets.Add(statement.FormatParameters());
            }
        }

        /// <summary>Echoes and records each kind of row that ran as its own batch: generated keys first.</summary>
        public void Echo(string tableName)
        {
            if (_generated is not null)
            {
                connection.EchoBatch(_generated.Sql, _start, _shownGenerated is { } sets ? EchoLog.FormatBatch(sets, _countGenerated) : null, tableName, _countGenerated, _countGenerated);
            }

            if (_preset is not null)
            {
                connection.EchoBatch(_preset.Sql, _start, _shownPreset is { } sets ? EchoLog.FormatBatch(sets, _countPreset) : null, tableName, _countPreset, _countPreset);
            }
        }

        public void Dispose()
        {
            _preset?.Dispose();
            _generated?.Dispose();
        }
    }

    /// <summary>PostgreSQL's texts of an auto-increment table's batch insert, and how to read a set key.</summary>
    /// <param name="GeneratedKeySql">The <c>INSERT</c> without the key column, <c>RETURNING</c> it.</param>
    /// <param name="AfterExplicitKeySql">The <c>setval</c> statement that follows explicit keys.</param>
    /// <param name="PresetKey">Gets an entity's set key.</param>
    private sealed record PostgresInsertTexts<T>(string GeneratedKeySql, string AfterExplicitKeySql, Func<T, long> PresetKey);
}
