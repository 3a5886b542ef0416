using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Migrations;

/// <summary>
/// Turns the plan's problems into diagnostics at the narrowest place: a column's property, a table's class, a hook's
/// <c>From</c>, or a line of a history file. A separate, cheap step: moving code re-runs it, never the plan.
/// </summary>
internal static class MigrationDiagnostics
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    public static EquatableArray<DiagnosticInfo> Place(
        EquatableArray<MigrationProblem> problems,
        ImmutableArray<MigrationAnchor> anchors,
        ImmutableArray<string> claimedTables,
        ImmutableArray<HookResult> hooks,
        ImmutableArray<HistoryFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        foreach (HistoryFile file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (file.Error is { } error)
            {
                diagnostics.Add(error);
            }
        }

        foreach (HookResult hook in hooks)
        {
            diagnostics.AddRange(hook.Diagnostics);
        }

        foreach (MigrationProblem problem in problems)
        {
            MigrationAnchor? anchor = anchors.FirstOrDefault(a => Names.Equals(a.TableName, problem.Table));
            LocationInfo? column = problem.Column is null ? null : anchor?.Columns.FirstOrDefault(c => Names.Equals(c.ColumnName, problem.Column))?.Location;
            string[] args = problem.Args.ToArray();
            switch (problem.Kind)
            {
                case ProblemKind.DriftAtColumn:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaDrift, column ?? anchor?.ClassLocation ?? problem.FileLocation, args));
                    break;
                case ProblemKind.DriftAtTable:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SchemaDrift, anchor?.ClassLocation ?? problem.FileLocation, args));
                    break;
                case ProblemKind.ColumnDropped:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ColumnDroppedWithoutIntent, anchor?.ClassLocation ?? problem.FileLocation, args));
                    break;
                case ProblemKind.TableDropped:
                    // A class that still claims the table has its own error and is left out of the model: no second error.
                    if (!claimedTables.Contains(problem.Table, Names))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableDroppedWithoutIntent, problem.FileLocation, args));
                    }

                    break;
                case ProblemKind.NoValueForNewColumn:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NewColumnHasNoValue, column ?? anchor?.ClassLocation, args));
                    break;
                case ProblemKind.HistoryInvalid:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HistoryOutOfSequence, problem.FileLocation, args));
                    break;
                case ProblemKind.HookStepUnknown:
                    LocationInfo? from = hooks.FirstOrDefault(h => h.Hook?.DisplayName == problem.Table)?.FromLocation;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MigrationHookStepUnknown, from, args));
                    break;
            }
        }

        return diagnostics.ToEquatableArray();
    }
}
