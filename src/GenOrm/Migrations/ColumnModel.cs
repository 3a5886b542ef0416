using System;

namespace GenOrm.Migrations;

/// <summary>
/// One column of a <see cref="TableModel"/>, as the generator knows it: name, SQL and C# types, nullability, default,
/// uniqueness, maximum length and whether it is an <c>AUTOINCREMENT</c> key. Immutable and equal by value.
/// </summary>
/// <remarks>
/// <see cref="SqlType"/> and <see cref="DefaultSql"/> are SQLite's forms, the ones a recorded history file holds.
/// An assembly that references GenOrm.Npgsql also gets <see cref="PostgresType"/> and <see cref="PostgresDefaultSql"/>,
/// the forms GenOrm's PostgreSQL DDL writes, which <c>Schema.Verify</c> and <c>Schema.Migrate</c> compare on PostgreSQL.
/// The generator derives them from the SQLite and C# types; <see cref="SchemaModel.ToJson"/> does not write them.
/// </remarks>
public sealed class ColumnModel : IEquatable<ColumnModel>
{
    /// <summary>Initializes a new instance of the <see cref="ColumnModel"/> class.</summary>
    /// <param name="name">The column's name in the database.</param>
    /// <param name="sqlType">The column's declared type: <c>INTEGER</c>, <c>TEXT</c>, <c>REAL</c>, <c>BLOB</c> or <c>ANY</c>.</param>
    /// <param name="clrType">The C# type of the property, as C# writes it (for example <c>long</c> or <c>string?</c>).</param>
    /// <param name="isNullable">Whether the column accepts <c>NULL</c>.</param>
    /// <param name="defaultSql">The SQL text of the column's <c>DEFAULT</c> expression, or <see langword="null"/> when it has none.</param>
    /// <param name="isUnique">Whether the column is declared <c>UNIQUE</c> on its own.</param>
    /// <param name="maxLength">The greatest number of characters the column accepts (its <c>CHECK (length(...) &lt;= n)</c>), or <see langword="null"/>.</param>
    /// <param name="isAutoIncrement">Whether the column is an <c>INTEGER PRIMARY KEY AUTOINCREMENT</c>.</param>
    /// <param name="postgresType">The column's type in GenOrm's PostgreSQL DDL (for example <c>bigint</c> or <c>varchar(100) COLLATE "C"</c>), or <see langword="null"/> when the model has no PostgreSQL form.</param>
    /// <param name="postgresDefaultSql">The SQL text of the column's <c>DEFAULT</c> in GenOrm's PostgreSQL DDL, or <see langword="null"/> when it has none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="sqlType"/> or <paramref name="clrType"/> is <see langword="null"/>.</exception>
    public ColumnModel(
        string name,
        string sqlType,
        string clrType,
        bool isNullable,
        string? defaultSql = null,
        bool isUnique = false,
        int? maxLength = null,
        bool isAutoIncrement = false,
        string? postgresType = null,
        string? postgresDefaultSql = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(sqlType);
        ArgumentNullException.ThrowIfNull(clrType);
        Name = name;
        SqlType = sqlType;
        ClrType = clrType;
        IsNullable = isNullable;
        DefaultSql = defaultSql;
        IsUnique = isUnique;
        MaxLength = maxLength;
        IsAutoIncrement = isAutoIncrement;
        PostgresType = postgresType;
        PostgresDefaultSql = postgresDefaultSql;
    }

    /// <summary>Gets the column's name in the database.</summary>
    public string Name { get; }

    /// <summary>Gets the column's declared SQL type: <c>INTEGER</c>, <c>TEXT</c>, <c>REAL</c>, <c>BLOB</c> or <c>ANY</c>.</summary>
    public string SqlType { get; }

    /// <summary>Gets the C# type of the property the column maps, as C# writes it (for example <c>long</c> or <c>string?</c>).</summary>
    public string ClrType { get; }

    /// <summary>Gets a value indicating whether the column accepts <c>NULL</c>.</summary>
    public bool IsNullable { get; }

    /// <summary>Gets the SQL text of the column's <c>DEFAULT</c> expression, or <see langword="null"/> when it has none.</summary>
    public string? DefaultSql { get; }

    /// <summary>Gets a value indicating whether the column is declared <c>UNIQUE</c> on its own.</summary>
    public bool IsUnique { get; }

    /// <summary>Gets the greatest number of characters the column accepts, or <see langword="null"/> when it has no limit.</summary>
    public int? MaxLength { get; }

    /// <summary>Gets a value indicating whether the column is an <c>INTEGER PRIMARY KEY AUTOINCREMENT</c>.</summary>
    public bool IsAutoIncrement { get; }

    /// <summary>
    /// Gets the column's type in GenOrm's PostgreSQL DDL (for example <c>bigint</c>, <c>numeric(19, 2)</c> or
    /// <c>varchar(100) COLLATE "C"</c>), or <see langword="null"/> when the model has no PostgreSQL form (its assembly
    /// does not reference GenOrm.Npgsql, or the generator could not derive it for a recorded version).
    /// </summary>
    public string? PostgresType { get; }

    /// <summary>Gets the SQL text of the column's <c>DEFAULT</c> in GenOrm's PostgreSQL DDL (for example <c>true</c>), or <see langword="null"/> when it has none.</summary>
    public string? PostgresDefaultSql { get; }

    /// <inheritdoc/>
    public bool Equals(ColumnModel? other) =>
        other is not null
        && Name == other.Name
        && SqlType == other.SqlType
        && ClrType == other.ClrType
        && IsNullable == other.IsNullable
        && DefaultSql == other.DefaultSql
        && IsUnique == other.IsUnique
        && MaxLength == other.MaxLength
        && IsAutoIncrement == other.IsAutoIncrement
        && PostgresType == other.PostgresType
        && PostgresDefaultSql == other.PostgresDefaultSql;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ColumnModel);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(Name, SqlType, ClrType, IsNullable, DefaultSql, IsUnique, MaxLength, IsAutoIncrement), PostgresType, PostgresDefaultSql);

    /// <summary>Returns the column's name and SQL type, for example <c>Email TEXT</c>.</summary>
    /// <returns>The name and type.</returns>
    public override string ToString() => Name + " " + SqlType;
}
