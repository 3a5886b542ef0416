using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Tests.SqlChecker;

namespace GenOrm.Generators.Tests.Sql;

/// <summary>
/// <c>[Default]</c> values are stored in the form GenOrm binds for their type, so a row that took the default compares
/// equal to the same value bound by a query, on each dialect.
/// </summary>
public sealed class DefaultLiteralTests
{
    private const string Source = """
        using System;
        using GenOrm;
        namespace Defaults;

        public enum Huge : ulong { Small, Big = ulong.MaxValue }

        [Table] public partial class Setting
        {
            [PrimaryKey] public long Id { get; set; }
            [Default("6F9619FF-8B86-D011-B42D-00CF4FC964FF")] public Guid UpperGuid { get; set; }
            [Default("{6f9619ff-8b86-d011-b42d-00cf4fc964ff}")] public Guid BracedGuid { get; set; }
            [Default("2024-01-02")] public DateTime Midnight { get; set; }
            [Default("2024-01-02T03:04")] public DateTime IsoMinutes { get; set; }
            [Default("2024-01-02 03:04:05.1200000")] public DateTime Fraction { get; set; }
            [Default("2024-01-02 03:04:05+02:00")] public DateTimeOffset WithOffset { get; set; }
            [Default("2024-01-02T03:04:05Z")] public DateTimeOffset Utc { get; set; }
            [Default("2024-01-02 03:04:05")] public DateTimeOffset NoSuffix { get; set; }
            [Default("2024-01-02")] public DateOnly Day { get; set; }
            [Default("07:30")] public TimeOnly Time { get; set; }
            [Default(ulong.MaxValue)] public ulong LargeUnsigned { get; set; }
            [Default(Huge.Big)] public Huge HugeEnum { get; set; }
            [Default(float.NegativeInfinity)] public float Cold { get; set; }
            [Default(255)] public byte Top { get; set; }
        }
        """;

    private static readonly TableSpec Table = TestSchemas.Parse(Source).Single();

    [Theory]
    [InlineData("UpperGuid", "'6f9619ff-8b86-d011-b42d-00cf4fc964ff'", "'6f9619ff-8b86-d011-b42d-00cf4fc964ff'")]
    [InlineData("BracedGuid", "'6f9619ff-8b86-d011-b42d-00cf4fc964ff'", "'6f9619ff-8b86-d011-b42d-00cf4fc964ff'")]
    [InlineData("Midnight", "'2024-01-02 00:00:00'", "'2024-01-02 00:00:00'")]
    [InlineData("IsoMinutes", "'2024-01-02 03:04:00'", "'2024-01-02 03:04:00'")]
    [InlineData("Fraction", "'2024-01-02 03:04:05.12'", "'2024-01-02 03:04:05.12'")]
    [InlineData("WithOffset", "'2024-01-02 01:04:05'", "'2024-01-02 01:04:05+00'")]
    [InlineData("Utc", "'2024-01-02 03:04:05'", "'2024-01-02 03:04:05+00'")]
    [InlineData("NoSuffix", "'2024-01-02 03:04:05'", "'2024-01-02 03:04:05+00'")]
    [InlineData("Day", "'2024-01-02'", "'2024-01-02'")]
    [InlineData("Time", "'07:30:00'", "'07:30:00'")]
    [InlineData("LargeUnsigned", "-1", "18446744073709551615")]
    [InlineData("HugeEnum", "-1", "18446744073709551615")]
    [InlineData("Cold", "-9e999", "'-Infinity'")]
    [InlineData("Top", "255", "255")]
    public void DefaultLiteral_StoredInTheBoundForm(string column, string sqlite, string postgres)
    {
        ColumnSpec spec = Table.Columns.Single(c => c.ColumnName == column);
        Assert.Equal(sqlite, SqliteDialect.Instance.DefaultLiteral(spec));
        Assert.Equal(postgres, PostgresDialect.Instance.DefaultLiteral(spec));
    }
}
