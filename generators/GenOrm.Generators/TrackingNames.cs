namespace GenOrm.Generators;

/// <summary>
/// Names of the pipeline steps, given with <c>WithTrackingName</c>. The caching tests find them by reflection and
/// assert that each step's outputs are cached between runs, so every step of <see cref="TableGenerator"/> has one.
/// </summary>
internal static class TrackingNames
{
    /// <summary>
    /// Each syntax tree's declarations without bodies (<see cref="Parsing.DeclarationFingerprint"/>): computed once per
    /// new tree.
    /// </summary>
    public const string DeclarationFingerprint = nameof(DeclarationFingerprint);

    /// <summary>What every declaration's binding can read besides its own syntax; see <see cref="Parsing.DeclarationKey"/>.</summary>
    public const string DeclarationKey = nameof(DeclarationKey);

    /// <summary>Each class or record with attribute lists, found by syntax, not yet bound: a node compared by identity.</summary>
    public const string TableCandidate = nameof(TableCandidate);

    /// <summary>
    /// The parse of each <c>[Table]</c> class into a <see cref="Model.TableDraft"/>: runs only when its candidate (or a
    /// tree its draft keeps positions in) is new or the <see cref="DeclarationKey"/> changed; a candidate without
    /// <c>[Table]</c> on it parses to nothing.
    /// </summary>
    public const string Parse = nameof(Parse);

    /// <summary>Each table's <see cref="Model.TableResult"/>, built from its draft: runs only when the draft changed.</summary>
    public const string Build = nameof(Build);

    /// <summary>The table specs that parsed without errors; each gives one generated file.</summary>
    public const string Spec = nameof(Spec);

    /// <summary>Whether the compilation references GenOrm.Npgsql, so that generated code carries PostgreSQL's texts too.</summary>
    public const string TargetsPostgres = nameof(TargetsPostgres);

    /// <summary>Whether the assembly gets the module initializer that registers GenOrm's PostgreSQL driver.</summary>
    public const string RegistersNpgsql = nameof(RegistersNpgsql);

    /// <summary>The diagnostics of each table.</summary>
    public const string TableDiagnostics = nameof(TableDiagnostics);

    /// <summary>Each table's contribution to the schema file.</summary>
    public const string SchemaEntry = nameof(SchemaEntry);

    /// <summary>The collected, ordered schema of the assembly.</summary>
    public const string Schema = nameof(Schema);

    /// <summary>Each table's claim on its table name.</summary>
    public const string TableNameClaim = nameof(TableNameClaim);

    /// <summary>The diagnostics for table names claimed by several classes.</summary>
    public const string DuplicateTableNames = nameof(DuplicateTableNames);

    /// <summary>Each schema history file (<c>schema/vN.json</c>), parsed.</summary>
    public const string HistoryFile = nameof(HistoryFile);

    /// <summary>Each <c>[Migration]</c> method, parsed.</summary>
    public const string Hook = nameof(Hook);

    /// <summary>The <c>[assembly: DroppedTable]</c> and <c>[assembly: DroppedColumn]</c> markers, collected.</summary>
    public const string DropIntents = nameof(DropIntents);

    /// <summary>The migration plan: current model, history, steps and problems.</summary>
    public const string MigrationPlan = nameof(MigrationPlan);

    /// <summary>The migration problems placed on source locations.</summary>
    public const string MigrationDiagnostics = nameof(MigrationDiagnostics);
    /// <summary>Each method with attribute lists, found by syntax, not yet bound: a node compared by identity.</summary>
    public const string QueryCandidate = nameof(QueryCandidate);

    /// <summary>
    /// The parse of each <c>[Query]</c> method into a <see cref="Model.QueryMethodResult"/>: runs only when its
    /// candidate is new or the <see cref="DeclarationKey"/> changed.
    /// </summary>
    public const string QueryParse = nameof(QueryParse);

    /// <summary>The query specs without declaration errors, free of source positions.</summary>
    public const string QuerySpec = nameof(QuerySpec);

    /// <summary>The schema the queries are checked against, collected from the table specs.</summary>
    public const string QuerySchema = nameof(QuerySchema);

    /// <summary>The check of each query against the schema: its plan and problems. An edit that only moves code re-runs none.</summary>
    public const string QueryCheck = nameof(QueryCheck);

    /// <summary>The declaration diagnostics of each query method.</summary>
    public const string QueryDeclarationDiagnostics = nameof(QueryDeclarationDiagnostics);

    /// <summary>The problems of each checked query that has some, not yet located.</summary>
    public const string QueryProblems = nameof(QueryProblems);

    /// <summary>The source maps of the query methods, collected.</summary>
    public const string QuerySourceMaps = nameof(QuerySourceMaps);

    /// <summary>The problems of each query, located in source.</summary>
    public const string QueryDiagnostics = nameof(QueryDiagnostics);

    /// <summary>Each <c>Sql.Text</c> call with a constant argument.</summary>
    public const string SqlTextParse = nameof(SqlTextParse);

    /// <summary>The warnings of each checked <c>Sql.Text</c> call.</summary>
    public const string SqlTextDiagnostics = nameof(SqlTextDiagnostics);
}
