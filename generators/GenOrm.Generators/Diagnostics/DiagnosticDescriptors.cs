using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are a public contract: they go in order and are never reused.
/// </summary>
/// <remarks>
/// Must be kept in sync with <c>AnalyzerReleases.Unshipped.md</c> (the release-tracking analyzer checks it) and with
/// <c>docs/diagnostics.md</c>, which each descriptor's help link points to.
/// </remarks>
internal static class DiagnosticDescriptors
{
    private const string Category = "GenOrm";

    /// <summary>GENORM001: the <c>[Table]</c> class is not partial.</summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = Create(
        "GENORM001",
        "Table class must be partial",
        "Class '{0}' has [Table] but is not partial; add the 'partial' modifier so that GenOrm can add its data-access members");

    /// <summary>GENORM002: a type that contains the <c>[Table]</c> class is not partial.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "GENORM002",
        "Type containing a table class must be partial",
        "Type '{0}' contains the [Table] class '{1}' but is not partial; add the 'partial' modifier to '{0}'");

    /// <summary>GENORM003: the <c>[Table]</c> class is generic (or nested in a generic type).</summary>
    public static readonly DiagnosticDescriptor ClassIsGeneric = Create(
        "GENORM003",
        "Table class cannot be generic",
        "Class '{0}' has [Table] but is generic or nested in a generic type; GenOrm maps only non-generic classes, so remove the type parameters");

    /// <summary>GENORM004: no property has <c>[PrimaryKey]</c>.</summary>
    public static readonly DiagnosticDescriptor NoPrimaryKey = Create(
        "GENORM004",
        "Table has no primary key",
        "Class '{0}' has [Table] but no [PrimaryKey] property; mark the property (or properties) that identify a row with [PrimaryKey]");

    /// <summary>GENORM005: a property's type has no SQLite mapping.</summary>
    public static readonly DiagnosticDescriptor UnsupportedPropertyType = Create(
        "GENORM005",
        "Property type cannot be stored",
        "Property '{0}' on '{1}' has type '{2}', which GenOrm cannot store in SQLite; use a supported type (string, integers, bool, double, decimal, DateTime, Guid, byte[], ...) or mark the property [Ignore]");

    /// <summary>GENORM006: two properties map to one column name (ignoring case).</summary>
    public static readonly DiagnosticDescriptor DuplicateColumnName = Create(
        "GENORM006",
        "Two properties map to one column",
        "Property '{0}' on '{1}' maps to column '{2}', which property '{3}' already uses (SQLite column names ignore case); give one of them another name with [Column(\"...\")] or mark it [Ignore]");

    /// <summary>GENORM007: <c>[AutoIncrement]</c> where the database cannot assign the value.</summary>
    public static readonly DiagnosticDescriptor InvalidAutoIncrement = Create(
        "GENORM007",
        "Invalid [AutoIncrement]",
        "Property '{0}' on '{1}' cannot be [AutoIncrement] because {2}; put [AutoIncrement] only on the single settable [PrimaryKey] property of an integer type, or remove it");

    /// <summary>GENORM008: <c>[MaxLength]</c> on a property that is not a string.</summary>
    public static readonly DiagnosticDescriptor MaxLengthOnNonString = Create(
        "GENORM008",
        "[MaxLength] on a non-string property",
        "Property '{0}' on '{1}' has [MaxLength] but type '{2}'; [MaxLength] applies only to string properties, so remove it or change the type to string");

    /// <summary>GENORM009: <c>[MaxLength]</c> of zero or less.</summary>
    public static readonly DiagnosticDescriptor MaxLengthNotPositive = Create(
        "GENORM009",
        "[MaxLength] must be positive",
        "[MaxLength({2})] on property '{0}' of '{1}' is not positive; pass the greatest number of characters the column accepts, for example [MaxLength(100)]");

    /// <summary>GENORM010: a mapping attribute together with <c>[Ignore]</c>.</summary>
    public static readonly DiagnosticDescriptor ConflictsWithIgnore = Create(
        "GENORM010",
        "Attribute conflicts with [Ignore]",
        "Property '{0}' on '{1}' has both [Ignore] and [{2}]; an ignored property is not stored, so remove [{2}] or [Ignore]");

    /// <summary>GENORM011: an empty or whitespace table, column or index name.</summary>
    public static readonly DiagnosticDescriptor EmptyName = Create(
        "GENORM011",
        "Empty table, column or index name",
        "[{0}] on '{1}' gives an empty {2} name; pass a non-empty name, or {3}");

    /// <summary>GENORM012: a property with GenOrm attributes has no setter that generated code can use.</summary>
    public static readonly DiagnosticDescriptor PropertyNotSettable = Create(
        "GENORM012",
        "Mapped property has no setter",
        "Property '{0}' on '{1}' is mapped to a column but has no setter that GenOrm can use to read rows; add a setter ('init' or 'private set' is fine) or mark the property [Ignore]");

    /// <summary>GENORM013: the class is abstract, static or has no parameterless constructor.</summary>
    public static readonly DiagnosticDescriptor ClassNotConstructible = Create(
        "GENORM013",
        "Table class cannot be instantiated",
        "Class '{0}' has [Table] but {1}; GenOrm creates one instance per row, so make the class non-abstract and non-static with a parameterless constructor (private is fine)");

    /// <summary>GENORM014: two <c>[Table]</c> classes map to one table name (ignoring case).</summary>
    public static readonly DiagnosticDescriptor DuplicateTableName = Create(
        "GENORM014",
        "Two tables map to one table name",
        "Class '{0}' maps to table '{1}', which class '{2}' already uses (SQLite table names ignore case); give one of them another name with [Table(\"...\")]");

    /// <summary>GENORM015: a <c>required</c> member that is not mapped, so generated code cannot set it when it reads a row.</summary>
    public static readonly DiagnosticDescriptor RequiredMemberNotMapped = Create(
        "GENORM015",
        "Required member is not mapped",
        "{0} '{1}' on '{2}' is required but not mapped to a column, so GenOrm cannot set it when it reads a row; remove the 'required' modifier, or map it to a column (a public property without [Ignore])");

    /// <summary>GENORM016: a member of the table class has the name of a member GenOrm generates.</summary>
    public static readonly DiagnosticDescriptor GeneratedMemberClash = Create(
        "GENORM016",
        "Member name clashes with a generated member",
        "Member '{0}' of '{1}' has the name of a member that GenOrm generates in the class; rename '{0}'");

    /// <summary>GENORM017: <c>[ForeignKey]</c> names a class that is not a <c>[Table]</c>.</summary>
    public static readonly DiagnosticDescriptor ForeignKeyTargetNotTable = Create(
        "GENORM017",
        "Foreign key to a class that is not a table",
        "[ForeignKey] on property '{0}' of '{1}' refers to '{2}', which has no [Table] attribute; refer to a [Table] class");

    /// <summary>GENORM018: <c>[ForeignKey]</c> cannot tell which column of the referenced table it refers to.</summary>
    public static readonly DiagnosticDescriptor ForeignKeyColumnNotFound = Create(
        "GENORM018",
        "Foreign key to a missing column",
        "[ForeignKey] on property '{0}' of '{1}' refers to '{2}', which {3}");

    /// <summary>GENORM019: tables whose foreign keys refer to each other in a cycle.</summary>
    public static readonly DiagnosticDescriptor ForeignKeyCycle = Create(
        "GENORM019",
        "Foreign keys form a cycle",
        "The foreign keys of '{0}' form a cycle ({1}), so no table can be created and filled first; make one of the references a plain column without [ForeignKey]");

    /// <summary>GENORM020: a <c>[Default]</c> value that does not suit the column's type.</summary>
    public static readonly DiagnosticDescriptor DefaultDoesNotFitColumn = Create(
        "GENORM020",
        "Default value does not fit the column",
        "[Default] on property '{0}' of '{1}' gives a value of type '{2}', which cannot be stored in a column of type '{3}'; give a constant of the property's kind (a number, string, bool or enum member), or null for a nullable property");

    /// <summary>GENORM021: <c>[Column(Scale = n)]</c> on a property that is not a decimal, or with n outside 0..18.</summary>
    public static readonly DiagnosticDescriptor InvalidDecimalScale = Create(
        "GENORM021",
        "Invalid decimal Scale",
        "[Column(Scale = {3})] on property '{0}' of '{1}' (type '{2}') is not valid: Scale applies to decimal properties only and must be between 0 and 18; remove Scale, or give a decimal property a Scale in that range");

    /// <summary>GENORM050: the model differs from the newest recorded schema version (a warning, one per change).</summary>
    public static readonly DiagnosticDescriptor SchemaDrift = Create(
        "GENORM050",
        "Model differs from the recorded schema",
        "{0}; record it as schema v{1} with `dotnet build -t:GenOrmRecordSchema`",
        DiagnosticSeverity.Warning);

    /// <summary>GENORM051: a recorded column disappeared from the model with no <c>[RenamedFrom]</c> or <c>[DroppedColumn]</c>.</summary>
    public static readonly DiagnosticDescriptor ColumnDroppedWithoutIntent = Create(
        "GENORM051",
        "Column dropped without a declared intent",
        "Column '{0}' of table '{1}' is in schema v{2} but no longer in the model, so the migration would drop it and its data; if that is intended, add [assembly: GenOrm.DroppedColumn(\"{1}\", \"{0}\")], or if the column was renamed, add [RenamedFrom(\"{0}\")] to the property that maps it now");

    /// <summary>GENORM052: a recorded table disappeared from the model with no <c>[RenamedFrom]</c> or <c>[DroppedTable]</c>.</summary>
    public static readonly DiagnosticDescriptor TableDroppedWithoutIntent = Create(
        "GENORM052",
        "Table dropped without a declared intent",
        "Table '{0}' is in schema v{1} but no [Table] class maps it any more, so the migration would drop it and its rows; if that is intended, add [assembly: GenOrm.DroppedTable(\"{0}\")], or if the table was renamed, add [RenamedFrom(\"{0}\")] to the class that maps it now");

    /// <summary>GENORM053: a schema history file is not valid JSON or not a schema.</summary>
    public static readonly DiagnosticDescriptor HistoryFileInvalid = Create(
        "GENORM053",
        "Schema history file cannot be read",
        "Schema history file '{0}' cannot be read at line {1}: {2}; fix the file, or delete it and record it again with `dotnet build -t:GenOrmRecordSchema`");

    /// <summary>GENORM054: the history files are not v1, v2, ... in sequence.</summary>
    public static readonly DiagnosticDescriptor HistoryOutOfSequence = Create(
        "GENORM054",
        "Schema history out of sequence",
        "Schema history file '{0}' {1}; the history must be v1.json, v2.json and so on with no gap, each file recording its own version, so rename or restore the files");

    /// <summary>GENORM055: a <c>[Migration]</c> method that generated code cannot call as a hook.</summary>
    public static readonly DiagnosticDescriptor InvalidMigrationHook = Create(
        "GENORM055",
        "Invalid migration hook",
        "Method '{0}' has [Migration] but {1}; a migration hook must be 'static void Name(GenOrm.Connection connection)' or 'static Task Name(GenOrm.Connection connection, CancellationToken cancellationToken)', and reachable from the assembly");

    /// <summary>GENORM056: <c>[Migration(From = n)]</c> where no step starts from version n.</summary>
    public static readonly DiagnosticDescriptor MigrationHookStepUnknown = Create(
        "GENORM056",
        "Migration hook for a step that does not exist",
        "[Migration(From = {0})] on '{1}' names no migration step: {2}; set From to the version the step starts from");

    /// <summary>GENORM057: a new NOT NULL column without a default in a table that is rebuilt, so existing rows get no value.</summary>
    public static readonly DiagnosticDescriptor NewColumnHasNoValue = Create(
        "GENORM057",
        "New column has no value for existing rows",
        "Column '{0}' of table '{1}' is NOT NULL without a default, so the rows that exist before schema v{2} have no value for it; add [Default(...)], or make the property nullable and fill it in a [Migration] hook");

    /// <summary>
    /// GENORM058: a <c>[Default]</c> constant of the right C# type whose value the column cannot hold as written: a
    /// date, time, GUID or decimal text that does not parse, an integer outside the column type's range, or NaN.
    /// </summary>
    public static readonly DiagnosticDescriptor DefaultIsNotAValidValue = Create(
        "GENORM058",
        "Default value is not a valid value of the column's type",
        "[Default({2})] on property '{0}' of '{1}' is not a valid '{3}' value: {4}");

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(
            id,
            title,
            messageFormat,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: "https://github.com/genorm/genorm/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant());

    // [Query] methods (issue 12): GENORM030-049. Every location is inside the SQL literal where the problem is in the SQL.

    /// <summary>GENORM030: the SQL of a <c>[Query]</c> method has a syntax error.</summary>
    public static readonly DiagnosticDescriptor QuerySyntaxError = Create(
        "GENORM030",
        "SQL syntax error",
        "The SQL of [Query] method '{0}' has a syntax error {1}; fix the statement");

    /// <summary>GENORM031: the SQL names a table that no <c>[Table]</c> class declares.</summary>
    public static readonly DiagnosticDescriptor QueryUnknownTable = Create(
        "GENORM031",
        "Unknown table in SQL",
        "The SQL of [Query] method '{0}' refers to {1}; declare the table with [Table] or fix the name");

    /// <summary>GENORM032: the SQL names a column the table does not have (read or written).</summary>
    public static readonly DiagnosticDescriptor QueryUnknownColumn = Create(
        "GENORM032",
        "Unknown column in SQL",
        "The SQL of [Query] method '{0}' refers to {1}; fix the name, or add the property to the table class");

    /// <summary>GENORM033: a column name that several tables of the statement have.</summary>
    public static readonly DiagnosticDescriptor QueryAmbiguousColumn = Create(
        "GENORM033",
        "Ambiguous column in SQL",
        "The SQL of [Query] method '{0}' has an ambiguous column: {1}");

    /// <summary>GENORM034: an unknown function, or a function with the wrong number of arguments.</summary>
    public static readonly DiagnosticDescriptor QueryBadFunctionCall = Create(
        "GENORM034",
        "Unknown function or wrong argument count in SQL",
        "The SQL of [Query] method '{0}' calls a function wrongly: {1}; call a function SQLite provides, with the number of arguments it takes");

    /// <summary>GENORM035: a write that breaks the model, such as an <c>INSERT</c> that omits a NOT NULL column without default.</summary>
    public static readonly DiagnosticDescriptor QueryViolatesModel = Create(
        "GENORM035",
        "SQL write violates the model",
        "The SQL of [Query] method '{0}' writes rows the table does not accept: {1}, or declare a [Default] for the column");

    /// <summary>GENORM036: SQL the checker does not understand.</summary>
    public static readonly DiagnosticDescriptor QueryNotUnderstood = Create(
        "GENORM036",
        "SQL not understood by the checker",
        "The SQL of [Query] method '{0}' cannot be checked: {1}; rewrite the statement, or set Verify = false on [Query] to run it unchecked and map its columns by name");

    /// <summary>GENORM037: a parameter in the SQL that no method parameter binds.</summary>
    public static readonly DiagnosticDescriptor QueryParameterNotDeclared = Create(
        "GENORM037",
        "SQL parameter without method parameter",
        "The SQL of [Query] method '{0}' uses parameter '{1}', but the method has no parameter named '{2}'; add the parameter to the method, or fix the name in the SQL");

    /// <summary>GENORM038: a method parameter the SQL never uses.</summary>
    public static readonly DiagnosticDescriptor QueryParameterNotUsed = Create(
        "GENORM038",
        "Method parameter not used in SQL",
        "Parameter '{1}' of [Query] method '{0}' is not used in the SQL; use it as :{1} in the statement, or remove it");

    /// <summary>GENORM039: a parameter whose C# type does not suit the column or context it meets.</summary>
    public static readonly DiagnosticDescriptor QueryParameterTypeMismatch = Create(
        "GENORM039",
        "Parameter type does not suit the SQL",
        "Parameter '{1}' of [Query] method '{0}' has type '{2}', but the SQL uses it {3}; give the parameter {4}");

    /// <summary>GENORM040: a result column that no member of the result type receives.</summary>
    public static readonly DiagnosticDescriptor QueryColumnWithoutMember = Create(
        "GENORM040",
        "Result column without member",
        "Result column '{1}' of [Query] method '{0}' has no member in '{2}' to receive it; add a member named '{1}', alias the column to a member's name, or remove it from the statement");

    /// <summary>GENORM041: a required member, constructor parameter or tuple element that no result column fills.</summary>
    public static readonly DiagnosticDescriptor QueryMemberWithoutColumn = Create(
        "GENORM041",
        "Required member without result column",
        "{1} of '{2}' must be filled, but the SQL of [Query] method '{0}' returns no column for it; select a column named '{3}' (or alias one), or make it optional");

    /// <summary>GENORM042: a result column whose values cannot be read as the member's type.</summary>
    public static readonly DiagnosticDescriptor QueryColumnTypeMismatch = Create(
        "GENORM042",
        "Result column cannot convert to member type",
        "Result column '{1}' of [Query] method '{0}' holds {2}, which cannot be read into {3} of type '{4}'; change the member's type, or CAST the column in the SQL");

    /// <summary>GENORM043: a result column that can be NULL, received by a non-nullable member.</summary>
    public static readonly DiagnosticDescriptor QueryColumnMayBeNull = Create(
        "GENORM043",
        "Nullable result into non-nullable member",
        "Result column '{1}' of [Query] method '{0}' can be NULL, but {2} has the non-nullable type '{3}'; make it '{3}?', or give the column a value with coalesce() or ifnull()");

    /// <summary>GENORM044: a <c>[Query]</c> method whose declaration GenOrm cannot implement.</summary>
    public static readonly DiagnosticDescriptor QueryMethodInvalid = Create(
        "GENORM044",
        "Invalid [Query] method",
        "[Query] method '{0}' cannot be generated: {1}");

    /// <summary>GENORM045: SQL that parses but that SQLite rejects on this schema (an aggregate misused, column counts that differ...).</summary>
    public static readonly DiagnosticDescriptor QueryInvalidSql = Create(
        "GENORM045",
        "Invalid SQL",
        "The SQL of [Query] method '{0}' is not valid: {1}; fix the statement");

    /// <summary>GENORM046: a constant <c>Sql.Text</c> statement on declared tables names a table or column that does not exist (a warning).</summary>
    public static readonly DiagnosticDescriptor SqlTextUnknownName = new(
        "GENORM046",
        "Unknown table or column in Sql.Text",
        "The SQL of this Sql.Text refers to {0}; fix the name, or declare the table with [Table]",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/genorm/genorm/blob/main/docs/diagnostics.md#genorm046");

    /// <summary>
    /// GENORM047: a <c>[Query]</c> statement is valid SQLite that PostgreSQL rejects or runs with another result (a
    /// warning, reported only when the project references GenOrm.Npgsql, so the same method also runs on PostgreSQL).
    /// </summary>
    public static readonly DiagnosticDescriptor QueryPostgresDiffers = new(
        "GENORM047",
        "SQL that PostgreSQL runs differently",
        "The SQL of [Query] method '{0}' does not run the same on PostgreSQL: {1}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/genorm/genorm/blob/main/docs/diagnostics.md#genorm047");

    /// <summary>
    /// GENORM048: a constant <c>Sql.Text</c> statement on declared tables would not run the same on PostgreSQL, which
    /// runs it as written: an unquoted mixed-case name it folds, or what GENORM047 reports for a <c>[Query]</c> (a
    /// warning, only when the project references GenOrm.Npgsql).
    /// </summary>
    public static readonly DiagnosticDescriptor SqlTextPostgresDiffers = new(
        "GENORM048",
        "Sql.Text that PostgreSQL runs differently",
        "The SQL of this Sql.Text does not run the same on PostgreSQL: {0}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: "https://github.com/genorm/genorm/blob/main/docs/diagnostics.md#genorm048");
}
