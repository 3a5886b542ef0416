namespace GenOrm;

/// <summary>
/// The exception <see cref="Result.One"/>, <see cref="Result.OneOrNone"/> and the generated <c>GetBy{Property}</c>
/// lookups throw when the statement returned more than one row: SQLAlchemy's <c>MultipleResultsFound</c>.
/// </summary>
public sealed class MultipleResultsFoundException : GenOrmException
{
    /// <summary>Initializes a new instance of the <see cref="MultipleResultsFoundException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="tableName">The table queried, when known.</param>
    /// <param name="sql">The SQL that returned several rows.</param>
    public MultipleResultsFoundException(string message, string? tableName, string? sql)
        : base(message, tableName, columnName: null, sql, innerException: null)
    {
    }
}
