using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>The result of parsing one <c>[Table]</c> class. Must stay equatable (see <see cref="TableSpec"/>).</summary>
/// <param name="Table">The spec to emit, or <see langword="null"/> when the class has errors.</param>
/// <param name="Diagnostics">The diagnostics found in the class.</param>
/// <param name="NameClaim">The table name the class claims, for the assembly-wide duplicate check, or <see langword="null"/> when it has none.</param>
internal sealed record TableResult(
    TableSpec? Table,
    EquatableArray<DiagnosticInfo> Diagnostics,
    TableNameClaim? NameClaim)
{
    /// <summary>Gets where the table's migration diagnostics go, or <see langword="null"/> when the class has errors.</summary>
    public MigrationAnchor? Anchor { get; init; }
}

/// <summary>Where a table's class and properties are, for the drift and migration diagnostics. Diagnostics-only data.</summary>
/// <param name="TableName">The table name.</param>
/// <param name="ClassLocation">The class identifier.</param>
/// <param name="Columns">Each column's property identifier.</param>
internal sealed record MigrationAnchor(string TableName, LocationInfo ClassLocation, EquatableArray<ColumnAnchor> Columns);

/// <summary>Where a column's property is.</summary>
/// <param name="ColumnName">The column name.</param>
/// <param name="Location">The property identifier.</param>
internal sealed record ColumnAnchor(string ColumnName, LocationInfo Location);
