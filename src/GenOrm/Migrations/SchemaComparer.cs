using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenOrm.Migrations;

/// <summary>
/// Compares a model with a live database's shape read by <see cref="LiveSchema"/>: names compared as SQLite compares
/// them (ignoring ASCII case), types ignoring case, the C# types not at all (the database does not know them).
/// </summary>
internal static class SchemaComparer
{
    public static List<SchemaDifference> Compare(SchemaModel model, IReadOnlyList<TableModel> live)
    {
        var differences = new List<SchemaDifference>();
        foreach (TableModel expected in model.Tables)
        {
            TableModel? actual = Find(live, expected.Name);
            if (actual is null)
            {
                differences.Add(new SchemaDifference(expected.Name, null, SchemaDifferenceKind.MissingTable, expected.Name, null, ErrorMessages.SchemaMissingTable(expected.Name)));
            }
            else
            {
                CompareTable(expected, actual, differences);
            }
        }

        foreach (TableModel actual in live)
        {
            if (model.FindTable(actual.Name) is null)
            {
                differences.Add(new SchemaDifference(actual.Name, null, SchemaDifferenceKind.ExtraTable, null, actual.Name, ErrorMessages.SchemaExtraTable(actual.Name)));
            }
        }

        return differences;
    }

    public static void CompareTable(TableModel expected, TableModel actual, List<SchemaDifference> differences)
    {
        string table = expected.Name;
        foreach (ColumnModel column in expected.Columns)
        {
            ColumnModel? live = actual.FindColumn(column.Name);
            if (live is null)
            {
                differences.Add(new SchemaDifference(table, column.Name, SchemaDifferenceKind.MissingColumn, column.SqlType, null, ErrorMessages.SchemaMissingColumn(table, column.Name)));
                continue;
            }

            CompareColumn(table, column, live, differences);
        }

        foreach (ColumnModel live in actual.Columns)
        {
            if (expected.FindColumn(live.Name) is null)
            {
                differences.Add(new SchemaDifference(table, live.Name, SchemaDifferenceKind.ExtraColumn, null, live.SqlType, ErrorMessages.SchemaExtraColumn(table, live.Name)));
            }
        }

        if (!NamesEqual(expected.PrimaryKey, actual.PrimaryKey))
        {
            string want = KeyText(expected.PrimaryKey);
            string have = KeyText(actual.PrimaryKey);
            differences.Add(new SchemaDifference(table, null, SchemaDifferenceKind.PrimaryKeyDiffers, want, have, ErrorMessages.SchemaPrimaryKeyDiffers(table, want, have)));
        }

        foreach (IndexModel index in expected.Indexes)
        {
            IndexModel? live = FindIndex(actual.Indexes, index.Name);
            if (live is null)
            {
                differences.Add(new SchemaDifference(table, index.Name, SchemaDifferenceKind.MissingIndex, IndexText(index), null, ErrorMessages.SchemaMissingIndex(table, index.Name, IndexText(index))));
            }
            else if (live.IsUnique != index.IsUnique || !NamesEqual(index.Columns, live.Columns))
            {
                differences.Add(new SchemaDifference(table, index.Name, SchemaDifferenceKind.IndexDiffers, IndexText(index), IndexText(live), ErrorMessages.SchemaIndexDiffers(table, index.Name, IndexText(index), IndexText(live))));
            }
        }

        foreach (IndexModel live in actual.Indexes)
        {
            if (FindIndex(expected.Indexes, live.Name) is null)
            {
                differences.Add(new SchemaDifference(table, live.Name, SchemaDifferenceKind.ExtraIndex, null, IndexText(live), ErrorMessages.SchemaExtraIndex(table, live.Name, IndexText(live))));
            }
        }

        foreach (ForeignKeyModel key in expected.ForeignKeys)
        {
            ForeignKeyModel? live = FindKey(actual.ForeignKeys, key.Column);
            if (live is null)
            {
                differences.Add(new SchemaDifference(table, key.Column, SchemaDifferenceKind.MissingForeignKey, KeyTarget(key), null, ErrorMessages.SchemaMissingForeignKey(table, key.Column, KeyTarget(key))));
            }
            else if (!Same(live.TargetTable, key.TargetTable) || !Same(live.TargetColumn, key.TargetColumn) || !Same(live.OnDelete, key.OnDelete))
            {
                differences.Add(new SchemaDifference(table, key.Column, SchemaDifferenceKind.ForeignKeyDiffers, KeyTarget(key), KeyTarget(live), ErrorMessages.SchemaForeignKeyDiffers(table, key.Column, KeyTarget(key), KeyTarget(live))));
            }
        }

        foreach (ForeignKeyModel live in actual.ForeignKeys)
        {
            if (FindKey(expected.ForeignKeys, live.Column) is null)
            {
                differences.Add(new SchemaDifference(table, live.Column, SchemaDifferenceKind.ExtraForeignKey, null, KeyTarget(live), ErrorMessages.SchemaExtraForeignKey(table, live.Column, KeyTarget(live))));
            }
        }

        bool strict = LiveSchema.IsStrict(expected.CreateSql);
        if (strict != LiveSchema.IsStrict(actual.CreateSql))
        {
            differences.Add(new SchemaDifference(table, null, SchemaDifferenceKind.DefinitionDiffers, strict ? "STRICT" : null, strict ? null : "STRICT", ErrorMessages.SchemaStrictDiffers(table, strict)));
        }
    }

