using System.Globalization;
using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>GENORM050 to GENORM057: drift, undeclared drops, history files and hooks, each with its exact message and span.</summary>
public sealed class MigrationDiagnosticTests
{
    private const string UserV1 = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            public string? Bio { get; set; }
        }
        """;

    private static readonly Lazy<string> RecordedV1 = new(() => MigrationHarness.Record(MigrationHarness.Compile([], UserV1)));

    private static string User(string members, string header = "") => $$"""
        using GenOrm;
        {{header}}
        namespace App;
        [Table("user")]
        public partial class [|User|]
        {
        {{members}}
        }
        """;

    /// <summary>Compiles a marked source (<c>[|span|]</c>, in File0) with history v1 = <see cref="UserV1"/>.</summary>
    private static (GeneratorOutput Output, LinePositionSpan Span) CompileMarked(string marked, string[]? history = null)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        string text = marked.Remove(start, 2);
        int end = text.IndexOf("|]", StringComparison.Ordinal);
        text = text.Remove(end, 2);
        GeneratorOutput output = MigrationHarness.Compile(history ?? [RecordedV1.Value], text);
        Assert.Null(output.RunResult.Results.Single().Exception);
        return (output, SourceText.From(text).Lines.GetLinePositionSpan(TextSpan.FromBounds(start, end)));
    }

    private static Diagnostic One(GeneratorOutput output, string id, DiagnosticSeverity severity, string message)
    {
        Diagnostic diagnostic = Assert.Single(output.Diagnostics, d => d.Id == id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("GenOrm", diagnostic.Descriptor.Category);
        Assert.Equal($"https://github.com/genorm/genorm/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);
        return diagnostic;
    }

    private static void AssertAt(Diagnostic diagnostic, string path, LinePositionSpan span)
    {
        FileLinePositionSpan actual = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, actual.Path);
        Assert.Equal(span, actual.Span);
    }

    [Fact]
    public void GENORM050_GainedColumn_WarningOnTheProperty()
    {
        var (output, span) = CompileMarked("""
            using GenOrm;
            namespace App;
            [Table("user")]
            public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public string Login { get; set; } = "";
                public string? Bio { get; set; }
                public string? [|Nick|] { get; set; }
            }
            """);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        Assert.Same(diagnostic, One(output, "GENORM050", DiagnosticSeverity.Warning, "table 'user' gained column 'Nick'; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`"));
        AssertAt(diagnostic, "/src/File0.cs", span);
    }

    [Fact]
    public void GENORM050_OneWarningPerChange()
    {
        GeneratorOutput output = MigrationHarness.Compile(
            [RecordedV1.Value],
            """
            using GenOrm;
            namespace App;
            [Table("user")]
            public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                [RenamedFrom("Login"), MaxLength(40)] public string UserName { get; set; } = "";
                public long? Bio { get; set; }
                [Index] public string? Nick { get; set; }
            }
            """);

        Assert.All(output.Diagnostics, d => Assert.Equal(("GENORM050", DiagnosticSeverity.Warning), (d.Id, d.Severity)));
        Assert.Equal(
            [
                "column 'Login' of table 'user' was renamed to 'UserName'; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`",
                "column 'UserName' of table 'user' changed its maximum length from none to 40; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`",
                "column 'Bio' of table 'user' changed its type from TEXT to INTEGER; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`",
                "table 'user' gained column 'Nick'; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`",
                "table 'user' gained index 'ix_user_Nick'; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`",
            ],
            output.Diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.All(output.Diagnostics, d => Assert.Equal("/src/File0.cs", d.Location.GetLineSpan().Path));
    }

    [Fact]
    public void GENORM050_NoHistory_NoWarning()
    {
        GeneratorOutput output = MigrationHarness.Compile([], UserV1.Replace("public string? Bio", "public long? Bio", StringComparison.Ordinal));

        output.AssertNoDiagnostics();
    }

    [Fact]
    public void GENORM051_DroppedColumnWithoutIntent_ErrorOnTheClass()
    {
        var (output, span) = CompileMarked(User("""
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            """));

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        One(output, "GENORM051", DiagnosticSeverity.Error, "Column 'Bio' of table 'user' is in schema v1 but no longer in the model, so the migration would drop it and its data; if that is intended, add [assembly: GenOrm.DroppedColumn(\"user\", \"Bio\")], or if the column was renamed, add [RenamedFrom(\"Bio\")] to the property that maps it now");
        AssertAt(diagnostic, "/src/File0.cs", span);
    }

    [Fact]
    public void GENORM051_MarkedDrop_OnlyTheDriftWarning()
    {
        GeneratorOutput output = MigrationHarness.Compile(
            [RecordedV1.Value],
            UserV1.Replace("    public string? Bio { get; set; }\n", string.Empty, StringComparison.Ordinal).Replace("using GenOrm;", "using GenOrm;\n[assembly: DroppedColumn(\"user\", \"Bio\")]", StringComparison.Ordinal));

        One(output, "GENORM050", DiagnosticSeverity.Warning, "table 'user' lost column 'Bio'; record it as schema v2 with `dotnet build -t:GenOrmRecordSchema`");
        Assert.Single(output.Diagnostics);
    }

    [Fact]
    public void GENORM052_DroppedTableWithoutIntent_ErrorOnTheHistoryFile()
    {
        GeneratorOutput output = MigrationHarness.Compile(
            [RecordedV1.Value],
            """
            using GenOrm;
            namespace App;
            [Table("tag")] public partial class Tag { [PrimaryKey] public long Id { get; set; } }
            """);

        Diagnostic diagnostic = One(output, "GENORM052", DiagnosticSeverity.Error, "Table 'user' is in schema v1 but no [Table] class maps it any more, so the migration would drop it and its rows; if that is intended, add [assembly: GenOrm.DroppedTable(\"user\")], or if the table was renamed, add [RenamedFrom(\"user\")] to the class that maps it now");
        Assert.Equal("      \"name\": \"user\",", RecordedV1.Value.Split('\n')[4]);
        AssertAt(diagnostic, "/src/schema/v1.json", new LinePositionSpan(new(4, 6), new(4, 21)));
        Assert.Equal(["GENORM050", "GENORM052"], output.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GENORM052_ClassWithAnError_NoSecondError()
    {
        GeneratorOutput output = MigrationHarness.Compile([RecordedV1.Value], UserV1.Replace("public partial class", "public class", StringComparison.Ordinal));

        Assert.Equal(["GENORM001"], output.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void GENORM053_MalformedHistoryFile_ErrorAtTheLine()
    {
        GeneratorOutput output = MigrationHarness.Compile(
            ["{\n  \"version\": 1\n  \"tables\": []\n}\n"],
            UserV1);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        One(output, "GENORM053", DiagnosticSeverity.Error, "Schema history file 'schema/v1.json' cannot be read at line 3: expected ',' or '}'; fix the file, or delete it and record it again with `dotnet build -t:GenOrmRecordSchema`");
        AssertAt(diagnostic, "/src/schema/v1.json", new LinePositionSpan(new(2, 2), new(2, 14)));
    }

    [Fact]
    public void GENORM053_HistoryFileOfAnotherShape_NamesTheMissingProperty()
    {
        GeneratorOutput output = MigrationHarness.Compile(["{\n  \"version\": 1,\n  \"tables\": [\n    { \"name\": \"user\" }\n  ]\n}\n"], UserV1);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        One(output, "GENORM053", DiagnosticSeverity.Error, "Schema history file 'schema/v1.json' cannot be read at line 4: property 'columns' is missing; fix the file, or delete it and record it again with `dotnet build -t:GenOrmRecordSchema`");
        AssertAt(diagnostic, "/src/schema/v1.json", new LinePositionSpan(new(3, 4), new(3, 22)));
    }

    [Fact]
    public void GENORM054_GapInTheHistory_ErrorOnTheFileAfterTheGap()
    {
        GeneratorOutput output = TestCompilation.Run(
            TestCompilation.Create(UserV1),
            ("/src/schema/v1.json", RecordedV1.Value),
            ("/src/schema/v3.json", RecordedV1.Value.Replace("\"version\": 1", "\"version\": 3", StringComparison.Ordinal)));

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        One(output, "GENORM054", DiagnosticSeverity.Error, "Schema history file 'schema/v3.json' follows v1.json, but there is no v2.json; the history must be v1.json, v2.json and so on with no gap, each file recording its own version, so rename or restore the files");
        AssertAt(diagnostic, "/src/schema/v3.json", new LinePositionSpan(new(0, 0), new(0, 1)));
    }

    [Fact]
    public void GENORM054_FileRecordingAnotherVersion_Error()
    {
        GeneratorOutput output = MigrationHarness.Compile([RecordedV1.Value.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)], UserV1);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        One(output, "GENORM054", DiagnosticSeverity.Error, "Schema history file 'schema/v1.json' records version 2, not 1; the history must be v1.json, v2.json and so on with no gap, each file recording its own version, so rename or restore the files");
    }

    [Fact]
    public void GENORM055_HookNotStatic_ErrorOnTheMethodName()
    {
        var (output, span) = CompileMarked(
            """
            using GenOrm;
            namespace App;
            public class Hooks
            {
                [Migration(From = 1)] public void [|Fill|](Connection connection) { }
            }
            """,
            []);

        Diagnostic diagnostic = Assert.Single(output.Diagnostics);
        One(output, "GENORM055", DiagnosticSeverity.Error, "Method 'App.Hooks.Fill' has [Migration] but it is not static; a migration hook must be 'static void Name(GenOrm.Connection connection)' or 'static Task Name(GenOrm.Connection connection, CancellationToken cancellationToken)', and reachable from the assembly");
        AssertAt(diagnostic, "/src/File0.cs", span);
    }

    [Theory]
    [InlineData("private static void", "(Connection connection)", "it or its containing type is private or protected")]
    [InlineData("public static int", "(Connection connection) => 0; static void X", "it returns neither void nor Task")]
    [InlineData("public static void", "(Connection connection, int n)", "its parameters are not (GenOrm.Connection connection)")]
    [InlineData("public static async void", "(Connection connection)", "it is async void, so the migrator could not wait for it to finish")]
    [InlineData("public static async System.Threading.Tasks.Task", "(Connection connection)", "it returns Task but its parameters are not (GenOrm.Connection connection, System.Threading.CancellationToken cancellationToken)")]
    [InlineData("public static async System.Threading.Tasks.Task", "(System.Threading.CancellationToken cancellationToken, Connection connection)", "it returns Task but its parameters are not (GenOrm.Connection connection, System.Threading.CancellationToken cancellationToken)")]
    [InlineData("public static async System.Threading.Tasks.Task<int>", "(Connection connection, System.Threading.CancellationToken cancellationToken) => await System.Threading.Tasks.Task.FromResult(0); static void X", "it returns neither void nor Task")]
    [InlineData("public static async System.Threading.Tasks.ValueTask", "(Connection connection, System.Threading.CancellationToken cancellationToken)", "it returns neither void nor Task")]
    [InlineData("private static async System.Threading.Tasks.Task", "(Connection connection, System.Threading.CancellationToken cancellationToken)", "it or its containing type is private or protected")]
    public void GENORM055_OtherBadSignatures(string modifiers, string parameters, string reason)
    {
        GeneratorOutput output = MigrationHarness.Compile(
            [],
            $$"""
            using GenOrm;
            namespace App;
            public class Hooks
            {
                [Migration(From = 1)] {{modifiers}} Fill{{parameters}} { }
            }
            """.Replace("; static void X { }", ";", StringComparison.Ordinal));

        One(output, "GENORM055", DiagnosticSeverity.Error, $"Method 'App.Hooks.Fill' has [Migration] but {reason}; a migration hook must be 'static void Name(GenOrm.Connection connection)' or 'static Task Name(GenOrm.Connection connection, CancellationToken cancellationToken)', and reachable from the assembly");
    }

    [Fact]
    public void GENORM056_HookForAStepThatDoesNotExist_ErrorOnFrom()
    {
        var (output, span) = CompileMarked(User(
            """
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            public string? Bio { get; set; }
            public string? Nick { get; set; }

            [Migration(From = [|5|])] internal static void Fill(Connection connection) { }
            """).Replace("[|User|]", "User", StringComparison.Ordinal));

        Diagnostic diagnostic = One(output, "GENORM056", DiagnosticSeverity.Error, "[Migration(From = 5)] on 'App.User.Fill' names no migration step: the only step starts from v1 (From = 1); set From to the version the step starts from");
        AssertAt(diagnostic, "/src/File0.cs", span);
    }

    [Fact]
    public void GENORM057_NewNotNullColumnWithoutDefault_ErrorOnTheProperty()
    {
        var (output, span) = CompileMarked(User("""
            [PrimaryKey] public long Id { get; set; }
            public string Login { get; set; } = "";
            public string? Bio { get; set; }
            public string [|Code|] { get; set; } = "";
            """).Replace("[|User|]", "User", StringComparison.Ordinal));

        Diagnostic diagnostic = One(output, "GENORM057", DiagnosticSeverity.Error, "Column 'Code' of table 'user' is NOT NULL without a default, so the rows that exist before schema v2 have no value for it; add [Default(...)], or make the property nullable and fill it in a [Migration] hook");
        AssertAt(diagnostic, "/src/File0.cs", span);
    }
}
