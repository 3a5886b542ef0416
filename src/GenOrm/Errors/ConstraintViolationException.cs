using System;

namespace GenOrm;

/// <summary>The kind of constraint a write violated.</summary>
public enum ConstraintKind
{
    /// <summary>A <c>UNIQUE</c> column (<see cref="UniqueAttribute"/>) already holds the value.</summary>
    Unique,

    /// <summary>A row with the same primary key already exists.</summary>
    PrimaryKey,

    /// <summary>A <c>NOT NULL</c> column was given <c>NULL</c>.</summary>
    NotNull,

    /// <summary>A string is longer than its column's <see cref="MaxLengthAttribute"/> allows.</summary>
    MaxLength,

    /// <summary>Another <c>CHECK</c> constraint failed.</summary>
    Check,

    /// <summary>A foreign key refers to a row that does not exist, or a referenced row is still in use.</summary>
    ForeignKey,

    /// <summary>A value's type does not match the column's type (the tables GenOrm creates are <c>STRICT</c>).</summary>
    DataType,
}

/// <summary>
/// The exception GenOrm throws when a write breaks a constraint of the table: a unique or primary key, <c>NOT NULL</c>,
/// a maximum length, a <c>CHECK</c>, a foreign key or a column type. The statement has no effect; the connection
/// and its transaction stay usable on SQLite. PostgreSQL aborts the transaction on any error: GenOrm then rolls it
/// back, and if it had done work, the next statement throws <see cref="PendingRollbackException"/> until
/// <see cref="Connection.Rollback"/> (a batch's savepoint keeps the transaction going).
/// </summary>
public sealed class ConstraintViolationException : GenOrmException
{
    /// <summary>Initializes a new instance of the <see cref="ConstraintViolationException"/> class.</summary>
    /// <param name="kind">The kind of constraint that was violated.</param>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="tableName">The table involved, when known.</param>
    /// <param name="columnName">The column (or columns, joined with <c>", "</c>) involved, when known.</param>
    /// <param name="sql">The SQL that failed.</param>
    /// <param name="innerException">The database's own error: a <see cref="Microsoft.Data.Sqlite.SqliteException"/>, or Npgsql's <c>PostgresException</c>.</param>
    public ConstraintViolationException(
        ConstraintKind kind, string message, string? tableName, string? columnName, string? sql, Exception? innerException)
        : base(message, tableName, columnName, sql, innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets the kind of constraint that was violated.</summary>
    public ConstraintKind Kind { get; }

    /// <summary>
    /// Gets the constraint's name as the database reports it (PostgreSQL: <c>user_Email_key</c>, <c>user_pkey</c>,
    /// <c>post_AuthorId_fkey</c>), or <see langword="null"/> on SQLite, which names a constraint only in its message text.
    /// </summary>
    public string? ConstraintName { get; init; }
}
