using System;
using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>
/// The exception <see cref="Migrator"/> and <c>CreateTable</c> throw when a database's shape is not the one expected:
/// it is newer than the code, its shape does not match the version it claims (or any recorded version), or a table
/// exists with another definition. The message names the table and column and says what to do.
/// </summary>
public sealed class SchemaMismatchException : GenOrmException
{
    private readonly SchemaDifference[] _differences;

    /// <summary>Initializes a new instance of the <see cref="SchemaMismatchException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="databaseVersion">The database's <c>PRAGMA user_version</c> when it was refused.</param>
    /// <param name="differences">The differences that made it refuse, or an empty list.</param>
    /// <exception cref="ArgumentNullException"><paramref name="differences"/> is <see langword="null"/>.</exception>
    public SchemaMismatchException(string message, int databaseVersion, IReadOnlyList<SchemaDifference> differences)
        : this(message, databaseVersion, differences, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SchemaMismatchException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="databaseVersion">The database's <c>PRAGMA user_version</c> when it was refused.</param>
    /// <param name="differences">The differences that made it refuse, or an empty list.</param>
    /// <param name="innerException">The error the mismatch caused (a statement that failed on the old shape), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="differences"/> is <see langword="null"/>.</exception>
    public SchemaMismatchException(string message, int databaseVersion, IReadOnlyList<SchemaDifference> differences, Exception? innerException)
        : base(message, FirstTable(differences), FirstColumn(differences), sql: null, innerException)
    {
        DatabaseVersion = databaseVersion;
        _differences = ModelLists.Copy(differences, nameof(differences));
    }

    /// <summary>Gets the database's <c>PRAGMA user_version</c> when it was refused (0 when GenOrm never migrated it).</summary>
    public int DatabaseVersion { get; }

    /// <summary>Gets the differences that made it refuse; empty when the refusal is about the version alone.</summary>
    public IReadOnlyList<SchemaDifference> Differences => _differences;

    private static string? FirstTable(IReadOnlyList<SchemaDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        return differences.Count == 0 ? null : differences[0].Table;
    }

    private static string? FirstColumn(IReadOnlyList<SchemaDifference> differences) =>
        differences.Count == 0 ? null : differences[0].Column;
}
