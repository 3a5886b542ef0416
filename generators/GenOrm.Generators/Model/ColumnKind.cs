namespace GenOrm.Generators.Model;

/// <summary>The CLR type of a column, which decides how it is stored, written and read.</summary>
internal enum ColumnKind
{
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Decimal,
    String,
    Bytes,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
    Guid,

    /// <summary>An enum; <see cref="ColumnSpec.EnumType"/> holds its type and underlying kind.</summary>
    Enum,
}
