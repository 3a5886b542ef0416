using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Diagnostics;

/// <summary>One test per descriptor (several for those with several causes): ID, severity, full message and exact span.</summary>
public sealed class DiagnosticTests
{
    private const string Key = "[PrimaryKey] public long Id { get; set; }";

    [Fact]
    public void GENORM001_ClassNotPartial_ReportedOnClassIdentifier() => DiagnosticAssert.Single(
        "GENORM001",
        "Class 'User' has [Table] but is not partial; add the 'partial' modifier so that GenOrm can add its data-access members",
        $$"""
        using GenOrm;
        [Table] public class [|User|] { {{Key}} }
        """);

    [Fact]
    public void GENORM002_ContainingTypeNotPartial_ReportedOnContainingIdentifier() => DiagnosticAssert.Single(
        "GENORM002",
        "Type 'Outer' contains the [Table] class 'User' but is not partial; add the 'partial' modifier to 'Outer'",
        $$"""
        using GenOrm;
        public static partial class Root
        {
            public class [|Outer|]
            {
                [Table] public partial class User { {{Key}} }
            }
        }
        """);

    [Fact]
    public void GENORM003_GenericClass_ReportedOnClassIdentifier() => DiagnosticAssert.Single(
        "GENORM003",
        "Class 'User' has [Table] but is generic or nested in a generic type; GenOrm maps only non-generic classes, so remove the type parameters",
        $$"""
        using GenOrm;
        [Table] public partial class [|User|]<T> { {{Key}} }
        """);

    [Fact]
    public void GENORM003_NestedInGenericType_ReportedOnClassIdentifier() => DiagnosticAssert.Single(
        "GENORM003",
        "Class 'User' has [Table] but is generic or nested in a generic type; GenOrm maps only non-generic classes, so remove the type parameters",
        $$"""
        using GenOrm;
        public partial class Outer<T>
        {
            [Table] public partial class [|User|] { {{Key}} }
        }
        """);

    [Fact]
    public void GENORM004_NoPrimaryKey_ReportedOnClassIdentifier() => DiagnosticAssert.Single(
        "GENORM004",
        "Class 'User' has [Table] but no [PrimaryKey] property; mark the property (or properties) that identify a row with [PrimaryKey]",
        """
        using GenOrm;
        [Table("user")]
        public partial class [|User|]
        {
            public long Id { get; set; }
        }
        """);

