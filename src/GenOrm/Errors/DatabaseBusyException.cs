using System;

namespace GenOrm;

/// <summary>
/// The exception GenOrm throws when a statement could not get the lock it needs in time: another connection or process
/// held the database's write lock for longer than <see cref="EngineOptions.BusyTimeout"/> (<c>SQLITE_BUSY</c>), a
/// connection of the same in-memory engine held a table lock (<c>SQLITE_LOCKED</c>), or a transaction that read first
/// could no longer write because another connection committed in between (<c>SQLITE_BUSY_SNAPSHOT</c>). On PostgreSQL: a
/// lock waited for longer than the busy timeout (<c>lock_timeout</c>, SQLSTATE 55P03), a serialization failure (40001)
/// or a deadlock (40P01).
/// Nothing of the failed statement was written; roll back and run the transaction again.
/// </summary>
public sealed class DatabaseBusyException : GenOrmException
{
    /// <summary>Initializes a new instance of the <see cref="DatabaseBusyException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="tableName">The table the statement works on, when known.</param>
    /// <param name="sql">The SQL that could not run.</param>
    /// <param name="innerException">The database's own error: a <see cref="Microsoft.Data.Sqlite.SqliteException"/>, or Npgsql's <c>PostgresException</c>.</param>
    public DatabaseBusyException(string message, string? tableName, string? sql, Exception? innerException)
        : base(message, tableName, columnName: null, sql, innerException)
    {
    }
}
