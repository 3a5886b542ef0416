using System;
using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;

namespace GenOrm.Generators.Emitting.Table;

/// <summary>
/// Writes the members of one table class, in a fixed order: the SQL constants and parameter names
/// (<c>TableWriter.Sql.cs</c>), the column handles and reads (<c>TableWriter.Reads.cs</c>), the writes
/// (<c>TableWriter.Writes.cs</c>), then the bind methods and the <c>ITable&lt;TSelf&gt;</c> implementation
/// (<c>TableWriter.Binding.cs</c>). Each data-access method is one <see cref="TwinMethod"/>: its async twin is
/// written from the same template.
/// </summary>
/// <remarks>
/// With a second dialect (PostgreSQL, when the compilation references GenOrm.Npgsql), each statement whose text differs
/// gets a second constant, <c>...SqlPostgres</c>, and the calls that run it pass both texts to the runtime, which picks
/// by the connection's database. The choice lives in <see cref="Prepare"/> and the few runtime calls that take SQL text,
/// so that each method's template, and its async twin, is the same for one dialect or two.
/// </remarks>
internal sealed partial class TableWriter
{
    private const string Connection = "global::GenOrm.Connection";
    private const string TableCommands = "global::GenOrm.Internal.TableCommands";
    private const string Statement = "global::GenOrm.Internal.Statement";
    private const string ThrowIfNull = "global::System.ArgumentNullException.ThrowIfNull";

    private readonly SourceWriter _writer;
    private readonly TableSpec _table;
    private readonly ISqlDialect _dialect;
    private readonly ISqlDialect? _postgres;
    private readonly HashSet<string> _withPostgresText = new(StringComparer.Ordinal);
    private readonly string _type;
    private readonly string _tableDoc;

    /// <summary>
    /// Initializes a writer for <paramref name="table"/>'s members, with <paramref name="dialect"/>'s texts and, where
    /// they differ, <paramref name="postgres"/>'s (none when <see langword="null"/>).
    /// </summary>
    public TableWriter(SourceWriter writer, TableSpec table, ISqlDialect dialect, ISqlDialect? postgres)
    {
        _writer = writer;
        _table = table;
        _dialect = dialect;
        _postgres = postgres;
        _type = table.FullyQualifiedName;
        _tableDoc = "<c>" + Literals.Xml(table.TableName) + "</c>";
    }

    private IReadOnlyList<ColumnSpec> KeyColumns => _table.PrimaryKey.Select(i => _table.Columns[i]).ToList();

    private ColumnSpec? AutoIncrementColumn => _table.HasAutoIncrement ? _table.Columns[_table.AutoIncrementColumn] : null;

    /// <summary>The parameters <c>(connection, entity)</c> of the methods that write one entity.</summary>
    private MethodParameter[] EntityParameters => new[] { new MethodParameter(Connection, "connection"), new MethodParameter(_type, "entity") };

    /// <summary>Writes every member of the table class.</summary>
    public void WriteMembers()
    {
        WriteConstants();
        _writer.WriteLine();
        WriteColumnNames();
        _writer.WriteLine();
        WriteColumns();
        _writer.WriteLine();
        WriteQuery();
        Write(CreateTable());
        Write(GetAll());
        foreach (LookupSpec lookup in _table.Lookups)
        {
            Write(Lookup(lookup));
        }

        Write(Insert());
        Write(InsertMany());
        if (_table.HasUpdate)
        {
            Write(Update());
        }

        Write(Delete());
        Write(Upsert());
        foreach (ColumnSpec column in _table.Columns)
        {
            if (column.ForeignKey is not null)
            {
                Write(NavigationWriter.Reference(column));
            }
        }

        WriteBindMethods();
        _writer.WriteLine();
        WriteTableInterface();
    }

    private void Write(TwinMethod method)
    {
        _writer.WriteLine();
        AsyncTwins.Write(_writer, method);
    }

    /// <summary>Gets the call of the <c>TableCommands</c> method <paramref name="method"/> (or its async form) on this table.</summary>
    private string Run(Twin twin, string method, string arguments) =>
        twin.Await($"{TableCommands}.{method}{twin.Suffix}<{_type}>({arguments}{twin.Token})");

    /// <summary>
    /// Gets the statement that lends the prepared statement for SQL constant <paramref name="sql"/>, or for its
    /// PostgreSQL twin on PostgreSQL when it has one.
    /// </summary>
    private string Prepare(string sql) => _withPostgresText.Contains(sql)
        ? $"using var statement = {TableCommands}.Prepare(connection, {sql}, {sql}{PostgresSuffix});"
        : $"using var statement = {TableCommands}.Prepare(connection, {sql});";

    /// <summary>
    /// Gets PostgreSQL's text of a statement when this file carries PostgreSQL's texts and it differs from the first
    /// dialect's, else <see langword="null"/>.
    /// </summary>
    private string? PostgresText(Func<ISqlDialect, string> text)
    {
        if (_postgres is null)
        {
            return null;
        }

        string postgres = text(_postgres);
        return string.Equals(postgres, text(_dialect), StringComparison.Ordinal) ? null : postgres;
    }

    /// <summary>
    /// Gets the doc-comment lines that show a statement: the first dialect's text and, when it differs, PostgreSQL's.
    /// </summary>
    private string SqlDoc(Func<ISqlDialect, string> text)
    {
        string code = Literals.XmlCode(text(_dialect));
        return PostgresText(text) is { } postgres
            ? code + $"\n/// <para>On {_postgres!.Name}:</para>\n" + Literals.XmlCode(postgres)
            : code;
    }

    private IReadOnlyList<ColumnSpec> Columns(LookupSpec lookup) => lookup.ColumnIndexes.Select(i => _table.Columns[i]).ToList();

    /// <summary>The property as a C# identifier, <c>@</c>-escaped when it is a keyword.</summary>
    private static string Id(ColumnSpec column) => CSharpIdentifiers.Escape(column.PropertyName);

    /// <summary>A parameter's name as XML docs spell it: without the <c>@</c> escape.</summary>
    private static string DocName(ColumnSpec column) => column.ParameterName.TrimStart('@');
}
