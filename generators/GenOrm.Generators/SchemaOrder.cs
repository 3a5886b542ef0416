using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;

namespace GenOrm.Generators;

/// <summary>
/// Orders the assembly's tables so that a table comes after the tables its foreign keys refer to, and finds
/// reference cycles (GENORM019), which admit no such order.
/// </summary>
internal static class SchemaOrder
{
    /// <summary>
    /// Sorts tables referenced-first; among tables free to go next, by fully-qualified class name (ordinal), so the
    /// order is deterministic. Tables in a cycle (already reported) keep class-name order at the end.
    /// </summary>
    public static EquatableArray<SchemaEntry> Sort(ImmutableArray<SchemaEntry> entries)
    {
        var remaining = entries.OrderBy(e => e.FullyQualifiedName, StringComparer.Ordinal).ToList();
        var known = new HashSet<string>(remaining.Select(e => e.FullyQualifiedName), StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<SchemaEntry>(remaining.Count);
        while (remaining.Count > 0)
        {
            SchemaEntry? next = remaining.FirstOrDefault(e => e.References.All(r => placed.Contains(r) || !known.Contains(r)));
            if (next is null)
            {
                ordered.AddRange(remaining);
                break;
            }

            ordered.Add(next);
            placed.Add(next.FullyQualifiedName);
            remaining.Remove(next);
        }

        return ordered.ToEquatableArray();
    }

    /// <summary>Reports GENORM019 once per cycle, on the <c>[Table]</c> attribute of the cycle's first class by name.</summary>
    public static IEnumerable<DiagnosticInfo> FindCycles(ImmutableArray<TableNameClaim> claims)
    {
        var byName = claims.GroupBy(c => c.FullyQualifiedName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (TableNameClaim start in byName.Values.OrderBy(c => c.FullyQualifiedName, StringComparer.Ordinal))
        {
            if (reported.Contains(start.FullyQualifiedName) || FindPathBack(start.FullyQualifiedName, byName) is not { } cycle)
            {
                continue;
            }

            if (cycle.Any(reported.Contains))
            {
                continue;
            }

            reported.UnionWith(cycle);
            string path = string.Join(" → ", cycle.Append(cycle[0]).Select(n => byName[n].DisplayName));
            yield return DiagnosticInfo.Create(DiagnosticDescriptors.ForeignKeyCycle, start.AttributeLocation, start.DisplayName, path);
        }
    }

    /// <summary>Finds a path of references from <paramref name="start"/> back to itself, or <see langword="null"/>.</summary>
    private static List<string>? FindPathBack(string start, Dictionary<string, TableNameClaim> byName)
    {
        var path = new List<string> { start };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Visit(start) ? path : null;

        bool Visit(string current)
        {
            foreach (string next in byName[current].References)
            {
                if (next == start)
                {
                    return true;
                }

                if (!byName.ContainsKey(next) || !visited.Add(next))
                {
                    continue;
                }

                path.Add(next);
                if (Visit(next))
                {
                    return true;
                }

                path.RemoveAt(path.Count - 1);
            }

            return false;
        }
    }
}
