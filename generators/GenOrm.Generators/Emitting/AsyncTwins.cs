using System;
using System.Collections.Generic;
using System.Linq;

namespace GenOrm.Generators.Emitting;

/// <summary>A parameter of a generated method.</summary>
/// <param name="Type">The declared type, <c>global::</c>-qualified.</param>
/// <param name="Name">The parameter's name, <c>@</c>-escaped when it is a keyword.</param>
/// <param name="CrefType">The type as a <c>cref</c> names it when it differs from <paramref name="Type"/> (a nullable
/// reference type without its <c>?</c>), or <see langword="null"/>.</param>
internal readonly record struct MethodParameter(string Type, string Name, string? CrefType = null);

/// <summary>Which of the two twins a method body is written for, with the pieces that differ between them.</summary>
internal readonly struct Twin
{
    /// <summary>Initializes a twin.</summary>
    public Twin(bool isAsync) => IsAsync = isAsync;

    /// <summary>Gets whether this is the <c>...Async</c> twin.</summary>
    public bool IsAsync { get; }

    /// <summary>Gets the suffix of the runtime method the twin calls: <c>Async</c> or nothing.</summary>
    public string Suffix => IsAsync ? "Async" : string.Empty;

    /// <summary>Gets the last argument of the runtime call: <c>, cancellationToken</c> or nothing.</summary>
    public string Token => IsAsync ? ", cancellationToken" : string.Empty;

    /// <summary>
    /// Gets <paramref name="call"/> awaited (<c>ConfigureAwait(false)</c>) in the async twin, else as it is. Every async
    /// twin is an <c>async</c> method that awaits its runtime call, so that the statement it lent (<c>using var
    /// statement</c>) is given back when the call has completed, not when it has started.
    /// </summary>
    public string Await(string call) => IsAsync ? $"await {call}.ConfigureAwait(false)" : call;
}

/// <summary>
/// One generated method that comes as a pair: the synchronous member with its docs, and its <c>...Async</c> twin,
/// an <c>async</c> method that takes a <c>CancellationToken</c> last, inherits the docs (<c>&lt;inheritdoc cref&gt;</c>)
/// and awaits its runtime call (<see cref="Twin.Await"/>).
/// </summary>
/// <param name="Docs">The synchronous member's doc-comment lines, without the <c>cancellationToken</c> line.</param>
/// <param name="Modifiers">The modifiers, such as <c>public static</c>.</param>
/// <param name="Name">The synchronous member's name.</param>
/// <param name="Result">The synchronous result type, or <see langword="null"/> for <c>void</c> (<c>Task</c> when async).</param>
/// <param name="Parameters">The parameters before the token.</param>
/// <param name="Body">The body after the signature line (<c>=&gt; ...;</c> or a block), for each twin.</param>
internal sealed record TwinMethod(string Docs, string Modifiers, string Name, string? Result, IReadOnlyList<MethodParameter> Parameters, Func<Twin, string> Body)
{
    /// <summary>Gets whether the first parameter is an extension method's <c>this</c>.</summary>
    public bool IsExtension { get; init; }
}

/// <summary>Writes a <see cref="TwinMethod"/>: the synchronous member, an empty line, and its async twin.</summary>
internal static class AsyncTwins
{
    private const string Task = "global::System.Threading.Tasks.Task";

    /// <summary>Writes both twins of <paramref name="method"/>.</summary>
    public static void Write(SourceWriter writer, TwinMethod method)
    {
        string parameters = string.Join(", ", method.Parameters.Select((p, i) => (i == 0 && method.IsExtension ? "this " : string.Empty) + p.Type + " " + p.Name));
        writer.WriteLine(method.Docs);
        writer.WriteLine($"{method.Modifiers} {method.Result ?? "void"} {method.Name}({parameters})");
        writer.WriteLine(method.Body(new Twin(isAsync: false)));
        writer.WriteLine();

        string crefTypes = string.Join(", ", method.Parameters.Select(p => Cref(p.CrefType ?? p.Type)));
        string result = method.Result is null ? Task : $"{Task}<{method.Result}>";
        writer.WriteLine($"""
            /// <inheritdoc cref="{method.Name}({crefTypes})"/>
            /// {DocText.CancellationParam}
            {method.Modifiers} async {result} {method.Name}Async({parameters}, global::System.Threading.CancellationToken cancellationToken = default)
            """);
        writer.WriteLine(method.Body(new Twin(isAsync: true)));
    }

    /// <summary>Gets a block body: <c>{</c>, each line of <paramref name="statements"/> indented once, <c>}</c>.</summary>
    public static string Block(string statements) => "{\n" + Indent(statements) + "\n}";

    /// <summary>Indents each non-empty line of <paramref name="lines"/> once.</summary>
    public static string Indent(string lines) =>
        string.Join("\n", lines.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));

    /// <summary>A type as a <c>cref</c> spells it: type arguments in braces, since <c>&lt;</c> would end the XML.</summary>
    private static string Cref(string type) => type.Replace('<', '{').Replace('>', '}');
}
