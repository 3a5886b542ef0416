using GenOrm.Drivers;

namespace GenOrm.Npgsql;

/// <summary>
/// GenOrm's PostgreSQL driver, on Npgsql. Once registered, <see cref="Engine.Create(string, bool)"/> opens
/// <c>postgresql://user:password@host:5432/dbname</c> URLs and Npgsql connection strings (<c>Host=...;Username=...</c>)
/// through it.
/// </summary>
public static class NpgsqlDriver
{
    /// <summary>
    /// Tells GenOrm how to open PostgreSQL databases. Safe to call any number of times, from any thread: the first
    /// call registers the driver, later calls do nothing. GenOrm's source generator calls it from a module initializer
    /// in every assembly that references GenOrm.Npgsql, so an application normally never calls it; call it yourself
    /// only when the first <see cref="Engine.Create(string, bool)"/> with a PostgreSQL URL runs before any such assembly
    /// is loaded.
    /// </summary>
    public static void Register() =>
        DriverRegistry.RegisterPostgres(static (resolved, options) => new NpgsqlDatabaseDriver(resolved, options));
}
