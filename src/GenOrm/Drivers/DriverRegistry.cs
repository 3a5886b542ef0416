using System;
using System.Threading;

namespace GenOrm.Drivers;

/// <summary>
/// The drivers that live outside GenOrm's core assembly, told to the core by the driver package itself: the
/// GenOrm.Npgsql package's <c>NpgsqlDriver.Register()</c> sets <see cref="Postgres"/>. No reflection and no assembly
/// scanning: a SQLite application never loads Npgsql, and a trimmed or NativeAOT application keeps what it registers.
/// </summary>
internal static class DriverRegistry
{
    private static Func<DatabaseUrl.Resolved, EngineOptions, DatabaseDriver>? _postgres;

    /// <summary>Gets the factory of the PostgreSQL driver, or <see langword="null"/> while GenOrm.Npgsql has not registered it.</summary>
    public static Func<DatabaseUrl.Resolved, EngineOptions, DatabaseDriver>? Postgres => Volatile.Read(ref _postgres);

    /// <summary>Sets the factory of the PostgreSQL driver; the first registration wins, later ones (the same driver) change nothing.</summary>
    /// <param name="factory">Makes the driver for a resolved PostgreSQL URL.</param>
    public static void RegisterPostgres(Func<DatabaseUrl.Resolved, EngineOptions, DatabaseDriver> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Interlocked.CompareExchange(ref _postgres, factory, null);
    }
}
