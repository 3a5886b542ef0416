using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Tests.Helpers;

/// <summary>Checks the tracked incremental steps of a generator run, as NetEscapades.EnumGenerators' TestHelpers do.</summary>
internal static class StepAssert
{
    /// <summary>Gets every step name declared in <see cref="TrackingNames"/>, found by reflection.</summary>
    public static IReadOnlyList<string> AllTrackingNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>
    /// Gets the steps before the bind, whose outputs are Roslyn objects compared by identity (a declaration's node, the
    /// options and references of the declaration key) and never reach a spec; see TableGenerator.Bind.
    /// </summary>
    public static IReadOnlyList<string> IdentityKeyedSteps { get; } =
        [TrackingNames.DeclarationKey, TrackingNames.TableCandidate, TrackingNames.QueryCandidate];

    /// <summary>Gets the run reasons of every output of the tracked step <paramref name="name"/>.</summary>
    public static IncrementalStepRunReason[] Reasons(GeneratorDriverRunResult run, string name) =>
        run.Results.Single().TrackedSteps.TryGetValue(name, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray()
            : [];

    /// <summary>Asserts that every output of every source output is Cached or Unchanged: nothing was re-emitted.</summary>
    public static void NothingRegenerated(GeneratorDriverRunResult run)
    {
        foreach (var (name, steps) in run.Results.Single().TrackedOutputSteps)
        {
            Assert.All(
                steps.SelectMany(s => s.Outputs),
                o => Assert.True(IsReused(o.Reason), $"Output step '{name}' ran with reason {o.Reason}."));
        }
    }

    /// <summary>Gets whether a step output was reused rather than recomputed into a new value.</summary>
    public static bool IsReused(IncrementalStepRunReason reason) =>
        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    /// <summary>Fails when an object graph holds a Roslyn object that must never be cached in a pipeline.</summary>
    public static void HoldsNoRoslynObjects(object? value, string path) =>
        Walk(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void Walk(object? node, string path, HashSet<object> visited)
    {
        if (node is null or string or DiagnosticDescriptor)
        {
            return;
        }

        Type type = node.GetType();
        if (type.IsPrimitive || type.IsEnum || type.IsPointer)
        {
            return;
        }

        Assert.False(
            node is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location,
            $"{path} holds a {type.Name}, which keeps compilations alive and defeats caching.");

        if (!type.IsValueType && !visited.Add(node))
        {
            return;
        }

        // A default ImmutableArray holds nothing (and throws when enumerated).
        if (node is IEnumerable items && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)
            && (bool)type.GetProperty("IsDefault")!.GetValue(node)!))
        {
            int i = 0;
            foreach (object? item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }
        }

        for (Type? t = type; t is not null; t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(node), $"{path}.{field.Name}", visited);
            }
        }
    }
}
