using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>Which database a URL or connection string names, and so which driver opens it.</summary>
internal enum DatabaseKind
{
    /// <summary>A SQLite file or in-memory database, through Microsoft.Data.Sqlite.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, through Npgsql (the GenOrm.Npgsql package).</summary>
    Postgres,
}

/// <summary>
/// Turns what <see cref="Engine.Create(string, bool)"/> accepts (a SQLAlchemy-style URL or a connection string) into
/// the kind of database and a connection string for its driver: Microsoft.Data.Sqlite's, or Npgsql's keyword=value
/// text (built here without referencing Npgsql).
/// </summary>
internal static partial class DatabaseUrl
{
    /// <summary>PostgreSQL's port when a URL names none.</summary>
    public const int DefaultPostgresPort = 5432;

    /// <summary>
    /// The libpq options a PostgreSQL URL may carry after '?' (and the URL's own parts, under the same names), each with
    /// the Npgsql keyword it becomes. The order is the order of the keywords in the connection string.
    /// </summary>
    private static readonly (string Option, string Keyword)[] s_postgresOptions =
    [
        ("host", "Host"),
        ("port", "Port"),
        ("dbname", "Database"),
        ("user", "Username"),
        ("password", "Password"),
        ("sslmode", "SSL Mode"),
        ("sslrootcert", "Root Certificate"),
        ("sslcert", "SSL Certificate"),
        ("sslkey", "SSL Key"),
        ("sslpassword", "SSL Password"),
        ("application_name", "Application Name"),
        ("connect_timeout", "Timeout"),
        ("options", "Options"),
        ("target_session_attrs", "Target Session Attributes"),
        ("client_encoding", "Client Encoding"),
    ];

