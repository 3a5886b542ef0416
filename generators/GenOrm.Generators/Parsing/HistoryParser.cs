using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Migrations;
using GenOrm.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Parsing;

/// <summary>Reads the schema history files, <c>schema/v1.json</c>, <c>schema/v2.json</c>, ..., from the additional files.</summary>
internal static class HistoryParser
{
    /// <summary>Gets the version N when <paramref name="path"/> is <c>.../schema/vN.json</c>, else 0.</summary>
    public static int VersionOf(string path)
    {
        string[] parts = path.Replace('\\', '/').Split('/');
        if (parts.Length < 2 || !string.Equals(parts[parts.Length - 2], "schema", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        string name = parts[parts.Length - 1];
        if (name.Length < 7 || name[0] != 'v' || name[1] == '0' || !name.EndsWith(".json", StringComparison.Ordinal))
        {
            return 0;
        }

        string digits = name.Substring(1, name.Length - 6);
        return digits.All(c => c is >= '0' and <= '9') && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int version) ? version : 0;
    }

    /// <summary>Parses one history file; a file that cannot be read carries GENORM053.</summary>
    public static HistoryFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        using InvariantCultureScope culture = InvariantCultureScope.Enter();
        SourceText? text = file.GetText(cancellationToken);
        string path = file.Path;
        int version = VersionOf(path);
        LocationInfo firstLine = LineLocation(path, text, 1);
        if (text is null)
        {
            return new HistoryFile(path, version, null, EquatableArray<TableLocation>.Empty, Error(path, firstLine, 1, "the file cannot be read"), firstLine);
        }

        try
        {
            SchemaShape shape = SchemaJson.Read(text.ToString(), out List<TableLine> tables);
            return new HistoryFile(
                path,
                version,
                shape,
                tables.Select(t => new TableLocation(t.Name, LineLocation(path, text, t.Line))).ToEquatableArray(),
                null,
                firstLine);
        }
        catch (JsonReadException exception)
        {
            return new HistoryFile(path, version, null, EquatableArray<TableLocation>.Empty, Error(path, LineLocation(path, text, exception.Line), exception.Line, exception.Message), firstLine);
        }
    }

    private static DiagnosticInfo Error(string path, LocationInfo location, int line, string reason) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.HistoryFileInvalid, location, DisplayPath(path), line.ToString(CultureInfo.InvariantCulture), reason);

    /// <summary>Gets the path as messages show it: from the <c>schema</c> folder on.</summary>
    public static string DisplayPath(string path)
    {
        string[] parts = path.Replace('\\', '/').Split('/');
        return parts.Length >= 2 ? parts[parts.Length - 2] + "/" + parts[parts.Length - 1] : path;
    }

    /// <summary>Gets the location of a whole line (1-based) of the file, without its line break.</summary>
    private static LocationInfo LineLocation(string path, SourceText? text, int line)
    {
        if (text is null || text.Lines.Count == 0)
        {
            return new LocationInfo(path, default, default);
        }

        TextLine textLine = text.Lines[Math.Min(Math.Max(line, 1), text.Lines.Count) - 1];
        int start = textLine.Start;
        while (start < textLine.End && text[start] is ' ' or '\t')
        {
            start++;
        }

        TextSpan span = TextSpan.FromBounds(start, textLine.End);
        return new LocationInfo(path, span, text.Lines.GetLinePositionSpan(span));
    }
}
