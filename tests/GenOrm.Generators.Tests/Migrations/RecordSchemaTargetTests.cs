using System.Diagnostics;
using GenOrm.Tests.Helpers;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// <c>dotnet build -t:GenOrmRecordSchema</c>, for real, on a small temp project wired as the package wires itself (its
/// build props and targets, the runtime and the generator): one build, so the test stays affordable on a busy machine.
/// </summary>
public sealed class RecordSchemaTargetTests
{
    private const string V1 = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    private const string V2 = """
        using GenOrm;
        namespace App;
        [Table("user")]
        public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
            [MaxLength(40)] public string? Login { get; set; }
        }
        """;

    [Fact]
    public void RecordTarget_WritesTheNextVersion_EvenWithWarningsAsErrors()
    {
        string v1 = MigrationHarness.Record(MigrationHarness.Compile([], V1));
        string expectedV2 = MigrationHarness.Record(MigrationHarness.Compile([v1], V2));
        using var directory = new TempDirectory();
        string bin = AppContext.BaseDirectory;
        Directory.CreateDirectory(directory.File("schema"));
        File.WriteAllText(directory.File("schema/v1.json"), v1);
        File.WriteAllText(directory.File("User.cs"), V2);
        File.WriteAllText(directory.File("App.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{{bin}}msbuild/GenOrm.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{{bin}}GenOrm.dll" />
                <Reference Include="{{bin}}Microsoft.Data.Sqlite.dll" />
                <Analyzer Include="{{bin}}GenOrm.Generators.dll" />
              </ItemGroup>
              <Import Project="{{bin}}msbuild/GenOrm.targets" />
            </Project>
            """);

        var (exitCode, output) = Run(directory.Path, "build", "-t:GenOrmRecordSchema", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "--disable-build-servers");

        Assert.True(exitCode == 0, "dotnet build -t:GenOrmRecordSchema failed:\n" + output);
        Assert.Contains("warning GENORM050: table 'user' gained column 'Login'; record it as schema v2", output, StringComparison.Ordinal);
        Assert.Contains("GenOrm: recorded schema v2 in ", output, StringComparison.Ordinal);
        Assert.Equal(expectedV2, File.ReadAllText(directory.File("schema/v2.json")));
        Assert.Equal(v1, File.ReadAllText(directory.File("schema/v1.json")));
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, without the test host's MSBuild settings.</summary>
    internal static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into the child build.
        foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_HOST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', arguments) + " did not finish within 10 minutes.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult());
    }
}
