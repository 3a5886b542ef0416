using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>A <c>Sql.Text("...")</c> call with a constant argument, to check for unknown names. Must stay equatable.</summary>
/// <param name="Sql">The constant SQL.</param>
/// <param name="Literal">The literal that wrote the SQL, whose characters locate its problems, or <see langword="null"/> for a constant that is not a literal.</param>
/// <param name="Argument">The argument's location, for SQL that is not a literal.</param>
internal sealed record SqlTextSpec(string Sql, SqlLiteralMap? Literal, LocationInfo Argument);
