namespace GenOrm.Generators.Model;

/// <summary>A type that contains the table class, re-declared as partial around the generated members.</summary>
/// <param name="Keyword">The declaration keyword(s): <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
