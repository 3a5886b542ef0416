using System.Collections.Generic;
using System.Linq;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes one table's file: the partial class with its SQL, its static data-access methods and its
/// <c>ITable&lt;TSelf&gt;</c> implementation. It follows the <see cref="TableSpec"/> and asks the dialect for SQL;
/// it makes no mapping decisions of its own.
/// </summary>
internal static class QueryEmitter
{
    private const string Connection = "global::GenOrm.Connection";
    private const string TableCommands = "global::GenOrm.Internal.TableCommands";
    private const string Statement = "global::GenOrm.Internal.Statement";
    private const string ConnectionParam = """<param name="connection">The connection to run the statement on; it joins the connection's transaction.</param>""";
    private const string CancellationParam = """<param name="cancellationToken">Stops the statement: it throws <see cref="global::System.OperationCanceledException"/>, and the connection stays usable.</param>""";
    private const string Task = "global::System.Threading.Tasks.Task";
    private const string CancellationToken = "global::System.Threading.CancellationToken";
    private static readonly bool[] s_syncThenAsync = { false, true };
    private const string DuplicateKeyException = """<exception cref="global::GenOrm.ConstraintViolationException">The key is set and a row with that key exists already.</exception>""";
    private const string DatabaseException = """<exception cref="global::GenOrm.GenOrmException">SQLite reported an error, such as a constraint violation; the exception names the table and column.</exception>""";

