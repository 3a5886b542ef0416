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
}
