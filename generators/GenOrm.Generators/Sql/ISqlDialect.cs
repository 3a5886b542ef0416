using System.Collections.Generic;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql;

/// <summary>
/// Writes every piece of SQL text the generated code contains. The model stays free of SQL and the emitter asks the
/// dialect, so that another database (PostgreSQL is next) needs a new dialect, not a new emitter.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>
    /// Gets the database's name as generated docs write it, such as <c>SQLite</c>. Generated docs are database-neutral;
    /// they name the database only where a fact is its own: the dialect of <c>CreateTableSql</c>.
    /// </summary>
    string Name { get; }

    /// <summary>Quotes an identifier (table, column or index name) so that any name, keywords included, is valid.</summary>
    string QuoteIdentifier(string name);

    /// <summary>Gets the column's declared type, such as <c>INTEGER</c> or <c>varchar(100)</c>.</summary>
    string ColumnType(ColumnSpec column);

    /// <summary>Gets the column's <c>[Default]</c> as this database's literal (<c>1</c> or <c>true</c>), or <see langword="null"/> for none.</summary>
    string? DefaultLiteral(ColumnSpec column);

    /// <summary>
    /// Gets whether this database orders the column's stored values as .NET orders the values (<c>CompareTo</c>), so
    /// that <c>&lt;</c>, <c>&gt;</c> and <c>ORDER BY</c> on the column mean what they mean in C#. A fact of the
    /// storage form, not the API's choice: the typed API is one compiled assembly for every database, so a column
    /// gets an <c>OrderedColumn</c> handle only when every dialect answers <see langword="true"/> (SQLite's answers
    /// are a subset of PostgreSQL's), and not for <c>bool</c> or <c>Guid</c>, which GenOrm does not order by choice.
    /// </summary>
    bool IsOrderable(ColumnSpec column);

    /// <summary>Gets the SQL parameter name that carries a column's value, such as <c>@Email</c>.</summary>
    string ParameterName(ColumnSpec column);

    /// <summary>Gets the DDL that creates the table and its indexes; lines end with <c>\n</c>.</summary>
    string CreateTable(TableSpec table);

    /// <summary>Gets the statement that selects every column of every row.</summary>
    string SelectAll(TableSpec table);

    /// <summary>Gets the statement that selects the rows whose <paramref name="filter"/> columns equal the parameters.</summary>
    string SelectWhere(TableSpec table, IReadOnlyList<ColumnSpec> filter);

    /// <summary>Gets the columns <see cref="Insert"/> binds, in parameter order.</summary>
    IReadOnlyList<ColumnSpec> InsertColumns(TableSpec table);

    /// <summary>
    /// Gets the <c>INSERT</c> statement. With an auto-increment key it leaves the key out, and either returns the
    /// assigned key as one value (<c>RETURNING</c>) or, when <see cref="ReadsGeneratedKeyAfterInsert"/>, lets the
    /// runtime read it from the connection afterwards.
    /// </summary>
    string Insert(TableSpec table);

    /// <summary>
    /// Gets whether the runtime reads an assigned key from the connection after a plain <c>INSERT</c> (SQLite's
    /// <c>sqlite3_last_insert_rowid</c>, cheaper than a result row) rather than from a <c>RETURNING</c> clause.
    /// </summary>
    bool ReadsGeneratedKeyAfterInsert { get; }

    /// <summary>Gets the columns <see cref="Update"/> binds, in parameter order: the assigned columns, then the key.</summary>
    IReadOnlyList<ColumnSpec> UpdateColumns(TableSpec table);

    /// <summary>Gets the <c>UPDATE</c> statement that writes every non-key column of the row with the entity's key.</summary>
    string Update(TableSpec table);

    /// <summary>Gets the <c>DELETE</c> statement for the row with the entity's key.</summary>
    string Delete(TableSpec table);

    /// <summary>Gets the columns <see cref="Upsert"/> binds, in parameter order: every column.</summary>
    IReadOnlyList<ColumnSpec> UpsertColumns(TableSpec table);

    /// <summary>
    /// Gets the statement that inserts a row or, when a row with its primary key exists, updates that row's other
    /// columns (<c>INSERT ... ON CONFLICT (key) DO UPDATE</c>).
    /// </summary>
    string Upsert(TableSpec table);

    /// <summary>Gets the columns <see cref="InsertWithKey"/> binds, in parameter order: every column, the key included.</summary>
    IReadOnlyList<ColumnSpec> InsertWithKeyColumns(TableSpec table);

    /// <summary>
    /// Gets the <c>INSERT</c> statement that stores every column, the key included, for an auto-increment table's entity
    /// whose key is set: the row keeps that key instead of one the database generates.
    /// </summary>
    string InsertWithKey(TableSpec table);

    /// <summary>
    /// Gets the statement to run after <see cref="InsertWithKey"/> or <see cref="Upsert"/> has written an explicit key
    /// into an auto-increment table, so that a later generated key cannot collide with it; it binds the key column's
    /// parameter (<see cref="ParameterName"/>). <see langword="null"/> when the database needs none or the table has no
    /// auto-increment key.
    /// </summary>
    string? AfterExplicitKey(TableSpec table);
}
