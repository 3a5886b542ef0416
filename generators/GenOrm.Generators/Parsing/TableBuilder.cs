using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Emitting;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Parsing;

/// <summary>
/// Turns a <see cref="TableDraft"/> into a <see cref="TableResult"/>: the spec, the generated-name check (GENORM016),
/// the table-name claim and the migration anchors. It reads no symbol, so the pipeline runs it only when the draft
/// changed, not on every compilation as it does <see cref="TableParser.Parse"/>.
/// </summary>
internal static class TableBuilder
{
    private static readonly TableResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty, null);

    /// <summary>Builds the result of a parsed class; a class that was no table gives an empty result.</summary>
    public static TableResult Build(TableDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            return Nothing;
        }

        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        ClassDraft @class = draft.Class;
        TableNameClaim? claim = draft.TableName is not { } tableName ? null : new TableNameClaim(
            @class.FullyQualifiedName,
            @class.DisplayName,
            tableName,
            @class.AttributeLocation,
            draft.Columns.Select(c => c.Spec.ForeignKey?.TargetTypeName)
                .Where(t => t is not null && t != @class.FullyQualifiedName)
                .Select(t => t!)
                .Distinct()
                .OrderBy(t => t, StringComparer.Ordinal)
                .ToEquatableArray());
        if (!draft.Buildable)
        {
            return new TableResult(null, draft.Diagnostics, claim);
        }

        TableSpec? table = BuildSpec(draft, draft.TableName!);

        // The generated member names come from a valid spec, so the other errors come first.
        List<DiagnosticInfo> clashes = FindGeneratedNameClashes(table, draft, cancellationToken);
        EquatableArray<DiagnosticInfo> diagnostics = clashes.Count == 0 ? draft.Diagnostics : draft.Diagnostics.Concat(clashes).ToEquatableArray();
        table = draft.HasCompilerError || !diagnostics.IsEmpty ? null : table;
        MigrationAnchor? anchor = table is null ? null : new MigrationAnchor(
            table.TableName,
            @class.Location,
            draft.Columns.Select(c => new ColumnAnchor(c.Spec.ColumnName, c.IdentifierLocation)).ToEquatableArray());
        return new TableResult(table, diagnostics, claim) { Anchor = anchor };
    }

    private static TableSpec BuildSpec(TableDraft draft, string tableName)
    {
        // Parameter names must not hide the generated methods' own 'connection' parameter or 'command' local.
        var takenParameterNames = new HashSet<string>(StringComparer.Ordinal) { "connection", "command" };
        ColumnSpec[] columns = DisambiguateChildrenMethods(draft.Columns
            .Select(c => c.Spec with { ParameterName = CSharpIdentifiers.ParameterName(c.Spec.PropertyName, takenParameterNames) })
            .ToArray());

        int[] primaryKey = Enumerable.Range(0, columns.Length).Where(i => columns[i].IsPrimaryKey).ToArray();
        int autoIncrement = Array.FindIndex(columns, c => c.IsAutoIncrement);
        IndexSpec[] indexes = draft.Columns
            .Where(c => c.HasIndex)
            .Select(c => new IndexSpec(c.IndexName ?? $"ix_{tableName}_{c.Spec.ColumnName}", c.Spec.ColumnName))
            .ToArray();

        ClassDraft @class = draft.Class;
        string hintName = string.Join(
            ".",
            new[] { @class.Namespace }.Concat(draft.ContainingTypes.Select(t => t.Name.TrimStart('@'))).Append(@class.Name).Where(p => p.Length > 0))
            + ".GenOrm.g.cs";

        return new TableSpec(
            Namespace: @class.Namespace,
            ContainingTypes: draft.ContainingTypes,
            ClassName: @class.Identifier,
            Keyword: @class.Keyword,
            FullyQualifiedName: @class.FullyQualifiedName,
            HintName: hintName,
            TableName: tableName,
            Columns: columns.ToEquatableArray(),
            PrimaryKey: primaryKey.ToEquatableArray(),
            AutoIncrementColumn: autoIncrement,
            Indexes: indexes.ToEquatableArray(),
            Lookups: BuildLookups(columns, draft.Columns, primaryKey).ToEquatableArray(),
            HasUpdate: columns.Any(c => !c.IsPrimaryKey),
            IsAccessibleFromAssembly: @class.IsAccessibleFromAssembly)
        {
            IsPublic = @class.IsPublic,
            RenamedFrom = @class.RenamedFrom,
        };
    }

    /// <summary>
    /// GENORM016: a member declared in the table class with the name of a member GenOrm generates
    /// (<see cref="GeneratedMembers"/>, the emitter's own list). A method of a generated method's name is an overload,
    /// and fine, unless its parameter types are the generated method's.
    /// </summary>
    private static List<DiagnosticInfo> FindGeneratedNameClashes(TableSpec table, TableDraft draft, CancellationToken cancellationToken)
    {
        var clashes = new List<DiagnosticInfo>();
        ILookup<string, GeneratedMember> generated = GeneratedMembers.For(table).ToLookup(m => m.Name, StringComparer.Ordinal);
        foreach (DeclaredMember member in draft.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!generated.Contains(member.Name))
            {
                continue;
            }

            if (member.IsMethod
                && generated[member.Name].All(g => g.ParameterTypes is { } parameters
                    && (member.ParameterTypes is not { } types || !types.SequenceEqual(parameters))))
            {
                continue;
            }

            clashes.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedMemberClash, member.Location, member.Name, draft.Class.Name));
        }

        return clashes;
    }

    /// <summary>When several foreign keys refer to one class, each children method is named after its navigation: GetPostsByEditor.</summary>
    private static ColumnSpec[] DisambiguateChildrenMethods(ColumnSpec[] columns)
    {
        var targets = columns.Where(c => c.ForeignKey is not null).GroupBy(c => c.ForeignKey!.TargetTypeName).Where(g => g.Count() > 1).Select(g => g.Key);
        var shared = new HashSet<string>(targets, StringComparer.Ordinal);
        return columns
            .Select(c => c.ForeignKey is { } fk && shared.Contains(fk.TargetTypeName)
                ? c with { ForeignKey = fk with { ChildrenMethodName = fk.ChildrenMethodName + "By" + fk.NavigationMethodName.Substring("Get".Length) } }
                : c)
            .ToArray();
    }

    /// <summary>One lookup per key, unique or indexed property, in declaration order; then one for a composite key.</summary>
    private static List<LookupSpec> BuildLookups(ColumnSpec[] columns, EquatableArray<ColumnEntry> entries, int[] primaryKey)
    {
        var lookups = new List<LookupSpec>();
        for (int i = 0; i < columns.Length; i++)
        {
            ColumnSpec column = columns[i];
            if (column.IsPrimaryKey || column.IsUnique || entries[i].HasIndex)
            {
                lookups.Add(new LookupSpec(
                    "GetBy" + column.PropertyName,
                    "SelectBy" + column.PropertyName + "Sql",
                    new[] { i }.ToEquatableArray(),
                    IsUnique: column.IsUnique || (column.IsPrimaryKey && primaryKey.Length == 1)));
            }
        }

        if (primaryKey.Length > 1)
        {
            // A property named 'Key' already owns SelectByKeySql; the composite key then takes a longer name.
            string keyName = lookups.Any(l => l.SqlConstantName == "SelectByKeySql") ? "PrimaryKey" : "Key";
            lookups.Add(new LookupSpec(
                "GetBy" + string.Join("And", primaryKey.Select(i => columns[i].PropertyName)),
                "SelectBy" + keyName + "Sql",
                primaryKey.ToEquatableArray(),
                IsUnique: true));
        }

        return lookups;
    }
}
