using System;
using System.Globalization;

namespace GenOrm.Generators;

/// <summary>
/// Runs parsing and emitting under <see cref="CultureInfo.InvariantCulture"/>, as System.Text.Json's generator does,
/// so that no locale (a Turkish dotless i, a Unicode minus sign) ever reaches generated code.
/// </summary>
/// <remarks>
/// RS1035 bans <see cref="CultureInfo.CurrentCulture"/> in analyzers because messages should not depend on it; here
/// it is set, not read, and restored on dispose, as System.Text.Json's generator does.
/// </remarks>
#pragma warning disable RS1035 // The culture is pinned for the duration of one parse or emit, then restored.
internal readonly struct InvariantCultureScope : IDisposable
{
    private readonly CultureInfo _previous;

    private InvariantCultureScope(CultureInfo previous) => _previous = previous;

    /// <summary>Switches the current culture to the invariant culture until the scope is disposed.</summary>
    public static InvariantCultureScope Enter()
    {
        var scope = new InvariantCultureScope(CultureInfo.CurrentCulture);
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        return scope;
    }

    /// <summary>Restores the previous culture.</summary>
    public void Dispose() => CultureInfo.CurrentCulture = _previous;
}
#pragma warning restore RS1035
