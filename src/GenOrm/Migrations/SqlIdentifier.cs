namespace GenOrm.Migrations;

/// <summary>Quotes SQLite identifiers the way the generator does.</summary>
internal static class SqlIdentifier
{
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", System.StringComparison.Ordinal) + "\"";
}
