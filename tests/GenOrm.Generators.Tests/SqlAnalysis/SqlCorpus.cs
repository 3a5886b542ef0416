namespace GenOrm.Generators.Tests.SqlChecker;

/// <summary>One statement of the differential corpus.</summary>
/// <param name="File">The corpus file's name.</param>
/// <param name="Line">The 1-based line the statement starts on.</param>
/// <param name="Schema">The schema tag: <c>user</c> or <c>chinook</c>.</param>
/// <param name="Sql">The statement.</param>
/// <param name="Unsupported">Whether the entry is tagged <c>-- unsupported</c>: the checker must say so, whatever SQLite does.</param>
internal sealed record CorpusEntry(string File, int Line, string Schema, string Sql, bool Unsupported)
{
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// Reads <c>Corpus/*.sql</c>: a file starts with <c>-- schema: NAME</c>; statements are separated by a line that is
/// exactly <c>-- ---</c>; a line <c>-- unsupported</c> inside an entry tags it. Other comments stay in the SQL.
/// </summary>
internal static class SqlCorpus
{
    public const string Separator = "-- ---";

    public static IReadOnlyList<CorpusEntry> Load()
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "SqlAnalysis", "Corpus");
        var entries = new List<CorpusEntry>();
        foreach (string path in Directory.GetFiles(directory, "*.sql").OrderBy(p => p, StringComparer.Ordinal))
        {
            string[] lines = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
            string file = Path.GetFileName(path);
            if (lines.Length == 0 || !lines[0].StartsWith("-- schema: ", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{file} must start with '-- schema: user|chinook'.");
            }

            string schema = lines[0].Substring("-- schema: ".Length).Trim();
            var current = new List<string>();
            int start = 2;
            bool unsupported = false;
            void Flush(int next)
            {
                string sql = string.Join("\n", current).Trim();
                if (sql.Length > 0 && !current.All(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal) || l.Trim().Length == 0))
                {
                    entries.Add(new CorpusEntry(file, start, schema, sql, unsupported));
                }

                current.Clear();
                unsupported = false;
                start = next;
            }

            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Trim() == Separator)
                {
                    Flush(i + 2);
                    continue;
                }

                if (line.Trim() == "-- unsupported")
                {
                    unsupported = true;
                    continue;
                }

                if (current.Count == 0 && line.Trim().Length == 0)
                {
                    start = i + 2;
                    continue;
                }

                current.Add(line);
            }

            Flush(lines.Length);
        }

        return entries;
    }
}
