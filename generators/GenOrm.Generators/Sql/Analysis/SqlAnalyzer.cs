using System;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Sql.Analysis;

/// <summary>
/// Checks one SQL statement against the assembly's tables, offline: SQLite's dialect, parsed and bound by managed
/// code (no native SQLite inside the compiler).
/// </summary>
internal static class SqlAnalyzer
{
    /// <summary>
    /// Analyzes <paramref name="sql"/> against <paramref name="catalog"/>. A pure function that never throws: an internal
    /// failure becomes an <see cref="SqlProblemKind.Unsupported"/> problem.
    /// </summary>
    public static SqlAnalysis Analyze(string sql, SqlCatalog catalog)
    {
        try
        {
            SqlStatement statement = SqlParser.Parse(sql);
            return SqlBinder.Bind(sql, catalog, statement);
        }
        catch (SqlParseException e)
        {
            return Failed(sql, e.Problem);
        }
        catch (InsufficientExecutionStackException)
        {
            return Failed(sql, new SqlProblem(SqlProblemKind.Unsupported, 0, sql.Length, "the statement is nested too deeply for the checker"));
        }
#pragma warning disable CA1031 // The generator must never crash on user SQL: any internal failure is reported as a problem.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Failed(sql, new SqlProblem(SqlProblemKind.Unsupported, 0, sql.Length, "the checker failed on this statement (" + e.GetType().Name + "); use the opt-out and report it"));
        }
    }

    private static SqlAnalysis Failed(string sql, SqlProblem problem) =>
        new(KindOf(sql), EquatableArray<SqlResultColumn>.Empty, EquatableArray<SqlParameterUse>.Empty, new[] { problem }.ToEquatableArray());

    private static SqlStatementKind KindOf(string sql)
    {
        foreach (SqlToken token in SqlLexer.Tokenize(sql))
        {
            if (token.Kind != SqlTokenKind.Word)
            {
                return SqlStatementKind.Other;
            }

            switch (token.Value!.ToUpperInvariant())
            {
                case "SELECT":
                case "VALUES":
                case "WITH":
                    return SqlStatementKind.Select;
                case "INSERT":
                case "REPLACE":
                    return SqlStatementKind.Insert;
                case "UPDATE":
                    return SqlStatementKind.Update;
                case "DELETE":
                    return SqlStatementKind.Delete;
                default:
                    return SqlStatementKind.Other;
            }
        }

        return SqlStatementKind.Other;
    }
}
