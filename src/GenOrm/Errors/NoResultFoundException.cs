namespace GenOrm;

/// <summary>
/// The exception <see cref="Result.One"/> (and <see cref="Result.Scalar{T}"/>) throws when the statement returned no
/// row: SQLAlchemy's <c>NoResultFound</c>.
/// </summary>
public sealed class NoResultFoundException : GenOrmException
{
    /// <summary>Initializes a new instance of the <see cref="NoResultFoundException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="sql">The SQL that returned no row.</param>
    public NoResultFoundException(string message, string? sql)
        : base(message, tableName: null, columnName: null, sql, innerException: null)
    {
    }
}
