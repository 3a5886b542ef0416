using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>The result of parsing one <c>[Table]</c> class. Must stay equatable (see <see cref="TableSpec"/>).</summary>
/// <param name="Table">The spec to emit, or <see langword="null"/> when the class has errors.</param>
/// <param name="Diagnostics">The diagnostics found in the class.</param>
/// <param name="NameClaim">The table name the class claims, for the assembly-wide duplicate check, or <see langword="null"/> when it has none.</param>
internal sealed record TableResult(
    TableSpec? Table,
    EquatableArray<DiagnosticInfo> Diagnostics,
    TableNameClaim? NameClaim);
