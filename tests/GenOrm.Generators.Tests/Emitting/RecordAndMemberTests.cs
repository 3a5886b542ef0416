using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>Record classes, required members and user members beside the generated ones.</summary>
public sealed class RecordAndMemberTests
{
    [Fact]
    public void RecordClass_GeneratesPartialRecord()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            namespace N;
            [Table("users")]
            public partial record class User
            {
                [PrimaryKey] public long Id { get; init; }
                public required string Name { get; init; }
            }
            """);

        output.AssertNoDiagnostics();
        string source = output.Source("N.User.GenOrm.g.cs");
        Assert.Contains("partial record User : global::GenOrm.ITable<global::N.User>", source, StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void PositionalRecordWithParameterlessConstructor_Generates()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            namespace N;
            [Table]
            public partial record User([property: PrimaryKey] long Id, string Name)
            {
                private User() : this(0, "") { }
            }
            """);

        output.AssertNoDiagnostics();
        Assert.Contains("\"Name\" TEXT NOT NULL", output.Source("N.User.GenOrm.g.cs"), StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void PartialPropertyWithAttributesOnItsImplementation_ReadsThem()
    {
        // Only the implementing part has attribute lists; the property's attributes are those of both parts.
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            namespace N;
            [Table]
            public partial class User
            {
                private long _id;
                private string _name = "";

                public partial long Id { get; set; }
                public partial string Name { get; set; }

                [PrimaryKey] public partial long Id { get => _id; set => _id = value; }
                [Column("full_name")] public partial string Name { get => _name; set => _name = value; }
            }
            """);

        output.AssertNoDiagnostics();
        string source = output.Source("N.User.GenOrm.g.cs");
        Assert.Contains("\"full_name\" TEXT NOT NULL", source, StringComparison.Ordinal);
        Assert.Contains("PRIMARY KEY (\"Id\")", source, StringComparison.Ordinal);
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void RecordStruct_NotATable()
    {
        // [Table] allows classes only; the compiler reports CS0592 and GenOrm stays silent.
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            [Table] public partial record struct Point([property: PrimaryKey] long Id);
            """);

        output.AssertNoDiagnostics();
        Assert.DoesNotContain("Point.GenOrm.g.cs", output.HintNames);
    }

    [Fact]
    public void RequiredIgnoredPropertyWithSetsRequiredMembersConstructor_Generates()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using System.Diagnostics.CodeAnalysis;
            using GenOrm;
            namespace N;
            [Table]
            public partial class User
            {
                [SetsRequiredMembers] public User() => Secret = "";
                [PrimaryKey] public long Id { get; set; }
                [Ignore] public required string Secret { get; set; }
            }
            """);

        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void OverloadOfGeneratedMethod_Allowed()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using System.Collections.Generic;
            using GenOrm;
            namespace N;
            [Table]
            public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public static List<User> GetAll(Connection connection, int limit) => GetAll(connection).GetRange(0, limit);
                public void Delete() { }
            }
            """);

        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
    }
}
