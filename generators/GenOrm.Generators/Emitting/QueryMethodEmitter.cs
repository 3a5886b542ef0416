using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes one <c>[Query]</c> method's file: the body of the partial method the user declared, and a private nested
/// class with its SQL and parameter names. The plan decides everything; this class only writes it.
/// </summary>
internal static class QueryMethodEmitter
{
    private const string TableCommands = "global::GenOrm.Internal.TableCommands";
    private const string QueryCommands = "global::GenOrm.Internal.QueryCommands";
    private const string DbValue = "global::GenOrm.Internal.DbValue";

    /// <summary>Adds the method's file to the compilation.</summary>
    public static void Emit(SourceProductionContext context, QueryPlan plan, bool targetsPostgres)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        context.AddSource(plan.Spec.HintName, Write(targetsPostgres ? plan : plan with { PostgresSql = null }).ToSourceText());
    }

    /// <summary>Writes the method's file; with <see cref="QueryPlan.PostgresSql"/>, the holder carries PostgreSQL's text too.</summary>
    public static SourceWriter Write(QueryPlan plan)
    {
        QueryMethodSpec spec = plan.Spec;
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedHeader.FileHeader);
        writer.WriteLine();
        if (spec.Namespace.Length > 0)
        {
            writer.OpenBlock("namespace " + spec.Namespace);
        }

        foreach (ContainingTypeSpec containing in spec.ContainingTypes)
        {
            writer.OpenBlock($"partial {containing.Keyword} {containing.Name}");
        }

        string holder = spec.HolderName;
        WriteMethod(writer, plan, holder);
        writer.WriteLine();
        WriteHolder(writer, plan, holder);

        foreach (ContainingTypeSpec unused in spec.ContainingTypes)
        {
            writer.CloseBlock();
        }

        if (spec.Namespace.Length > 0)
        {
            writer.CloseBlock();
        }

        return writer;
    }

    private static void WriteMethod(SourceWriter writer, QueryPlan plan, string holder)
    {
        QueryMethodSpec spec = plan.Spec;
        writer.WriteLine($"""
            /// <summary>Runs the SQL of <c>[Query]</c> method <c>{Literals.Xml(spec.DisplayName)}</c>{Describe(plan)}.</summary>
            /// <remarks>
            {Literals.XmlCode(spec.Sql)}
            /// </remarks>
            {GeneratedHeader.GeneratedCodeAttribute}
            """);
        bool awaits = spec.IsTask && plan.Problems.IsEmpty && plan.Shape is not (QueryReturnShape.Enumerable or QueryReturnShape.AsyncEnumerable);
        writer.OpenBlock($"{(awaits ? AsyncModifiers(spec.Modifiers) : spec.Modifiers)} {spec.ReturnTypeName} {spec.MethodName}({string.Join(", ", spec.Signature)})");
        if (!plan.Problems.IsEmpty)
        {
            writer.WriteLine("throw new global::System.NotSupportedException(\"GenOrm reported errors for this [Query] method at compile time; fix them and build again.\");");
            writer.CloseBlock();
            return;
        }

        string connection = spec.ConnectionParameter;
        string token = spec.CancellationParameter ?? "default";
        bool isAsync = spec.IsTask;
        string async = isAsync ? "Async" : string.Empty;
        string tokenArgument = isAsync ? ", " + token : string.Empty;
        if (MapsByName(plan))
        {
            writer.WriteLine("int[]? ordinals = null;");
        }

        if (plan.Shape is QueryReturnShape.Enumerable or QueryReturnShape.AsyncEnumerable)
        {
            string bind = plan.Binds.IsEmpty ? "static _ => { }" : "statement =>\n{\n" + string.Join("\n", Binds(plan).Select(b => "    " + b)) + "\n}";
            writer.WriteLine($"return {QueryCommands}.Stream{(plan.IsCheckedSelect ? "Read" : string.Empty)}{(plan.Shape == QueryReturnShape.AsyncEnumerable ? "Async" : string.Empty)}<{RowTypeArgument(plan)}>(");
            writer.Indentation++;
            writer.WriteLine($"{connection},");
            writer.WriteLine(plan.PostgresSql is null ? $"{holder}.Sql," : $"{TableCommands}.TextFor({connection}, {holder}.Sql, {holder}.SqlPostgres),");
            writer.WriteLine(bind + ",");
            writer.WriteLine(Reader(plan) + (plan.Shape == QueryReturnShape.AsyncEnumerable ? $",\n{token});" : ");"));
            writer.Indentation--;
            writer.CloseBlock();
            return;
        }

        string prepare = plan.IsCheckedSelect ? "PrepareRead" : "Prepare";
        writer.WriteLine(plan.PostgresSql is null
            ? $"using var statement = {TableCommands}.{prepare}({connection}, {holder}.Sql);"
            : $"using var statement = {TableCommands}.{prepare}({connection}, {holder}.Sql, {holder}.SqlPostgres);");
        foreach (string bind in Binds(plan))
        {
            writer.WriteLine(bind);
        }

        if (plan.Shape == QueryReturnShape.RowsAffected)
        {
            // int and Task return the count; void discards it.
            string call = Await($"{QueryCommands}.Execute{async}({connection}, statement{tokenArgument})", isAsync);
            writer.WriteLine(spec.Row is not null ? $"return {call};" : $"{call};");

            writer.CloseBlock();
            return;
        }

        string method = plan.Shape switch
        {
            QueryReturnShape.List => "ReadList",
            QueryReturnShape.One => "ReadOne",
            _ => "ReadOneOrDefault",
        };
        writer.WriteLine($"return {Await($"{QueryCommands}.{method}{async}<{RowTypeArgument(plan)}>({connection}, statement, {Reader(plan)}{tokenArgument})", isAsync)};");
        writer.CloseBlock();
    }

    /// <summary>
    /// Gets the modifiers of a <c>Task</c> method's implementation: the declaration's, with <c>async</c> before
    /// <c>partial</c>. The implementation awaits its runtime call, so that the statement it lent is given back when
    /// the call has completed.
    /// </summary>
    private static string AsyncModifiers(string modifiers) =>
        string.Join(" ", modifiers.Split(' ').SelectMany(m => m == "partial" ? new[] { "async", m } : new[] { m }));

    /// <summary>Gets <paramref name="call"/> awaited (<c>ConfigureAwait(false)</c>) when <paramref name="isAsync"/>.</summary>
    private static string Await(string call, bool isAsync) => isAsync ? $"await {call}.ConfigureAwait(false)" : call;

    private static void WriteHolder(SourceWriter writer, QueryPlan plan, string holder)
    {
        writer.WriteLine($"/// <summary>The SQL of <c>[Query]</c> method <c>{Literals.Xml(plan.Spec.DisplayName)}</c>.</summary>");
        writer.WriteLine(GeneratedHeader.GeneratedCodeAttribute);
        writer.OpenBlock($"private static class {holder}");
        writer.WriteLine($"/// <summary>The SQL text.</summary>");
        writer.WriteLine($"public const string Sql = {Literals.String(plan.Spec.Sql)};");
        if (plan.PostgresSql is { } postgresSql)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The SQL text on PostgreSQL: the declared table and column names quoted with their declared case.</summary>");
            writer.WriteLine($"public const string SqlPostgres = {Literals.String(postgresSql)};");
        }
        if (MapsByName(plan) && plan.Spec.Row is { } row)
        {
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The result columns the row's members read, found by name when the statement runs.</summary>");
            writer.WriteLine($"public static readonly string[] Columns = new[] {{ {string.Join(", ", plan.Reads.Select(r => Literals.String(row.Members[r.Member].Name)))} }};");
        }

        writer.CloseBlock();
    }

    private static string Describe(QueryPlan plan) => plan.Shape switch
    {
        QueryReturnShape.List => " and returns every row",
        QueryReturnShape.One => " and returns its one row; it throws <see cref=\"global::GenOrm.NoResultFoundException\"/> for none and <see cref=\"global::GenOrm.MultipleResultsFoundException\"/> for more",
        QueryReturnShape.OneOrDefault => " and returns its row, or <see langword=\"null\"/> for none; it throws <see cref=\"global::GenOrm.MultipleResultsFoundException\"/> for more than one",
        QueryReturnShape.Enumerable or QueryReturnShape.AsyncEnumerable => " and streams its rows: the statement runs when enumeration starts and is given back when the enumerator is disposed",
        _ => plan.Spec.Row is null ? string.Empty : " and returns the number of rows it changed",
    };

    /// <summary>Gets the type argument of the runtime call: the row type, or its <c>Nullable&lt;T&gt;</c> for a nullable struct row.</summary>
    private static string RowTypeArgument(QueryPlan plan)
    {
        QueryRowSpec row = plan.Spec.Row!;
        if (row.Kind == QueryRowKind.Scalar)
        {
            return row.Members[0].Value.TypeName;
        }

        return plan.Shape == QueryReturnShape.OneOrDefault && row.IsValueType ? row.TypeName + "?" : row.TypeName;
    }

    private static IEnumerable<string> Binds(QueryPlan plan)
    {
        for (int i = 0; i < plan.Binds.Count; i++)
        {
            yield return Bind(plan.Binds[i], i);
        }
    }

    private static string Bind(QueryBind bind, int index) => ColumnExpressions.Bind(
        bind.Value.Kind,
        bind.Value.EnumType?.UnderlyingKind,
        bind.Value.IsNullable,
        bind.DecimalScale,
        $"{Literals.String(bind.Table)}, {Literals.String(bind.Column)}",
        index,
        bind.Identifier);

    /// <summary>Gets the lambda that reads one row from the statement it is given.</summary>
    private static string Reader(QueryPlan plan)
    {
        QueryRowSpec row = plan.Spec.Row!;
        if (plan.ReadsTableRow)
        {
            return $"static {ColumnExpressions.StatementName} => {QueryCommands}.ReadTableRow<{row.TypeName}>({ColumnExpressions.StatementName})";
        }

        var values = new string[row.Members.Count];
        foreach (QueryRead read in plan.Reads)
        {
            QueryMemberSpec member = row.Members[read.Member];
            string ordinal = MapsByName(plan) ? $"ordinals[{read.Ordinal.ToString(CultureInfo.InvariantCulture)}]" : read.Ordinal.ToString(CultureInfo.InvariantCulture);
            values[read.Member] = ReadValue(member.Value, ordinal, read.DecimalScale);
        }

        string body;
        if (row.Kind == QueryRowKind.Scalar)
        {
            body = values[0];
        }
        else if (row.Kind == QueryRowKind.Tuple)
        {
            body = "(" + string.Join(", ", values) + ")";
        }
        else
        {
            var arguments = new List<string>();
            var initializers = new List<string>();
            for (int i = 0; i < row.Members.Count; i++)
            {
                if (values[i] is null)
                {
                    continue;
                }

                if (row.Members[i].IsConstructorParameter)
                {
                    arguments.Add($"{row.Members[i].Identifier}: {values[i]}");
                }
                else
                {
                    initializers.Add($"{row.Members[i].Identifier} = {values[i]}");
                }
            }

            body = $"new {row.TypeName}({string.Join(", ", arguments)})" + (initializers.Count == 0 ? string.Empty : " { " + string.Join(", ", initializers) + " }");
        }

        if (plan.Shape == QueryReturnShape.OneOrDefault && row.IsValueType && row.Kind != QueryRowKind.Scalar)
        {
            body = $"({row.TypeName}?){body}";
        }

        if (MapsByName(plan))
        {
            return $"{ColumnExpressions.StatementName} =>\n{{\n    ordinals ??= {QueryCommands}.MapColumns({ColumnExpressions.StatementName}, {plan.Spec.HolderName}.Columns, {Literals.String(plan.Spec.DisplayName)});\n    return {body};\n}}";
        }

        return $"static {ColumnExpressions.StatementName} => " + body;
    }

    /// <summary>Gets whether the row's columns are found by name when the statement runs (<c>Verify = false</c> on a class row).</summary>
    private static bool MapsByName(QueryPlan plan) =>
        plan.ByName && plan.Shape != QueryReturnShape.RowsAffected && plan.Spec.Row is { Kind: QueryRowKind.Object };

    private static string ReadValue(QueryValueType value, string ordinal, int? scale)
    {
        var column = new ColumnSpec(string.Empty, string.Empty, string.Empty, value.TypeName, value.Kind ?? ColumnKind.String, value.EnumType, value.IsNullable, false, false, false, null)
        {
            DecimalScale = value.Kind == ColumnKind.Decimal ? scale : null,
        };
        return ColumnExpressions.Read(column, ordinal);
    }
}
