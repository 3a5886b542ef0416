using System.Collections.Generic;
using System.Collections.Immutable;
using GenOrm.Generators.Model;
using GenOrm.Generators.Parsing;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Diagnostics;

/// <summary>
/// Turns a checked query's problems into diagnostics located in source: a SQL offset becomes the characters of the
/// literal that wrote it (line and column inside the string), a declaration part its identifier or type.
/// </summary>
internal static class QueryLocator
{
    /// <summary>Locates the problems of one method with the source map whose key is theirs.</summary>
    public static EquatableArray<DiagnosticInfo> Locate(QueryProblems problems, ImmutableArray<QuerySourceMap> maps)
    {
        QuerySourceMap? map = null;
        foreach (QuerySourceMap candidate in maps)
        {
            if (candidate.Key == problems.Key)
            {
                map = candidate;
                break;
            }
        }

        if (map is null)
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }

        var diagnostics = new List<DiagnosticInfo>(problems.Problems.Count);
        foreach (QueryProblem problem in problems.Problems)
        {
            LocationInfo location = problem.Target switch
            {
                QueryTarget.Sql => InSql(map, problem.Start, problem.Length),
                QueryTarget.Parameter when problem.Start < map.Parameters.Count => map.Parameters[problem.Start],
                QueryTarget.ReturnType => map.ReturnType,
                _ => map.Method,
            };
            diagnostics.Add(new DiagnosticInfo(problem.Descriptor, location, problem.Args));
        }

        return diagnostics.ToEquatableArray();
    }

    /// <summary>Gets the location of SQL characters [start, start + length) inside the literal, or the argument when it is no literal.</summary>
    public static LocationInfo InSql(QuerySourceMap map, int start, int length)
    {
        if (map.Literal is not { } literal || SqlLiteralMapper.Positions(literal) is not { Length: > 0 } positions)
        {
            return map.Argument;
        }

        int last = positions.Length - 1;
        int from = start < 0 ? 0 : start > last ? last : start;
        int begin = positions[from];
        int end = length <= 0 ? begin : positions[System.Math.Min(from + length - 1, last)] + 1;
        if (from + length > last)
        {
            // The span reaches the end of the SQL: end after its last character.
            end = last > 0 ? positions[last - 1] + 1 : begin;
        }

        if (end < begin)
        {
            end = begin;
        }

        return new LocationInfo(literal.FilePath, TextSpan.FromBounds(begin, end), new LinePositionSpan(Position(literal, begin), Position(literal, end)));
    }

    private static LinePosition Position(SqlLiteralMap literal, int position)
    {
        int line = 0;
        while (line + 1 < literal.LineStarts.Count && literal.LineStarts[line + 1] <= position)
        {
            line++;
        }

        return new LinePosition(literal.FirstLine + line, position - literal.LineStarts[line]);
    }
}
