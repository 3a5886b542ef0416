using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Emitting;

/// <summary>
/// The generated file of one table, compared with its snapshot. Each test first asserts that the generator reported
/// nothing, then the snapshot, then that the output compiles against the runtime with no error or warning.
/// </summary>
public sealed class TableSnapshotTests
{
    /// <summary>A table with a column of every supported type, nullable and not; the PostgreSQL snapshots use it too.</summary>
    internal const string AllTypesSource = """
        using System;
        using GenOrm;

        namespace Types;

        public enum Status { Active, Closed }
        public enum Flag : byte { None, Set }
        public enum Big : ulong { Small = 1, Huge = ulong.MaxValue }

        [Table]
        public partial class AllTypes
        {
            [PrimaryKey] public int Id { get; set; }
            public bool Bool { get; set; }
            public sbyte SByte { get; set; }
            public byte Byte { get; set; }
            public short Short { get; set; }
            public ushort UShort { get; set; }
            public int Int { get; set; }
            public uint UInt { get; set; }
            public long Long { get; set; }
            public ulong ULong { get; set; }
            public float Float { get; set; }
            public double Double { get; set; }
            public decimal Decimal { get; set; }
            public string String { get; set; } = "";
            public DateTime DateTime { get; set; }
            public DateTimeOffset DateTimeOffset { get; set; }
            public DateOnly DateOnly { get; set; }
            public TimeOnly TimeOnly { get; set; }
            public TimeSpan TimeSpan { get; set; }
            public Guid Guid { get; set; }
            public byte[] Bytes { get; set; } = [];
            public Status Status { get; set; }
            public Flag Flag { get; set; }
            public Big Big { get; set; }
            public bool? NullableBool { get; set; }
            public sbyte? NullableSByte { get; set; }
            public byte? NullableByte { get; set; }
            public short? NullableShort { get; set; }
            public ushort? NullableUShort { get; set; }
            public int? NullableInt { get; set; }
            public uint? NullableUInt { get; set; }
            public long? NullableLong { get; set; }
            public ulong? NullableULong { get; set; }
            public float? NullableFloat { get; set; }
            public double? NullableDouble { get; set; }
            public decimal? NullableDecimal { get; set; }
            public string? NullableString { get; set; }
            public DateTime? NullableDateTime { get; set; }
            public DateTimeOffset? NullableDateTimeOffset { get; set; }
            public DateOnly? NullableDateOnly { get; set; }
            public TimeOnly? NullableTimeOnly { get; set; }
            public TimeSpan? NullableTimeSpan { get; set; }
            public Guid? NullableGuid { get; set; }
            public byte[]? NullableBytes { get; set; }
            public Status? NullableStatus { get; set; }
            public Flag? NullableFlag { get; set; }
            public Big? NullableBig { get; set; }
        }
        """;

    [Fact]
    public void QuickstartUser_CompositeKeyWithIndex()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;

            namespace Quickstart;

            [Table("user")]
            public partial class User
            {
                [PrimaryKey] public long Id { get; set; }
                [MaxLength(100)] public string Name { get; set; } = "";
                [PrimaryKey, MaxLength(100)] public string Email { get; set; } = "";
                [MaxLength(100), Index] public string Login { get; set; } = "";
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Quickstart.User.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void EverySupportedType_NonNullableAndNullable()
    {
        GeneratorOutput output = TestCompilation.Run(AllTypesSource);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Types.AllTypes.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void AutoIncrementKey_InsertReturnsTheKey()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;

            namespace Shop;

            [Table("product")]
            public partial class Product
            {
                [PrimaryKey, AutoIncrement] public int Id { get; set; }
                [Unique, MaxLength(40)] public string Sku { get; set; } = "";
                public double? Price { get; set; }
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Shop.Product.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void ColumnRenames_KeywordQuoteAndSpace()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;

            namespace Shop;

            [Table("order")]
            public partial class Order
            {
                [PrimaryKey, Column("order")] public long Number { get; set; }
                [Column("a\"b"), Index("ix \"quoted\"")] public string Quoted { get; set; } = "";
                [Column("first name"), Unique] public string? FirstName { get; set; }
                [Column("select")] public int @class { get; set; }
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Shop.Order.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void GlobalNamespace_NoNamespaceBlock()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;

            [Table]
            public partial class Note
            {
                [PrimaryKey] public System.Guid Id { get; init; }
                public string Text { get; private set; } = "";
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Note.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void NestedClass_ContainingTypesRedeclared()
    {
        GeneratorOutput output = TestCompilation.Run("""
            using GenOrm;

            namespace App.Data;

            public static partial class Storage
            {
                internal partial record struct Tables
                {
                    [Table("audit")]
                    internal sealed partial class AuditEntry
                    {
                        private AuditEntry()
                        {
                        }

                        [PrimaryKey] public long Id { get; set; }
                        public string Action { get; set; } = "";
                    }
                }
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("App.Data.Storage.Tables.AuditEntry.GenOrm.g.cs"));
        output.AssertCompilesCleanly();
    }
}
