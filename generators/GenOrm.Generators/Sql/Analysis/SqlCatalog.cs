using System;
using System.Collections.Generic;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>
/// The schema the SQL checker resolves names against, built from the assembly's table specs. Part of the incremental
/// pipeline's values, so it must stay immutable and structurally equatable.
/// </summary>
/// <param name="Tables">The tables, sorted by name (ordinal, ignoring ASCII case).</param>
internal sealed record SqlCatalog(EquatableArray<SqlTable> Tables)
{
    /// <summary>Builds a catalog from table specs: tables sorted by name, columns in declaration order.</summary>
    public static SqlCatalog From(IEnumerable<TableSpec> tables)
    {
        var list = new List<SqlTable>();
        foreach (TableSpec table in tables)
        {
            var columns = new List<SqlColumn>(table.Columns.Count);
            foreach (ColumnSpec column in table.Columns)
            {
                columns.Add(new SqlColumn(
                    column.ColumnName,
                    column.PropertyName,
                    column.Kind,
                    column.TypeName,
                    column.IsNullable,
                    column.IsPrimaryKey,
                    column.IsAutoIncrement,
                    column.Default is not null)
                {
                    IsUnique = column.IsUnique,
                });
            }

            list.Add(new SqlTable(table.TableName, table.FullyQualifiedName, columns.ToEquatableArray()));
        }

        list.Sort(static (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
        return new SqlCatalog(list.ToEquatableArray());
    }

    /// <summary>Finds a table by name, ignoring ASCII case, or returns <see langword="null"/>.</summary>
    public SqlTable? Find(string name)
    {
        int low = 0;
        int high = Tables.Count - 1;
        while (low <= high)
        {
            int mid = low + ((high - low) >> 1);
            int order = StringComparer.OrdinalIgnoreCase.Compare(Tables[mid].Name, name);
            if (order == 0)
            {
                return Tables[mid];
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return null;
    }
}

/// <summary>One table of the catalog.</summary>
/// <param name="Name">The table name as declared.</param>
/// <param name="ClassName">The <c>[Table]</c> class, <c>global::</c>-qualified.</param>
/// <param name="Columns">The columns in declaration order.</param>
internal sealed record SqlTable(string Name, string ClassName, EquatableArray<SqlColumn> Columns)
{
    /// <summary>Finds a column by name, ignoring ASCII case, or returns <see langword="null"/>.</summary>
    public SqlColumn? FindColumn(string name)
    {
        foreach (SqlColumn column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return column;
            }
        }

        return null;
    }

    /// <summary>Gets the column that is SQLite's rowid alias (a lone INTEGER PRIMARY KEY), or <see langword="null"/>.</summary>
    public SqlColumn? RowidAlias
    {
        get
        {
            SqlColumn? key = null;
            foreach (SqlColumn column in Columns)
            {
                if (column.IsAutoIncrement)
                {
                    return column;
                }

                if (column.IsPrimaryKey)
                {
                    if (SqliteDialect.Instance.ColumnTypeName(column.Kind) != "INTEGER")
                    {
                        return null;
                    }

                    if (key is not null)
                    {
                        return null;
                    }

                    key = column;
                }
            }

            return key;
        }
    }
}

/// <summary>One column of a catalog table.</summary>
/// <param name="Name">The column name as declared.</param>
/// <param name="PropertyName">The C# property that maps it.</param>
/// <param name="Kind">The CLR kind of the property.</param>
/// <param name="TypeName">The property's C# type, <c>global::</c>-qualified, with <c>?</c> when nullable.</param>
/// <param name="IsNullable">Whether the column accepts NULL.</param>
/// <param name="IsPrimaryKey">Whether the column is part of the primary key.</param>
/// <param name="IsAutoIncrement">Whether the database assigns the value on insert (the rowid alias).</param>
/// <param name="HasDefault">Whether the column has a <c>DEFAULT</c>.</param>
internal sealed record SqlColumn(
    string Name,
    string PropertyName,
    ColumnKind Kind,
    string TypeName,
    bool IsNullable,
    bool IsPrimaryKey,
    bool IsAutoIncrement,
    bool HasDefault)
{
    /// <summary>Gets whether the column has a UNIQUE constraint (an ON CONFLICT target).</summary>
    public bool IsUnique { get; init; }
}
