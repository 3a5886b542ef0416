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
    /// <param name="url">The URL or connection string given to the engine.</param>
    /// <param name="readOnly"><see cref="EngineOptions.ReadOnly"/>: open a file database for reading only.</param>
    /// <returns>
    /// The connection string; whether it names an in-memory database the engine must keep alive; the database file's
    /// path as the caller wrote it (<see langword="null"/> in memory), for error messages; and whether it opens read-only.
    /// </returns>
    public static Resolved Resolve(string url, bool readOnly = false)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        Resolved resolved = schemeEnd >= 0 ? FromUrl(url, schemeEnd, readOnly) : FromConnectionString(url, readOnly);
        if (readOnly && resolved.InMemory)
        {
            throw new ArgumentException(ErrorMessages.ReadOnlyInMemory(url), nameof(url));
        }

        return resolved;
    }

    private static Resolved FromUrl(string url, int schemeEnd, bool readOnly)
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
        bool immutable = false;
        int query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            (bool queryReadOnly, immutable) = ParseQuery(url, rest[(query + 1)..]);
            readOnly |= queryReadOnly || immutable;
            rest = rest[..query];
        }

        // sqlite:// → memory; sqlite:///:memory: → memory; sqlite:///relative.db; sqlite:////absolute/path.db
        if (rest.Length == 0 || rest == "/:memory:")
        {
            if (readOnly)
            {
                throw new ArgumentException(ErrorMessages.ReadOnlyInMemory(url), nameof(url));
            }

            return new Resolved(MemoryConnectionString(), true, null, false);
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

        return new Resolved(FileConnectionString(path, readOnly, immutable), false, path, readOnly);
    }

    /// <summary>The options after '?': <c>mode=ro</c> and <c>immutable=1</c>, as SQLite's URI filenames spell them.</summary>
    private static (bool ReadOnly, bool Immutable) ParseQuery(string url, string query)
    {
        bool readOnly = false, immutable = false;
        foreach (string option in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (option.ToLowerInvariant())
            {
                case "mode=ro":
                    readOnly = true;
                    break;
                case "mode=rwc":
                    break;
                case "immutable=1" or "immutable=true":
                    immutable = true;
                    break;
                case "immutable=0" or "immutable=false":
                    break;
                default:
                    throw new ArgumentException(
                        ErrorMessages.InvalidUrl(
                            url,
                            $"the query option '{option}' is not supported; GenOrm supports 'mode=ro' (read only) and 'immutable=1' (read-only media). " +
                            "Use an ADO.NET connection string for other connection options."),
                        nameof(url));
            }
        }

        return (readOnly, immutable);
    }

    private static Resolved FromConnectionString(string connectionString, bool readOnly)
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
        bool inMemory = builder.Mode == SqliteOpenMode.Memory;
        if (readOnly && !inMemory)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        bool opensReadOnly = builder.Mode == SqliteOpenMode.ReadOnly
            || builder.DataSource.Contains("immutable=1", StringComparison.OrdinalIgnoreCase);
        return new Resolved(builder.ToString(), inMemory, inMemory ? null : builder.DataSource, opensReadOnly);
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

    private static string FileConnectionString(string path, bool readOnly, bool immutable)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            // SQLite reads immutable=1 only from a URI filename (Microsoft.Data.Sqlite opens 'file:' names as URIs).
            DataSource = immutable ? "file:" + UriPath(path) + "?immutable=1" : path,
            ForeignKeys = true,
        };
        if (readOnly)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        return builder.ToString();
    }

    /// <summary>A path written as the path part of a SQLite URI filename: '%', '?' and '#' escaped, '/' separators.</summary>
    private static string UriPath(string path)
    {
        string escaped = path.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("?", "%3f", StringComparison.Ordinal)
            .Replace("#", "%23", StringComparison.Ordinal);
        if (System.IO.Path.DirectorySeparatorChar == '\\')
        {
            escaped = escaped.Replace('\\', '/');
            if (escaped.Length > 1 && escaped[1] == ':')
            {
                escaped = "/" + escaped;
            }
        }

        return escaped;
    }

    /// <summary>What <see cref="Resolve"/> found.</summary>
    internal readonly record struct Resolved(string ConnectionString, bool InMemory, string? FilePath, bool ReadOnly);

    /// <summary>A name no other engine uses, so that two engines never share an in-memory database.</summary>
    private static string NewMemoryName() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"genorm-memory-{Environment.ProcessId}-{Interlocked.Increment(ref s_memoryDatabases)}-{Guid.NewGuid():N}");
}