    /// <summary>libpq's <c>sslmode</c> values, with Npgsql's names for them.</summary>
    private static readonly (string Libpq, string Npgsql)[] s_sslModes =
    [
        ("disable", "Disable"), ("allow", "Allow"), ("prefer", "Prefer"), ("require", "Require"), ("verify-ca", "VerifyCA"), ("verify-full", "VerifyFull"),
    ];

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
        Resolved resolved = schemeEnd >= 0 ? FromUrl(url, schemeEnd, readOnly)
            : IsPostgresConnectionString(url) ? new Resolved(url, false, null, readOnly, DatabaseKind.Postgres)
            : FromConnectionString(url, readOnly);
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
        bool postgres = IsPostgresDialect(dialect);
        if (!postgres && !string.Equals(dialect, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(ErrorMessages.UnsupportedScheme(url, scheme), nameof(url));
        }

        if (plus >= 0 && plus == scheme.Length - 1)
        {
            throw new ArgumentException(ErrorMessages.InvalidUrl(url, "the driver name after '+' is empty."), nameof(url));
        }

        string rest = url[(schemeEnd + 3)..];
        if (postgres)
        {
            return new Resolved(PostgresConnectionString(url, rest), false, null, readOnly, DatabaseKind.Postgres);
        }

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

    /// <summary>
    /// Returns <paramref name="url"/> with its passwords replaced by <c>***</c>, for messages: a URL's
    /// <c>user:password@</c> and <c>password=</c> / <c>sslpassword=</c> options, a connection string's
    /// <c>Password</c>, <c>Pwd</c> and <c>SSL Password</c>. Where a URL is malformed it masks more rather than less.
    /// </summary>
    /// <param name="url">A URL or connection string as the caller gave it.</param>
    /// <returns>The text to quote.</returns>
    public static string MaskPassword(string url)
    {
        int schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return ConnectionStringPassword().Replace(url, "${key}***");
        }

        // user:password@host; the password may hold an unescaped '/', '?' or '@', so mask up to the last '@'.
        // SQLite URLs have no user info: a ':' and '@' there belong to the file's path.
        int start = schemeEnd + 3;
        int at = url.LastIndexOf('@');
        int colon = url.IndexOf(':', start);
        string masked = !url.StartsWith("sqlite", StringComparison.OrdinalIgnoreCase) && colon >= 0 && colon < at
            ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at))
            : url;
        return UrlPasswordOption().Replace(masked, "${key}***");
    }

    private static bool IsPostgresDialect(string dialect) =>
        string.Equals(dialect, "postgresql", StringComparison.OrdinalIgnoreCase) || string.Equals(dialect, "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>postgresql://user:password@host:port/dbname?option=value&amp;...</c> (libpq's and SQLAlchemy's form) as an Npgsql
    /// connection string: user, password, host and database percent-decoded, the port 5432 when absent, the host a unix
    /// socket folder when it starts with '/' (<c>postgresql://user@/db?host=/var/run/postgresql</c>).
    /// </summary>
    private static string PostgresConnectionString(string url, string rest)
    {
        string query = "";
        int queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        if (queryStart >= 0)
        {
            query = rest[(queryStart + 1)..];
            rest = rest[..queryStart];
        }

        if (rest.Contains('#', StringComparison.Ordinal) || query.Contains('#', StringComparison.Ordinal))
        {
            throw InvalidUrl(url, "it has a '#' fragment, which a database URL cannot have; percent-encode a '#' in a password as %23.");
        }

        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string authority = slash < 0 ? rest : rest[..slash];
        string path = slash < 0 ? "" : rest[(slash + 1)..];
        if (path.Contains('@', StringComparison.Ordinal) || authority.IndexOf('@', StringComparison.Ordinal) != authority.LastIndexOf('@'))
        {
            throw InvalidUrl(
                url, "it has an '@' after the user name and password; percent-encode '@', '/', '?' and '#' in them as %40, %2F, %3F and %23.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        int at = authority.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            string userInfo = authority[..at];
            authority = authority[(at + 1)..];
            int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            AddPostgresOption(url, values, "user", PercentDecode(url, colon < 0 ? userInfo : userInfo[..colon], "user name"));
            if (colon >= 0)
            {
                AddPostgresOption(url, values, "password", PercentDecode(url, userInfo[(colon + 1)..], "password"));
            }
        }

        (string host, string port) = SplitHostAndPort(url, authority);
        AddPostgresOption(url, values, "host", PercentDecode(url, host, "host"));
        AddPostgresOption(url, values, "port", port);
        if (path.Contains('/', StringComparison.Ordinal))
        {
            throw InvalidUrl(url, "the path after the host must be one database name; percent-encode a '/' in the name as %2F.");
        }

        AddPostgresOption(url, values, "dbname", PercentDecode(url, path, "database name"));
        foreach (string option in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = option.IndexOf('=', StringComparison.Ordinal);
            string name = PercentDecode(url, equals < 0 ? option : option[..equals], "query option name");
            if (Array.FindIndex(s_postgresOptions, o => o.Option == name) < 0)
            {
                throw InvalidUrl(
                    url,
                    $"the query option '{name}' is not supported; GenOrm supports {string.Join(", ", Array.ConvertAll(s_postgresOptions, o => o.Option))}. " +
                    "Use an Npgsql connection string (Host=...;Username=...;...) for other connection options.");
            }

            if (equals < 0 || equals == option.Length - 1)
            {
                throw InvalidUrl(url, $"the query option '{name}' has no value; write '{name}=value'.");
            }

            AddPostgresOption(url, values, name, PercentDecode(url, option[(equals + 1)..], $"value of '{name}'"));
        }

        if (!values.ContainsKey("host"))
        {
            throw InvalidUrl(
                url, "it names no host; write 'postgresql://user:password@host:5432/dbname', or give a unix socket folder as in 'postgresql://user@/dbname?host=/var/run/postgresql'.");
        }

        values.TryAdd("port", DefaultPostgresPort.ToString(CultureInfo.InvariantCulture));

        // DbConnectionStringBuilder quotes and escapes each value for the keyword=value form that Npgsql parses.
        var builder = new DbConnectionStringBuilder();
        foreach ((string option, string keyword) in s_postgresOptions)
        {
            if (values.TryGetValue(option, out string? value))
            {
                builder[keyword] = value;
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>Adds one libpq option (from the URL's parts or its query), checked; an empty part adds nothing.</summary>
    private static void AddPostgresOption(string url, Dictionary<string, string> values, string option, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        string checkedValue = option switch
        {
            "host" when value.Contains(',', StringComparison.Ordinal) => throw InvalidUrl(
                url, "it names several hosts; GenOrm's URL takes one. Use an Npgsql connection string (Host=host1,host2;...) for several."),
            "port" => WholeNumber(url, option, value, 1, 65535),
            "connect_timeout" => WholeNumber(url, option, value, 0, int.MaxValue),
            "sslmode" => Array.Find(s_sslModes, m => m.Libpq == value).Npgsql ?? throw InvalidUrl(
                url, $"sslmode '{value}' is not one of {string.Join(", ", Array.ConvertAll(s_sslModes, m => m.Libpq))}."),
            _ => value,
        };
        if (!values.TryAdd(option, checkedValue))
        {
            throw InvalidUrl(url, $"it gives '{option}' more than once.");
        }
    }

    private static string WholeNumber(string url, string option, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max
            ? number.ToString(CultureInfo.InvariantCulture)
            : throw InvalidUrl(url, $"the {option} '{value}' is not a whole number from {min} to {max}.");

    /// <summary>Splits <c>host</c>, <c>host:port</c>, <c>[ipv6]</c> or <c>[ipv6]:port</c>; either part may be empty.</summary>
    private static (string Host, string Port) SplitHostAndPort(string url, string authority)
    {
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < authority.Length && authority[close + 1] != ':'))
            {
                throw InvalidUrl(url, "the IPv6 address must be in brackets, followed by nothing or by ':port', as in 'postgresql://user@[::1]:5432/dbname'.");
            }

            return (authority[1..close], close + 1 < authority.Length ? authority[(close + 2)..] : "");
        }

        int colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && authority.IndexOf(':', colon + 1) >= 0)
        {
            throw InvalidUrl(url, "write an IPv6 address in brackets, as in 'postgresql://user@[::1]:5432/dbname'.");
        }

        return colon < 0 ? (authority, "") : (authority[..colon], authority[(colon + 1)..]);
    }

    /// <summary>Decodes %XX escapes as UTF-8 (libpq's rule: '+' stays '+'); a malformed escape is an error naming the part.</summary>
    private static string PercentDecode(string url, string text, string part)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var decoded = new StringBuilder(text.Length);
        var escaped = new List<byte>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                AppendEscaped();
                decoded.Append(text[i]);
            }
            else if (i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
            {
                escaped.Add(b);
                i += 2;
            }
            else
            {
                throw InvalidUrl(url, $"the {part} has a '%' that is not followed by two hexadecimal digits; write a '%' itself as %25.");
            }
        }

        AppendEscaped();
        return decoded.ToString();

        void AppendEscaped()
        {
            if (escaped.Count == 0)
            {
                return;
            }

            try
            {
                decoded.Append(strict.GetString(escaped.ToArray()));
            }
            catch (DecoderFallbackException)
            {
                throw InvalidUrl(url, $"the {part} is not valid UTF-8 once its %XX escapes are decoded.");
            }

            escaped.Clear();
        }
    }

    /// <summary>
    /// Whether a connection string is Npgsql's: it has <c>Host</c> (or its synonym <c>Server</c>), which SQLite's has not.
    /// </summary>
    private static bool IsPostgresConnectionString(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return false; // FromConnectionString says what is wrong with it.
        }

        bool postgres = builder.ContainsKey("Host") || builder.ContainsKey("Server");
        if (postgres && (builder.ContainsKey("Data Source") || builder.ContainsKey("DataSource") || builder.ContainsKey("Filename")))
        {
            throw InvalidUrl(
                connectionString, "it has both a PostgreSQL 'Host' and a SQLite 'Data Source'; keep the one of the database you mean.");
        }

        return postgres;
    }

    private static ArgumentException InvalidUrl(string url, string reason) => new(ErrorMessages.InvalidUrl(url, reason), nameof(url));

    [GeneratedRegex(@"(?<key>(?:^|;)\s*(?:password|pwd|ssl\s*password)\s*=\s*)(?:""(?:[^""]|"""")*""|'(?:[^']|'')*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?<key>[?&](?:ssl)?password=)[^&]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPasswordOption();

    /// <summary>What <see cref="Resolve"/> found.</summary>
    /// <param name="ConnectionString">The driver's connection string: Microsoft.Data.Sqlite's, or Npgsql's for <see cref="DatabaseKind.Postgres"/>.</param>
    /// <param name="InMemory">Whether it names an in-memory SQLite database the engine must keep alive.</param>
    /// <param name="FilePath">The SQLite file's path as the caller wrote it (<see langword="null"/> in memory and on PostgreSQL), for messages.</param>
    /// <param name="ReadOnly">Whether it opens read-only (on PostgreSQL: <see cref="EngineOptions.ReadOnly"/>, for the driver to enforce).</param>
    /// <param name="Kind">Which database, so which driver.</param>
    internal readonly record struct Resolved(string ConnectionString, bool InMemory, string? FilePath, bool ReadOnly, DatabaseKind Kind = DatabaseKind.Sqlite);

    /// <summary>A name no other engine uses, so that two engines never share an in-memory database.</summary>
    private static string NewMemoryName() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"genorm-memory-{Environment.ProcessId}-{Interlocked.Increment(ref s_memoryDatabases)}-{Guid.NewGuid():N}");
}
