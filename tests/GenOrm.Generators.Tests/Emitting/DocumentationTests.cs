using System.Text.RegularExpressions;
using System.Xml.Linq;
using GenOrm.Generators.Tests.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>
/// The generated docs as <c>GenerateDocumentationFile</c> builds them: each <c>...Async</c> twin inherits its sync
/// member's docs through a <c>cref</c> that resolves, and the compiler would report one that does not.
/// </summary>
public sealed class DocumentationTests
{
    private const string Source = """
        using GenOrm;

        namespace Shop;

        /// <summary>A customer.</summary>
        [Table("customers")]
        public partial class Customer
        {
            /// <summary>The key.</summary>
            [PrimaryKey, AutoIncrement] public long Id { get; set; }

            /// <summary>The e-mail address, when known.</summary>
            [Unique] public string? Email { get; set; }
        }

        /// <summary>An order.</summary>
        [Table("orders")]
        public partial class Order
        {
            /// <summary>The key.</summary>
            [PrimaryKey, AutoIncrement] public long Id { get; set; }

            /// <summary>The customer who placed it.</summary>
            [ForeignKey(typeof(Customer))] public long CustomerId { get; set; }

            /// <summary>The quantity, when known.</summary>
            [Index] public int? Quantity { get; set; }
        }
        """;

    [Fact]
    public void DocumentationFile_EveryAsyncTwinInheritsFromItsSyncMember_WithNoDocWarning()
    {
        GeneratorOutput output = TestCompilation.Run(Source);
        output.AssertNoDiagnostics();

        using var pe = new MemoryStream();
        using var xml = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = output.OutputCompilation.Emit(pe, xmlDocumentationStream: xml);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        XElement[] members = XDocument.Parse(System.Text.Encoding.UTF8.GetString(xml.ToArray())).Descendants("member").ToArray();
        Dictionary<string, string> inherited = members
            .Where(m => m.Element("inheritdoc") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => (string)m.Element("inheritdoc")!.Attribute("cref")!);

        // Every async member (and only those) inherits, from the sync member with the same parameters minus the token.
        string[] asyncMembers = members.Select(m => (string)m.Attribute("name")!).Where(n => n.StartsWith("M:", StringComparison.Ordinal) && n.Contains("Async(", StringComparison.Ordinal)).ToArray();
        Assert.Equal(24, asyncMembers.Length);
        Assert.Equal(asyncMembers.Order(StringComparer.Ordinal), inherited.Keys.Order(StringComparer.Ordinal));
        foreach ((string member, string cref) in inherited)
        {
            Assert.Equal(member.Replace("Async(", "(").Replace(",System.Threading.CancellationToken)", ")").Replace("(System.Threading.CancellationToken)", ""), cref);
        }

        Assert.Equal("M:Shop.Customer.GetByEmail(GenOrm.Connection,System.String)", inherited["M:Shop.Customer.GetByEmailAsync(GenOrm.Connection,System.String,System.Threading.CancellationToken)"]);
        Assert.Equal("M:Shop.Order.GetByQuantity(GenOrm.Connection,System.Nullable{System.Int32})", inherited["M:Shop.Order.GetByQuantityAsync(GenOrm.Connection,System.Nullable{System.Int32},System.Threading.CancellationToken)"]);
        Assert.Equal(
            "M:Shop.Order.InsertMany(GenOrm.Connection,System.Collections.Generic.IEnumerable{Shop.Order})",
            inherited["M:Shop.Order.InsertManyAsync(GenOrm.Connection,System.Collections.Generic.IEnumerable{Shop.Order},System.Threading.CancellationToken)"]);
        Assert.Equal("M:GenOrm.Generated.Schema.CreateAll(GenOrm.Connection)", inherited["M:GenOrm.Generated.Schema.CreateAllAsync(GenOrm.Connection,System.Threading.CancellationToken)"]);
        Assert.Equal("M:GenOrm.Generated.Schema.Migrate(GenOrm.Connection)", inherited["M:GenOrm.Generated.Schema.MigrateAsync(GenOrm.Connection,System.Threading.CancellationToken)"]);
        Assert.Equal("M:GenOrm.Generated.Schema.Verify(GenOrm.Connection)", inherited["M:GenOrm.Generated.Schema.VerifyAsync(GenOrm.Connection,System.Threading.CancellationToken)"]);
        Assert.Equal("M:Shop.OrderNavigation.GetOrders(Shop.Customer,GenOrm.Connection)", inherited["M:Shop.OrderNavigation.GetOrdersAsync(Shop.Customer,GenOrm.Connection,System.Threading.CancellationToken)"]);
    }

    [Fact]
    public void UnresolvedInheritdocCref_IsReportedAsCS1574()
    {
        GeneratorOutput output = TestCompilation.Run(Source);
        string generated = output.Source("Shop.Customer.GenOrm.g.cs");
        string broken = generated.Replace("<inheritdoc cref=\"Delete(global::GenOrm.Connection, global::Shop.Customer)\"/>", "<inheritdoc cref=\"Remove(global::GenOrm.Connection, global::Shop.Customer)\"/>");
        Assert.NotEqual(generated, broken);

        Diagnostic diagnostic = Assert.Single(Recompile(output, "Shop.Customer.GenOrm.g.cs", broken), d => d.Severity >= DiagnosticSeverity.Warning);

        Assert.Equal("CS1574", diagnostic.Id);
        Assert.Contains("'Remove(global::GenOrm.Connection, global::Shop.Customer)'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheCS1573Pragma_OnlyAsyncTwinsLackParamTags_AndNeverTheirToken()
    {
        GeneratorOutput output = TestCompilation.Run(Source);
        string generated = output.Source("Shop.Order.GenOrm.g.cs");
        string unsuppressed = Regex.Replace(generated, "^#pragma warning disable CS1573.*\n", string.Empty, RegexOptions.Multiline);
        Assert.NotEqual(generated, unsuppressed);

        Diagnostic[] warnings = Recompile(output, "Shop.Order.GenOrm.g.cs", unsuppressed).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();

        Assert.NotEmpty(warnings);
        foreach (Diagnostic warning in warnings)
        {
            Assert.Equal("CS1573", warning.Id);
            SyntaxNode node = warning.Location.SourceTree!.GetRoot().FindNode(warning.Location.SourceSpan);
            ParameterSyntax parameter = node.AncestorsAndSelf().OfType<ParameterSyntax>().First();
            MethodDeclarationSyntax method = parameter.Ancestors().OfType<MethodDeclarationSyntax>().First();
            Assert.EndsWith("Async", method.Identifier.Text, StringComparison.Ordinal);
            Assert.NotEqual("cancellationToken", parameter.Identifier.Text);
        }
    }

    /// <summary>Compiles the user source and the generated files with <paramref name="hintName"/>'s text replaced.</summary>
    private static IEnumerable<Diagnostic> Recompile(GeneratorOutput output, string hintName, string text)
    {
        SyntaxTree[] generated = output.RunResult.Results.Single().GeneratedSources
            .Select(s => CSharpSyntaxTree.ParseText(s.HintName == hintName ? text : s.SourceText.ToString(), TestCompilation.ParseOptions, "/generated/" + s.HintName))
            .ToArray();
        return TestCompilation.Create(Source).AddSyntaxTrees(generated).GetDiagnostics();
    }
}
