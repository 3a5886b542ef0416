namespace GenOrm.Npgsql;

/// <summary>GenOrm's PostgreSQL driver, on Npgsql.</summary>
/// <remarks>A placeholder until the driver lands: <see cref="Register"/> does nothing yet.</remarks>
public static class NpgsqlDriver
{
    /// <summary>
    /// Registers the driver, so that <c>Engine.Create("postgresql://...")</c> opens PostgreSQL databases through it.
    /// Idempotent. An assembly that references GenOrm.Npgsql calls it from a generated module initializer unless
    /// <c>&lt;GenOrmRegisterNpgsql&gt;false&lt;/GenOrmRegisterNpgsql&gt;</c>.
    /// </summary>
    /// <remarks>Placeholder until the driver lands: the body is empty.</remarks>
    public static void Register()
    {
    }
}
