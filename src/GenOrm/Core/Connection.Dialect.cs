namespace GenOrm;

public sealed partial class Connection
{
    /// <summary>
    /// Gets whether this connection talks to PostgreSQL: generated code that carries PostgreSQL's texts runs those
    /// (<c>TableCommands</c> picks) where the dialects' texts differ.
    /// </summary>
    internal bool IsPostgres => _engine.Driver.Kind == DatabaseKind.Postgres;

    /// <summary>Gets the database this connection talks to, for SQL the runtime builds (the typed queries) where the dialects differ.</summary>
    internal DatabaseKind Database => _engine.Driver.Kind;

    /// <summary>
    /// Gets whether an <c>INSERT</c>'s generated key comes back as the row of its <c>RETURNING</c> clause (PostgreSQL)
    /// rather than from the connection afterwards (SQLite's <c>sqlite3_last_insert_rowid</c>).
    /// </summary>
    internal bool ReturnsGeneratedKeys => _engine.Driver.ReturnsGeneratedKeys;
}
