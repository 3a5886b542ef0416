using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>
/// Describes a class that the GenOrm generator maps to a table. The generator implements this interface on every
/// <see cref="TableAttribute"/> class, so that generic runtime code such as
/// <see cref="Connection.Query{T}(Sql, Params?)"/> can create and read entities without reflection.
/// </summary>
/// <typeparam name="TSelf">The entity class itself.</typeparam>
/// <remarks>Implemented by generated code; there is no need to implement it by hand.</remarks>
public interface ITable<TSelf> where TSelf : ITable<TSelf>
{
    /// <summary>Gets the name of the table in the database.</summary>
    static abstract string TableName { get; }

    /// <summary>Gets the DDL that creates the table and its indexes.</summary>
    static abstract string CreateTableSql { get; }

    /// <summary>Gets the table's name as SQL, quoted: <c>"user"</c>.</summary>
    static abstract string QuotedTableName { get; }

    /// <summary>
    /// Gets the <c>SELECT</c> of every mapped column, in the order the <c>ReadRow</c> methods expects, from the table:
    /// <c>SELECT "id", "name" FROM "user"</c>.
    /// </summary>
    static abstract string SelectSql { get; }

    /// <summary>Gets the names of the table's columns, in the order the <c>ReadRow</c> methods expects them.</summary>
    static abstract IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Creates an entity from the current row of <paramref name="statement"/>, reading each column at its ordinal.</summary>
    /// <param name="statement">A statement positioned on a row.</param>
    /// <param name="ordinals">For each entry of <see cref="ColumnNames"/>, the ordinal of that column in the statement's result.</param>
    /// <returns>The entity the row holds.</returns>
    static abstract TSelf ReadRow(GenOrm.Internal.Statement statement, ReadOnlySpan<int> ordinals);

    /// <summary>Creates an entity from the current row of <paramref name="statement"/>, whose columns are <see cref="ColumnNames"/> in order.</summary>
    /// <param name="statement">A statement positioned on a row.</param>
    /// <returns>The entity the row holds.</returns>
    static abstract TSelf ReadRow(GenOrm.Internal.Statement statement);

    /// <summary>
    /// Gets the value that a SQL parameter named <paramref name="name"/> (without its <c>:</c>, <c>@</c> or <c>$</c>
    /// prefix) takes from <paramref name="entity"/>: the column or property of that name, compared ignoring case, as a
    /// parameter value (the value itself, checked; a <see cref="Internal.ScaledDecimal"/> for a
    /// <c>[Column(Scale = n)]</c> decimal) that the database's driver binds in its own form.
    /// </summary>
    /// <param name="entity">The entity that supplies parameter values.</param>
    /// <param name="name">The parameter's name without its prefix.</param>
    /// <param name="value">The parameter value, or <see langword="null"/> for a null.</param>
    /// <returns><see langword="true"/> when the entity has a column or property of that name.</returns>
    static abstract bool TryGetParameterValue(TSelf entity, string name, out object? value);
}