    /// <summary>Adds the table's file to the compilation.</summary>
    public static void Emit(SourceProductionContext context, TableSpec table)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        context.AddSource(table.HintName, Write(table, SqliteDialect.Instance).ToSourceText());
    }

    /// <summary>Writes the table's file.</summary>
    public static SourceWriter Write(TableSpec table, ISqlDialect dialect)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedHeader.FileHeader);
        writer.WriteLine();
        if (table.Namespace.Length > 0)
        {
            writer.OpenBlock("namespace " + table.Namespace);
        }

        foreach (ContainingTypeSpec containing in table.ContainingTypes)
        {
            writer.OpenBlock($"partial {containing.Keyword} {containing.Name}");
        }

        writer.WriteLine(GeneratedHeader.GeneratedCodeAttribute);
        writer.OpenBlock($"partial {table.Keyword} {table.ClassName} : global::GenOrm.ITable<{table.FullyQualifiedName}>");
        new TableWriter(writer, table, dialect).WriteMembers();
        writer.CloseBlock();

        foreach (ContainingTypeSpec unused in table.ContainingTypes)
        {
            writer.CloseBlock();
        }

        if (table.HasForeignKeys && table.IsAccessibleFromAssembly)
        {
            writer.WriteLine();
            NavigationWriter.WriteExtensions(writer, table);
        }

        if (table.Namespace.Length > 0)
        {
            writer.CloseBlock();
        }

        return writer;
    }

    /// <summary>Writes the members of one table class.</summary>
    private sealed class TableWriter
    {
        private readonly SourceWriter _writer;
        private readonly TableSpec _table;
        private readonly ISqlDialect _dialect;
        private readonly string _type;
        private readonly string _tableDoc;

        public TableWriter(SourceWriter writer, TableSpec table, ISqlDialect dialect)
        {
            _writer = writer;
            _table = table;
            _dialect = dialect;
            _type = table.FullyQualifiedName;
            _tableDoc = "<c>" + Literals.Xml(table.TableName) + "</c>";
        }

        private IReadOnlyList<ColumnSpec> KeyColumns => _table.PrimaryKey.Select(i => _table.Columns[i]).ToList();

        private ColumnSpec? AutoIncrementColumn => _table.HasAutoIncrement ? _table.Columns[_table.AutoIncrementColumn] : null;

        public void WriteMembers()
        {
            WriteConstants();
            _writer.WriteLine();
            WriteParameterArrays();
            _writer.WriteLine();
            WriteColumns();
            _writer.WriteLine();
            WriteQuery();
            foreach (bool isAsync in s_syncThenAsync)
            {
                _writer.WriteLine();
                WriteCreateTable(isAsync);
            }

            foreach (bool isAsync in s_syncThenAsync)
            {
                _writer.WriteLine();
                WriteGetAll(isAsync);
            }

            foreach (LookupSpec lookup in _table.Lookups)
            {
                foreach (bool isAsync in s_syncThenAsync)
                {
                    _writer.WriteLine();
                    WriteLookup(lookup, isAsync);
                }
            }

            foreach (bool isAsync in s_syncThenAsync)
            {
                _writer.WriteLine();
                WriteInsert(isAsync);
            }

            foreach (bool isAsync in s_syncThenAsync)
            {
                _writer.WriteLine();
                WriteInsertMany(isAsync);
            }

            if (_table.HasUpdate)
            {
                foreach (bool isAsync in s_syncThenAsync)
                {
                    _writer.WriteLine();
                    WriteUpdate(isAsync);
                }
            }

            foreach (bool isAsync in s_syncThenAsync)
            {
                _writer.WriteLine();
                WriteDelete(isAsync);
            }

            foreach (bool isAsync in s_syncThenAsync)
            {
                _writer.WriteLine();
                WriteUpsert(isAsync);
            }

            foreach (ColumnSpec column in _table.Columns)
            {
                if (column.ForeignKey is not null)
                {
                    foreach (bool isAsync in s_syncThenAsync)
                    {
                        _writer.WriteLine();
                        NavigationWriter.WriteReference(_writer, _table, column, isAsync);
                    }
                }
            }

            _writer.WriteLine();
            WriteBind("BindInsert", _dialect.InsertColumns(_table));
            if (_table.HasAutoIncrement)
            {
                _writer.WriteLine();
                WriteBind("BindInsertWithKey", _dialect.InsertWithKeyColumns(_table));
            }

            if (_table.HasUpdate)
            {
                _writer.WriteLine();
                WriteBind("BindUpdate", _dialect.UpdateColumns(_table));
            }

            _writer.WriteLine();
            WriteBind("BindKey", KeyColumns);
            _writer.WriteLine();
            WriteBind("BindUpsert", _dialect.UpsertColumns(_table));
            if (AutoIncrementColumn is { } key)
            {
                _writer.WriteLine();
                _writer.WriteLine($"private static void AssignGeneratedKey({_type} entity, long key) => entity.{Id(key)} = checked(({key.TypeName})key);");
            }

            _writer.WriteLine();
            WriteTableInterface();
        }

        private void WriteConstants()
        {
            string createTableSql = _dialect.CreateTable(_table);
            _writer.WriteLine($"""
                /// <summary>The name of the table that <see cref="{_type}"/> maps to: {_tableDoc}.</summary>
                public const string TableName = {Literals.String(_table.TableName)};

                /// <summary>The SQL that creates the {_tableDoc} table and its indexes. <see cref="CreateTable"/> runs it.</summary>
                /// <remarks>
                {Literals.XmlCode(createTableSql)}
                /// </remarks>
                public const string CreateTableSql = {Literals.MultiLineString(createTableSql, "    ")};

                """);
            WriteSql("SelectAllSql", _dialect.SelectAll(_table));
            foreach (LookupSpec lookup in _table.Lookups)
            {
                WriteSql(lookup.SqlConstantName, _dialect.SelectWhere(_table, Columns(lookup)));
            }

            WriteSql("InsertSql", _dialect.Insert(_table));
            if (_table.HasAutoIncrement)
            {
                WriteSql("InsertWithKeySql", _dialect.InsertWithKey(_table));
            }

            if (_table.HasUpdate)
            {
                WriteSql("UpdateSql", _dialect.Update(_table));
            }

            WriteSql("DeleteSql", _dialect.Delete(_table));
            WriteSql("UpsertSql", _dialect.Upsert(_table));
        }

        private void WriteSql(string name, string sql) =>
            _writer.WriteLine($"private const string {name} = {Literals.String(sql)};");

        private void WriteParameterArrays()
        {
            _writer.WriteLine("private static readonly string[] s_noParameters = global::System.Array.Empty<string>();");
            foreach (LookupSpec lookup in _table.Lookups)
            {
                WriteNames(lookup.ParametersFieldName, Columns(lookup).Select(_dialect.ParameterName));
            }

            WriteNames("s_insertParameters", _dialect.InsertColumns(_table).Select(_dialect.ParameterName));
            if (_table.HasAutoIncrement)
            {
                WriteNames("s_insertWithKeyParameters", _dialect.InsertWithKeyColumns(_table).Select(_dialect.ParameterName));
            }

            if (_table.HasUpdate)
            {
                WriteNames("s_updateParameters", _dialect.UpdateColumns(_table).Select(_dialect.ParameterName));
            }

            WriteNames("s_deleteParameters", KeyColumns.Select(_dialect.ParameterName));
            WriteNames("s_upsertParameters", _dialect.UpsertColumns(_table).Select(_dialect.ParameterName));
            WriteNames("s_columnNames", _table.Columns.Select(c => c.ColumnName));
        }

        private void WriteNames(string field, IEnumerable<string> names)
        {
            string[] items = names.ToArray();
            _writer.WriteLine(items.Length == 0
                ? $"private static readonly string[] {field} = global::System.Array.Empty<string>();"
                : $"private static readonly string[] {field} = new[] {{ {string.Join(", ", items.Select(Literals.String))} }};");
        }

        private void WriteCreateTable(bool isAsync) => _writer.WriteLine($"""
            /// <summary>Creates the {_tableDoc} table and its indexes, unless they exist.</summary>
            /// {ConnectionParam}{CancellationDoc(isAsync)}
            /// {DatabaseException}
            /// <remarks>Runs <see cref="CreateTableSql"/>.</remarks>
            public static {Returns(isAsync, null)} CreateTable{Suffix(isAsync)}({Connection} connection{CancellationArg(isAsync)})
                => {TableCommands}.ExecuteScript{Suffix(isAsync)}<{_type}>(connection, CreateTableSql{CancellationPass(isAsync)});
            """);

        private void WriteGetAll(bool isAsync)
        {
            _writer.WriteLine($$"""
                /// <summary>Reads every row of the {{_tableDoc}} table.</summary>
                /// {{ConnectionParam}}{{CancellationDoc(isAsync)}}
                /// <returns>The rows as <see cref="{{_type}}"/> entities, in the order SQLite returns them.</returns>
                /// {{DatabaseException}}
                /// <remarks>
                {{Literals.XmlCode(_dialect.SelectAll(_table))}}
                /// </remarks>
                public static {{Returns(isAsync, $"global::System.Collections.Generic.List<{_type}>")}} GetAll{{Suffix(isAsync)}}({{Connection}} connection{{CancellationArg(isAsync)}})
                {
                    using var statement = {{TableCommands}}.Prepare(connection, SelectAllSql, s_noParameters);
                    return {{TableCommands}}.ReadAll{{Suffix(isAsync)}}<{{_type}}>(connection, statement{{CancellationPass(isAsync)}});
                }
                """);
        }

        private void WriteLookup(LookupSpec lookup, bool isAsync)
        {
            IReadOnlyList<ColumnSpec> columns = Columns(lookup);
            string condition = columns.Count == 1
                ? $"whose <c>{Literals.Xml(columns[0].ColumnName)}</c> column equals <paramref name=\"{DocName(columns[0])}\"/>"
                : "whose primary key (" + string.Join(", ", columns.Select(c => $"<c>{Literals.Xml(c.ColumnName)}</c>")) + ") equals ("
                    + string.Join(", ", columns.Select(c => $"<paramref name=\"{DocName(c)}\"/>")) + ")";
            string parameters = string.Join(", ", columns.Select(c => $"{c.TypeName} {c.ParameterName}"));

            // A unique key admits at most one row: the entity or null. Any other column admits many: every matching row.
            string summary = lookup.IsUnique
                ? $"Reads the row of the {_tableDoc} table {condition}."
                : $"Reads every row of the {_tableDoc} table {condition}.";
            string returnsDoc = lookup.IsUnique
                ? "The entity, or <see langword=\"null\"/> when no row matches."
                : $"The matching rows as <see cref=\"{_type}\"/> entities, in the order SQLite returns them; an empty list when none matches.";
            string result = lookup.IsUnique ? _type + "?" : $"global::System.Collections.Generic.List<{_type}>";
            string read = lookup.IsUnique ? "ReadUniqueOrDefault" : "ReadAll";
            _writer.WriteLine($"/// <summary>{summary}</summary>");
            _writer.WriteLine("/// " + ConnectionParam);
            foreach (ColumnSpec column in columns)
            {
                _writer.WriteLine($"/// <param name=\"{DocName(column)}\">The <c>{Literals.Xml(column.ColumnName)}</c> value to look for.</param>");
            }

            if (isAsync)
            {
                _writer.WriteLine("/// " + CancellationParam);
            }

            _writer.WriteLine($$"""
                /// <returns>{{returnsDoc}}</returns>
                /// {{DatabaseException}}
                /// <remarks>
                {{Literals.XmlCode(_dialect.SelectWhere(_table, columns))}}
                /// </remarks>
                public static {{Returns(isAsync, result)}} {{lookup.MethodName}}{{Suffix(isAsync)}}({{Connection}} connection, {{parameters}}{{CancellationArg(isAsync)}})
                {
                    using var statement = {{TableCommands}}.Prepare(connection, {{lookup.SqlConstantName}}, {{lookup.ParametersFieldName}});
                """);
            _writer.Indentation++;
            for (int i = 0; i < columns.Count; i++)
            {
                _writer.WriteLine(ColumnExpressions.Bind(columns[i], i, columns[i].ParameterName));
            }

            _writer.WriteLine($"return {TableCommands}.{read}{Suffix(isAsync)}<{_type}>(connection, statement{CancellationPass(isAsync)});");
            _writer.CloseBlock();
        }

        private void WriteInsert(bool isAsync)
        {
            if (AutoIncrementColumn is { } key)
            {
                WriteKeyedInsert(key, isAsync);
                return;
            }

            _writer.WriteLine($$"""
                /// <summary>Inserts <paramref name="entity"/> as a new row of the {{_tableDoc}} table.</summary>
                /// {{ConnectionParam}}
                /// <param name="entity">The entity to insert.</param>{{CancellationDoc(isAsync)}}
                /// <exception cref="global::System.ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
                /// {{DatabaseException}}
                /// <remarks>
                {{Literals.XmlCode(_dialect.Insert(_table))}}
                /// </remarks>
                public static {{Returns(isAsync, null)}} Insert{{Suffix(isAsync)}}({{Connection}} connection, {{_type}} entity{{CancellationArg(isAsync)}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(entity);
                    using var statement = {{TableCommands}}.Prepare(connection, InsertSql, s_insertParameters);
                    BindInsert(statement, entity);
                """);
            _writer.Indentation++;
            _writer.WriteLine(isAsync
                ? $"return {TableCommands}.ExecuteNonQueryAsync<{_type}>(connection, statement, cancellationToken);"
                : $"{TableCommands}.ExecuteNonQuery<{_type}>(connection, statement);");
            _writer.CloseBlock();
        }

        /// <summary>
        /// Writes the <c>Insert</c> of an <c>[AutoIncrement]</c> table: an unset key (0) is generated by the database and
        /// written back, a set key is stored as given.
        /// </summary>
        private void WriteKeyedInsert(ColumnSpec key, bool isAsync)
        {
            _writer.WriteLine($$"""
                /// <summary>
                /// Inserts <paramref name="entity"/> as a new row of the {{_tableDoc}} table.
                /// When its <see cref="{{Id(key)}}"/> is unset ({{UnsetKeyDoc(key)}}), SQLite generates the key and it is written into <see cref="{{Id(key)}}"/>;
                /// when it is set (any other value, negative included), the row keeps that key exactly.
                /// </summary>
                /// {{ConnectionParam}}
                /// <param name="entity">The entity to insert.</param>{{CancellationDoc(isAsync)}}
                /// <exception cref="global::System.ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
                /// {{DuplicateKeyException}}
                /// {{DatabaseException}}
                /// <remarks>
                {{KeyedInsertSqlDoc()}}
                /// </remarks>
                public {{(isAsync ? "static async" : "static")}} {{Returns(isAsync, null)}} Insert{{Suffix(isAsync)}}({{Connection}} connection, {{_type}} entity{{CancellationArg(isAsync)}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(entity);
                """);
            _writer.Indentation++;
            _writer.OpenBlock($"if ({KeyIsSet(key, "entity")})");
            _writer.WriteLine($"using var statement = {TableCommands}.Prepare(connection, InsertWithKeySql, s_insertWithKeyParameters);");
            _writer.WriteLine("BindInsertWithKey(statement, entity);");
            _writer.WriteLine(isAsync
                ? $"await {TableCommands}.ExecuteNonQueryAsync<{_type}>(connection, statement, cancellationToken).ConfigureAwait(false);"
                : $"{TableCommands}.ExecuteNonQuery<{_type}>(connection, statement);");
            _writer.CloseBlock();
            _writer.OpenBlock("else");
            WriteGeneratedKeyInsert(key, isAsync);
            _writer.CloseBlock();
            _writer.CloseBlock();
        }

        /// <summary>Writes the statements that insert an entity whose key is unset and write the generated key into it.</summary>
        private void WriteGeneratedKeyInsert(ColumnSpec key, bool isAsync)
        {
            _writer.WriteLine($"using var statement = {TableCommands}.Prepare(connection, InsertSql, s_insertParameters);");
            _writer.WriteLine("BindInsert(statement, entity);");
            _writer.WriteLine(isAsync
                ? $"entity.{Id(key)} = checked(({key.TypeName})await {TableCommands}.{KeyedInsert}Async<{_type}>(connection, statement, cancellationToken).ConfigureAwait(false));"
                : $"entity.{Id(key)} = checked(({key.TypeName}){TableCommands}.{KeyedInsert}<{_type}>(connection, statement));");
        }

        private void WriteInsertMany(bool isAsync)
        {
            if (AutoIncrementColumn is { } key)
            {
                _writer.WriteLine($$"""
                    /// <summary>
                    /// Inserts each of <paramref name="entities"/> as a new row of the {{_tableDoc}} table, all or nothing.
                    /// Each entity whose <see cref="{{Id(key)}}"/> is unset ({{UnsetKeyDoc(key)}}) gets the key SQLite generates written into <see cref="{{Id(key)}}"/>;
                    /// each whose key is set (any other value, negative included) keeps that key exactly.
                    /// </summary>
                    /// {{ConnectionParam}}
                    /// <param name="entities">The entities to insert.</param>{{CancellationDoc(isAsync)}}
                    /// <returns>The number of rows inserted.</returns>
                    /// <exception cref="global::System.ArgumentNullException"><paramref name="entities"/> is <see langword="null"/>.</exception>
                    /// {{DuplicateKeyException}}
                    /// {{DatabaseException}}
                    /// <remarks>
                    {{KeyedInsertSqlDoc()}}
                    /// </remarks>
                    public static {{Returns(isAsync, "int")}} InsertMany{{Suffix(isAsync)}}({{Connection}} connection, global::System.Collections.Generic.IEnumerable<{{_type}}> entities{{CancellationArg(isAsync)}})
                    {
                        global::System.ArgumentNullException.ThrowIfNull(entities);
                        return {{TableCommands}}.ExecuteInsertMany{{Suffix(isAsync)}}<{{_type}}>(
                            connection,
                            entities,
                            static entity => {{KeyIsSet(key, "entity")}},
                            InsertSql,
                            s_insertParameters,
                            BindInsert,
                            AssignGeneratedKey,
                            InsertWithKeySql,
                            s_insertWithKeyParameters,
                            BindInsertWithKey{{(isAsync ? ",\n        cancellationToken" : string.Empty)}});
                    }
                    """);
                return;
            }

            _writer.WriteLine($$"""
                /// <summary>Inserts each of <paramref name="entities"/> as a new row of the {{_tableDoc}} table.</summary>
                /// {{ConnectionParam}}
                /// <param name="entities">The entities to insert.</param>{{CancellationDoc(isAsync)}}
                /// <returns>The number of rows inserted.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="entities"/> is <see langword="null"/>.</exception>
                /// {{DatabaseException}}
                /// <remarks>
                {{Literals.XmlCode(_dialect.Insert(_table))}}
                /// </remarks>
                public static {{Returns(isAsync, "int")}} InsertMany{{Suffix(isAsync)}}({{Connection}} connection, global::System.Collections.Generic.IEnumerable<{{_type}}> entities{{CancellationArg(isAsync)}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(entities);
                    using var statement = {{TableCommands}}.Prepare(connection, InsertSql, s_insertParameters);
                    return {{TableCommands}}.ExecuteMany{{Suffix(isAsync)}}<{{_type}}>(connection, statement, entities, BindInsert, null{{CancellationPass(isAsync)}});
                }
                """);
        }

        private void WriteUpdate(bool isAsync) => _writer.WriteLine($$"""
            /// <summary>Writes every column of <paramref name="entity"/> outside the primary key to the row of the {{_tableDoc}} table with the entity's primary key.</summary>
            /// {{ConnectionParam}}
            /// <param name="entity">The entity to write.</param>{{CancellationDoc(isAsync)}}
            /// <returns>The number of rows changed: 1, or 0 when no row has the entity's primary key.</returns>
            /// <exception cref="global::System.ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
            /// {{DatabaseException}}
            /// <remarks>
            {{Literals.XmlCode(_dialect.Update(_table))}}
            /// </remarks>
            public static {{Returns(isAsync, "int")}} Update{{Suffix(isAsync)}}({{Connection}} connection, {{_type}} entity{{CancellationArg(isAsync)}})
            {
                global::System.ArgumentNullException.ThrowIfNull(entity);
                using var statement = {{TableCommands}}.Prepare(connection, UpdateSql, s_updateParameters);
                BindUpdate(statement, entity);
                return {{TableCommands}}.ExecuteNonQuery{{Suffix(isAsync)}}<{{_type}}>(connection, statement{{CancellationPass(isAsync)}});
            }
            """);

        private void WriteDelete(bool isAsync) => _writer.WriteLine($$"""
            /// <summary>Deletes the row of the {{_tableDoc}} table with the primary key of <paramref name="entity"/>.</summary>
            /// {{ConnectionParam}}
            /// <param name="entity">The entity whose row to delete.</param>{{CancellationDoc(isAsync)}}
            /// <returns>The number of rows deleted: 1, or 0 when no row has the entity's primary key.</returns>
            /// <exception cref="global::System.ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
            /// {{DatabaseException}}
            /// <remarks>
            {{Literals.XmlCode(_dialect.Delete(_table))}}
            /// </remarks>
            public static {{Returns(isAsync, "int")}} Delete{{Suffix(isAsync)}}({{Connection}} connection, {{_type}} entity{{CancellationArg(isAsync)}})
            {
                global::System.ArgumentNullException.ThrowIfNull(entity);
                using var statement = {{TableCommands}}.Prepare(connection, DeleteSql, s_deleteParameters);
                BindKey(statement, entity);
                return {{TableCommands}}.ExecuteNonQuery{{Suffix(isAsync)}}<{{_type}}>(connection, statement{{CancellationPass(isAsync)}});
            }
            """);

        private void WriteUpsert(bool isAsync)
        {
            if (AutoIncrementColumn is { } key)
            {
                WriteKeyedUpsert(key, isAsync);
                return;
            }

            _writer.WriteLine($$"""
                /// <summary>
                /// Inserts <paramref name="entity"/> into the {{_tableDoc}} table or, when a row with its primary key exists,
                /// updates that row's other columns: one atomic statement.
                /// </summary>
                /// {{ConnectionParam}}
                /// <param name="entity">The entity to write; its primary key is written as given.</param>{{CancellationDoc(isAsync)}}
                /// <returns>The number of rows inserted or updated: 1.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
                /// {{DatabaseException}}
                /// <remarks>
                {{Literals.XmlCode(_dialect.Upsert(_table))}}
                /// </remarks>
                public static {{Returns(isAsync, "int")}} Upsert{{Suffix(isAsync)}}({{Connection}} connection, {{_type}} entity{{CancellationArg(isAsync)}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(entity);
                    using var statement = {{TableCommands}}.Prepare(connection, UpsertSql, s_upsertParameters);
                    BindUpsert(statement, entity);
                    return {{TableCommands}}.ExecuteNonQuery{{Suffix(isAsync)}}<{{_type}}>(connection, statement{{CancellationPass(isAsync)}});
                }
                """);
        }

        /// <summary>
        /// Writes the <c>Upsert</c> of an <c>[AutoIncrement]</c> table: an unset key (0) is a new row, inserted with a
        /// generated key that is written back; a set key is inserted or updated on that key.
        /// </summary>
        private void WriteKeyedUpsert(ColumnSpec key, bool isAsync)
        {
            _writer.WriteLine($$"""
                /// <summary>
                /// Writes <paramref name="entity"/> to the {{_tableDoc}} table.
                /// When its <see cref="{{Id(key)}}"/> is unset ({{UnsetKeyDoc(key)}}), it is a new row: it is inserted, and the key SQLite generates is written into <see cref="{{Id(key)}}"/>.
                /// When it is set (any other value, negative included), the entity is inserted with that key or, when a row with that key exists,
                /// that row's other columns are updated: one atomic statement.
                /// </summary>
                /// {{ConnectionParam}}
                /// <param name="entity">The entity to write.</param>{{CancellationDoc(isAsync)}}
                /// <returns>The number of rows inserted or updated: 1.</returns>
                /// <exception cref="global::System.ArgumentNullException"><paramref name="entity"/> is <see langword="null"/>.</exception>
                /// {{DatabaseException}}
                /// <remarks>
                /// <para>With an unset key:</para>
                {{Literals.XmlCode(_dialect.Insert(_table))}}
                /// <para>With a set key:</para>
                {{Literals.XmlCode(_dialect.Upsert(_table))}}
                /// </remarks>
                public {{(isAsync ? "static async" : "static")}} {{Returns(isAsync, "int")}} Upsert{{Suffix(isAsync)}}({{Connection}} connection, {{_type}} entity{{CancellationArg(isAsync)}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(entity);
                """);
            _writer.Indentation++;
            _writer.OpenBlock($"if ({KeyIsSet(key, "entity")})");
            _writer.WriteLine($"using var statement = {TableCommands}.Prepare(connection, UpsertSql, s_upsertParameters);");
            _writer.WriteLine("BindUpsert(statement, entity);");
            _writer.WriteLine(isAsync
                ? $"return await {TableCommands}.ExecuteNonQueryAsync<{_type}>(connection, statement, cancellationToken).ConfigureAwait(false);"
                : $"return {TableCommands}.ExecuteNonQuery<{_type}>(connection, statement);");
            _writer.CloseBlock();
            _writer.OpenBlock("else");
            WriteGeneratedKeyInsert(key, isAsync);
            _writer.WriteLine("return 1;");
            _writer.CloseBlock();
            _writer.CloseBlock();
        }

        /// <summary>The condition under which an auto-increment key counts as set: anything but its default, 0 (or null).</summary>
        private static string KeyIsSet(ColumnSpec key, string entity) => key.IsNullable
            ? $"{entity}.{Id(key)}.GetValueOrDefault() != 0"
            : $"{entity}.{Id(key)} != 0";

        private static string UnsetKeyDoc(ColumnSpec key) => key.IsNullable ? "0 or <see langword=\"null\"/>" : "0";

        /// <summary>The SQL of an auto-increment table's insert, for both kinds of key, as XML doc lines.</summary>
        private string KeyedInsertSqlDoc() =>
            "/// <para>With an unset key:</para>\n" + Literals.XmlCode(_dialect.Insert(_table))
            + "\n/// <para>With a set key:</para>\n" + Literals.XmlCode(_dialect.InsertWithKey(_table));

        private void WriteColumns()
        {
            _writer.WriteLine($"/// <summary>Typed handles on the columns of the {_tableDoc} table, for <see cref=\"Query\"/> conditions, ordering and projections.</summary>");
            _writer.OpenBlock("public static class Columns");
            for (int i = 0; i < _table.Columns.Count; i++)
            {
                ColumnSpec column = _table.Columns[i];
                if (i > 0)
                {
                    _writer.WriteLine();
                }

                string handle = ColumnHandles.TypeName(column, _type);
                _writer.WriteLine($$"""
                    /// <summary>The <c>{{Literals.Xml(column.ColumnName)}}</c> column, mapped from the <c>{{Literals.Xml(column.PropertyName)}}</c> property.</summary>
                    public static readonly {{handle}} {{Id(column)}} = new(new(
                        {{Literals.String(column.ColumnName)}},
                        {{Literals.String(_dialect.QuoteIdentifier(column.ColumnName))}},
                        static value => {{ColumnExpressions.Write(column, "value")}},
                        static (reader, ordinal) => {{ColumnExpressions.Read(column, "ordinal")}}));
                    """);
            }

            _writer.CloseBlock();
        }

        private void WriteQuery() => _writer.WriteLine($$"""
            /// <summary>Starts a typed query over the {{_tableDoc}} table; filter it with <see cref="Columns"/>.</summary>
            /// {{ConnectionParam}}
            /// <returns>A query over every row; <c>Where</c>, <c>OrderBy</c>, <c>Limit</c> and the rest refine it.</returns>
            /// <example><code>{{Literals.Xml(QueryExample())}}</code></example>
            public static global::GenOrm.Query<{{_type}}> Query({{Connection}} connection) => global::GenOrm.Query<{{_type}}>.Create(connection);
            """);

        private string QueryExample()
        {
            ColumnSpec column = _table.Columns[_table.PrimaryKey[0]];
            return $"{_table.ClassName}.Query(connection).Where({_table.ClassName}.Columns.{Id(column)} == {column.ParameterName}).OneOrNone()";
        }

        /// <summary>The runtime call that runs an INSERT and returns the key the database assigned.</summary>
        private string KeyedInsert => _dialect.ReadsGeneratedKeyAfterInsert ? "ExecuteInsertReadRowId" : "ExecuteInt64";

        private string Returns(bool isAsync, string? result) => isAsync
            ? (result is null ? Task : $"{Task}<{result}>")
            : result ?? "void";

        private static string Suffix(bool isAsync) => isAsync ? "Async" : string.Empty;

        private static string CancellationArg(bool isAsync) => isAsync ? $", {CancellationToken} cancellationToken = default" : string.Empty;

        private static string CancellationPass(bool isAsync) => isAsync ? ", cancellationToken" : string.Empty;

        private static string CancellationDoc(bool isAsync) => isAsync ? "\n/// " + CancellationParam : string.Empty;

        private void WriteBind(string name, IReadOnlyList<ColumnSpec> columns)
        {
            _writer.OpenBlock($"private static void {name}({Statement} statement, {_type} entity)");
            for (int i = 0; i < columns.Count; i++)
            {
                _writer.WriteLine(ColumnExpressions.Bind(columns[i], i, "entity." + Id(columns[i])));
            }

            _writer.CloseBlock();
        }

        private void WriteTableInterface()
        {
            string self = $"global::GenOrm.ITable<{_type}>";
            _writer.WriteLine($"""
                static string {self}.TableName => TableName;

                static string {self}.CreateTableSql => CreateTableSql;

                static string {self}.QuotedTableName => {Literals.String(_dialect.QuoteIdentifier(_table.TableName))};

                static string {self}.SelectSql => SelectAllSql;

                static global::System.Collections.Generic.IReadOnlyList<string> {self}.ColumnNames => s_columnNames;

                """);
            _writer.OpenBlock($"static {_type} {self}.ReadRow({Statement} reader)");
            _writer.WriteLine($"return new {_type}");
            _writer.WriteLine("{");
            _writer.Indentation++;
            for (int i = 0; i < _table.Columns.Count; i++)
            {
                ColumnSpec column = _table.Columns[i];
                _writer.WriteLine($"{Id(column)} = {ColumnExpressions.Read(column, i.ToString(System.Globalization.CultureInfo.InvariantCulture))},");
            }

            _writer.Indentation--;
            _writer.WriteLine("};");
            _writer.CloseBlock();
            _writer.WriteLine();
            _writer.OpenBlock($"static {_type} {self}.ReadRow({Statement} reader, global::System.ReadOnlySpan<int> ordinals)");
            _writer.WriteLine($"return new {_type}");
            _writer.WriteLine("{");
            _writer.Indentation++;
            for (int i = 0; i < _table.Columns.Count; i++)
            {
                ColumnSpec column = _table.Columns[i];
                _writer.WriteLine($"{Id(column)} = {ColumnExpressions.Read(column, $"ordinals[{i}]")},");
            }

            _writer.Indentation--;
            _writer.WriteLine("};");
            _writer.CloseBlock();
            _writer.WriteLine();
            _writer.OpenBlock($"static bool {self}.TryGetParameterValue({_type} entity, string name, out object? value)");
            foreach (ColumnSpec column in _table.Columns)
            {
                string condition = $"global::System.StringComparer.OrdinalIgnoreCase.Equals(name, {Literals.String(column.ColumnName)})";
                if (!string.Equals(column.ColumnName, column.PropertyName, System.StringComparison.OrdinalIgnoreCase))
                {
                    condition += $" || global::System.StringComparer.OrdinalIgnoreCase.Equals(name, {Literals.String(column.PropertyName)})";
                }

                _writer.WriteLine($$"""
                    if ({{condition}})
                    {
                        value = {{ColumnExpressions.Write(column, "entity." + Id(column))}};
                        return true;
                    }

                    """);
            }

            _writer.WriteLine("""
                value = null;
                return false;
                """);
            _writer.CloseBlock();
        }

        private IReadOnlyList<ColumnSpec> Columns(LookupSpec lookup) => lookup.ColumnIndexes.Select(i => _table.Columns[i]).ToList();

        /// <summary>The property as a C# identifier, <c>@</c>-escaped when it is a keyword.</summary>
        private static string Id(ColumnSpec column) => CSharpIdentifiers.Escape(column.PropertyName);

        /// <summary>A parameter's name as XML docs spell it: without the <c>@</c> escape.</summary>
        private static string DocName(ColumnSpec column) => column.ParameterName.TrimStart('@');
    }
}
