using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes <c>GenOrm.Npgsql.Registration.g.cs</c> into an assembly that references GenOrm.Npgsql: a module initializer
/// that registers the PostgreSQL driver, so that <c>Engine.Create("postgresql://...")</c> works without a call.
/// </summary>
internal static class NpgsqlRegistrationEmitter
{
    /// <summary>The hint name of the registration file.</summary>
    public const string HintName = "GenOrm.Npgsql.Registration.g.cs";

    /// <summary>Adds the registration file when <paramref name="registers"/>.</summary>
    public static void Emit(SourceProductionContext context, bool registers)
    {
        if (registers)
        {
            context.AddSource(HintName, Write().ToSourceText());
        }
    }

    /// <summary>Writes the registration file.</summary>
    public static SourceWriter Write()
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedHeader.FileHeader);
        writer.WriteLine();
        writer.OpenBlock("namespace GenOrm.Generated");
        writer.WriteLine($$"""
            /// <summary>
            /// Registers GenOrm's PostgreSQL driver when this assembly is loaded, because it references GenOrm.Npgsql: so that
            /// <c>Engine.Create("postgresql://...")</c> works without calling <see cref="global::GenOrm.Npgsql.NpgsqlDriver.Register"/> first.
            /// To register it yourself instead, set <c>&lt;GenOrmRegisterNpgsql&gt;false&lt;/GenOrmRegisterNpgsql&gt;</c> in the project file.
            /// </summary>
            {{GeneratedHeader.GeneratedCodeAttribute}}
            internal static class NpgsqlRegistration
            {
                /// <summary>Registers the driver; runs once, before any other code of this assembly.</summary>
                #pragma warning disable CA2255 // A module initializer in a library is the point here: the assembly that holds the tables registers its driver.
                [global::System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Register() => global::GenOrm.Npgsql.NpgsqlDriver.Register();
                #pragma warning restore CA2255
            }
            """);
        writer.CloseBlock();
        return writer;
    }
}
