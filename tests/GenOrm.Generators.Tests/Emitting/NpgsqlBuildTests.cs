using GenOrm.Generators.Tests.Helpers;
using GenOrm.Generators.Tests.Migrations;
using GenOrm.Tests.Helpers;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>
/// A real <c>dotnet build</c> of a small temp project that references a <c>GenOrm.Npgsql.dll</c> and is wired as the
/// package wires itself (GenOrm.props, the runtime, the generator): the reference turns PostgreSQL's texts on, and
/// <c>GenOrmRegisterNpgsql=false</c> reaches the generator through the props' <c>CompilerVisibleProperty</c>. One
/// build, so that the test stays affordable on a busy machine.
/// </summary>
public sealed class NpgsqlBuildTests
{
    [Fact]
    public void Build_WithTheOptOutProperty_PostgresTextsButNoRegistration()
    {
        using var directory = new TempDirectory();
        string bin = AppContext.BaseDirectory;
        File.WriteAllBytes(directory.File("GenOrm.Npgsql.dll"), TestCompilation.NpgsqlStubImage);
        File.WriteAllText(directory.File("User.cs"), """
            using GenOrm;
            namespace App;
            [Table("user")]
            public partial class User
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                public string Name { get; set; } = "";
            }
            """);
        File.WriteAllText(directory.File("App.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{{bin}}msbuild/GenOrm.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenOrmRegisterNpgsql>false</GenOrmRegisterNpgsql>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                <CompilerGeneratedFilesOutputPath>generated</CompilerGeneratedFilesOutputPath>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{{bin}}GenOrm.dll" />
                <Reference Include="{{bin}}Microsoft.Data.Sqlite.dll" />
                <Reference Include="GenOrm.Npgsql.dll" />
                <Analyzer Include="{{bin}}GenOrm.Generators.dll" />
              </ItemGroup>
              <Import Project="{{bin}}msbuild/GenOrm.targets" />
            </Project>
            """);

        var (exitCode, output) = RecordSchemaTargetTests.Run(directory.Path, "build", "-nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false", "--disable-build-servers");

        Assert.True(exitCode == 0, "dotnet build failed:\n" + output);
        string generated = directory.File("generated/GenOrm.Generators/GenOrm.Generators.TableGenerator");
        Assert.Equal(
            ["App.User.GenOrm.g.cs", "GenOrm.Schema.g.cs", "GenOrm.SchemaRecord.g.cs"],
            Directory.GetFiles(generated).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string user = File.ReadAllText(Path.Combine(generated, "App.User.GenOrm.g.cs"));
        Assert.Contains("private const string InsertSqlPostgres = \"INSERT INTO \\\"user\\\" (\\\"Name\\\") VALUES (@Name) RETURNING \\\"Id\\\"\";", user, StringComparison.Ordinal);
        Assert.Contains("public const string CreateAllSqlPostgres = ", File.ReadAllText(Path.Combine(generated, "GenOrm.Schema.g.cs")), StringComparison.Ordinal);
    }
}
