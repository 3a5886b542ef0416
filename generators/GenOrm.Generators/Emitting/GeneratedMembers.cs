using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Emitting;

/// <summary>A member <see cref="QueryEmitter"/> writes into a table class.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="ParameterTypes">A method's parameter types as <c>ToDisplayString(FullyQualifiedFormat)</c> shows them
/// (no nullable-reference <c>?</c>, which overloads ignore), or <see langword="null"/> for a field, constant or type.</param>
internal sealed record GeneratedMember(string Name, EquatableArray<string>? ParameterTypes);

/// <summary>
/// The members <see cref="QueryEmitter"/> writes into a table class, computed from the <see cref="TableSpec"/> with the
/// emitter's own names: GENORM016 checks the user's members against this list. A test walks every member of the
/// emitted code and requires it here, so an emitter change that adds a member without adding it here fails.
/// </summary>
internal static class GeneratedMembers
{
    private const string Connection = "global::GenOrm.Connection";
    private const string Statement = "global::GenOrm.Internal.Statement";
    private const string CancellationToken = "global::System.Threading.CancellationToken";

    /// <summary>Gets every member the emitter writes into <paramref name="table"/>'s class, in emission order.</summary>
    public static IReadOnlyList<GeneratedMember> For(TableSpec table)
    {
        string self = table.FullyQualifiedName;
        var members = new List<GeneratedMember>();
        void Field(string name) => members.Add(new GeneratedMember(name, null));
        void Method(string name, params string[] parameters) => members.Add(new GeneratedMember(name, parameters.ToEquatableArray()));
        void Pair(string name, params string[] parameters)
        {
            Method(name, parameters);
            Method(name + "Async", parameters.Append(CancellationToken).ToArray());
        }

        Field("TableName");
        Field("CreateTableSql");
        Field("SelectAllSql");
        foreach (LookupSpec lookup in table.Lookups)
        {
            Field(lookup.SqlConstantName);
        }

        Field("InsertSql");
        if (table.HasAutoIncrement)
        {
            Field("InsertWithKeySql");
        }

        if (table.HasUpdate)
        {
            Field("UpdateSql");
        }

        Field("DeleteSql");
        Field("UpsertSql");
        Field("s_columnNames");
        Field("Columns");
        Method("Query", Connection);
        Pair("CreateTable", Connection);
        Pair("GetAll", Connection);
        foreach (LookupSpec lookup in table.Lookups)
        {
            Pair(lookup.MethodName, new[] { Connection }.Concat(lookup.ColumnIndexes.Select(i => OverloadType(table.Columns[i]))).ToArray());
        }

        Pair("Insert", Connection, self);
        Pair("InsertMany", Connection, $"global::System.Collections.Generic.IEnumerable<{self}>");
        if (table.HasUpdate)
        {
            Pair("Update", Connection, self);
        }

        Pair("Delete", Connection, self);
        Pair("Upsert", Connection, self);
        foreach (ColumnSpec column in table.Columns)
        {
            if (column.ForeignKey is { } foreignKey)
            {
                Pair(foreignKey.NavigationMethodName, Connection);
            }
        }

        Method("BindInsert", Statement, self);
        if (table.HasAutoIncrement)
        {
            Method("BindInsertWithKey", Statement, self);
        }

        if (table.HasUpdate)
        {
            Method("BindUpdate", Statement, self);
        }

        Method("BindKey", Statement, self);
        Method("BindUpsert", Statement, self);
        if (table.HasAutoIncrement)
        {
            Method("AssignGeneratedKey", self, "long");
        }

        return members;
    }

    /// <summary>A column's type as overload resolution sees it: a nullable reference type's <c>?</c> does not count.</summary>
    public static string OverloadType(ColumnSpec column) =>
        column.IsNullable && column.Kind is ColumnKind.String or ColumnKind.Bytes && column.TypeName.EndsWith("?", System.StringComparison.Ordinal)
            ? column.TypeName.Substring(0, column.TypeName.Length - 1)
            : column.TypeName;
}
