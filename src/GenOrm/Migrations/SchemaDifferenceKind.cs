namespace GenOrm.Migrations;

/// <summary>What a <see cref="SchemaDifference"/> found to differ between a live database and a <see cref="SchemaModel"/>.</summary>
public enum SchemaDifferenceKind
{
    /// <summary>The model has a table the database lacks.</summary>
    MissingTable,

    /// <summary>The database has a table the model lacks.</summary>
    ExtraTable,

    /// <summary>The model has a column the database's table lacks.</summary>
    MissingColumn,

    /// <summary>The database's table has a column the model lacks.</summary>
    ExtraColumn,

    /// <summary>The column's declared SQL type differs.</summary>
    TypeDiffers,

    /// <summary>One side accepts <c>NULL</c> in the column and the other does not.</summary>
    NullabilityDiffers,

    /// <summary>The column's <c>DEFAULT</c> expression differs.</summary>
    DefaultDiffers,

    /// <summary>The table's primary key has other columns, or another order.</summary>
    PrimaryKeyDiffers,

    /// <summary>One side declares the column <c>UNIQUE</c> and the other does not.</summary>
    UniqueDiffers,

    /// <summary>The column's maximum length (its <c>CHECK (length(...) &lt;= n)</c>) differs.</summary>
    MaxLengthDiffers,

    /// <summary>One side declares the key <c>AUTOINCREMENT</c> and the other does not.</summary>
    AutoIncrementDiffers,

    /// <summary>The model has an index the database lacks.</summary>
    MissingIndex,

    /// <summary>The database has an index the model lacks.</summary>
    ExtraIndex,

    /// <summary>An index of that name exists on both sides with other columns or another uniqueness.</summary>
    IndexDiffers,

    /// <summary>The model has a foreign key the database's table lacks.</summary>
    MissingForeignKey,

    /// <summary>The database's table has a foreign key the model lacks.</summary>
    ExtraForeignKey,

    /// <summary>A foreign key of that column exists on both sides with another target or <c>ON DELETE</c> action.</summary>
    ForeignKeyDiffers,

    /// <summary>
    /// The table's <c>CREATE TABLE</c> text differs in something the other kinds do not cover (for example
    /// <c>STRICT</c>, a <c>CHECK</c> constraint, or the column order).
    /// </summary>
    DefinitionDiffers,
}
