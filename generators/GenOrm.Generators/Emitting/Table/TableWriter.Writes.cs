using System;
using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;

namespace GenOrm.Generators.Emitting.Table;

/// <summary>
/// The methods that change the database: <c>CreateTable</c>, <c>Insert</c>, <c>InsertMany</c>, and
/// <c>Update</c>/<c>Delete</c>/<c>Upsert</c>, which share one template. An <c>[AutoIncrement]</c> table's
/// <c>Insert</c>, <c>InsertMany</c> and <c>Upsert</c> also write the key the database generates back into the entity.
/// </summary>
internal sealed partial class TableWriter
{
    private const string DuplicateKeyException = """<exception cref="global::GenOrm.ConstraintViolationException">The key is set and a row with that key exists already.</exception>""";

    /// <summary>
    /// The runtime call that runs an INSERT and returns the key the database assigned: with two dialects, the one that
    /// asks the connection's driver how the key comes back.
    /// </summary>
    private string KeyedInsert => _postgres is not null ? "ExecuteInsertReadKey"
        : _dialect.ReadsGeneratedKeyAfterInsert ? "ExecuteInsertReadRowId" : "ExecuteInt64";

    /// <summary>The remarks line of <c>CreateTable</c>: which constant it runs.</summary>
    private string CreateTableRuns => _postgres is null
        ? "Runs <see cref=\"CreateTableSql\"/>."
        : $"Runs <see cref=\"CreateTableSql\"/> on {_dialect.Name}, <see cref=\"CreateTableSql{PostgresSuffix}\"/> on {_postgres.Name}.";

    /// <summary>
    /// The arguments that give the runtime the <c>CREATE TABLE</c> script: one, or one per dialect and the schema model,
    /// against which PostgreSQL's catalog is checked when the table exists.
    /// </summary>
    private string CreateTableScripts => _postgres is null ? "CreateTableSql" : $"CreateTableSql, CreateTableSql{PostgresSuffix}, global::GenOrm.Generated.Schema.Current";

    private TwinMethod CreateTable() => new(
        $"""
        /// <summary>Creates the {_tableDoc} table and its indexes, unless they exist.</summary>
        /// {DocText.ConnectionParam}
        /// {DocText.DatabaseException}
        /// <remarks>{CreateTableRuns}</remarks>
        """,
        "public static",
        "CreateTable",
        null,
        new[] { new MethodParameter(Connection, "connection") },
        twin => $"    => {twin.Await($"{TableCommands}.ExecuteScript{twin.Suffix}<{_type}>(connection, {CreateTableScripts}{twin.Token})")};");

    private TwinMethod Insert()
    {
        if (AutoIncrementColumn is { } key)
        {
            return new(
                $"""
                /// <summary>
                /// Inserts <paramref name="entity"/> as a new row of the {_tableDoc} table.
                /// When its <see cref="{Id(key)}"/> is unset ({UnsetKeyDoc(key)}), the database generates the key and it is written into <see cref="{Id(key)}"/>;
                /// when it is set (any other value, negative included), the row keeps that key exactly.
                /// </summary>
                /// {DocText.ConnectionParam}
                /// <param name="entity">The entity to insert.</param>
                /// {DocText.NullArgument("entity")}
                /// {DuplicateKeyException}
                /// {DocText.DatabaseException}
                {KeyedInsertSqlDoc()}
                """,
                "public static",
                "Insert",
                null,
                EntityParameters,
                twin => KeyedBody(twin, key, "InsertWithKeySql", "BindInsertWithKey", returnsCount: false));
        }

        return new(
            $"""
            /// <summary>Inserts <paramref name="entity"/> as a new row of the {_tableDoc} table.</summary>
            /// {DocText.ConnectionParam}
            /// <param name="entity">The entity to insert.</param>
            /// {DocText.NullArgument("entity")}
            /// {DocText.DatabaseException}
            /// <remarks>
            {SqlDoc(d => d.Insert(_table))}
            /// </remarks>
            """,
            "public static",
            "Insert",
            null,
            EntityParameters,
            twin => AsyncTwins.Block($"""
                {ThrowIfNull}(entity);
                {Prepare("InsertSql")}
                BindInsert(statement, entity);
                {Run(twin, "ExecuteNonQuery", "connection, statement")};
                """));
    }

