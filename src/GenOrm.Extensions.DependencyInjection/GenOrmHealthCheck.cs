using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenOrm.Extensions.DependencyInjection;

/// <summary>
/// A health check on a GenOrm <see cref="Engine"/>: opens a connection and runs <see cref="Query"/> within a timeout.
/// The database is healthy when the query answers; a busy database (another connection held its lock past the busy
/// timeout), one that did not answer in time and one that cannot be opened are reported with the file's name and what
/// to do, and the exception is attached to the result.
/// </summary>
public sealed class GenOrmHealthCheck : IHealthCheck
{
    /// <summary>
    /// The query the check runs: <c>select</c> on the schema table, because a bare <c>select 1</c> reads nothing from
    /// the file and so would answer even while another connection holds the database locked or the file is not a
    /// database.
    /// </summary>
    public const string Query = "SELECT count(*) FROM sqlite_schema";

    private readonly Engine _engine;
    private readonly TimeSpan _timeout;

    /// <summary>Initializes a new instance of the <see cref="GenOrmHealthCheck" /> class.</summary>
    /// <param name="engine">The engine whose database is checked.</param>
    /// <param name="timeout">How long the query may take.</param>
    /// <exception cref="ArgumentNullException"><paramref name="engine"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public GenOrmHealthCheck(Engine engine, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        _engine = engine;
        _timeout = timeout;
    }

    /// <summary>Gets the timeout used when none is given: 5 seconds.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Opens a connection, runs <see cref="Query"/> and reports the outcome.</summary>
    /// <param name="context">The check's context; its registration gives the failure status.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>Healthy when the query answered in time; otherwise the registration's failure status with the reason.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        HealthStatus failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        string database = DatabaseName(_engine);
        // A zero timeout is cancelled at once (the constructor does it synchronously; CancelAfter would use a timer).
        using var deadline = new CancellationTokenSource(_timeout);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await using Connection connection = await _engine.ConnectAsync(timeout.Token).ConfigureAwait(false);
            await connection.ExecuteAsync(Sql.Text(Query), timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy(HealthCheckMessages.Healthy(database));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, HealthCheckMessages.TimedOut(database, _timeout), e);
        }
        catch (DatabaseBusyException e)
        {
            return new HealthCheckResult(failure, HealthCheckMessages.Busy(database, _engine.BusyTimeout), e);
        }
        catch (GenOrmException e)
        {
            return new HealthCheckResult(failure, HealthCheckMessages.Unreachable(database, e.Message), e);
        }
    }

    /// <summary>The database file as the URL gave it (or the in-memory database's name); never the whole connection string.</summary>
    private static string DatabaseName(Engine engine) => new SqliteConnectionStringBuilder(engine.ConnectionString).DataSource;
}
