using System;
using System.Data.Common;

namespace GenOrm;

/// <summary>
/// The exception GenOrm throws when the database reports an error or a statement cannot run. The message names the
/// table and column involved (or the parameter, or quotes the SQL) and says how to fix the problem; the database's own
/// error, when there is one (a <see cref="Microsoft.Data.Sqlite.SqliteException"/>, or on PostgreSQL Npgsql's
/// <c>PostgresException</c>, whose <c>SqlState</c> is the SQLSTATE), is the <see cref="Exception.InnerException"/>.
/// </summary>
public class GenOrmException : DbException
{
    /// <summary>Initializes a new instance of the <see cref="GenOrmException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public GenOrmException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GenOrmException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one, usually a <see cref="Microsoft.Data.Sqlite.SqliteException"/>.</param>
    public GenOrmException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="GenOrmException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="tableName">The table involved, when known.</param>
    /// <param name="columnName">The column involved, when known.</param>
    /// <param name="sql">The SQL that failed, when known.</param>
    /// <param name="innerException">The exception that caused this one, usually a <see cref="Microsoft.Data.Sqlite.SqliteException"/>.</param>
    public GenOrmException(string message, string? tableName, string? columnName, string? sql, Exception? innerException)
        : base(message, innerException)
    {
        TableName = tableName;
        ColumnName = columnName;
        Sql = sql;
    }

    /// <summary>Gets the name of the table involved, or <see langword="null"/> when it is not known.</summary>
    public string? TableName { get; }

    /// <summary>
    /// Gets the name of the column involved, or <see langword="null"/> when it is not known. For a constraint over
    /// several columns (a composite key), the names are joined with <c>", "</c>.
    /// </summary>
    public string? ColumnName { get; }

    /// <summary>Gets the SQL text of the statement that failed, or <see langword="null"/> when it is not known.</summary>
    public string? Sql { get; }

    /// <summary>
    /// Gets the SQLite result code (for example 19, <c>SQLITE_CONSTRAINT</c>), or 0 when SQLite reported no error; always 0
    /// on PostgreSQL, where the inner <c>PostgresException.SqlState</c> is the SQLSTATE.
    /// </summary>
    public int SqliteErrorCode => (InnerException as Microsoft.Data.Sqlite.SqliteException)?.SqliteErrorCode ?? 0;
}
