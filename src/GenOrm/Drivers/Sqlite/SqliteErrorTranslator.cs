using System;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace GenOrm.Drivers.Sqlite;

/// <summary>Turns a <see cref="SqliteException"/> into a <see cref="GenOrmException"/> that names the table and column.</summary>
internal static partial class SqliteErrorTranslator
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteConstraint = 19;
    private const int BusySnapshot = 517;
    private const int ConstraintCheck = 275;
    private const int ConstraintForeignKey = 787;
    private const int ConstraintNotNull = 1299;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;
    private const int ConstraintRowId = 2579;
    private const int ConstraintDataType = 3091;

    /// <summary>Translates <paramref name="exception"/>.</summary>
    /// <param name="exception">The error SQLite reported.</param>
    /// <param name="sql">The SQL text that failed.</param>
    /// <param name="tableName">The table the statement works on, when the caller knows it (generated code does).</param>
    /// <param name="busyTimeout">How long the connection waited for locks, quoted by busy errors; <see langword="null"/> when unknown.</param>
    /// <param name="databaseFile">The connection's database file, quoted when a write meets a read-only database.</param>
    public static GenOrmException Translate(SqliteException exception, string sql, string? tableName, TimeSpan? busyTimeout = null, string? databaseFile = null)
    {
        string message = SqliteMessage(exception);
        tableName ??= WriteTarget(sql);

        if (exception.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            string waited = busyTimeout is { } timeout ? ErrorMessages.Duration(timeout) : "for the engine's busy timeout";
            string busyMessage = exception.SqliteExtendedErrorCode == BusySnapshot
                ? ErrorMessages.SnapshotConflict(tableName, sql)
                : exception.SqliteErrorCode == SqliteBusy
                    ? ErrorMessages.DatabaseBusy(tableName, waited, sql)
                    : ErrorMessages.DatabaseLocked(tableName, waited, sql);
            return new DatabaseBusyException(busyMessage, tableName, sql, exception);
        }

        if (exception.SqliteErrorCode == SqliteReadOnly && !string.IsNullOrEmpty(databaseFile))
        {
            return new GenOrmException(ErrorMessages.WriteReadOnlyDatabase(tableName, databaseFile, sql), tableName, null, sql, exception);
        }

        if (exception.SqliteErrorCode == SqliteConstraint)
        {
            switch (exception.SqliteExtendedErrorCode)
            {
                case ConstraintUnique:
                {
                    var (table, columns) = ParseTableColumns(message, tableName);
                    return new ConstraintViolationException(
                        ConstraintKind.Unique, ErrorMessages.UniqueViolation(table, columns), table, columns, sql, exception);
                }

                case ConstraintPrimaryKey:
                case ConstraintRowId:
                {
                    var (table, columns) = ParseTableColumns(message, tableName);
                    return new ConstraintViolationException(
                        ConstraintKind.PrimaryKey, ErrorMessages.PrimaryKeyViolation(table, columns), table, columns, sql, exception);
                }

                case ConstraintNotNull:
                {
                    var (table, column) = ParseTableColumns(message, tableName);
                    return new ConstraintViolationException(
                        ConstraintKind.NotNull, ErrorMessages.NotNullViolation(table, column), table, column, sql, exception);
                }

                case ConstraintCheck:
                {
                    string constraint = AfterColon(message);
                    Match maxLength = MaxLengthCheck().Match(constraint);
                    if (maxLength.Success)
                    {
                        string column = maxLength.Groups["column"].Value.Replace("\"\"", "\"", StringComparison.Ordinal);
                        int length = int.Parse(maxLength.Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture);
                        return new ConstraintViolationException(
                            ConstraintKind.MaxLength, ErrorMessages.MaxLengthViolation(tableName, column, length), tableName, column, sql, exception);
                    }

                    return new ConstraintViolationException(
                        ConstraintKind.Check, ErrorMessages.CheckViolation(tableName, constraint), tableName, null, sql, exception);
                }

                case ConstraintForeignKey:
                    return new ConstraintViolationException(
                        ConstraintKind.ForeignKey, ErrorMessages.ForeignKeyViolation(tableName), tableName, null, sql, exception);

                case ConstraintDataType:
                {
                    Match dataType = DataTypeError().Match(message);
                    if (dataType.Success)
                    {
                        var (table, column) = SplitQualified(dataType.Groups["target"].Value, tableName);
                        return new ConstraintViolationException(
                            ConstraintKind.DataType,
                            ErrorMessages.DataTypeViolation(table, column, dataType.Groups["stored"].Value, dataType.Groups["type"].Value),
                            table, column, sql, exception);
                    }

                    break;
                }
            }
        }

        return tableName is null
            ? new GenOrmException(ErrorMessages.SqlError(message, sql), null, null, sql, exception)
            : new GenOrmException(ErrorMessages.TableError(tableName, message, sql), tableName, null, sql, exception);
    }

    /// <summary>The table an <c>INSERT</c>, <c>UPDATE</c> or <c>REPLACE</c> statement writes to, or <see langword="null"/>.</summary>
    internal static string? WriteTarget(string sql)
    {
        Match match = WriteStatement().Match(sql);
        if (!match.Success)
        {
            return null;
        }

        string name = match.Groups["table"].Value;
        return name[0] switch
        {
            '"' => name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal),
            '[' or '`' => name[1..^1],
            _ => name,
        };
    }

    /// <summary>The text SQLite gave, without Microsoft.Data.Sqlite's "SQLite Error 19: '...'." wrapping.</summary>
    private static string SqliteMessage(SqliteException exception)
    {
        Match match = WrappedMessage().Match(exception.Message);
        return match.Success ? match.Groups["message"].Value : exception.Message;
    }

    private static string AfterColon(string message)
    {
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? message : message[(colon + 2)..];
    }

    /// <summary>Parses "table.a, table.b" as SQLite writes it after "UNIQUE constraint failed: ".</summary>
    private static (string? Table, string Columns) ParseTableColumns(string message, string? knownTable)
    {
        string[] parts = AfterColon(message).Split(", ");
        string? table = knownTable;
        var columns = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            (string? partTable, columns[i]) = SplitQualified(parts[i], knownTable);
            table ??= partTable;
        }

        return (table, string.Join(", ", columns));
    }

    private static (string? Table, string Column) SplitQualified(string qualified, string? knownTable)
    {
        if (knownTable is not null && qualified.StartsWith(knownTable + ".", StringComparison.OrdinalIgnoreCase))
        {
            return (knownTable, qualified[(knownTable.Length + 1)..]);
        }

        int dot = qualified.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? (knownTable, qualified) : (qualified[..dot], qualified[(dot + 1)..]);
    }

    [GeneratedRegex(@"^SQLite Error \d+: '(?<message>.*)'\.$", RegexOptions.Singleline)]
    private static partial Regex WrappedMessage();

    [GeneratedRegex(@"^\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?)\s+(?<table>""(?:[^""]|"""")+""|\[[^\]]+\]|`[^`]+`|[\w]+)", RegexOptions.IgnoreCase)]
    private static partial Regex WriteStatement();

    [GeneratedRegex(@"^length\(""(?<column>(?:[^""]|"""")*)""\) <= (?<length>\d+)$")]
    private static partial Regex MaxLengthCheck();

    [GeneratedRegex(@"^cannot store (?<stored>\w+) value in (?<type>\w+) column (?<target>.+)$", RegexOptions.Singleline)]
    private static partial Regex DataTypeError();
}
