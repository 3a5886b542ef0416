using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>
/// A class's claim on a table name, collected across the assembly to find two classes that map to one table (GENORM014).
/// It carries a location, so it changes when lines shift; it only feeds the diagnostics output, never source.
/// </summary>
/// <param name="FullyQualifiedName">The class's <c>global::</c>-qualified name, which orders the claims.</param>
/// <param name="DisplayName">The class's name as shown in messages, such as <c>Quickstart.User</c>.</param>
/// <param name="TableName">The claimed table name.</param>
/// <param name="AttributeLocation">The class's <c>[Table]</c> attribute.</param>
/// <param name="References">The classes this table's foreign keys refer to (itself excluded), for GENORM019.</param>
internal sealed record TableNameClaim(
    string FullyQualifiedName,
    string DisplayName,
    string TableName,
    LocationInfo? AttributeLocation,
    EquatableArray<string> References);
