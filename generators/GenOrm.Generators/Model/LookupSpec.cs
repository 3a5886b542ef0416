namespace GenOrm.Generators.Model;

/// <summary>
/// A generated <c>GetBy...</c> method: one per <c>[PrimaryKey]</c>, <c>[Unique]</c> or <c>[Index]</c> property, plus one
/// for a composite primary key.
/// </summary>
/// <param name="MethodName">The method name, such as <c>GetByEmail</c> or <c>GetByIdAndEmail</c>.</param>
/// <param name="SqlConstantName">The name of the private SQL constant, such as <c>SelectByEmailSql</c>.</param>
/// <param name="ColumnIndexes">Indexes into <see cref="TableSpec.Columns"/> of the columns compared, in order.</param>
/// <param name="IsUnique">Whether at most one row can match (the whole primary key, or a <c>[Unique]</c> column): the
/// lookup then returns the entity or <see langword="null"/>; otherwise (an <c>[Index]</c> column, or one column of a
/// composite key) it returns a list of every matching row.</param>
internal sealed record LookupSpec(
    string MethodName,
    string SqlConstantName,
    EquatableArray<int> ColumnIndexes,
    bool IsUnique);
