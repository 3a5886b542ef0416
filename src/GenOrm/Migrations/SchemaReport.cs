using System;
using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>What <see cref="SchemaVerifier.Verify"/> found: every difference between a live database and a <see cref="SchemaModel"/>.</summary>
public sealed class SchemaReport
{
    private readonly SchemaDifference[] _differences;

    /// <summary>Initializes a new instance of the <see cref="SchemaReport"/> class.</summary>
    /// <param name="version">The version of the model the database was compared with.</param>
    /// <param name="differences">The differences, table by table in the model's order, then the database's extra tables.</param>
    /// <exception cref="ArgumentNullException"><paramref name="differences"/> is <see langword="null"/>.</exception>
    public SchemaReport(int version, IReadOnlyList<SchemaDifference> differences)
    {
        Version = version;
        _differences = ModelLists.Copy(differences, nameof(differences));
    }

    /// <summary>Gets the version of the model the database was compared with.</summary>
    public int Version { get; }

    /// <summary>Gets a value indicating whether the database has exactly the model's shape (no differences).</summary>
    public bool IsMatch => _differences.Length == 0;

    /// <summary>Gets the differences, table by table in the model's order, then the database's extra tables.</summary>
    public IReadOnlyList<SchemaDifference> Differences => _differences;

    /// <summary>Returns one line per difference, or a line saying the database matches.</summary>
    /// <returns>The report.</returns>
    public override string ToString()
    {
        if (_differences.Length == 0)
        {
            return ErrorMessages.SchemaMatches(Version);
        }

        var lines = new string[_differences.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = _differences[i].Message;
        }

        return string.Join("\n", lines);
    }
}
