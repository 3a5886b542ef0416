using System;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>
/// The starting point of GenOrm, as SQLAlchemy's <c>create_engine</c>: it knows where the database is and opens
/// <see cref="Connection"/>s to it. An engine is safe to share between threads; create one per database and keep it
/// for the application's lifetime.
/// </summary>
/// <remarks>
/// An in-memory database (<c>sqlite://</c>, <c>sqlite:///:memory:</c>, <c>Data Source=:memory:</c>) lives as long as
/// its engine and is shared by every connection of that engine; two engines never see each other's in-memory data.
/// Connections enforce foreign keys (<c>PRAGMA foreign_keys = ON</c>).
/// </remarks>
public sealed class Engine : IDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly EchoLog? _echo;
    private bool _disposed;

    private Engine(string url, string connectionString, bool inMemory, EngineOptions options)
    {
        Url = url;
        ConnectionString = connectionString;
        IsInMemory = inMemory;
        if (options.Echo)
        {
            _echo = new EchoLog(options.Logger, options.EchoWriter);
        }

        if (inMemory)
        {
            // An in-memory database disappears when its last connection closes; this one holds it open.
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    /// <summary>Gets the URL or connection string the engine was created with.</summary>
    public string Url { get; }

    /// <summary>Gets the Microsoft.Data.Sqlite connection string the engine opens connections with.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets a value indicating whether the database lives in memory, for as long as this engine.</summary>
    public bool IsInMemory { get; }

    /// <summary>
    /// Creates an engine for a SQLite database.
    /// </summary>
    /// <param name="url">
    /// A SQLAlchemy-style URL: <c>sqlite:///relative.db</c>, <c>sqlite:////absolute/path.db</c>, <c>sqlite://</c> or
    /// <c>sqlite:///:memory:</c> (in memory); a <c>+driver</c> part such as <c>sqlite+pysqlite://</c> is accepted and
    /// ignored. Or an ADO.NET connection string: <c>Data Source=app.db</c>, <c>Data Source=:memory:</c>.
    /// </param>
    /// <param name="echo"><see langword="true"/> to log every statement to standard output.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ArgumentException">The URL has another scheme or is malformed; the message quotes it.</exception>
    public static Engine Create(string url, bool echo = false) => Create(url, new EngineOptions { Echo = echo });

    /// <summary>Creates an engine for a SQLite database, with options.</summary>
    /// <param name="url">A SQLAlchemy-style URL or an ADO.NET connection string; see <see cref="Create(string, bool)"/>.</param>
    /// <param name="options">The options, such as echo and where it writes.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ArgumentException">The URL has another scheme or is malformed; the message quotes it.</exception>
    public static Engine Create(string url, EngineOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentNullException.ThrowIfNull(options);
        var (connectionString, inMemory) = DatabaseUrl.Resolve(url.Trim());
        return new Engine(url, connectionString, inMemory, options);
    }

    /// <summary>
    /// Opens a connection. Work on it is commit-as-you-go: the first statement begins a transaction,
    /// <see cref="Connection.Commit"/> makes it permanent, and disposing the connection rolls back what was not committed.
    /// </summary>
    /// <returns>The open connection; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public Connection Connect()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(Engine), ErrorMessages.EngineDisposed());
        }

        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return new Connection(connection, _echo);
    }

    /// <summary>
    /// Opens a connection and begins a transaction on it at once. <see cref="Connection.Commit"/> commits it;
    /// disposing the connection without committing rolls it back.
    /// </summary>
    /// <returns>The open connection, in a transaction; dispose it when done.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public Connection Begin()
    {
        Connection connection = Connect();
        connection.Begin();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that commits when it returns and rolls back when it throws, as
    /// SQLAlchemy's <c>with engine.begin() as conn:</c>. The exception is rethrown unchanged.
    /// </summary>
    /// <param name="work">The work to run on the connection.</param>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public void Begin(Action<Connection> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using Connection connection = Begin();
        work(connection);
        connection.Commit();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that commits when it returns and rolls back when it throws,
    /// and returns its result.
    /// </summary>
    /// <typeparam name="T">The type of the result.</typeparam>
    /// <param name="work">The work to run on the connection.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public T Begin<T>(Func<Connection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        using Connection connection = Begin();
        T result = work(connection);
        connection.Commit();
        return result;
    }

    /// <summary>
    /// Runs asynchronous <paramref name="work"/> in a transaction that commits when it completes and rolls back when
    /// it throws.
    /// </summary>
    /// <param name="work">The work to run on the connection.</param>
    /// <returns>A task that completes when the transaction has been committed or rolled back.</returns>
    /// <exception cref="ObjectDisposedException">The engine has been disposed.</exception>
    public async Task BeginAsync(Func<Connection, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using Connection connection = Begin();
        await work(connection).ConfigureAwait(false);
        connection.Commit();
    }

    /// <summary>Closes the engine. An in-memory database is discarded.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _keepAlive?.Dispose();
        if (!IsInMemory)
        {
            // Let the file be deleted or moved once the engine is gone.
            using var pooled = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
    }
}
