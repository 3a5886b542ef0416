using GenOrm.Generators.Emitting;
using GenOrm.Generators.Model;
using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Tests.Diagnostics;

/// <summary>GENORM016 checks the user's members against the emitter's own list of generated members.</summary>
public sealed class GeneratedMemberClashTests
{
    [Fact]
    public void GENORM016_UserBindInsertWithTheGeneratedSignature_ReportedOnTheMethod() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'BindInsert' of 'User' has the name of a member that GenOrm generates in the class; rename 'BindInsert'",
        """
        using GenOrm;
        [Table] public partial class User
        {
            [PrimaryKey, AutoIncrement] public long Id { get; set; }
            public string Name { get; set; } = "";
            private static void [|BindInsert|](GenOrm.Internal.Statement statement, User entity) { }
        }
        """);

    [Fact]
    public void GENORM016_UserMemberNamedLikeTheAsyncNavigation_ReportedOnTheMember() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'GetAuthorAsync' of 'Post' has the name of a member that GenOrm generates in the class; rename 'GetAuthorAsync'",
        """
        using GenOrm;
        [Table] public partial class Author { [PrimaryKey] public long Id { get; set; } }
        [Table] public partial class Post
        {
            [PrimaryKey] public long Id { get; set; }
            [ForeignKey(typeof(Author))] public long AuthorId { get; set; }
            [Ignore] public string [|GetAuthorAsync|] { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM016_UserGetByEmailOnANullableIndexedColumn_ReportedOnTheMethod() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'GetByEmail' of 'User' has the name of a member that GenOrm generates in the class; rename 'GetByEmail'",
        """
        using System.Collections.Generic;
        using GenOrm;
        [Table] public partial class User
        {
            [PrimaryKey] public long Id { get; set; }
            [Index] public string? Email { get; set; }
            public static List<User> [|GetByEmail|](Connection connection, string email) => new();
        }
        """);

    [Fact]
    public void GENORM016_UserParameterlessMethodNamedLikeAGeneratedConstant_ReportedOnTheMethod() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'InsertSql' of 'User' has the name of a member that GenOrm generates in the class; rename 'InsertSql'",
        """
        using GenOrm;
        [Table] public partial class User
        {
            [PrimaryKey] public long Id { get; set; }
            public static string [|InsertSql|]() => "";
        }
        """);

    [Fact]
    public void GENORM016_UserParameterlessOverloadOfAGeneratedMethod_IsFine()
    {
        // Read from syntax alone (no parameters, no type parameters): an overload of GetAll(Connection).
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                public static int GetAll() => 0;
            }
            """);

        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void GENORM016_UserOverloadWithOtherParameterTypes_IsFine()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;
            [Table] public partial class User
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [Unique] public string Email { get; set; } = "";
                public static User? GetByEmail(Connection connection, string email, bool ignoreCase) => null;
                private static void BindInsert(User entity) { }
            }
            """);

        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
    }

    /// <summary>
    /// Every member the emitter writes into a class (explicit interface implementations aside, which cannot clash) must be
    /// in the list GENORM016 checks, with the same parameter types; so must nothing else.
    /// </summary>
    [Fact]
    public void EveryEmittedMember_IsInTheClashList()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using System;
            using GenOrm;

            namespace Shop;

            [Table("customers")]
            public partial class Customer
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
            }

            [Table("orders")]
            public partial class Order
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [Unique, MaxLength(20)] public string Number { get; set; } = "";
                [Index] public string? Note { get; set; }
                [Index] public Guid? Batch { get; set; }
                [ForeignKey(typeof(Customer))] public long CustomerId { get; set; }
                [ForeignKey(typeof(Customer), Navigation = "Referrer")] public long? ReferrerId { get; set; }
                public byte[]? Blob { get; set; }
            }

            [Table("lines")]
            public partial class Line
            {
                [PrimaryKey] public long OrderId { get; set; }
                [PrimaryKey] public int Position { get; set; }
            }
            """);
        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
        HashSet<SyntaxTree> generated = output.RunResult.GeneratedTrees.ToHashSet();
        TableSpec[] specs = output.RunResult.Results.Single().TrackedSteps[TrackingNames.Spec]
            .SelectMany(step => step.Outputs)
            .Select(o => (TableSpec)o.Value)
            .ToArray();
        Assert.Equal(3, specs.Length);

        foreach (TableSpec spec in specs)
        {
            INamedTypeSymbol type = output.OutputCompilation.GetTypeByMetadataName(spec.FullyQualifiedName.Substring("global::".Length))!;
            string[] emitted = type.GetMembers()
                .Where(m => !m.IsImplicitlyDeclared && m.DeclaringSyntaxReferences.All(r => generated.Contains(r.SyntaxTree)))
                .Where(m => m is not IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 } and not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
                .Where(m => m is not IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                .Select(Describe)
                .OrderBy(d => d, StringComparer.Ordinal)
                .ToArray();
            string[] listed = GeneratedMembers.For(spec)
                .Select(m => m.ParameterTypes is { } types ? m.Name + "(" + string.Join(", ", types) + ")" : m.Name)
                .OrderBy(d => d, StringComparer.Ordinal)
                .ToArray();

            Assert.NotEmpty(emitted);
            Assert.Equal(emitted, listed);
        }

        Assert.Contains(GeneratedMembers.For(specs.Single(s => s.ClassName == "Order")), m => m.Name == "GetReferrerAsync");
    }

    private static string Describe(ISymbol member) => member is IMethodSymbol method
        ? method.Name + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) + ")"
        : member.Name;
}
