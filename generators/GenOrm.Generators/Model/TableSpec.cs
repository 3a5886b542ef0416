using System.Linq;

namespace GenOrm.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one table's generated file, and nothing else.
/// </summary>
/// <remarks>
/// This record is the output of an incremental pipeline step. Roslyn compares it with the previous run's value
/// (<see cref="object.Equals(object)"/>) to decide whether the file must be written again, so it must stay immutable
/// and structurally equatable: strings, bools, enums, other such records and <see cref="EquatableArray{T}"/> only.
/// Never add an <c>ISymbol</c>, <c>SyntaxNode</c>, <c>Location</c>, <c>SemanticModel</c> or <c>Compilation</c>:
/// they are never equal between runs (every keystroke would re-emit every table) and they keep old
/// compilations alive. It also holds no SQL: the emitter asks an <c>ISqlDialect</c> for that.
/// </remarks>
/// <param name="Namespace">The class's namespace, or an empty string for the global namespace.</param>
/// <param name="ContainingTypes">The types that contain the class, outermost first.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="Keyword">The keyword the generated partial declaration needs: <c>class</c> or <c>record</c>.</param>
/// <param name="FullyQualifiedName">The class's <c>global::</c>-qualified name, such as <c>global::Quickstart.User</c>.</param>
/// <param name="HintName">The generated file's hint name: <c>{Namespace}.{Containing}.{Class}.GenOrm.g.cs</c>.</param>
/// <param name="TableName">The table name: the <c>[Table]</c> argument or the class name.</param>
/// <param name="Columns">The mapped columns: base-class properties first, then declaration order.</param>
/// <param name="PrimaryKey">Indexes into <see cref="Columns"/> of the primary key's columns, in declaration order.</param>
/// <param name="AutoIncrementColumn">The index into <see cref="Columns"/> of the <c>[AutoIncrement]</c> key, or -1.</param>
/// <param name="Indexes">The <c>CREATE INDEX</c> statements to run after <c>CREATE TABLE</c>.</param>
/// <param name="Lookups">The <c>GetBy...</c> methods, in declaration order; a composite key's lookup comes last.</param>
/// <param name="HasUpdate">Whether any column is outside the primary key, so that an <c>Update</c> method exists.</param>
/// <param name="IsAccessibleFromAssembly">Whether code elsewhere in the assembly can reach the class (no private or protected type on its path).</param>
internal sealed record TableSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string ClassName,
    string Keyword,
    string FullyQualifiedName,
    string HintName,
    string TableName,
    EquatableArray<ColumnSpec> Columns,
    EquatableArray<int> PrimaryKey,
    int AutoIncrementColumn,
    EquatableArray<IndexSpec> Indexes,
    EquatableArray<LookupSpec> Lookups,
    bool HasUpdate,
    bool IsAccessibleFromAssembly)
{
    /// <summary>Gets whether code in other assemblies can reach the class: the navigation extensions are then public.</summary>
    public bool IsPublic { get; init; }

    /// <summary>Gets the table's earlier names from <c>[RenamedFrom]</c> on the class, in source order.</summary>
    public EquatableArray<string> RenamedFrom { get; init; }

    /// <summary>Gets the classes this table's foreign keys refer to, itself excluded, sorted ordinal.</summary>
    public EquatableArray<string> References => Columns
        .Where(c => c.ForeignKey is not null && c.ForeignKey.TargetTypeName != FullyQualifiedName)
        .Select(c => c.ForeignKey!.TargetTypeName)
        .Distinct()
        .OrderBy(n => n, System.StringComparer.Ordinal)
        .ToEquatableArray();

    /// <summary>Gets whether any column is a <c>[ForeignKey]</c>.</summary>
    public bool HasForeignKeys => Columns.Any(c => c.ForeignKey is not null);

    /// <summary>Gets whether the database assigns the primary key on insert.</summary>
    public bool HasAutoIncrement => AutoIncrementColumn >= 0;
}
