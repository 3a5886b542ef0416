using System;
using GenOrm;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GenOrm's <see cref="Engine"/> and <see cref="Connection"/> in an <see cref="IServiceCollection"/>.</summary>
public static class GenOrmServiceCollectionExtensions
{
    /// <summary>The logger category that echo writes to when <see cref="EngineOptions.Echo"/> is on: <c>GenOrm</c>.</summary>
    public const string LoggerCategory = "GenOrm";

    /// <summary>
    /// Adds an <see cref="Engine"/> for <paramref name="url"/> as a singleton, and a <see cref="Connection"/> from it
    /// per scope (in ASP.NET Core, per request). The container disposes the connection when the scope ends, which
    /// rolls back whatever was not committed; it disposes the engine when the app stops.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="url">The database, as <see cref="Engine.Create(string, EngineOptions)"/> takes it: <c>sqlite:///app.db</c>, <c>sqlite://</c> or a connection string.</param>
    /// <param name="configure">Sets the engine's options, or <see langword="null"/>. With <see cref="EngineOptions.Echo"/> on and no <see cref="EngineOptions.Logger"/> set, echo goes to the app's <see cref="ILoggerFactory"/>, category <see cref="LoggerCategory"/>.</param>
    /// <returns>The same service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="url"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="url"/> is empty.</exception>
    /// <remarks>
    /// The engine is created when it is first resolved, so a malformed URL throws then, with
    /// <see cref="Engine.Create(string, EngineOptions)"/>'s message. An engine or connection registered already is kept.
    /// Nothing here uses reflection: the services are built by delegates, so the app stays NativeAOT-clean.
    /// </remarks>
    public static IServiceCollection AddGenOrm(this IServiceCollection services, string url, Action<EngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(url);
        services.TryAddSingleton(provider => CreateEngine(provider, url, configure));
        services.TryAddScoped(static provider => provider.GetRequiredService<Engine>().Connect());
        return services;
    }

    private static Engine CreateEngine(IServiceProvider provider, string url, Action<EngineOptions>? configure)
    {
        var options = new EngineOptions();
        configure?.Invoke(options);
        if (options.Echo && options.Logger is null && options.EchoWriter is null)
        {
            options.Logger = provider.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory);
        }

        return Engine.Create(url, options);
    }
}
