using GenOrm.Generators.Sql.Analysis;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Model;

/// <summary>
/// A checked <c>[Query]</c> method: what the emitter writes (binds, reads) and the problems found, located by SQL
/// offset or by part of the declaration, not by source position. Must stay equatable (see <see cref="QueryMethodSpec"/>).
/// </summary>
/// <param name="Spec">The method.</param>
/// <param name="Shape">The final return shape: an <c>int</c> of a statement that writes and returns no rows is <see cref="QueryReturnShape.RowsAffected"/>.</param>
/// <param name="Binds">The statement's parameters in SQLite's numbering order (first appearance), each with the method parameter it binds.</param>
/// <param name="Reads">How each filled value of the row is read.</param>
/// <param name="ReadsTableRow">Whether the row is a <c>[Table]</c> class read whole by its generated <c>ReadRow</c>.</param>
/// <param name="ByName">Whether columns are found by name at run time (<c>Verify = false</c>).</param>
/// <param name="Problems">The problems; the emitter writes a body that throws when there are any.</param>
internal sealed record QueryPlan(
    QueryMethodSpec Spec,
    QueryReturnShape Shape,
    EquatableArray<QueryBind> Binds,
    EquatableArray<QueryRead> Reads,
    bool ReadsTableRow,
    bool ByName,
    EquatableArray<QueryProblem> Problems)
{
    /// <summary>
    /// Gets the statement's PostgreSQL text where it differs from <see cref="QueryMethodSpec.Sql"/> (declared names
    /// quoted with their declared case), or <see langword="null"/>.
    /// </summary>
    public string? PostgresSql { get; init; }

    /// <summary>
    /// Gets whether the statement is a checked <c>SELECT</c>: it names only declared tables and SQLite's own functions, so
    /// it changes nothing and locks no row, and the runtime may treat it as one of GenOrm's own reads (on PostgreSQL it
    /// runs ahead of the implicit transaction's <c>BEGIN</c>).
    /// </summary>
    public bool IsCheckedSelect { get; init; }

    /// <summary>
    /// Gets what in a valid statement PostgreSQL rejects or runs differently (GENORM047 warnings): reported only when
    /// the project targets PostgreSQL, and never a reason for the emitter to write a throwing body.
    /// </summary>
    public EquatableArray<QueryProblem> PostgresProblems { get; init; }

    /// <summary>Gets the problems to report: <see cref="Problems"/>, and <see cref="PostgresProblems"/> when <paramref name="targetsPostgres"/>.</summary>
    /// <param name="targetsPostgres">Whether the project references GenOrm.Npgsql.</param>
    /// <returns>The problems, in order.</returns>
    public EquatableArray<QueryProblem> ReportedProblems(bool targetsPostgres) =>
        targetsPostgres && !PostgresProblems.IsEmpty ? Problems.Concat(PostgresProblems).ToEquatableArray() : Problems;
}

/// <summary>One statement parameter and the method parameter bound to it.</summary>
/// <param name="Token">The parameter as the SQL writes it, prefix included (<c>:top</c>).</param>
/// <param name="Identifier">The method parameter's name as C# source.</param>
/// <param name="Value">The method parameter's type.</param>
/// <param name="Table">The table of the column it meets, or the method's name, for bind error messages.</param>
/// <param name="Column">The column it meets, or the parameter's name.</param>
/// <param name="DecimalScale">The <c>[Column(Scale = n)]</c> of the decimal column it meets, or <see langword="null"/>.</param>
internal sealed record QueryBind(string Token, string Identifier, QueryValueType Value, string Table, string Column, int? DecimalScale);

/// <summary>How one value of the row is read.</summary>
/// <param name="Member">The index into <see cref="QueryRowSpec.Members"/>.</param>
/// <param name="Ordinal">The result column's ordinal, or the index into the run-time ordinals when <see cref="QueryPlan.ByName"/>.</param>
/// <param name="ColumnName">The result column's name.</param>
/// <param name="DecimalScale">The <c>[Column(Scale = n)]</c> of the decimal column behind it, or <see langword="null"/>.</param>
internal sealed record QueryRead(int Member, int Ordinal, string ColumnName, int? DecimalScale);

/// <summary>Which part of a <c>[Query]</c> method a problem is reported on.</summary>
internal enum QueryTarget
{
    /// <summary>Characters of the SQL: <see cref="QueryProblem.Start"/> and <see cref="QueryProblem.Length"/> are SQL offsets.</summary>
    Sql,

    /// <summary>A declared parameter: <see cref="QueryProblem.Start"/> is its position.</summary>
    Parameter,

    /// <summary>The declared return type.</summary>
    ReturnType,

    /// <summary>The method's identifier.</summary>
    Method,
}

/// <summary>A problem in a <c>[Query]</c> method, located relative to the method.</summary>
/// <param name="Descriptor">The diagnostic.</param>
/// <param name="Target">Which part of the method it is on.</param>
/// <param name="Start">The SQL offset, or the parameter's position.</param>
/// <param name="Length">The number of SQL characters.</param>
/// <param name="Args">The message arguments.</param>
internal sealed record QueryProblem(DiagnosticDescriptor Descriptor, QueryTarget Target, int Start, int Length, EquatableArray<string> Args);

/// <summary>The problems of one method, with the key that finds its <see cref="QuerySourceMap"/>.</summary>
/// <param name="Key">The method's <see cref="QueryMethodSpec.Key"/>.</param>
/// <param name="Problems">The problems.</param>
internal sealed record QueryProblems(string Key, EquatableArray<QueryProblem> Problems);

/// <summary>
/// The schema every query is checked against: the SQL checker's catalog, plus what only the emitter needs from the
/// table specs (the scale of <c>[Column(Scale = n)]</c> decimals). Collected once; a table edit re-checks the queries.
/// </summary>
/// <param name="Catalog">The tables, for <see cref="SqlAnalyzer"/>.</param>
/// <param name="ScaledColumns">Each scaled decimal column, as <c>table.column=scale</c>, sorted ordinal.</param>
internal sealed record QuerySchema(SqlCatalog Catalog, EquatableArray<string> ScaledColumns);
