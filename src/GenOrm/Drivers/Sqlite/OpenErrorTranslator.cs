using System;
using System.IO;
using Microsoft.Data.Sqlite;

namespace GenOrm.Drivers.Sqlite;

/// <summary>
/// Turns a <see cref="SqliteException"/> from opening a database file (or from the engine's first statement on it)
/// into a <see cref="GenOrmException"/> that names the file as the caller wrote it and says what to do. SQLite's own
/// message ("unable to open database file") names neither, so the file system is asked what is wrong.
/// </summary>
internal static class OpenErrorTranslator
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>Translates <paramref name="exception"/>.</summary>
    /// <param name="exception">The error SQLite reported.</param>
    /// <param name="path">The database path as the caller wrote it (a URL's path, or the connection string's Data Source).</param>
    /// <param name="readOnly">Whether the engine opens the file read-only.</param>
    /// <param name="sql">The statement that failed, or <see langword="null"/> when opening failed.</param>
    /// <param name="busyTimeout">The engine's busy timeout, for busy errors.</param>
    /// <returns>A <see cref="DatabaseBusyException"/> naming the file when the first statement found it locked for longer than the busy timeout; otherwise a <see cref="GenOrmException"/>.</returns>
    public static GenOrmException Translate(SqliteException exception, string path, bool readOnly, string? sql, TimeSpan busyTimeout)
    {
        if (sql is not null && exception.SqliteErrorCode == SqliteBusy)
        {
            string message = ErrorMessages.OpenBusy(path, sql == SqliteDriver.WalPragma, ErrorMessages.Duration(busyTimeout), sql);
            return new DatabaseBusyException(message, null, sql, exception);
        }

        return exception.SqliteErrorCode == SqliteLocked && sql is not null
            ? SqliteErrorTranslator.Translate(exception, sql, null, busyTimeout)
            : new GenOrmException(ErrorFor(exception, path, readOnly), null, null, sql, exception);
    }

    private static string ErrorFor(SqliteException exception, string path, bool readOnly)
    {
        switch (exception.SqliteErrorCode)
        {
            case SqliteNotADatabase:
                return ErrorMessages.NotADatabase(path);
            case SqliteReadOnly:
                return ErrorMessages.OpenReadOnlyFile(path);
            case SqliteCantOpen:
                return CannotOpen(path, readOnly) ?? ErrorMessages.OpenFailed(path, SqliteMessage(exception));
            default:
                return ErrorMessages.OpenFailed(path, SqliteMessage(exception));
        }
    }

    /// <summary>Why SQLite could not open <paramref name="path"/>, as far as the file system tells.</summary>
    private static string? CannotOpen(string path, bool readOnly)
    {
        string full;
        try
        {
            full = Path.GetFullPath(FileSystemPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException or IOException)
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            return ErrorMessages.OpenIsFolder(path);
        }

        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            return ErrorMessages.OpenFolderMissing(path, Path.GetDirectoryName(path) is { Length: > 0 } given ? given : folder);
        }

        if (!File.Exists(full))
        {
            return readOnly ? ErrorMessages.OpenMissingReadOnly(path) : ErrorMessages.OpenNoPermission(path);
        }

        try
        {
            using FileStream file = File.OpenRead(full);
            Span<byte> header = stackalloc byte[20];
            int read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);

            // Bytes 18 and 19 of the header are the file format versions: 2 means WAL, which needs the -shm file.
            return read == header.Length && header[18] == 2 ? ErrorMessages.OpenWalNeedsFolder(path) : null;
        }
        catch (UnauthorizedAccessException)
        {
            return ErrorMessages.OpenNoPermission(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The file path of a Data Source, which may be a SQLite URI filename (<c>file:path?immutable=1</c>).</summary>
    private static string FileSystemPath(string dataSource)
    {
        if (!dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return dataSource;
        }

        string uri = dataSource[5..];
        int end = uri.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            uri = uri[..end];
        }

        if (uri.StartsWith("//", StringComparison.Ordinal))
        {
            // file://host/path: SQLite accepts only an empty host or 'localhost'.
            int slash = uri.IndexOf('/', 2);
            uri = slash < 0 ? string.Empty : uri[slash..];
        }

        return Uri.UnescapeDataString(uri);
    }

    private static string SqliteMessage(SqliteException exception)
    {
        string message = exception.Message;
        int quote = message.IndexOf(": '", StringComparison.Ordinal);
        return quote >= 0 && message.EndsWith("'.", StringComparison.Ordinal) ? message[(quote + 3)..^2] : message;
    }
}
