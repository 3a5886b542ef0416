using System;

namespace GenOrm;

/// <summary>
/// Marks a <see langword="static"/> <see langword="partial"/> method whose body the GenOrm generator writes: it runs
/// <see cref="Sql"/>, binds the method's parameters to the SQL's named parameters (<c>:name</c>, <c>@name</c> or
/// <c>$name</c>) and reads the rows into the declared return type.
/// </summary>
/// <remarks>
/// <para>
/// At compile time the generator checks the SQL against the <see cref="TableAttribute"/> classes of the assembly:
/// syntax, tables, columns, parameters, and that every result column fits a member of the result type. Each problem is
/// a <c>GENORM03x</c>/<c>GENORM04x</c> error located inside the SQL literal.
/// </para>
/// <para>
/// For a statement the checker does not understand, set <see cref="Verify"/> to <see langword="false"/> (Room's
/// <c>@SkipQueryVerification</c>): the SQL is then not checked, and result columns are matched to members by name when
/// the statement runs, still without reflection.
/// </para>
/// </remarks>
/// <seealso href="https://github.com/genorm/genorm/blob/main/docs/queries.md">Checked SQL: [Query] methods</seealso>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class QueryAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="QueryAttribute"/> class.</summary>
    /// <param name="sql">The SQL statement to run, with named parameters such as <c>:id</c>.</param>
    public QueryAttribute(string sql) => Sql = sql;

    /// <summary>Gets the SQL statement the method runs.</summary>
    public string Sql { get; }

    /// <summary>
    /// Gets or sets whether the generator checks <see cref="Sql"/> against the declared tables. The default is
    /// <see langword="true"/>. When <see langword="false"/>, the SQL is run as written and result columns are matched
    /// to members by name at run time.
    /// </summary>
    public bool Verify { get; set; } = true;
}
