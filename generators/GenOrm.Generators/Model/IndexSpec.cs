namespace GenOrm.Generators.Model;

/// <summary>A single-column index from <c>[Index]</c>.</summary>
/// <param name="Name">The index name: the <c>[Index]</c> argument or <c>ix_{table}_{column}</c>.</param>
/// <param name="ColumnName">The indexed column's name.</param>
internal sealed record IndexSpec(string Name, string ColumnName);
