using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>A table's declared renames: <c>[RenamedFrom]</c> on the class and on its properties. Must stay equatable.</summary>
/// <param name="TableName">The table's current name.</param>
/// <param name="RenamedFrom">The table's earlier names.</param>
/// <param name="Columns">The columns that have earlier names.</param>
internal sealed record TableIntent(string TableName, EquatableArray<string> RenamedFrom, EquatableArray<ColumnIntent> Columns);

/// <summary>A column's earlier names.</summary>
/// <param name="ColumnName">The column's current name.</param>
/// <param name="RenamedFrom">Its earlier names.</param>
internal sealed record ColumnIntent(string ColumnName, EquatableArray<string> RenamedFrom);

/// <summary>An <c>[assembly: DroppedTable]</c> or <c>[assembly: DroppedColumn]</c> marker.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The column, or <see langword="null"/> for the whole table.</param>
internal sealed record DropIntent(string Table, string? Column);

/// <summary>A <c>[Migration(From = n)]</c> method that generated code can call.</summary>
/// <param name="From">The version the step starts from.</param>
/// <param name="Method">The method as C#: <c>global::App.Hooks.Backfill</c>.</param>
/// <param name="DisplayName">The method as messages name it: <c>App.Hooks.Backfill</c>.</param>
/// <param name="IsAsync">Whether it is <c>static Task Name(Connection, CancellationToken)</c>, which only <c>MigrateAsync</c> runs.</param>
internal sealed record HookSpec(int From, string Method, string DisplayName, bool IsAsync);

/// <summary>The result of parsing one <c>[Migration]</c> method.</summary>
/// <param name="Hook">The hook, or <see langword="null"/> when the method has errors.</param>
/// <param name="FromLocation">Where its <c>From</c> argument is, for GENORM056.</param>
/// <param name="Diagnostics">The method's diagnostics.</param>
internal sealed record HookResult(HookSpec? Hook, LocationInfo FromLocation, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>One schema history file as read.</summary>
/// <param name="Path">The file's path.</param>
/// <param name="FileVersion">The N of <c>vN.json</c>.</param>
/// <param name="Shape">The schema it records, or <see langword="null"/> when it cannot be read.</param>
/// <param name="Tables">Where each table's name is in the file.</param>
/// <param name="Error">GENORM053 when the file cannot be read.</param>
/// <param name="FileLocation">The file's first line, for diagnostics about the whole file.</param>
internal sealed record HistoryFile(
    string Path,
    int FileVersion,
    SchemaShape? Shape,
    EquatableArray<TableLocation> Tables,
    DiagnosticInfo? Error,
    LocationInfo FileLocation);

/// <summary>Where a table's name is in a history file.</summary>
internal sealed record TableLocation(string Name, LocationInfo Location);

/// <summary>One generated migration step.</summary>
/// <param name="ToVersion">The version the step goes to.</param>
/// <param name="Statements">The SQL, in order, without <c>BEGIN</c>/<c>COMMIT</c>/<c>PRAGMA foreign_keys</c>.</param>
/// <param name="RebuildsTables">Whether a table is rebuilt (the runtime then turns foreign keys off and checks them after).</param>
/// <param name="Hooks">The hook methods, in name order.</param>
internal sealed record StepSpec(int ToVersion, EquatableArray<string> Statements, bool RebuildsTables, EquatableArray<HookSpec> Hooks)
{
    /// <summary>
    /// Gets the step's PostgreSQL statements (its <c>ALTER TABLE</c> changes tables in place), or <see langword="null"/>
    /// when a table's PostgreSQL form could not be derived from the history.
    /// </summary>
    public EquatableArray<string>? PostgresStatements { get; init; }
}

/// <summary>A migration problem found by the planner, placed on source by the diagnostics step. Location-free.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Table">The table concerned (its current name when it has one).</param>
/// <param name="Column">The column concerned, or <see langword="null"/>.</param>
/// <param name="Args">The message arguments.</param>
/// <param name="FileLocation">A location in a history file, when the problem is there.</param>
internal sealed record MigrationProblem(ProblemKind Kind, string Table, string? Column, EquatableArray<string> Args, LocationInfo? FileLocation);

/// <summary>The kinds of <see cref="MigrationProblem"/>.</summary>
internal enum ProblemKind
{
    /// <summary>GENORM050 on a column's property (or the class).</summary>
    DriftAtColumn,

    /// <summary>GENORM050 on the table's class (or the file, for a dropped table).</summary>
    DriftAtTable,

    /// <summary>GENORM051.</summary>
    ColumnDropped,

    /// <summary>GENORM052.</summary>
    TableDropped,

    /// <summary>GENORM057.</summary>
    NoValueForNewColumn,

    /// <summary>GENORM054: a history file out of sequence.</summary>
    HistoryInvalid,

    /// <summary>GENORM056; <see cref="MigrationProblem.Table"/> holds the hook's display name.</summary>
    HookStepUnknown,
}

/// <summary>
/// The migration plan of the assembly: the current model, the recorded history, the generated steps and the
/// problems found. Feeds the schema file (all but the problems) and the diagnostics (the problems). Must stay equatable.
/// </summary>
/// <param name="Current">The compiled model, with its version.</param>
/// <param name="IsRecorded">Whether the current model equals the newest recorded version.</param>
/// <param name="History">The recorded versions, v1 first (only the readable, gap-free prefix).</param>
/// <param name="Steps">The steps; step i goes to version i + 2.</param>
/// <param name="Problems">The problems, for the diagnostics step.</param>
internal sealed record MigrationPlan(
    SchemaShape Current,
    bool IsRecorded,
    EquatableArray<SchemaShape> History,
    EquatableArray<StepSpec> Steps,
    EquatableArray<MigrationProblem> Problems)
{
    /// <summary>Gets the PostgreSQL forms of every version in <see cref="History"/>, then of <see cref="Current"/> when it is not recorded.</summary>
    public EquatableArray<PostgresVersion> PostgresVersions { get; init; }
}
