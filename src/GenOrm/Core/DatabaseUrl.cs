using System;
using System.Globalization;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>
/// Turns what <see cref="Engine.Create(string, bool)"/> accepts (a SQLAlchemy-style URL or an ADO.NET connection
/// string) into a Microsoft.Data.Sqlite connection string.
/// </summary>
internal static class DatabaseUrl
{
    private static long s_memoryDatabases;

    /// <summary>Resolves <paramref name="url"/>.</summary>
    /// <returns>The connection string, and whether it names an in-memory database the engine must keep alive.</returns>
    public static (string ConnectionString, bool InMemory) Resolve(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        return schemeEnd >= 0 ? FromUrl(url, schemeEnd) : FromConnectionString(url);
    }

    private static (string, bool) FromUrl(string url, int schemeEnd)
    {
        string scheme = url[..schemeEnd];
        int plus = scheme.IndexOf('+', StringComparison.Ordinal);
        string dialect = plus < 0 ? scheme : scheme[..plus];
        if (!string.Equals(dialect, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(ErrorMessages.UnsupportedScheme(url, scheme), nameof(url));
        }

        if (plus >= 0 && plus == scheme.Length - 1)
        {
            throw new ArgumentException(ErrorMessages.InvalidUrl(url, "the driver name after '+' is empty."), nameof(url));
        }

        string rest = url[(schemeEnd + 3)..];
        if (rest.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                ErrorMessages.InvalidUrl(url, "query options are not supported; use an ADO.NET connection string for connection options."),
                nameof(url));
        }

        // sqlite:// → memory; sqlite:///:memory: → memory; sqlite:///relative.db; sqlite:////absolute/path.db
        if (rest.Length == 0 || rest == "/:memory:")
        {
            return (MemoryConnectionString(), true);
        }

        if (rest[0] != '/')
        {
            throw new ArgumentException(
                ErrorMessages.InvalidUrl(url, "SQLite URLs have no host; write 'sqlite:///relative.db' or 'sqlite:////absolute/path.db'."),
                nameof(url));
        }

        string path = rest[1..];
        if (path.Length == 0)
        {
            throw new ArgumentException(ErrorMessages.InvalidUrl(url, "the database path is empty."), nameof(url));
        }

        return (FileConnectionString(path), false);
    }

    private static (string, bool) FromConnectionString(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException(ErrorMessages.InvalidUrl(connectionString, e.Message), "url", e);
        }

        if (!connectionString.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                ErrorMessages.InvalidUrl(connectionString, "it is neither a 'sqlite://' URL nor a connection string such as 'Data Source=app.db'."),
                "url");
        }

        bool privateMemory = builder.DataSource is "" or ":memory:" && builder.Mode != SqliteOpenMode.Memory;
        if (privateMemory)
        {
            builder.DataSource = NewMemoryName();
            builder.Mode = SqliteOpenMode.Memory;
            builder.Cache = SqliteCacheMode.Shared;
        }

        builder.ForeignKeys ??= true;
        return (builder.ToString(), builder.Mode == SqliteOpenMode.Memory);
    }

    private static string MemoryConnectionString()
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = NewMemoryName(),
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
            ForeignKeys = true,
        };
        return builder.ToString();
    }

    private static string FileConnectionString(string path)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true };
        return builder.ToString();
    }

    /// <summary>A name no other engine uses, so that two engines never share an in-memory database.</summary>
    private static string NewMemoryName() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"genorm-memory-{Environment.ProcessId}-{Interlocked.Increment(ref s_memoryDatabases)}-{Guid.NewGuid():N}");
}
