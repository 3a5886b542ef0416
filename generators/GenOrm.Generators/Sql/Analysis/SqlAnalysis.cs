using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>What kind of statement was analyzed.</summary>
internal enum SqlStatementKind
{
    Select,
    Insert,
    Update,
    Delete,
    Other,
}

/// <summary>The storage class or affinity an expression has, by SQLite's rules, when no model column is behind it.</summary>
internal enum SqlValueType
{
    Integer,
    Real,
    Text,
    Blob,
    Numeric,

    /// <summary>Unknown or mixed.</summary>
    Any,
    Null,
}

/// <summary>The kind of a problem the checker found.</summary>
internal enum SqlProblemKind
{
    Syntax,
    UnknownTable,
    UnknownColumn,
    AmbiguousColumn,
    UnknownFunction,
    WrongArgumentCount,
    MissingNotNullColumn,
    WriteToUnknownColumn,
    Unsupported,

    /// <summary>
    /// A construct SQLite rejects although every name resolves: an aggregate in WHERE, a window function without OVER,
    /// column counts that differ (compound SELECT, INSERT values, row values), an ORDER BY term out of range...
    /// </summary>
    InvalidUse,
}

/// <summary>The result of checking one statement.</summary>
/// <param name="Kind">The statement kind.</param>
/// <param name="Columns">SELECT's result columns, or RETURNING's; in order, <c>*</c> expanded.</param>
/// <param name="Parameters">The distinct parameters, in first-appearance order.</param>
/// <param name="Problems">The problems; empty when SQLite would accept the statement on this schema.</param>
internal sealed record SqlAnalysis(
    SqlStatementKind Kind,
    EquatableArray<SqlResultColumn> Columns,
    EquatableArray<SqlParameterUse> Parameters,
    EquatableArray<SqlProblem> Problems)
{
    /// <summary>Gets what in the statement PostgreSQL rejects or runs with another result, in the order found; never a problem.</summary>
    public EquatableArray<SqlDifference> PostgresDifferences { get; init; }
}

/// <summary>One result column.</summary>
/// <param name="Name">The name SQLite gives the column (<c>sqlite3_column_name</c>).</param>
/// <param name="Type">The value type by SQLite's rules.</param>
/// <param name="MayBeNull">Whether the value can be NULL.</param>
/// <param name="Origin">The model column when the result is a bare column reference, else <see langword="null"/>.</param>
/// <param name="Start">The offset of the column's expression (or of <c>*</c>) in the SQL.</param>
/// <param name="Length">The length of that text.</param>
internal sealed record SqlResultColumn(string Name, SqlValueType Type, bool MayBeNull, SqlColumnOrigin? Origin, int Start, int Length);

/// <summary>The model column behind a result column or a parameter.</summary>
/// <param name="Table">The table name as declared.</param>
/// <param name="Column">The column name as declared.</param>
/// <param name="Kind">The CLR kind of the column's property.</param>
/// <param name="TypeName">The property's C# type, <c>global::</c>-qualified, with <c>?</c> when nullable.</param>
internal sealed record SqlColumnOrigin(string Table, string Column, ColumnKind Kind, string TypeName);

/// <summary>One named parameter of the statement.</summary>
/// <param name="Name">The name without its prefix (<c>:top</c> gives <c>top</c>).</param>
/// <param name="Prefix">The prefix: <c>:</c>, <c>@</c> or <c>$</c>.</param>
/// <param name="Occurrences">Each appearance, prefix included.</param>
/// <param name="Meets">The model column the parameter is compared with, assigned to, inserted into or IN-listed against.</param>
/// <param name="Expected">The value type the context implies when no column does, else <see cref="SqlValueType.Any"/>.</param>
internal sealed record SqlParameterUse(string Name, char Prefix, EquatableArray<SqlSpan> Occurrences, SqlColumnOrigin? Meets, SqlValueType Expected);

/// <summary>A span of the SQL text.</summary>
/// <param name="Start">The offset of the first character.</param>
/// <param name="Length">The number of characters.</param>
internal readonly record struct SqlSpan(int Start, int Length);

/// <summary>One problem in the statement.</summary>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Start">The offset in the SQL string value (not in the C# source).</param>
/// <param name="Length">The length of the offending text.</param>
/// <param name="Message">A complete English sentence fragment for the diagnostic.</param>
internal sealed record SqlProblem(SqlProblemKind Kind, int Start, int Length, string Message);

/// <summary>
/// Something in a valid SQLite statement that PostgreSQL rejects (a function or operator it does not have) or runs with
/// another result (LIKE's case rule).
/// </summary>
/// <param name="Start">The offset in the SQL string value.</param>
/// <param name="Length">The length of the text concerned.</param>
/// <param name="Message">What differs and what to write instead, a sentence fragment for the diagnostic.</param>
internal sealed record SqlDifference(int Start, int Length, string Message);
