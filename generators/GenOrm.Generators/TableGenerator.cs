using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using GenOrm.Generators.Checking;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Emitting;
using GenOrm.Generators.Migrations;
using GenOrm.Generators.Model;
using GenOrm.Generators.Parsing;
using GenOrm.Generators.Sql;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators;

/// <summary>
/// Generates the data-access members of every <c>[GenOrm.Table]</c> class, and the assembly's <c>Schema</c> class.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TableGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Parse: one equatable draft per [Table] class. Binding is the costly part, and Roslyn re-runs any transform
        // that takes a semantic model (ForAttributeWithMetadataName's included) for every node on every compilation, every
        // keystroke; so the candidates are found by syntax alone (a class with attribute lists, cached per tree), and the
        // bind runs only when a candidate's node is new or what its binding can read changed. Why that is exact is told
        // at BindInputs below. The build after it runs only when a draft changed.
        IncrementalValueProvider<((DeclarationKey Key, TreeIndex Index) Declarations, CurrentCompilation Compilation)> bindContext = DeclarationKey.Provider(context)
            .WithTrackingName(TrackingNames.DeclarationKey)
            .Combine(TreeIndex.Provider(context))
            .Combine(CurrentCompilation.Provider(context));
        IncrementalValuesProvider<TableResult> tables = BindInputs(
                context.SyntaxProvider
                    .CreateSyntaxProvider(
                        predicate: static (node, _) => node is TypeDeclarationSyntax { AttributeLists.Count: > 0 }
                            && (node is ClassDeclarationSyntax || node.IsKind(SyntaxKind.RecordDeclaration)),
                        transform: static (source, _) => source.Node)
                    .WithTrackingName(TrackingNames.TableCandidate),
                bindContext)
            .Select(static (input, cancellationToken) => TableParser.Parse(input.Bind(KnownTypes.TableAttribute, cancellationToken), cancellationToken))
            .WithTrackingName(TrackingNames.Parse)
            .Select(static (draft, cancellationToken) => TableBuilder.Build(draft, cancellationToken))
            .WithTrackingName(TrackingNames.Build);

        // Source: one file per table without errors. Only the spec flows here, so a diagnostic moving never re-emits.
        IncrementalValuesProvider<TableSpec> specs = tables
            .Select(static (result, _) => result.Table)
            .Where(static table => table is not null)
            .Select(static (table, _) => table!)
            .WithTrackingName(TrackingNames.Spec);

        // Dialects: PostgreSQL's texts too when the compilation references GenOrm.Npgsql. One bool, equal from edit to
        // edit, so that typing re-emits nothing for it.
        IncrementalValueProvider<bool> targetsPostgres = context.CompilationProvider
            .Select(static (compilation, _) => NpgsqlReference.IsReferenced(compilation))
            .WithTrackingName(TrackingNames.TargetsPostgres);
        context.RegisterSourceOutput(specs.Combine(targetsPostgres), static (output, input) => QueryEmitter.Emit(output, input.Left, input.Right));
        context.RegisterSourceOutput(
            targetsPostgres
                .Combine(context.AnalyzerConfigOptionsProvider.Select(static (options, _) => NpgsqlReference.RegistrationWanted(options.GlobalOptions)))
                .Select(static (input, _) => input.Left && input.Right)
                .WithTrackingName(TrackingNames.RegistersNpgsql),
            static (output, registers) => NpgsqlRegistrationEmitter.Emit(output, registers));

        // Diagnostics: a separate output that is cheap to re-run when only locations shift.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> tableDiagnostics = tables
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.TableDiagnostics);
        context.RegisterSourceOutput(tableDiagnostics, static (output, diagnostics) => Report(output, diagnostics));

        // Schema: a small entry per table, collected, so that one table's edit re-emits its own file and the schema only.
        // PostgreSQL's DDL is written only for a compilation that references GenOrm.Npgsql.
        IncrementalValueProvider<SchemaSpec> schema = specs
            .Combine(targetsPostgres)
            .Select(static (input, _) => new SchemaEntry(
                input.Left.FullyQualifiedName,
                input.Left.TableName,
                SqliteDialect.Instance.CreateTable(input.Left),
                input.Left.IsAccessibleFromAssembly,
                input.Left.References)
            {
                CreateTableSqlPostgres = input.Right ? PostgresDialect.Instance.CreateTable(input.Left) : null,
                Shape = ShapeBuilder.Shape(input.Left),
                Intent = ShapeBuilder.Intent(input.Left),
                PostgresHints = PostgresShapes.Hints(input.Left),
            })
            .WithTrackingName(TrackingNames.SchemaEntry)
            .Collect()
            .Select(static (entries, _) => new SchemaSpec(SchemaOrder.Sort(entries)))
            .WithTrackingName(TrackingNames.Schema);

        // Migrations: the recorded history (schema/vN.json additional files), the declared drops and the hooks,
        // planned against the schema into the steps that Schema.Migrations holds.
        IncrementalValueProvider<ImmutableArray<HistoryFile>> history = context.AdditionalTextsProvider
            .Where(static file => HistoryParser.VersionOf(file.Path) > 0)
            .Select(static (file, cancellationToken) => HistoryParser.Parse(file, cancellationToken))
            .WithTrackingName(TrackingNames.HistoryFile)
            .Collect();
        IncrementalValuesProvider<HookResult> hooks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.MigrationAttribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (source, cancellationToken) => HookParser.Parse(source, cancellationToken))
            .WithTrackingName(TrackingNames.Hook);
        IncrementalValueProvider<ImmutableArray<DropIntent>> drops = DropMarkers(context, KnownTypes.DroppedTableAttribute)
            .Combine(DropMarkers(context, KnownTypes.DroppedColumnAttribute))
            .Select(static (pair, _) => pair.Left.AddRange(pair.Right))
            .WithTrackingName(TrackingNames.DropIntents);
        IncrementalValueProvider<MigrationPlan> plan = schema
            .Combine(history)
            .Combine(drops)
            .Combine(hooks.Select(static (result, _) => result.Hook).Where(static hook => hook is not null).Select(static (hook, _) => hook!).Collect())
            .Select(static (input, _) => MigrationPlanner.Plan(input.Left.Left.Left.Tables, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.MigrationPlan);
        context.RegisterSourceOutput(
            schema.Combine(plan).Combine(targetsPostgres),
            static (output, input) => SchemaEmitter.Emit(output, input.Left.Left, input.Left.Right, input.Right));

        // Migration diagnostics: the plan's problems placed on the classes, properties, hooks and history files.
        IncrementalValueProvider<EquatableArray<DiagnosticInfo>> migrationDiagnostics = plan
            .Select(static (p, _) => p.Problems)
            .Combine(tables.Select(static (result, _) => result.Anchor).Where(static anchor => anchor is not null).Select(static (anchor, _) => anchor!).Collect())
            .Combine(tables.Select(static (result, _) => result.NameClaim?.TableName).Where(static name => name is not null).Select(static (name, _) => name!).Collect())
            .Combine(hooks.Collect())
            .Combine(history)
            .Select(static (input, _) => MigrationDiagnostics.Place(input.Left.Left.Left.Left, input.Left.Left.Left.Right, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.MigrationDiagnostics);
        context.RegisterSourceOutput(migrationDiagnostics, static (output, diagnostics) => Report(output, diagnostics));

        // GENORM014: two classes claiming one table name, found across the assembly.
        IncrementalValueProvider<EquatableArray<DiagnosticInfo>> duplicateTableNames = tables
            .Select(static (result, _) => result.NameClaim)
            .Where(static claim => claim is not null)
            .Select(static (claim, _) => claim!)
            .WithTrackingName(TrackingNames.TableNameClaim)
            .Collect()
            .Select(static (claims, _) => FindDuplicateTableNames(claims).Concat(SchemaOrder.FindCycles(claims)).ToEquatableArray())
            .WithTrackingName(TrackingNames.DuplicateTableNames);
        context.RegisterSourceOutput(duplicateTableNames, static (output, diagnostics) => Report(output, diagnostics));

        InitializeQueries(context, specs, targetsPostgres, bindContext);
    }

    /// <summary>
    /// The [Query] pipeline: parse each method, check it against the collected schema, emit its body; the problems are
    /// located in source afterwards, so that moving a method (typing above it) re-runs no check and re-emits nothing.
    /// </summary>
    private static void InitializeQueries(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<TableSpec> tables,
        IncrementalValueProvider<bool> targetsPostgres,
        IncrementalValueProvider<((DeclarationKey Key, TreeIndex Index) Declarations, CurrentCompilation Compilation)> bindContext)
    {
        // Found and bound like the tables: a method with attribute lists is bound when its node is new or the key changed.
        IncrementalValuesProvider<QueryMethodResult> methods = BindInputs(
                context.SyntaxProvider
                    .CreateSyntaxProvider(
                        predicate: static (node, _) => node is MethodDeclarationSyntax { AttributeLists.Count: > 0 },
                        transform: static (source, _) => source.Node)
                    .WithTrackingName(TrackingNames.QueryCandidate),
                bindContext)
            .Select(static (input, cancellationToken) => QueryMethodParser.Parse(input.Bind(KnownTypes.QueryAttribute, cancellationToken), cancellationToken))
            .WithTrackingName(TrackingNames.QueryParse);

        IncrementalValuesProvider<QueryMethodSpec> querySpecs = methods
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.QuerySpec);

        IncrementalValueProvider<QuerySchema> schema = tables
            .Collect()
            .Select(static (specs, _) => QueryChecker.Schema(specs))
            .WithTrackingName(TrackingNames.QuerySchema);

        IncrementalValuesProvider<QueryPlan> plans = querySpecs
            .Combine(schema)
            .Select(static (pair, cancellationToken) => QueryChecker.Check(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.QueryCheck);
        context.RegisterSourceOutput(plans.Combine(targetsPostgres), static (output, input) => QueryMethodEmitter.Emit(output, input.Left, input.Right));

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> declarationDiagnostics = methods
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.QueryDeclarationDiagnostics);
        context.RegisterSourceOutput(declarationDiagnostics, static (output, diagnostics) => Report(output, diagnostics));

        IncrementalValueProvider<ImmutableArray<QuerySourceMap>> maps = methods
            .Select(static (result, _) => result.Map)
            .Where(static map => map is not null)
            .Select(static (map, _) => map!)
            .Collect()
            .WithTrackingName(TrackingNames.QuerySourceMaps);
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> queryDiagnostics = plans
            .Combine(targetsPostgres)
            .Select(static (pair, _) => new QueryProblems(pair.Left.Spec.Key, pair.Left.ReportedProblems(pair.Right)))
            .Where(static problems => !problems.Problems.IsEmpty)
            .WithTrackingName(TrackingNames.QueryProblems)
            .Combine(maps)
            .Select(static (pair, _) => QueryLocator.Locate(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.QueryDiagnostics);
        context.RegisterSourceOutput(queryDiagnostics, static (output, diagnostics) => Report(output, diagnostics));

        // Sql.Text("constant"): unknown tables and columns are warnings, when the statement names a declared table.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> sqlTextDiagnostics = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => SqlTextParser.IsCandidate(node),
                transform: static (source, cancellationToken) => SqlTextParser.Parse(source, cancellationToken))
            .Where(static text => text is not null)
            .Select(static (text, _) => text!)
            .WithTrackingName(TrackingNames.SqlTextParse)
            .Combine(schema)
            .Combine(targetsPostgres)
            .Select(static (pair, _) => SqlTextChecker.Check(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.SqlTextDiagnostics);
        context.RegisterSourceOutput(sqlTextDiagnostics, static (output, diagnostics) => Report(output, diagnostics));
    }

    /// <summary>
    /// Pairs each candidate node with what its binding can read (<see cref="BindInput"/>), so that the bind after it
    /// runs only when the pair changed: the node is new, its other trees are new, or the declaration key differs.
    /// </summary>
    /// <remarks>
    /// <para>Why this is exact. A declaration's draft is a function of what its binding reads: its own syntax, the
    /// declarations of the assembly (types, members, their attributes and constant values, usings, in the compilation's
    /// order), the compilation's options and assembly name, and the referenced assemblies; plus the positions it keeps
    /// for diagnostics, which are in its node's tree, its other partial parts' trees and its source base classes' trees.
    /// An edit to a tree makes new nodes in it and a new tree object, so an edit to the node's own tree makes a new
    /// input, and an edit to one of its other trees (<see cref="TreeIndex.OtherTrees"/>: the trees with a partial class
    /// of its name, or every tree when it has a base list) does too. All the rest is in <see cref="DeclarationKey"/>:
    /// each tree's text without the bodies (method, accessor, operator and local function bodies, expression bodies,
    /// top-level statements), which no declaration's binding reads, exactly compared, plus the options, the assembly
    /// name and the references. So an equal input binds to an equal draft, and the cached one is the right one.
    /// Anything the key does not see (a body elsewhere) cannot change a draft; anything it sees too much of (a comment
    /// between members) costs a re-bind, never a wrong output. <c>RebindingTests</c> checks a warm driver against a
    /// fresh one over an edit script that touches each of these.</para>
    /// <para>Finding the candidates. <c>ForAttributeWithMetadataName</c> binds every attributed declaration's symbol and
    /// attributes on every compilation, before any transform: that binding was most of the after-edit run. The
    /// candidates are instead every class or method with attribute lists, found by syntax (cached per tree); the bind
    /// keeps those with the attribute written on the node, and gives the parsers what that method gives
    /// (<see cref="BindInput.Bind"/>); a node without it parses to nothing, as before.</para>
    /// <para>Where Roslyn objects are held. STYLE keeps SyntaxNode, ISymbol and Compilation out of the pipeline past the
    /// transform; here the bind step is that transform. The nodes and trees before it are compared by identity, the
    /// key's options and references by value or identity; none of them is emitted or reaches a spec. They are the
    /// current compilation's nodes and trees, and the compilation itself is held weakly
    /// (<see cref="CurrentCompilation"/>), so no cached value keeps an old compilation alive. The drafts the bind
    /// returns are plain equatable data, as before.</para>
    /// </remarks>
    private static IncrementalValuesProvider<BindInput> BindInputs(
        IncrementalValuesProvider<SyntaxNode> candidates,
        IncrementalValueProvider<((DeclarationKey Key, TreeIndex Index) Declarations, CurrentCompilation Compilation)> bindContext) =>
        BindInput.Provider(candidates, bindContext);

    /// <summary>The <c>[assembly: ...]</c> markers of one drop attribute, collected.</summary>
    private static IncrementalValueProvider<ImmutableArray<DropIntent>> DropMarkers(IncrementalGeneratorInitializationContext context, string attribute) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                predicate: static (node, _) => node is CompilationUnitSyntax,
                transform: static (source, cancellationToken) => HookParser.ParseDrops(source, cancellationToken))
            .SelectMany(static (drops, _) => drops)
            .Collect();

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    /// <summary>Reports every class after the first (by fully-qualified name) that claims an already-claimed table name.</summary>
    private static EquatableArray<DiagnosticInfo> FindDuplicateTableNames(ImmutableArray<TableNameClaim> claims)
    {
        var owners = new Dictionary<string, TableNameClaim>(StringComparer.OrdinalIgnoreCase);
        var diagnostics = new List<DiagnosticInfo>();
        foreach (TableNameClaim claim in claims.OrderBy(c => c.FullyQualifiedName, StringComparer.Ordinal))
        {
            if (owners.TryGetValue(claim.TableName, out TableNameClaim? owner))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateTableName, claim.AttributeLocation, claim.DisplayName, claim.TableName, owner.DisplayName));
            }
            else
            {
                owners.Add(claim.TableName, claim);
            }
        }

        return diagnostics.ToEquatableArray();
    }
}
