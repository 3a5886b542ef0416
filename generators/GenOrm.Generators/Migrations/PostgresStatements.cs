using System;
using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;

namespace GenOrm.Generators.Migrations;

/// <summary>
/// Writes the PostgreSQL statements that change one table from one version to the next in place, where SQLite needs
/// its table rebuild: <c>ALTER TABLE ... ALTER COLUMN ... TYPE ... USING</c>, <c>SET/DROP NOT NULL</c>,
/// <c>SET/DROP DEFAULT</c>, <c>ADD/DROP COLUMN</c>, <c>ADD</c> and <c>DROP CONSTRAINT</c>, and the indexes. No rows
/// are copied, so nothing outside the table (foreign keys that refer to it, sequences) is touched.
/// </summary>
/// <remarks>
/// The order: first what goes (foreign keys, uniques, the primary key and indexes that change, then dropped columns),
/// then each kept column's type, default and nullability, then the new columns, then what comes (the primary key,
/// uniques, foreign keys, indexes). A constraint GenOrm's DDL leaves unnamed has the server's name (which a table
/// rename keeps), so it is dropped by a <c>DO</c> block that looks its name up in <c>pg_constraint</c>; a constraint
/// that is not there fails the step.
/// </remarks>
internal static class PostgresStatements
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>What the planner found between a table's two versions, with the old names already renamed.</summary>
    /// <param name="Matched">The kept columns: (old name, new name).</param>
    /// <param name="Added">The new columns.</param>
    /// <param name="Dropped">The dropped columns, by their old names.</param>
    /// <param name="KeyChanged">Whether the primary key changed.</param>
    /// <param name="OldForeignKeys">The old foreign keys, columns and targets renamed.</param>
    /// <param name="OldIndexes">The old indexes, columns renamed.</param>
    internal sealed record Changes(
        IReadOnlyList<(string Old, string New)> Matched,
        IReadOnlyList<string> Added,
        IReadOnlyList<string> Dropped,
        bool KeyChanged,
        IReadOnlyList<ForeignKeyShape> OldForeignKeys,
        IReadOnlyList<IndexShape> OldIndexes);

    /// <summary>Gets the statements, or <see langword="null"/> when either version's PostgreSQL form is unknown.</summary>
    public static IReadOnlyList<string>? AlterTable(TableSpec? was, TableSpec? now, Changes changes, TableShape table)
    {
        if (was is null || now is null)
        {
            return null;
        }

        PostgresDialect dialect = PostgresDialect.Instance;
        string name = table.Name;
        string alter = "ALTER TABLE " + Q(name) + " ";
        var statements = new List<string>();
        ColumnSpec Old(string column) => was.Columns.First(c => Names.Equals(c.ColumnName, column));
        ColumnSpec New(string column) => now.Columns.First(c => Names.Equals(c.ColumnName, column));

        foreach (ForeignKeyShape key in changes.OldForeignKeys.Where(f => !table.ForeignKeys.Contains(f)))
        {
            if (!changes.Dropped.Any(d => Names.Equals(d, key.Column)))
            {
                statements.Add(DropConstraint(name, "f", key.Column));
            }
        }

        foreach ((string oldName, string newName) in changes.Matched)
        {
            if (Old(oldName).IsUnique && !New(newName).IsUnique)
            {
                statements.Add(DropConstraint(name, "u", newName));
            }
        }

        if (changes.KeyChanged && was.PrimaryKey.Count > 0 && !was.PrimaryKey.Select(i => was.Columns[i].ColumnName).All(k => changes.Dropped.Contains(k, Names)))
        {
            statements.Add(DropConstraint(name, "p", null));
        }

        foreach (IndexShape index in changes.OldIndexes.Where(i => !table.Indexes.Contains(i)))
        {
            // IF EXISTS: an index on a dropped column goes with the column.
            statements.Add("DROP INDEX IF EXISTS " + Q(index.Name));
        }

        foreach (string column in changes.Dropped)
        {
            statements.Add(alter + "DROP COLUMN " + Q(column));
        }

        foreach ((string oldName, string newName) in changes.Matched)
        {
            AlterColumn(statements, alter, name, Old(oldName), New(newName));
        }

        foreach (string column in changes.Added)
        {
            statements.Add(alter + "ADD COLUMN " + dialect.ColumnDefinition(New(column)));
        }

        // An added identity column's definition already says PRIMARY KEY.
        bool keyAdded = now.HasAutoIncrement && changes.Added.Contains(now.Columns[now.AutoIncrementColumn].ColumnName, Names);
        if (changes.KeyChanged && now.PrimaryKey.Count > 0 && !keyAdded)
        {
            statements.Add(alter + "ADD PRIMARY KEY (" + string.Join(", ", now.PrimaryKey.Select(i => Q(now.Columns[i].ColumnName))) + ")");
        }

        foreach ((string oldName, string newName) in changes.Matched)
        {
            if (!Old(oldName).IsUnique && New(newName).IsUnique)
            {
                statements.Add(alter + "ADD UNIQUE (" + Q(newName) + ")");
            }
        }

        foreach (ForeignKeyShape key in table.ForeignKeys.Where(f => !changes.OldForeignKeys.Contains(f)))
        {
            ForeignKeyAction action = New(key.Column).ForeignKey?.OnDelete ?? ForeignKeyAction.NoAction;
            statements.Add(alter + "ADD FOREIGN KEY (" + Q(key.Column) + ") REFERENCES " + Q(key.TargetTable) + " (" + Q(key.TargetColumn) + ")" + SqlDialect.OnDeleteClause(action));
        }

        foreach (IndexShape index in table.Indexes.Where(i => !changes.OldIndexes.Contains(i)))
        {
            statements.Add((index.IsUnique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + Q(index.Name) + " ON " + Q(name) + " (" + string.Join(", ", index.Columns.Select(Q)) + ")");
        }

        return statements;
    }

    /// <summary>Changes a kept column's identity, type, default and nullability, in the order PostgreSQL accepts them.</summary>
    private static void AlterColumn(List<string> statements, string alter, string table, ColumnSpec was, ColumnSpec column)
    {
        PostgresDialect dialect = PostgresDialect.Instance;
        string target = alter + "ALTER COLUMN " + Q(column.ColumnName) + " ";
        string oldType = dialect.ColumnType(was);
        string newType = dialect.ColumnType(column);
        string? oldDefault = dialect.DefaultLiteral(was);
        string? newDefault = dialect.DefaultLiteral(column);
        bool retyped = oldType != newType;

        if (was.IsAutoIncrement && !column.IsAutoIncrement)
        {
            statements.Add(target + "DROP IDENTITY");
        }

        // The old default may not convert to the new type: it goes first, and comes back after.
        if (oldDefault is not null && (retyped || newDefault != oldDefault))
        {
            statements.Add(target + "DROP DEFAULT");
        }

        if (retyped)
        {
            // Text to text converts by assignment, which refuses a value too long for varchar(n) (an explicit cast would
            // cut it); anything else is cast explicitly to the new type's base type, then assigned.
            bool textToText = Text(was) && Text(column);
            statements.Add(target + "TYPE " + newType + (textToText ? string.Empty : " USING " + Q(column.ColumnName) + "::" + CastType(newType)));
        }

        if (newDefault is not null && (retyped || newDefault != oldDefault))
        {
            statements.Add(target + "SET DEFAULT " + newDefault);
        }

        if (was.IsNullable && !column.IsNullable && !column.IsAutoIncrement)
        {
            if (newDefault is not null && !string.Equals(newDefault, "NULL", StringComparison.OrdinalIgnoreCase))
            {
                statements.Add("UPDATE " + Q(table) + " SET " + Q(column.ColumnName) + " = " + newDefault + " WHERE " + Q(column.ColumnName) + " IS NULL");
            }

            statements.Add(target + "SET NOT NULL");
        }
        else if (!was.IsNullable && !was.IsAutoIncrement && column.IsNullable)
        {
            statements.Add(target + "DROP NOT NULL");
        }

        if (!was.IsAutoIncrement && column.IsAutoIncrement)
        {
            statements.Add(target + "ADD GENERATED BY DEFAULT AS IDENTITY");
            // The identity starts at 1; the rows already there hold keys up to their largest.
            statements.Add("SELECT setval(pg_get_serial_sequence(" + Literal(Q(table)) + ", " + Literal(column.ColumnName) + "), max(" + Q(column.ColumnName) + ")) FROM " + Q(table) + " HAVING max(" + Q(column.ColumnName) + ") IS NOT NULL");
        }
    }

    private static bool Text(ColumnSpec column) => column.Kind == ColumnKind.String;

    /// <summary>Gets the type to cast to in <c>USING</c>: the new type without its collation and without a varchar's length.</summary>
    private static string CastType(string type)
    {
        int collate = type.IndexOf(" COLLATE ", StringComparison.Ordinal);
        string bare = collate < 0 ? type : type.Substring(0, collate);
        return bare.StartsWith("varchar(", StringComparison.Ordinal) ? "text" : bare;
    }

    /// <summary>
    /// Drops the table's primary key (<paramref name="kind"/> <c>p</c>), or the unique constraint (<c>u</c>) or foreign
    /// key (<c>f</c>) on exactly <paramref name="column"/>, by the name the server gave it.
    /// </summary>
    private static string DropConstraint(string table, string kind, string? column)
    {
        string onColumn = column is null
            ? string.Empty
            : " AND k.conkey = ARRAY[(SELECT a.attnum FROM pg_catalog.pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = " + Literal(column) + ")]::int2[]";
        return "DO $genorm$DECLARE c name; BEGIN "
            + "SELECT k.conname INTO c FROM pg_catalog.pg_constraint k WHERE k.conrelid = " + Literal(Q(table)) + "::regclass AND k.contype = '" + kind + "'" + onColumn + "; "
            + "EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', " + Literal(table) + ", c); END$genorm$";
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''") + "'";

    private static string Q(string name) => SchemaJson.QuoteSql(name);
}
