using System;

namespace GenOrm;

/// <summary>
/// Makes a method a hook of the generated migration step from schema version <see cref="From"/> to the next one: it
/// runs after the step's generated statements, inside the step's transaction, so that it can move or fill data.
/// </summary>
/// <remarks>
/// The method must be <c>static void Name(GenOrm.Connection connection)</c>, or asynchronous as
/// <c>static async Task Name(GenOrm.Connection connection, CancellationToken cancellationToken)</c>, and reachable from
/// the assembly (not private); otherwise, or when no step starts at <see cref="From"/>, the build fails (GENORM055,
/// GENORM056). An asynchronous hook runs only under <c>Schema.MigrateAsync</c>, which passes it its token; the
/// generated <c>Schema.Migrate</c> is then obsolete as an error. An exception thrown by the hook rolls the whole step back.
/// </remarks>
/// <example><code>
/// [Migration(From = 3)] static void BackfillLogins(Connection connection) { ... }
/// [Migration(From = 4)] static async Task BackfillNamesAsync(Connection connection, CancellationToken cancellationToken) { ... }
/// </code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MigrationAttribute : Attribute
{
    /// <summary>Gets or sets the schema version the step starts from; the hook runs in the step to version <c>From + 1</c>.</summary>
    public int From { get; set; }
}
