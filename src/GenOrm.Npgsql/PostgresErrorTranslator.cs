using System;
using System.Data.Common;
using System.IO;
using System.Net.Sockets;
using global::Npgsql;

namespace GenOrm.Npgsql;

/// <summary>
/// Turns Npgsql's errors into GenOrm's exceptions by SQLSTATE, naming the table, column and constraint the server
/// reports (<see cref="PostgresException.TableName"/>, <see cref="PostgresException.ColumnName"/>,
/// <see cref="PostgresException.ConstraintName"/>; a key's columns come from the catalog). Messages never quote values.
/// </summary>
internal static class PostgresErrorTranslator
{
    public static GenOrmException Translate(DbException exception, string sql, string? tableName, NpgsqlDriverConnection connection)
    {
        if (exception is ReadAheadException ahead)
        {
            // The statement did not run: the open result before it failed as it was read ahead. The inner exception is
            // that result's own error, as its stream reports it.
            GenOrmException cause = Translate(ahead.Failure, ahead.ResultSql, null, connection);
            return new GenOrmException(ErrorMessages.ReadAheadFailed(sql, ahead.ResultSql, cause.Message), cause.TableName, cause.ColumnName, sql, cause);
        }

        if (exception is not PostgresException server)
        {
            if (connection.IsBroken || exception.InnerException is IOException or SocketException or EndOfStreamException)
            {
                return new GenOrmException(
                    ErrorMessages.PostgresConnectionLost(connection.Driver.Namespace, exception.InnerException?.Message ?? exception.Message, sql),
                    tableName, null, sql, exception);
            }

            return new GenOrmException(ErrorMessages.PostgresError(exception.Message, "none", sql), tableName, null, sql, exception);
        }

        string? table = server.TableName ?? tableName;
        switch (server.SqlState)
        {
            case PostgresErrorCodes.UniqueViolation:
            {
                // Without the catalog's columns (a table created in a transaction not committed yet is not visible to
                // the connection that reads them), the exception names the constraint, and its ColumnName stays null.
                string? columns = connection.Driver.ConstraintColumns(server.SchemaName, server.TableName, server.ConstraintName);
                string constraint = server.ConstraintName ?? "?";
                bool primaryKey = constraint.EndsWith("_pkey", StringComparison.Ordinal);
                return primaryKey
                    ? new ConstraintViolationException(
                        ConstraintKind.PrimaryKey,
                        columns is null ? ErrorMessages.PrimaryKeyConstraintViolation(table, constraint) : ErrorMessages.PrimaryKeyViolation(table, columns),
                        table, columns, sql, exception) { ConstraintName = server.ConstraintName }
                    : new ConstraintViolationException(
                        ConstraintKind.Unique,
                        columns is null ? ErrorMessages.UniqueConstraintViolation(table, constraint) : ErrorMessages.UniqueViolation(table, columns),
                        table, columns, sql, exception) { ConstraintName = server.ConstraintName };
            }

            case PostgresErrorCodes.ForeignKeyViolation:
            {
                string? columns = connection.Driver.ConstraintColumns(server.SchemaName, server.TableName, server.ConstraintName);
                return new ConstraintViolationException(ConstraintKind.ForeignKey, ErrorMessages.ForeignKeyViolation(table), table, columns, sql, exception)
                {
                    ConstraintName = server.ConstraintName,
                };
            }

            case PostgresErrorCodes.NotNullViolation:
            {
                string column = server.ColumnName ?? "?";
                return new ConstraintViolationException(ConstraintKind.NotNull, ErrorMessages.NotNullViolation(table, column), table, server.ColumnName, sql, exception);
            }

            case PostgresErrorCodes.CheckViolation:
                return new ConstraintViolationException(
                    ConstraintKind.Check, ErrorMessages.CheckViolation(table, server.ConstraintName ?? "?"), table, server.ColumnName, sql, exception)
                {
                    ConstraintName = server.ConstraintName,
                };

            case PostgresErrorCodes.StringDataRightTruncation:
                return new ConstraintViolationException(
                    ConstraintKind.MaxLength, ErrorMessages.ValueTooLong(table, server.ColumnName, server.MessageText), table, server.ColumnName, sql, exception);

            case PostgresErrorCodes.SerializationFailure:
            case PostgresErrorCodes.DeadlockDetected:
                return new DatabaseBusyException(ErrorMessages.SerializationFailure(table, server.SqlState, sql), table, sql, exception);

            case PostgresErrorCodes.LockNotAvailable:
                return new DatabaseBusyException(
                    ErrorMessages.LockTimeout(table, ErrorMessages.Duration(connection.Driver.BusyTimeout), sql), table, sql, exception);

            case PostgresErrorCodes.AdminShutdown:
            case PostgresErrorCodes.CrashShutdown:
            case PostgresErrorCodes.CannotConnectNow:
                return new GenOrmException(ErrorMessages.PostgresConnectionLost(connection.Driver.Namespace, server.MessageText, sql), table, null, sql, exception);

            default:
                return table is null
                    ? new GenOrmException(ErrorMessages.PostgresError(server.MessageText, server.SqlState, sql), null, server.ColumnName, sql, exception)
                    : new GenOrmException(ErrorMessages.PostgresTableError(table, server.MessageText, server.SqlState, sql), table, server.ColumnName, sql, exception);
        }
    }
}
