using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace GenOrm;

/// <summary>Options for <see cref="Engine.Create(string, EngineOptions)"/>.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether every statement is logged as it runs: <c>BEGIN (implicit)</c>, the SQL,
    /// its parameters and elapsed time, <c>COMMIT</c> and <c>ROLLBACK</c> (SQLAlchemy's <c>echo=True</c>).
    /// The default is <see langword="false"/>.
    /// </summary>
    public bool Echo { get; set; }

    /// <summary>
    /// Gets or sets the logger that echo writes to, at <see cref="LogLevel.Information"/>. When <see langword="null"/>,
    /// echo writes to <see cref="EchoWriter"/>.
    /// </summary>
    public ILogger? Logger { get; set; }

    /// <summary>
    /// Gets or sets the writer that echo writes to when no <see cref="Logger"/> is set. When <see langword="null"/>
    /// (the default), echo writes to standard output.
    /// </summary>
    public TextWriter? EchoWriter { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a file database is switched to write-ahead logging
    /// (<c>PRAGMA journal_mode=WAL</c>) when the engine opens its first connection. The default is <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// In WAL mode readers never block the writer and the writer never blocks readers, and a commit is one append to the
    /// <c>-wal</c> file. The mode is stored in the database file, so <see langword="false"/> leaves the file's journal
    /// mode as it is rather than turning WAL off; run <c>PRAGMA journal_mode=DELETE</c> to go back to a rollback journal.
    /// Has no effect on in-memory databases or on read-only engines (<see cref="ReadOnly"/>, <c>?mode=ro</c>,
    /// <c>?immutable=1</c>, <c>Mode=ReadOnly</c>).
    /// </remarks>
    public bool UseWal { get; set; } = true;

    /// <summary>
    /// Gets or sets how long a statement waits for a lock held by another connection or process before it fails with
    /// <see cref="DatabaseBusyException"/>. When <see langword="null"/> (the default), the connection string's
    /// <c>Default Timeout</c> (in seconds) is used if it has one, and otherwise <see cref="DefaultBusyTimeout"/>.
    /// </summary>
    /// <remarks>
    /// GenOrm gives the value to SQLite (<c>PRAGMA busy_timeout</c>) on every connection it opens, and sets the
    /// connection's <c>DefaultTimeout</c> (whole seconds, rounded up) for Microsoft.Data.Sqlite's own retry loop, so that a
    /// statement waits about this long and no longer. It must be at least 1 ms.
    /// </remarks>
    public TimeSpan? BusyTimeout { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the engine opens its database file for reading only, as
    /// <c>?mode=ro</c> in the URL or <c>Mode=ReadOnly</c> in a connection string do. The default is <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// A read-only engine never changes the file: it does not switch it to WAL (<see cref="UseWal"/> is ignored), and a
    /// write fails with a <see cref="GenOrmException"/> that names the file. A file in WAL mode still needs its <c>-wal</c>
    /// and <c>-shm</c> files, or a writable folder to create them in; on read-only media, open it with
    /// <c>?immutable=1</c> instead. In-memory databases cannot be read-only.
    /// </remarks>
    public bool ReadOnly { get; set; }

    /// <summary>Gets the busy timeout used when neither <see cref="BusyTimeout"/> nor the connection string sets one: 5 seconds.</summary>
    public static TimeSpan DefaultBusyTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets a value indicating whether the spans of the <c>GenOrm</c> activity source carry the values bound to
    /// the statement's parameters, as <c>db.query.parameter.&lt;name&gt;</c> attributes. The default is
    /// <see langword="false"/>: spans carry the SQL text with its placeholders, never the values, which may be
    /// personal data.
    /// </summary>
    /// <remarks>Values are recorded only while a listener samples the span with all its data.</remarks>
    public bool TraceParameterValues { get; set; }
}