    private TwinMethod InsertMany()
    {
        MethodParameter[] parameters =
        {
            new(Connection, "connection"),
            new($"global::System.Collections.Generic.IEnumerable<{_type}>", "entities"),
        };
        if (AutoIncrementColumn is { } key)
        {
            return new(
                $"""
                /// <summary>
                /// Inserts each of <paramref name="entities"/> as a new row of the {_tableDoc} table, all or nothing.
                /// Each entity whose <see cref="{Id(key)}"/> is unset ({UnsetKeyDoc(key)}) gets the key the database generates written into <see cref="{Id(key)}"/>;
                /// each whose key is set (any other value, negative included) keeps that key exactly.
                /// </summary>
                /// {DocText.ConnectionParam}
                /// <param name="entities">The entities to insert.</param>
                /// <returns>The number of rows inserted.</returns>
                /// {DocText.NullArgument("entities")}
                /// {DuplicateKeyException}
                /// {DocText.DatabaseException}
                {KeyedInsertSqlDoc()}
                """,
                "public static",
                "InsertMany",
                "int",
                parameters,
                twin => AsyncTwins.Block($"""
                    {ThrowIfNull}(entities);
                    return {twin.Await($"""
                        {TableCommands}.ExecuteInsertMany{twin.Suffix}<{_type}>(
                            connection,
                            entities,
                            static entity => {KeyIsSet(key, "entity")},
                            {InsertManyTexts(key)}{(twin.IsAsync ? ",\n    cancellationToken" : string.Empty)})
                        """)};
                    """));
        }

        return new(
            $"""
            /// <summary>Inserts each of <paramref name="entities"/> as a new row of the {_tableDoc} table.</summary>
            /// {DocText.ConnectionParam}
            /// <param name="entities">The entities to insert.</param>
            /// <returns>The number of rows inserted.</returns>
            /// {DocText.NullArgument("entities")}
            /// {DocText.DatabaseException}
            /// <remarks>
            {SqlDoc(d => d.Insert(_table))}
            /// </remarks>
            """,
            "public static",
            "InsertMany",
            "int",
            parameters,
            twin => AsyncTwins.Block($"""
                {ThrowIfNull}(entities);
                {Prepare("InsertSql")}
                return {twin.Await($"{TableCommands}.ExecuteMany{twin.Suffix}<{_type}>(connection, statement, entities, BindInsert, null{twin.Token})")};
                """));
    }

    private TwinMethod Update() => EntityStatement(
        "Update",
        $"/// <summary>Writes every column of <paramref name=\"entity\"/> outside the primary key to the row of the {_tableDoc} table with the entity's primary key.</summary>",
        "The entity to write.",
        "The number of rows changed: 1, or 0 when no row has the entity's primary key.",
        "UpdateSql",
        d => d.Update(_table),
        "BindUpdate");

    private TwinMethod Delete() => EntityStatement(
        "Delete",
        $"/// <summary>Deletes the row of the {_tableDoc} table with the primary key of <paramref name=\"entity\"/>.</summary>",
        "The entity whose row to delete.",
        "The number of rows deleted: 1, or 0 when no row has the entity's primary key.",
        "DeleteSql",
        d => d.Delete(_table),
        "BindKey");

    private TwinMethod Upsert() => AutoIncrementColumn is { } key
        ? KeyedUpsert(key)
        : EntityStatement(
            "Upsert",
            $"""
            /// <summary>
            /// Inserts <paramref name="entity"/> into the {_tableDoc} table or, when a row with its primary key exists,
            /// updates that row's other columns: one atomic statement.
            /// </summary>
            """,
            "The entity to write; its primary key is written as given.",
            "The number of rows inserted or updated: 1.",
            "UpsertSql",
            d => d.Upsert(_table),
            "BindUpsert");

    /// <summary>
    /// Gets the template of <c>Update</c>, <c>Delete</c> and a plain <c>Upsert</c>: bind one entity to one statement and
    /// return the number of rows it changed.
    /// </summary>
    private TwinMethod EntityStatement(string name, string summary, string entityDoc, string returnsDoc, string sqlConstant, Func<ISqlDialect, string> sql, string bind) => new(
        $"""
        {summary}
        /// {DocText.ConnectionParam}
        /// <param name="entity">{entityDoc}</param>
        /// <returns>{returnsDoc}</returns>
        /// {DocText.NullArgument("entity")}
        /// {DocText.DatabaseException}
        /// <remarks>
        {SqlDoc(sql)}
        /// </remarks>
        """,
        "public static",
        name,
        "int",
        EntityParameters,
        twin => AsyncTwins.Block($"""
            {ThrowIfNull}(entity);
            {Prepare(sqlConstant)}
            {bind}(statement, entity);
            return {Run(twin, "ExecuteNonQuery", "connection, statement")};
            """));

    /// <summary>
    /// Gets the <c>Upsert</c> of an <c>[AutoIncrement]</c> table: an unset key (0) is a new row, inserted with a
    /// generated key that is written back; a set key is inserted or updated on that key.
    /// </summary>
    private TwinMethod KeyedUpsert(ColumnSpec key) => new(
        $"""
        /// <summary>
        /// Writes <paramref name="entity"/> to the {_tableDoc} table.
        /// When its <see cref="{Id(key)}"/> is unset ({UnsetKeyDoc(key)}), it is a new row: it is inserted, and the key the database generates is written into <see cref="{Id(key)}"/>.
        /// When it is set (any other value, negative included), the entity is inserted with that key or, when a row with that key exists,
        /// that row's other columns are updated: one atomic statement.
        /// </summary>
        /// {DocText.ConnectionParam}
        /// <param name="entity">The entity to write.</param>
        /// <returns>The number of rows inserted or updated: 1.</returns>
        /// {DocText.NullArgument("entity")}
        /// {DocText.DatabaseException}
        /// <remarks>
        {KeyedSqlDoc(d => d.Upsert(_table))}
        /// </remarks>
        """,
        "public static",
        "Upsert",
        "int",
        EntityParameters,
        twin => KeyedBody(twin, key, "UpsertSql", "BindUpsert", returnsCount: true));

