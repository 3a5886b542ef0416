using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GenOrm.Generators;

/// <summary>
/// Whether the compilation references GenOrm's PostgreSQL driver (the <c>GenOrm.Npgsql</c> assembly): then each table's
/// file carries PostgreSQL's text of every statement whose text differs between the dialects, and the assembly gets a
/// module initializer that registers the driver, unless <c>&lt;GenOrmRegisterNpgsql&gt;false&lt;/GenOrmRegisterNpgsql&gt;</c>.
/// </summary>
internal static class NpgsqlReference
{
    /// <summary>The driver's assembly name.</summary>
    public const string AssemblyName = "GenOrm.Npgsql";

    /// <summary>The MSBuild property (made visible to the compiler by GenOrm.props) that turns the registration off.</summary>
    public const string RegisterProperty = "build_property.GenOrmRegisterNpgsql";

    /// <summary>
    /// Gets whether <paramref name="compilation"/> references <see cref="AssemblyName"/>. Runs on every edit, so it only
    /// walks the source module's referenced identities (bound once per set of references, shared by the compilations
    /// that follow an edit) and allocates nothing.
    /// </summary>
    public static bool IsReferenced(Compilation compilation)
    {
        foreach (AssemblyIdentity identity in compilation.SourceModule.ReferencedAssemblies)
        {
            // Assembly names compare without regard to case, as the loader compares them.
            if (string.Equals(identity.Name, AssemblyName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets whether the project leaves the registration on: <see cref="RegisterProperty"/> is unset or anything but <c>false</c>.</summary>
    public static bool RegistrationWanted(AnalyzerConfigOptions options) =>
        !(options.TryGetValue(RegisterProperty, out string? value) && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase));
}
