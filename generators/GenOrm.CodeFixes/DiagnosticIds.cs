namespace GenOrm.CodeFixes;

/// <summary>The IDs of the generator's diagnostics that have code fixes; see <c>GenOrm.Generators/Diagnostics/DiagnosticDescriptors.cs</c>.</summary>
internal static class DiagnosticIds
{
    /// <summary>The <c>[Table]</c> class is not partial.</summary>
    public const string ClassNotPartial = "GENORM001";

    /// <summary>A type that contains the <c>[Table]</c> class is not partial.</summary>
    public const string ContainingTypeNotPartial = "GENORM002";

    /// <summary>The <c>[Table]</c> class has no <c>[PrimaryKey]</c> property.</summary>
    public const string NoPrimaryKey = "GENORM004";
}
