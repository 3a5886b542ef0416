using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>
/// What the symbol-reading parse of one <c>[Table]</c> class found, as equatable data: the input of the step that
/// builds its <see cref="TableResult"/> (the spec, the generated-name check, the name claim, the migration anchors).
/// </summary>
/// <remarks>
/// Roslyn re-runs the parse on every new compilation (every keystroke), because it reads symbols; the build step after
/// it runs only when this draft differs from the previous one. So everything the build needs is here, and nothing
/// that is not equatable (see <see cref="TableSpec"/>): an edit inside a method body leaves it equal.
/// </remarks>
/// <param name="TableName">The table name, or <see langword="null"/> when <c>[Table]</c>'s argument is wrong.</param>
/// <param name="Diagnostics">The diagnostics the parse reported, in order.</param>
/// <param name="HasCompilerError">Whether the class has an error the compiler reports: nothing is emitted for it.</param>
/// <param name="Buildable">Whether the parse found no error and a table name, so that the spec is built.</param>
/// <param name="Class">The class's names and accessibility, and where it is.</param>
/// <param name="ContainingTypes">The types that contain the class, outermost first.</param>
/// <param name="Columns">The columns, base-class properties first, then declaration order.</param>
/// <param name="Members">The members declared in the class that a generated member could clash with, in declaration order.</param>
internal sealed record TableDraft(
    string? TableName,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool HasCompilerError,
    bool Buildable,
    ClassDraft Class,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    EquatableArray<ColumnEntry> Columns,
    EquatableArray<DeclaredMember> Members);

/// <summary>The names, accessibility and locations of a <c>[Table]</c> class.</summary>
/// <param name="Name">The class's name as the symbol has it (for messages and the hint name).</param>
/// <param name="Identifier">The class's identifier as written (with any <c>@</c>), which the generated declaration repeats.</param>
/// <param name="Keyword">The keyword of the generated partial declaration: <c>class</c> or <c>record</c>.</param>
/// <param name="Namespace">The class's namespace, or an empty string for the global namespace.</param>
/// <param name="FullyQualifiedName">The class's <c>global::</c>-qualified name.</param>
/// <param name="DisplayName">The class's name as messages show it, such as <c>Quickstart.User</c>.</param>
/// <param name="IsAccessibleFromAssembly">Whether code elsewhere in the assembly can reach the class.</param>
/// <param name="IsPublic">Whether code in other assemblies can reach the class.</param>
/// <param name="RenamedFrom">The table's earlier names from <c>[RenamedFrom]</c> on the class (read only for a buildable class).</param>
/// <param name="Location">The class identifier, where class-level diagnostics go.</param>
/// <param name="AttributeLocation">The <c>[Table]</c> attribute.</param>
internal sealed record ClassDraft(
    string Name,
    string Identifier,
    string Keyword,
    string Namespace,
    string FullyQualifiedName,
    string DisplayName,
    bool IsAccessibleFromAssembly,
    bool IsPublic,
    EquatableArray<string> RenamedFrom,
    LocationInfo Location,
    LocationInfo AttributeLocation);

/// <summary>A parsed column: its spec (without its parameter name yet), its index and where its property is.</summary>
/// <param name="Spec">The column; <see cref="ColumnSpec.ParameterName"/> is given when the table's spec is built.</param>
/// <param name="IdentifierLocation">The property's identifier.</param>
/// <param name="HasIndex">Whether the property has <c>[Index]</c>.</param>
/// <param name="IndexName">The <c>[Index]</c> name, or <see langword="null"/> for the default.</param>
internal sealed record ColumnEntry(ColumnSpec Spec, LocationInfo IdentifierLocation, bool HasIndex, string? IndexName);

/// <summary>A member declared in a <c>[Table]</c> class (not implicitly declared, not an accessor or constructor).</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Location">The member's identifier.</param>
/// <param name="IsMethod">Whether it is an ordinary method: one of a generated method's name is an overload.</param>
/// <param name="ParameterTypes">A non-generic method's parameter types as <c>ToDisplayString(FullyQualifiedFormat)</c>
/// shows them; <see langword="null"/> for a generic method (never the generated signature) and for other members.</param>
internal sealed record DeclaredMember(string Name, LocationInfo Location, bool IsMethod, EquatableArray<string>? ParameterTypes);
