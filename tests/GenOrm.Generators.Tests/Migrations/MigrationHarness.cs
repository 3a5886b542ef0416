using System.Reflection;
using System.Runtime.Loader;
using GenOrm.Generators.Model;
using GenOrm.Generators.Tests.Helpers;
using GenOrm.Migrations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// Compiles versions of a model the way a project evolves: each version with the history files the earlier ones
/// recorded (<c>/src/schema/vN.json</c>), and records its own canonical text as the next file.
/// </summary>
internal static class MigrationHarness
{
    /// <summary>Runs the generator on <paramref name="sources"/> with <paramref name="history"/> as <c>schema/v1.json</c>, <c>v2.json</c>, ...</summary>
    public static GeneratorOutput Compile(IReadOnlyList<string> history, params string[] sources) =>
        TestCompilation.Run(
            TestCompilation.Create(sources),
            history.Select((json, i) => ($"/src/schema/v{i + 1}.json", json)).ToArray());

    /// <summary>Runs the generator as <see cref="Compile"/> does, in a compilation that references the real GenOrm.Npgsql, so that the generated code targets PostgreSQL too.</summary>
    public static GeneratorOutput CompileForPostgres(IReadOnlyList<string> history, params string[] sources) =>
        TestCompilation.Run(
            TestCompilation.Create(sources).AddReferences(MetadataReference.CreateFromFile(typeof(GenOrm.Npgsql.NpgsqlDriver).Assembly.Location)),
            history.Select((json, i) => ($"/src/schema/v{i + 1}.json", json)).ToArray());

    /// <summary>Gets the canonical text of the compiled model, as <c>GenOrmRecordSchema</c> writes it from the record file.</summary>
    public static string Record(GeneratorOutput output)
    {
        string text = output.Source("GenOrm.SchemaRecord.g.cs");
        return string.Join("\n", text.Split('\n').Where(l => l.StartsWith("//| ", StringComparison.Ordinal)).Select(l => l.Substring(4))) + "\n";
    }

    /// <summary>Gets the migration plan the generator computed.</summary>
    public static MigrationPlan Plan(GeneratorOutput output) =>
        (MigrationPlan)output.RunResult.Results.Single().TrackedSteps[TrackingNames.MigrationPlan].Single().Outputs.Single().Value;

    /// <summary>Asserts that the generator threw nothing and reported no error (drift warnings are allowed).</summary>
    public static void AssertNoErrors(GeneratorOutput output)
    {
        Assert.Null(output.RunResult.Results.Single().Exception);
        Assert.Empty(output.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>Emits the compilation, loads it into a collectible context and returns its <c>GenOrm.Generated.Schema</c> class.</summary>
    public static Type LoadSchema(GeneratorOutput output)
    {
        AssertNoErrors(output);
        output.AssertCompilesCleanly();
        using var stream = new MemoryStream();
        EmitResult result = output.OutputCompilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("genorm-migration-test", isCollectible: true);
        Assembly assembly = context.LoadFromStream(stream);
        return assembly.GetType("GenOrm.Generated.Schema", throwOnError: true)!;
    }

    /// <summary>Gets <c>Schema.Current</c>.</summary>
    public static SchemaModel Current(Type schema) => (SchemaModel)schema.GetProperty("Current")!.GetValue(null)!;

    /// <summary>Gets <c>Schema.Migrations</c>.</summary>
    public static IReadOnlyList<MigrationStep> Steps(Type schema) => (IReadOnlyList<MigrationStep>)schema.GetProperty("Migrations")!.GetValue(null)!;

    /// <summary>Runs <paramref name="sql"/> and gives its rows as text, in a read that is rolled back at once.</summary>
    public static string Rows(Connection connection, string sql)
    {
        string rows = connection.Execute(global::GenOrm.Sql.Text(sql)).ToString();
        connection.Rollback();
        return rows;
    }

    /// <summary>Calls <c>Schema.Migrate(connection)</c>, rethrowing what it throws.</summary>
    public static void Migrate(Type schema, Connection connection)
    {
        try
        {
            schema.GetMethod("Migrate")!.Invoke(null, [connection]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
        }
    }
}