    [Fact]
    public void GENORM005_UnsupportedType_ReportedOnPropertyIdentifier() => DiagnosticAssert.Single(
        "GENORM005",
        "Property 'Website' on 'User' has type 'System.Uri', which GenOrm cannot store in SQLite; use a supported type (string, integers, bool, double, decimal, DateTime, Guid, byte[], ...) or mark the property [Ignore]",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            public System.Uri? [|Website|] { get; set; }
        }
        """);

    [Fact]
    public void GENORM006_TwoPropertiesOneColumnIgnoringCase_ReportedOnSecondProperty() => DiagnosticAssert.Single(
        "GENORM006",
        "Property 'DisplayName' on 'User' maps to column 'name', which property 'Name' already uses (SQLite column names ignore case); give one of them another name with [Column(\"...\")] or mark it [Ignore]",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            public string Name { get; set; } = "";
            [Column("name")] public string [|DisplayName|] { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM006_ThreePropertiesOneColumn_EachLaterOneNamesTheFirst()
    {
        GeneratorOutput output = TestCompilation.Run($$"""
            using GenOrm;
            [Table] public partial class User
            {
                {{Key}}
                public string Name { get; set; } = "";
                [Column("NAME")] public string DisplayName { get; set; } = "";
                [Column("name")] public string Nickname { get; set; } = "";
            }
            """);

        Assert.Equal(
            [
                "Property 'DisplayName' on 'User' maps to column 'NAME', which property 'Name' already uses (SQLite column names ignore case); give one of them another name with [Column(\"...\")] or mark it [Ignore]",
                "Property 'Nickname' on 'User' maps to column 'name', which property 'Name' already uses (SQLite column names ignore case); give one of them another name with [Column(\"...\")] or mark it [Ignore]",
            ],
            output.Diagnostics.Where(d => d.Id == "GENORM006").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, output.Diagnostics.Length);
    }

    [Fact]
    public void GENORM007_AutoIncrementOnString_ReportedOnAttribute() => DiagnosticAssert.Single(
        "GENORM007",
        "Property 'Id' on 'User' cannot be [AutoIncrement] because its type 'string' is not an integer type; put [AutoIncrement] only on the single settable [PrimaryKey] property of an integer type, or remove it",
        """
        using GenOrm;
        [Table] public partial class User
        {
            [PrimaryKey, [|AutoIncrement|]] public string Id { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM007_AutoIncrementOnCompositeKey_ReportedOnAttribute() => DiagnosticAssert.Single(
        "GENORM007",
        "Property 'Id' on 'User' cannot be [AutoIncrement] because the primary key has several columns; put [AutoIncrement] only on the single settable [PrimaryKey] property of an integer type, or remove it",
        """
        using GenOrm;
        [Table] public partial class User
        {
            [PrimaryKey]
            [[|AutoIncrement|]]
            public long Id { get; set; }

            [PrimaryKey] public string Email { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM007_AutoIncrementOnNonKey_ReportedOnAttribute() => DiagnosticAssert.Single(
        "GENORM007",
        "Property 'Counter' on 'User' cannot be [AutoIncrement] because it is not a [PrimaryKey] property; put [AutoIncrement] only on the single settable [PrimaryKey] property of an integer type, or remove it",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [[|AutoIncrement|]] public long Counter { get; set; }
        }
        """);

    [Fact]
    public void GENORM007_AutoIncrementWithInitSetter_ReportedOnAttribute() => DiagnosticAssert.Single(
        "GENORM007",
        "Property 'Id' on 'User' cannot be [AutoIncrement] because its setter is init-only, so Insert cannot write the assigned key back; put [AutoIncrement] only on the single settable [PrimaryKey] property of an integer type, or remove it",
        """
        using GenOrm;
        [Table] public partial class User
        {
            [PrimaryKey, [|AutoIncrement|]] public long Id { get; init; }
        }
        """);

    [Fact]
    public void GENORM008_MaxLengthOnInt_ReportedOnAttribute() => DiagnosticAssert.Single(
        "GENORM008",
        "Property 'Age' on 'User' has [MaxLength] but type 'int'; [MaxLength] applies only to string properties, so remove it or change the type to string",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [[|MaxLength(3)|]] public int Age { get; set; }
        }
        """);

    [Fact]
    public void GENORM009_MaxLengthZero_ReportedOnArgument() => DiagnosticAssert.Single(
        "GENORM009",
        "[MaxLength(0)] on property 'Name' of 'User' is not positive; pass the greatest number of characters the column accepts, for example [MaxLength(100)]",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [MaxLength([|0|])] public string Name { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM009_MaxLengthNegative_ReportedOnArgument() => DiagnosticAssert.Single(
        "GENORM009",
        "[MaxLength(-5)] on property 'Name' of 'User' is not positive; pass the greatest number of characters the column accepts, for example [MaxLength(100)]",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [MaxLength([|-5|])] public string Name { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM010_UniqueWithIgnore_ReportedOnConflictingAttribute() => DiagnosticAssert.Single(
        "GENORM010",
        "Property 'Name' on 'User' has both [Ignore] and [Unique]; an ignored property is not stored, so remove [Unique] or [Ignore]",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [Ignore, [|Unique|]] public string Name { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM011_WhitespaceTableName_ReportedOnArgument() => DiagnosticAssert.Single(
        "GENORM011",
        "[Table] on 'User' gives an empty table name; pass a non-empty name, or use [Table] without an argument to take the class name",
        $$"""
        using GenOrm;
        [Table([|"  "|])] public partial class User { {{Key}} }
        """);

    [Fact]
    public void GENORM011_EmptyColumnName_ReportedOnArgument() => DiagnosticAssert.Single(
        "GENORM011",
        "[Column] on 'User.Name' gives an empty column name; pass a non-empty name, or remove [Column] to use the property name",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [Column([|""|])] public string Name { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM011_EmptyIndexName_ReportedOnArgument() => DiagnosticAssert.Single(
        "GENORM011",
        "[Index] on 'User.Name' gives an empty index name; pass a non-empty name, or use [Index] without an argument for the default name 'ix_{table}_{column}'",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [Index([|" "|])] public string Name { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM012_ComputedPropertyWithMaxLength_ReportedOnPropertyIdentifier() => DiagnosticAssert.Single(
        "GENORM012",
        "Property 'Code' on 'User' is mapped to a column but has no setter that GenOrm can use to read rows; add a setter ('init' or 'private set' is fine) or mark the property [Ignore]",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [MaxLength(5)] public string [|Code|] => "x";
        }
        """);

    [Fact]
    public void GENORM013_NoParameterlessConstructor_ReportedOnClassIdentifier() => DiagnosticAssert.Single(
        "GENORM013",
        "Class 'User' has [Table] but has no parameterless constructor; GenOrm creates one instance per row, so make the class non-abstract and non-static with a parameterless constructor (private is fine)",
        $$"""
        using GenOrm;
        [Table] public partial class [|User|]
        {
            public User(long id) => Id = id;
            {{Key}}
        }
        """);

    [Fact]
    public void GENORM013_AbstractClass_ReportedOnClassIdentifier() => DiagnosticAssert.Single(
        "GENORM013",
        "Class 'User' has [Table] but is abstract; GenOrm creates one instance per row, so make the class non-abstract and non-static with a parameterless constructor (private is fine)",
        $$"""
        using GenOrm;
        [Table] public abstract partial class [|User|] { {{Key}} }
        """);

    [Fact]
    public void GENORM014_TwoClassesOneTableNameIgnoringCase_ReportedOnSecondTableAttribute() => DiagnosticAssert.Single(
        "GENORM014",
        "Class 'Shop.Customer' maps to table 'USERS', which class 'Crm.Account' already uses (SQLite table names ignore case); give one of them another name with [Table(\"...\")]",
        $$"""
        using GenOrm;
        namespace Shop;
        [[|Table("USERS")|]] public partial class Customer { {{Key}} }
        """,
        $$"""
        using GenOrm;
        namespace Crm;
        [Table("users")] public partial class Account { {{Key}} }
        """);

    [Fact]
    public void GENORM013_RecordWithPrimaryConstructorOnly_ReportedOnRecordIdentifier() => DiagnosticAssert.Single(
        "GENORM013",
        "Class 'User' has [Table] but has no parameterless constructor; GenOrm creates one instance per row, so make the class non-abstract and non-static with a parameterless constructor (private is fine)",
        """
        using GenOrm;
        [Table] public partial record [|User|]([property: PrimaryKey] long Id, string Name);
        """);

    [Fact]
    public void GENORM015_IgnoredRequiredProperty_ReportedOnPropertyIdentifier() => DiagnosticAssert.Single(
        "GENORM015",
        "Property 'Secret' on 'User' is required but not mapped to a column, so GenOrm cannot set it when it reads a row; remove the 'required' modifier, or map it to a column (a public property without [Ignore])",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [Ignore] public required string [|Secret|] { get; set; }
        }
        """);

    [Fact]
    public void GENORM015_RequiredField_ReportedOnFieldIdentifier() => DiagnosticAssert.Single(
        "GENORM015",
        "Field 'Name' on 'User' is required but not mapped to a column, so GenOrm cannot set it when it reads a row; remove the 'required' modifier, or map it to a column (a public property without [Ignore])",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            public required string [|Name|];
        }
        """);

    [Fact]
    public void GENORM016_PropertyNamedLikeGeneratedConstant_ReportedOnPropertyIdentifier() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'TableName' of 'User' has the name of a member that GenOrm generates in the class; rename 'TableName'",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [Ignore] public string [|TableName|] { get; set; } = "";
        }
        """);

    [Fact]
    public void GENORM016_MethodWithGeneratedSignature_ReportedOnMethodIdentifier() => DiagnosticAssert.Single(
        "GENORM016",
        "Member 'GetByEmail' of 'User' has the name of a member that GenOrm generates in the class; rename 'GetByEmail'",
        $$"""
        using GenOrm;
        [Table] public partial class User
        {
            {{Key}}
            [Unique] public string Email { get; set; } = "";
            public static User? [|GetByEmail|](Connection connection, string? email) => null;
        }
        """);
}
