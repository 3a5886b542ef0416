using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Diagnostics;

/// <summary>
/// A source location as plain data, so that diagnostics can travel through the pipeline without holding a
/// <see cref="SyntaxTree"/>. Rebuilt into a <see cref="Location"/> only when reported.
/// </summary>
/// <param name="FilePath">The path of the file.</param>
/// <param name="TextSpan">The character span.</param>
/// <param name="LineSpan">The line and column span.</param>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>Captures the location of a syntax node.</summary>
    public static LocationInfo From(SyntaxNode node) => From(node.GetLocation())!;

    /// <summary>Captures the location of a token.</summary>
    public static LocationInfo From(SyntaxToken token) => From(token.GetLocation())!;

    /// <summary>Captures a source location, or returns <see langword="null"/> for a location outside source.</summary>
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>Rebuilds the <see cref="Location"/>.</summary>
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
