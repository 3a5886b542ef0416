using System;
using System.Collections.Generic;
using GenOrm;
using GenOrm.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds GenOrm's database health check to an <see cref="IHealthChecksBuilder"/>.</summary>
public static class GenOrmHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="GenOrmHealthCheck"/> on the registered <see cref="Engine"/> (see
    /// <c>AddGenOrm</c>): it opens a connection and runs one query within <paramref name="timeout"/>, and reports a
    /// busy, slow or unreachable database by name.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name in the health report. The default is <c>genorm</c>.</param>
    /// <param name="failureStatus">The status reported when the check fails, or <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, or <see langword="null"/>.</param>
    /// <param name="timeout">How long the query may take, or <see langword="null"/> for <see cref="GenOrmHealthCheck.DefaultTimeout"/>.</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative.</exception>
    public static IHealthChecksBuilder AddGenOrmCheck(
        this IHealthChecksBuilder builder,
        string name = "genorm",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TimeSpan wait = timeout ?? GenOrmHealthCheck.DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(timeout));
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new GenOrmHealthCheck(provider.GetRequiredService<Engine>(), wait),
            failureStatus,
            tags));
    }
}
