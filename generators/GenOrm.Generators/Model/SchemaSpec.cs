namespace GenOrm.Generators.Model;

/// <summary>The assembly-wide schema: every table, ordered by fully-qualified class name (ordinal). Must stay equatable.</summary>
/// <param name="Tables">The tables in creation order.</param>
internal sealed record SchemaSpec(EquatableArray<SchemaEntry> Tables);