    private static void CompareColumn(string table, ColumnModel expected, ColumnModel actual, List<SchemaDifference> differences)
    {
        string column = expected.Name;
        if (!Same(expected.SqlType, actual.SqlType))
        {
            differences.Add(new SchemaDifference(table, column, SchemaDifferenceKind.TypeDiffers, expected.SqlType, actual.SqlType, ErrorMessages.SchemaTypeDiffers(table, column, expected.SqlType, actual.SqlType)));
        }

        if (expected.IsNullable != actual.IsNullable)
        {
            differences.Add(new SchemaDifference(table, column, SchemaDifferenceKind.NullabilityDiffers, Nullability(expected.IsNullable), Nullability(actual.IsNullable), ErrorMessages.SchemaNullabilityDiffers(table, column, expected.IsNullable)));
        }

        if (!string.Equals(expected.DefaultSql?.Trim(), actual.DefaultSql?.Trim(), StringComparison.Ordinal))
        {
            differences.Add(new SchemaDifference(table, column, SchemaDifferenceKind.DefaultDiffers, expected.DefaultSql, actual.DefaultSql, ErrorMessages.SchemaDefaultDiffers(table, column, expected.DefaultSql, actual.DefaultSql)));
        }

        if (expected.IsUnique != actual.IsUnique)
        {
            differences.Add(new SchemaDifference(table, column, SchemaDifferenceKind.UniqueDiffers, expected.IsUnique ? "UNIQUE" : null, actual.IsUnique ? "UNIQUE" : null, ErrorMessages.SchemaUniqueDiffers(table, column, expected.IsUnique)));
        }

        if (expected.MaxLength != actual.MaxLength)
        {
            differences.Add(new SchemaDifference(table, column, SchemaDifferenceKind.MaxLengthDiffers, Length(expected.MaxLength), Length(actual.MaxLength), ErrorMessages.SchemaMaxLengthDiffers(table, column, expected.MaxLength, actual.MaxLength)));
        }

        if (expected.IsAutoIncrement != actual.IsAutoIncrement)
        {
            differences.Add(new SchemaDifference(table, column, SchemaDifferenceKind.AutoIncrementDiffers, expected.IsAutoIncrement ? "AUTOINCREMENT" : null, actual.IsAutoIncrement ? "AUTOINCREMENT" : null, ErrorMessages.SchemaAutoIncrementDiffers(table, column, expected.IsAutoIncrement)));
        }
    }

    private static string Nullability(bool nullable) => nullable ? "NULL" : "NOT NULL";

    private static string? Length(int? length) => length?.ToString(CultureInfo.InvariantCulture);

    private static string KeyText(IReadOnlyList<string> columns) => "(" + string.Join(", ", columns) + ")";

    private static string IndexText(IndexModel index) => (index.IsUnique ? "UNIQUE " : string.Empty) + KeyText(index.Columns);

    private static string KeyTarget(ForeignKeyModel key) => key.TargetTable + " (" + key.TargetColumn + ") ON DELETE " + key.OnDelete;

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool NamesEqual(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (!Same(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static TableModel? Find(IReadOnlyList<TableModel> tables, string name)
    {
        foreach (TableModel table in tables)
        {
            if (Same(table.Name, name))
            {
                return table;
            }
        }

        return null;
    }

    private static IndexModel? FindIndex(IReadOnlyList<IndexModel> indexes, string name)
    {
        foreach (IndexModel index in indexes)
        {
            if (Same(index.Name, name))
            {
                return index;
            }
        }

        return null;
    }

    private static ForeignKeyModel? FindKey(IReadOnlyList<ForeignKeyModel> keys, string column)
    {
        foreach (ForeignKeyModel key in keys)
        {
            if (Same(key.Column, column))
            {
                return key;
            }
        }

        return null;
    }
}
