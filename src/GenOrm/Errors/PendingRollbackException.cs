using System;

namespace GenOrm;

/// <summary>
/// The exception GenOrm throws for every statement and <see cref="Connection.Commit"/> on a connection whose
/// transaction SQLite rolled back by itself after an error (a full disk, an I/O error, <c>INSERT OR ROLLBACK</c>,
/// <c>RAISE(ROLLBACK)</c>), as SQLAlchemy's <c>PendingRollbackError</c>: the transaction's uncommitted work is gone,
/// so nothing may run as if it were still there. Call <see cref="Connection.Rollback"/> to acknowledge the loss; the
/// connection is then usable again, and the lost work can be run again in a new transaction.
/// </summary>
public sealed class PendingRollbackException : GenOrmException
{
    /// <summary>Initializes a new instance of the <see cref="PendingRollbackException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The error after which SQLite rolled the transaction back.</param>
    public PendingRollbackException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
