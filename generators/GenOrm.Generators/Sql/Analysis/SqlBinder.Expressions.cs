using System;
using System.Collections.Generic;
using System.Globalization;

namespace GenOrm.Generators.Sql.Analysis;

internal sealed partial class SqlBinder
{
    private Info BindScalar(SqlExpr expr, ExprContext context)
    {
        Info info = Bind(expr, context);
        CheckScalarWidth(expr, info);
        return info;
    }

    private void CheckScalarWidth(SqlExpr expr, Info info)
    {
        if (info.Width == 1)
        {
            return;
        }

        if (Unwrap(expr) is SubqueryExpr)
        {
            Report(SqlProblemKind.InvalidUse, expr, "sub-select returns " + info.Width.ToString(CultureInfo.InvariantCulture) + " columns - expected 1");
        }
        else
        {
            Report(SqlProblemKind.InvalidUse, expr, "row value misused");
        }
    }

    private Info Bind(SqlExpr expr, ExprContext context)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        context.Scope.ClauseAllowsAggregates = context.AggregatesAllowed && !context.InAggregate;
        switch (expr)
        {
            case ParenExpr paren:
                return Bind(paren.Inner, context);
            case LiteralExpr literal:
                return Info.Of(literal.Type, literal.Type == SqlValueType.Null);
            case ParameterExpr parameter:
                NoteParameter(parameter);
                return Info.Of(SqlValueType.Any, true);
            case ColumnExpr column:
                return BindColumn(column, context);
            case UnaryExpr unary:
                return BindUnary(unary, context);
            case BinaryExpr binary:
                return BindBinary(binary, context);
            case LikeExpr like:
            {
                if (like.Op == "MATCH")
                {
                    Report(SqlProblemKind.Unsupported, like.Start, like.End - like.Start, "MATCH (full-text search) is not understood by the checker");
                }
                else if (like.Op == "REGEXP")
                {
                    string function = like.Op.ToLowerInvariant();
                    Report(SqlProblemKind.UnknownFunction, like.Start, like.End - like.Start, "no function named '" + function + "': SQLite has no " + like.Op
                        + " operator unless the application defines " + function + "()");
                }

                NotePostgresLike(like);
                Info left = BindScalar(like.Left, context);
                Info pattern = BindScalar(like.Pattern, context);
                Expect(like.Pattern, left.Meets, SqlValueType.Text);
                bool nullable = left.MayBeNull || pattern.MayBeNull;
                if (like.Escape is not null)
                {
                    nullable |= BindScalar(like.Escape, context).MayBeNull;
                    Expect(like.Escape, null, SqlValueType.Text);
                }

                return Combine(SqlValueType.Integer, nullable, left, pattern);
            }

            case BetweenExpr between:
            {
                Info operand = BindScalar(between.Operand, context);
                Info low = BindScalar(between.Low, context);
                Info high = BindScalar(between.High, context);
                Meet(between.Low, operand.Meets);
                Meet(between.High, operand.Meets);
                Meet(between.Operand, low.Meets ?? high.Meets);
                Info result = Combine(SqlValueType.Integer, operand.MayBeNull || low.MayBeNull || high.MayBeNull, operand, low);
                result.Bare |= high.Bare;
                return result;
            }

            case InExpr @in:
                return BindIn(@in, context);
            case ExistsExpr exists:
                BindSelect(exists.Select, context.Scope, context.Scope.Ctes, null);
                return Info.Of(SqlValueType.Integer, false);
            case SubqueryExpr subquery:
            {
                SelectResult result = BindSelect(subquery.Select, context.Scope, context.Scope.Ctes, null);
                if (result.Columns.Count == 0)
                {
                    return Info.Of(SqlValueType.Any, true);
                }

                Info first = result.Columns[0].Info;
                Info info = Info.Of(first.Type, true);
                info.Width = result.Columns.Count;

                // SQLite declares a scalar subquery's type from its column: the origin passes through, NULL or not.
                info.Origin = result.Columns.Count == 1 ? first.Origin : null;
                info.Meets = info.Origin;
                return info;
            }

            case CaseExpr @case:
                return BindCase(@case, context);
            case CastExpr cast:
            {
                Info operand = BindScalar(cast.Operand, context);
                Info info = Info.Of(AffinityOf(cast.TypeName), operand.MayBeNull);
                info.Bare = operand.Bare;
                return info;
            }

            case CollateExpr collate:
            {
                Info operand = Bind(collate.Operand, context);
                operand.Origin = null;
                operand.ColumnUnderCollate = operand.Column ?? operand.ColumnUnderCollate;
                operand.Column = null;
                return operand;
            }

            case NullTestExpr test:
            {
                Info operand = BindScalar(test.Operand, context);
                Info info = Info.Of(SqlValueType.Integer, false);
                info.Bare = operand.Bare;
                return info;
            }

            case VectorExpr vector:
            {
                Info info = Info.Of(SqlValueType.Any, false);
                foreach (SqlExpr item in vector.Items)
                {
                    Info part = BindScalar(item, context);
                    info.MayBeNull |= part.MayBeNull;
                    info.Bare |= part.Bare;
                }

                info.Width = vector.Items.Count;
                return info;
            }

            case FunctionExpr function:
                return BindFunction(function, context);
            default:
                Report(SqlProblemKind.Unsupported, expr, "this expression is not understood by the checker");
                return Info.Of(SqlValueType.Any, true);
        }
    }

    private static Info Combine(SqlValueType type, bool nullable, Info a, Info b)
    {
        Info info = Info.Of(type, nullable);
        info.Bare = a.Bare || b.Bare;
        return info;
    }

    private Info BindUnary(UnaryExpr unary, ExprContext context)
    {
        Info operand = BindScalar(unary.Operand, context);
        SqlValueType type = unary.Op switch
        {
            "NOT" or "~" => SqlValueType.Integer,
            _ => operand.Type is SqlValueType.Integer or SqlValueType.Real or SqlValueType.Null ? operand.Type : SqlValueType.Numeric,
        };
        if (unary.Op == "+")
        {
            // Unary plus changes nothing but the name: the value (and its type) pass through.
            type = operand.Type;
        }

        Info info = Info.Of(type, operand.MayBeNull);
        info.Bare = operand.Bare;
        return info;
    }

    private Info BindBinary(BinaryExpr binary, ExprContext context)
    {
        bool comparison = binary.Op is "=" or "==" or "!=" or "<>" or "<" or "<=" or ">" or ">=" or "IS" or "IS NOT";
        Info left = comparison ? Bind(binary.Left, context) : BindScalar(binary.Left, context);
        Info right = comparison ? Bind(binary.Right, context) : BindScalar(binary.Right, context);
        if (comparison)
        {
            NotePostgresIs(binary);
            NotePostgresComparison(binary, left, right);
            if (left.Width != right.Width)
            {
                Report(SqlProblemKind.InvalidUse, binary, "row value misused");
            }
            else if (left.Width == 1)
            {
                Meet(binary.Left, right.Meets);
                Meet(binary.Right, left.Meets);
            }
            else
            {
                MeetVectors(binary.Left, binary.Right, context);
            }

            bool nullable = binary.Op is "IS" or "IS NOT" ? false : left.MayBeNull || right.MayBeNull;
            return Combine(SqlValueType.Integer, nullable, left, right);
        }

        switch (binary.Op)
        {
            case "AND":
            case "OR":
            case "&":
            case "|":
            case "<<":
            case ">>":
                return Combine(SqlValueType.Integer, left.MayBeNull || right.MayBeNull, left, right);
            case "||":
                return Combine(SqlValueType.Text, left.MayBeNull || right.MayBeNull, left, right);
            case "->":
                return Combine(SqlValueType.Text, true, left, right);
            case "->>":
                return Combine(SqlValueType.Any, true, left, right);
            case "/":
            case "%":
            {
                // Division by zero gives NULL in SQLite: only a non-zero literal divisor keeps the value non-null.
                bool nullable = left.MayBeNull || right.MayBeNull || !IsNonZeroLiteral(binary.Right);
                SqlValueType type = binary.Op == "%" ? (Both(left, right, SqlValueType.Integer) ? SqlValueType.Integer : SqlValueType.Real) : Arithmetic(left, right);
                return Combine(type, nullable, left, right);
            }

            default:
                return Combine(Arithmetic(left, right), left.MayBeNull || right.MayBeNull, left, right);
        }
    }

    private static bool Both(Info a, Info b, SqlValueType type) => a.Type == type && b.Type == type;

    private static SqlValueType Arithmetic(Info a, Info b)
    {
        if (a.Type == SqlValueType.Null || b.Type == SqlValueType.Null)
        {
            return SqlValueType.Null;
        }

        if (Both(a, b, SqlValueType.Integer))
        {
            return SqlValueType.Integer;
        }

        if ((a.Type is SqlValueType.Integer or SqlValueType.Real) && (b.Type is SqlValueType.Integer or SqlValueType.Real))
        {
            return SqlValueType.Real;
        }

        return SqlValueType.Numeric;
    }

    private bool IsNonZeroLiteral(SqlExpr expr)
    {
        if (Unwrap(expr) is not LiteralExpr { Type: SqlValueType.Integer or SqlValueType.Real } literal)
        {
            return false;
        }

        for (int i = literal.Start; i < literal.End; i++)
        {
            char c = _sql[i];
            if (c is 'e' or 'E' or 'x' or 'X')
            {
                return i == literal.Start + 1 && _sql[literal.Start] == '0' && c is 'x' or 'X'
                    ? HasNonZeroDigit(i + 1, literal.End)
                    : HasNonZeroDigit(literal.Start, i);
            }
        }

        return HasNonZeroDigit(literal.Start, literal.End);
    }

    private bool HasNonZeroDigit(int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            char c = _sql[i];
            if (c is >= '1' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F')
            {
                return true;
            }
        }

        return false;
    }

    private void MeetVectors(SqlExpr left, SqlExpr right, ExprContext context)
    {
        if (Unwrap(left) is VectorExpr a && Unwrap(right) is VectorExpr b && a.Items.Count == b.Items.Count)
        {
            for (int i = 0; i < a.Items.Count; i++)
            {
                Meet(a.Items[i], MeetsOf(b.Items[i], context));
                Meet(b.Items[i], MeetsOf(a.Items[i], context));
            }
        }
    }

    /// <summary>The model column a bare column reference names, without reporting anything.</summary>
    private SqlColumnOrigin? MeetsOf(SqlExpr expr, ExprContext context)
    {
        if (SkipCollate(expr) is ColumnExpr column)
        {
            int saved = _problems.Count;
            Column? found = Resolve(column, context, quiet: true);
            _problems.RemoveRange(saved, _problems.Count - saved);
            return found?.Info.Meets;
        }

        return null;
    }

    private Info BindIn(InExpr @in, ExprContext context)
    {
        Info operand = Bind(@in.Operand, context);
        bool nullable = operand.MayBeNull;
        if (@in.Items is { } items)
        {
            foreach (SqlExpr item in items)
            {
                Info info = Bind(item, context);
                if (info.Width != operand.Width)
                {
                    Report(SqlProblemKind.InvalidUse, item, "row value misused");
                }

                nullable |= info.MayBeNull;
                Meet(item, operand.Meets);
            }

            if (items.Count == 1)
            {
                Meet(@in.Operand, MeetsOf(items[0], context));
            }
        }
        else if (@in.Subquery is { } subquery)
        {
            SelectResult result = BindSelect(subquery, context.Scope, context.Scope.Ctes, null);
            if (result.Columns.Count != operand.Width && result.Columns.Count > 0)
            {
                Report(SqlProblemKind.InvalidUse, @in, operand.Width == 1
                    ? "sub-select returns " + result.Columns.Count.ToString(CultureInfo.InvariantCulture) + " columns - expected 1"
                    : "row value misused");
            }

            foreach (ResultColumn column in result.Columns)
            {
                nullable |= column.Info.MayBeNull;
            }

            if (result.Columns.Count == 1)
            {
                Meet(@in.Operand, result.Columns[0].Info.Meets);
            }
        }
        else if (@in.Table is { } table)
        {
            Source source = BindTableSource(table, context.Scope);
            int count = 0;
            foreach (Column column in source.Columns)
            {
                if (!column.Hidden)
                {
                    count++;
                    nullable |= column.Info.MayBeNull;
                }
            }

            if (!source.Poisoned && count != operand.Width)
            {
                Report(SqlProblemKind.InvalidUse, @in, "sub-select returns " + count.ToString(CultureInfo.InvariantCulture) + " columns - expected 1");
            }
        }

        Info result2 = Info.Of(SqlValueType.Integer, nullable);
        result2.Bare = operand.Bare;
        return result2;
    }

    private Info BindCase(CaseExpr @case, ExprContext context)
    {
        Info operand = default;
        bool bare = false;
        if (@case.Operand is not null)
        {
            operand = BindScalar(@case.Operand, context);
            bare = operand.Bare;
        }

        SqlValueType? type = null;
        bool nullable = @case.Else is null;
        for (int i = 0; i < @case.Whens.Count; i++)
        {
            Info when = BindScalar(@case.Whens[i], context);
            bare |= when.Bare;
            if (@case.Operand is not null)
            {
                Meet(@case.Whens[i], operand.Meets);
                Meet(@case.Operand, when.Meets);
            }

            Info then = BindScalar(@case.Thens[i], context);
            bare |= then.Bare;
            nullable |= then.MayBeNull;
            type = Merge(type, then.Type);
        }

        if (@case.Else is not null)
        {
            Info otherwise = BindScalar(@case.Else, context);
            bare |= otherwise.Bare;
            nullable |= otherwise.MayBeNull;
            type = Merge(type, otherwise.Type);
        }

        Info info = Info.Of(type ?? SqlValueType.Any, nullable);
        info.Bare = bare;
        return info;
    }

    private static SqlValueType Merge(SqlValueType? current, SqlValueType next)
    {
        if (current is null || current == SqlValueType.Null)
        {
            return next;
        }

        if (next == SqlValueType.Null || next == current)
        {
            return current.Value;
        }

        return SqlValueType.Any;
    }

    /// <summary>SQLite's affinity of a declared type name (the five rules of "Determination Of Column Affinity").</summary>
    public static SqlValueType AffinityOf(string typeName)
    {
        string upper = typeName.ToUpperInvariant();
        if (upper.Length == 0)
        {
            // CAST(x AS) with no type name leaves the value as it is.
            return SqlValueType.Any;
        }

        if (upper.Contains("INT"))
        {
            return SqlValueType.Integer;
        }

        if (upper.Contains("CHAR") || upper.Contains("CLOB") || upper.Contains("TEXT"))
        {
            return SqlValueType.Text;
        }

        if (upper.Contains("BLOB") || upper.Length == 0)
        {
            return SqlValueType.Blob;
        }

        if (upper.Contains("REAL") || upper.Contains("FLOA") || upper.Contains("DOUB"))
        {
            return SqlValueType.Real;
        }

        return SqlValueType.Numeric;
    }

    // ---------------- Columns ----------------

    private Info BindColumn(ColumnExpr reference, ExprContext context)
    {
        Column? column = Resolve(reference, context, quiet: false, out Source? source, out ResultColumn? alias);
        if (alias is not null)
        {
            if (alias.ContainsAggregate && !context.AggregatesAllowed)
            {
                Report(SqlProblemKind.InvalidUse, reference.Column, "misuse of aliased aggregate " + alias.Name);
            }

            Info aliased = alias.Info;
            aliased.Column = null;
            aliased.ColumnUnderCollate = null;
            aliased.Origin = null;
            return aliased;
        }

        if (column is null)
        {
            if (reference.Table is null && !reference.Column.Quoted && (NamesEqual(reference.Column.Text, "true") || NamesEqual(reference.Column.Text, "false")))
            {
                return Info.Of(SqlValueType.Integer, false);
            }

            return Info.Of(SqlValueType.Any, true);
        }

        Info info = column.Info;
        info.MayBeNull |= source!.Nullable;
        info.Column = column;
        info.Bare = true;
        info.Width = 1;
        return info;
    }

    private Column? Resolve(ColumnExpr reference, ExprContext context, bool quiet) =>
        Resolve(reference, context, quiet, out _, out _);

    private Column? Resolve(ColumnExpr reference, ExprContext context, bool quiet, out Source? source, out ResultColumn? alias)
    {
        source = null;
        alias = null;
        string name = reference.Column.Text;
        if (reference.Table is { } qualifier)
        {
            if (reference.Schema is { } schema && !NamesEqual(schema.Text, "main"))
            {
                if (!quiet)
                {
                    Report(SqlProblemKind.UnknownTable, schema, "unknown database '" + schema.Text + "': the checker knows only 'main'");
                }

                return null;
            }

            for (Scope? scope = context.Scope; scope is not null; scope = scope.Parent)
            {
                Source? match = null;
                int count = 0;
                foreach (Source candidate in scope.Sources)
                {
                    if (candidate.Qualifier is not null && NamesEqual(candidate.Qualifier, qualifier.Text))
                    {
                        match ??= candidate;
                        count++;
                    }
                }

                if (match is null)
                {
                    continue;
                }

                if (match.Poisoned)
                {
                    return null;
                }

                Column? column = match.Find(name);
                if (column is null)
                {
                    if (!quiet)
                    {
                        var names = new List<string>();
                        foreach (Column c in match.Columns)
                        {
                            names.Add(c.Name);
                        }

                        Report(SqlProblemKind.UnknownColumn, reference.Column, "no column named '" + name + "' in '" + qualifier.Text + "'" + DidYouMean(Suggest(name, names)));
                    }

                    return null;
                }

                if (count > 1)
                {
                    if (!quiet)
                    {
                        Report(SqlProblemKind.AmbiguousColumn, reference.Column, "column '" + qualifier.Text + "." + name + "' is ambiguous: '" + qualifier.Text + "' names two tables in this query; give them different aliases");
                    }

                    return null;
                }

                source = match;
                _referencedScopes?.Add(scope);
                return column;
            }

            if (!quiet && !AnyPoisoned(context.Scope))
            {
                Report(SqlProblemKind.UnknownTable, qualifier, "no table or alias named '" + qualifier.Text + "' in this query" + DidYouMean(Suggest(qualifier.Text, Qualifiers(context.Scope))));
            }

            return null;
        }

        bool aliasesVisible = context.AliasesVisible;
        for (Scope? scope = context.Scope; scope is not null; scope = scope.Parent)
        {
            Column? found = null;
            Source? foundSource = null;
            Source? second = null;
            bool poisoned = false;
            foreach (Source candidate in scope.Sources)
            {
                poisoned |= candidate.Poisoned;
                if (candidate.QualifiedOnly || (candidate.Merged is not null && candidate.Merged.Contains(name)))
                {
                    continue;
                }

                Column? column = candidate.Find(name);
                if (column is null)
                {
                    continue;
                }

                if (found is not null && found.Hidden && !column.Hidden)
                {
                    found = column;
                    foundSource = candidate;
                    continue;
                }

                if (found is not null && !found.Hidden && column.Hidden)
                {
                    continue;
                }

                if (found is null)
                {
                    found = column;
                    foundSource = candidate;
                }
                else
                {
                    second = candidate;
                }
            }

            if (found is not null && second is not null)
            {
                if (!quiet)
                {
                    Report(SqlProblemKind.AmbiguousColumn, reference.Column, "column '" + name + "' is ambiguous: it is in '"
                        + (foundSource!.Qualifier ?? "(subquery)") + "' and '" + (second.Qualifier ?? "(subquery)") + "'; qualify it with the table or alias");
                }

                return null;
            }

            if (found is not null)
            {
                source = foundSource;
                _referencedScopes?.Add(scope);
                return found;
            }

            if (aliasesVisible && FindAlias(scope.Aliases, name) is { } match)
            {
                alias = match;
                return null;
            }

            if (poisoned)
            {
                return null;
            }

            // Outer scopes are searched for correlated references; their aliases are not visible from here.
            aliasesVisible = false;
        }

        if (!quiet && !(NamesEqual(name, "true") || NamesEqual(name, "false")) || (!quiet && reference.Column.Quoted))
        {
            var names = new List<string>();
            for (Scope? scope = context.Scope; scope is not null; scope = scope.Parent)
            {
                foreach (Source candidate in scope.Sources)
                {
                    foreach (Column c in candidate.Columns)
                    {
                        if (!c.Hidden)
                        {
                            names.Add(c.Name);
                        }
                    }
                }
            }

            Report(SqlProblemKind.UnknownColumn, reference.Column, "no column named '" + name + "' in the tables of this query" + DidYouMean(Suggest(name, names)));
        }

        return null;
    }

    private static bool AnyPoisoned(Scope? scope)
    {
        for (; scope is not null; scope = scope.Parent)
        {
            foreach (Source source in scope.Sources)
            {
                if (source.Poisoned)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // ---------------- Parameters ----------------

    private ParameterState FindParameter(string text)
    {
        foreach (ParameterState state in _parameters)
        {
            if (string.Equals(state.Text, text, StringComparison.Ordinal))
            {
                return state;
            }
        }

        var created = new ParameterState(text);
        _parameters.Add(created);
        return created;
    }

    private void NoteParameter(ParameterExpr parameter)
    {
        if (parameter.Text[0] == '?')
        {
            Report(SqlProblemKind.Unsupported, parameter, "numbered or anonymous parameters ('" + parameter.Text + "') are not supported in [Query]: name it, as in :id, @id or $id");
            return;
        }

        FindParameter(parameter.Text).Occurrences.Add(new SqlSpan(parameter.Start, parameter.End - parameter.Start));
    }

    /// <summary>Records that the parameter <paramref name="expr"/> (if it is one) meets a model column.</summary>
    private void Meet(SqlExpr expr, SqlColumnOrigin? origin)
    {
        if (origin is null || SkipCollate(expr) is not ParameterExpr parameter || parameter.Text[0] == '?')
        {
            return;
        }

        ParameterState state = FindParameter(parameter.Text);
        state.Meets ??= origin;
    }

    private void Expect(SqlExpr expr, SqlColumnOrigin? meets, SqlValueType expected)
    {
        if (SkipCollate(expr) is not ParameterExpr parameter || parameter.Text[0] == '?')
        {
            return;
        }

        ParameterState state = FindParameter(parameter.Text);
        state.Meets ??= meets;
        if (state.Expected == SqlValueType.Any)
        {
            state.Expected = expected;
        }
    }
}