    /// <summary>
    /// Gets the body of an <c>[AutoIncrement]</c> table's <c>Insert</c> or <c>Upsert</c>: a set key runs the given
    /// statement; an unset key runs <c>InsertSql</c> and writes the key the database generated into the entity.
    /// </summary>
    private string KeyedBody(Twin twin, ColumnSpec key, string setKeySql, string setKeyBind, bool returnsCount)
    {
        string @return = returnsCount ? "return " : string.Empty;
        return AsyncTwins.Block($$"""
            {{ThrowIfNull}}(entity);
            if ({{KeyIsSet(key, "entity")}})
            {
                {{Prepare(setKeySql)}}
                {{setKeyBind}}(statement, entity);
                {{@return}}{{ExplicitKeyRun(twin, key)}};
            }
            else
            {
                {{Prepare("InsertSql")}}
                BindInsert(statement, entity);
                entity.{{Id(key)}} = checked(({{key.TypeName}}){{Run(twin, KeyedInsert, "connection, statement")}});{{(returnsCount ? "\n    return 1;" : string.Empty)}}
            }
            """);
    }

    /// <summary>The condition under which an auto-increment key counts as set: anything but its default, 0 (or null).</summary>
    private static string KeyIsSet(ColumnSpec key, string entity) => key.IsNullable
        ? $"{entity}.{Id(key)}.GetValueOrDefault() != 0"
        : $"{entity}.{Id(key)} != 0";

    private static string UnsetKeyDoc(ColumnSpec key) => key.IsNullable ? "0 or <see langword=\"null\"/>" : "0";

    /// <summary>The remarks of an auto-increment table's insert: its SQL for both kinds of key, as XML doc lines.</summary>
    private string KeyedInsertSqlDoc() => "/// <remarks>\n" + KeyedSqlDoc(d => d.InsertWithKey(_table)) + "\n/// </remarks>";

    /// <summary>
    /// Gets the doc lines that show an auto-increment table's SQL for an unset key (<c>InsertSql</c>) and for a set key
    /// (<paramref name="setKey"/>), and with PostgreSQL's texts the <c>setval</c> that follows a set key there.
    /// </summary>
    private string KeyedSqlDoc(Func<ISqlDialect, string> setKey)
    {
        string doc = "/// <para>With an unset key:</para>\n" + SqlDoc(d => d.Insert(_table))
            + "\n/// <para>With a set key:</para>\n" + SqlDoc(setKey);
        return _postgres?.AfterExplicitKey(_table) is { } afterExplicitKey
            ? doc + $"\n/// <para>Then, on {_postgres.Name}, so that a generated key cannot collide with it later:</para>\n" + Literals.XmlCode(afterExplicitKey)
            : doc;
    }

    /// <summary>
    /// Gets the runtime call that runs a statement writing an explicit key (<c>InsertWithKeySql</c>, <c>UpsertSql</c>):
    /// with PostgreSQL's texts, the one that then advances the identity's sequence past the key.
    /// </summary>
    private string ExplicitKeyRun(Twin twin, ColumnSpec key) => _postgres is not null
        ? Run(twin, "ExecuteWithExplicitKey", $"connection, statement, {AfterExplicitKeySql}, {KeyValue(key, "entity")}")
        : Run(twin, "ExecuteNonQuery", "connection, statement");

    /// <summary>
    /// The arguments of <c>ExecuteInsertMany</c> after <c>hasKey</c>, one a line (indented as the call's): the statements,
    /// binds and key writer, with PostgreSQL's texts and the explicit key's follow-up when the file carries them.
    /// </summary>
    private string InsertManyTexts(ColumnSpec key)
    {
        string[] arguments = _postgres is null
            ? new[] { "InsertSql", "BindInsert", "AssignGeneratedKey", "InsertWithKeySql", "BindInsertWithKey" }
            : new[]
            {
                "InsertSql", "InsertSql" + PostgresSuffix, "BindInsert", "AssignGeneratedKey", "InsertWithKeySql", "BindInsertWithKey",
                AfterExplicitKeySql, "static entity => " + KeyValue(key, "entity"),
            };
        return string.Join(",\n    ", arguments);
    }

    /// <summary>The set auto-increment key of <paramref name="entity"/> as a <c>long</c>.</summary>
    private static string KeyValue(ColumnSpec key, string entity)
    {
        string value = key.IsNullable ? $"{entity}.{Id(key)}.GetValueOrDefault()" : $"{entity}.{Id(key)}";
        return key.Kind == ColumnKind.UInt64 ? $"checked((long){value})" : value;
    }
}
