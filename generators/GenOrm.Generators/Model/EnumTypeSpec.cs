namespace GenOrm.Generators.Model;

/// <summary>The enum type of an enum column.</summary>
/// <param name="TypeName">The enum's <c>global::</c>-qualified name, without <c>?</c>.</param>
/// <param name="UnderlyingKind">The enum's underlying integer kind, such as <see cref="ColumnKind.Byte"/>.</param>
internal sealed record EnumTypeSpec(string TypeName, ColumnKind UnderlyingKind);
