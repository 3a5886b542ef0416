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
    public void GENORM058_DefaultWithMoreDecimalPlacesThanTheScale_ReportedOnTheArgument() => DiagnosticAssert.Single(
        "GENORM058",
        "[Default(\"0.005\")] on property 'Price' of 'Item' is not a valid 'decimal' value: it is not a decimal number with at most 2 decimal places that fits the column once scaled",
        """
        using GenOrm;
        [Table] public partial class Item
        {
            [PrimaryKey] public long Id { get; set; }
            [Column(Scale = 2), Default([|"0.005"|])] public decimal Price { get; set; }
        }
        """);
}
