using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Diagnostics;

/// <summary>GENORM021: <c>[Column(Scale = n)]</c> on a property that is not a decimal, or with n outside 0..18.</summary>
public sealed class DecimalScaleDiagnosticTests
{
    [Fact]
    public void GENORM021_ScaleOnADouble_ReportedOnTheScaleValue() => DiagnosticAssert.Single(
        "GENORM021",
        "[Column(Scale = 2)] on property 'Price' of 'Item' (type 'double') is not valid: Scale applies to decimal properties only and must be between 0 and 18; remove Scale, or give a decimal property a Scale in that range",
        """
        using GenOrm;
        [Table] public partial class Item
        {
            [PrimaryKey] public long Id { get; set; }
            [Column(Scale = [|2|])] public double Price { get; set; }
        }
        """);

    [Fact]
    public void GENORM021_ScaleAbove18_ReportedOnTheScaleValue() => DiagnosticAssert.Single(
        "GENORM021",
        "[Column(Scale = 19)] on property 'Price' of 'Item' (type 'decimal?') is not valid: Scale applies to decimal properties only and must be between 0 and 18; remove Scale, or give a decimal property a Scale in that range",
        """
        using GenOrm;
        [Table] public partial class Item
        {
            [PrimaryKey] public long Id { get; set; }
            [Column("price", Scale = [|19|])] public decimal? Price { get; set; }
        }
        """);

    [Fact]
    public void GENORM021_NegativeScale_ReportedOnTheScaleValue() => DiagnosticAssert.Single(
        "GENORM021",
        "[Column(Scale = -1)] on property 'Price' of 'Item' (type 'decimal') is not valid: Scale applies to decimal properties only and must be between 0 and 18; remove Scale, or give a decimal property a Scale in that range",
        """
        using GenOrm;
        [Table] public partial class Item
        {
            [PrimaryKey] public long Id { get; set; }
            [Column(Scale = [|-1|])] public decimal Price { get; set; }
        }
        """);

    [Fact]
    public void GENORM020_DefaultWithMoreDecimalPlacesThanTheScale_ReportedOnTheArgument() => DiagnosticAssert.Single(
        "GENORM020",
        "[Default] on property 'Price' of 'Item' gives a value of type 'string', which cannot be stored in a column of type 'decimal'; give a constant of the property's kind (a number, string, bool or enum member), or null for a nullable property",
        """
        using GenOrm;
        [Table] public partial class Item
        {
            [PrimaryKey] public long Id { get; set; }
            [Column(Scale = 2), Default([|"0.005"|])] public decimal Price { get; set; }
        }
        """);
}
