using System.Linq;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Diagnostics;

/// <summary>
/// A diagnostic as equatable data: the descriptor, where, and the message arguments as strings (never symbols).
/// </summary>
/// <param name="Descriptor">The descriptor from <see cref="DiagnosticDescriptors"/>.</param>
/// <param name="Location">Where to report it, or <see langword="null"/> for no source location.</param>
/// <param name="Args">The message format arguments.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Args)
{
    /// <summary>Creates a diagnostic.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
        new(descriptor, location, args.ToEquatableArray());

    /// <summary>Builds the Roslyn <see cref="Diagnostic"/> to report.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Args.Cast<object?>().ToArray());
}
