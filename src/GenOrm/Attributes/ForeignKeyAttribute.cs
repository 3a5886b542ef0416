using System;

namespace GenOrm;

/// <summary>What happens to the rows that refer to a row being deleted.</summary>
public enum OnDelete
{
    /// <summary>The delete fails while rows still refer to the row (<c>ON DELETE NO ACTION</c>, checked at the statement's end). The default.</summary>
    NoAction,

    /// <summary>The delete fails at once while rows still refer to the row (<c>ON DELETE RESTRICT</c>).</summary>
    Restrict,

    /// <summary>The referring rows are deleted too (<c>ON DELETE CASCADE</c>).</summary>
    Cascade,

    /// <summary>The referring rows' column is set to NULL (<c>ON DELETE SET NULL</c>); the property must be nullable.</summary>
    SetNull,
}

/// <summary>
/// Declares that this property refers to a row of another <see cref="TableAttribute"/> class
/// (<c>FOREIGN KEY ... REFERENCES</c>). The generator adds navigation helpers in both directions: on this class
/// <c>Get{Navigation}(connection)</c> loads the referenced row; on the referenced class, an extension
/// <c>Get{ThisClass}s(connection)</c> loads the referring rows, and the same extension on a sequence of referenced
/// rows loads the children of all of them in one query per 500 parents.
/// </summary>
/// <example>
/// <code>
/// [ForeignKey(typeof(User), OnDelete = OnDelete.Cascade)]
/// public long AuthorId { get; set; }   // post.GetAuthor(conn); user.GetPosts(conn); users.GetPosts(conn)
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ForeignKeyAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="ForeignKeyAttribute"/> class.</summary>
    /// <param name="table">The referenced <see cref="TableAttribute"/> class.</param>
    public ForeignKeyAttribute(Type table) => Table = table;

    /// <summary>Gets the referenced <see cref="TableAttribute"/> class.</summary>
    public Type Table { get; }

    /// <summary>
    /// Gets or sets the name of the referenced property. When <see langword="null"/> (the default), the referenced
    /// class's single-column primary key; a class with a composite key needs the property named.
    /// </summary>
    public string? Column { get; set; }

    /// <summary>Gets or sets what happens to this row when the referenced row is deleted. The default is <see cref="GenOrm.OnDelete.NoAction"/>.</summary>
    public OnDelete OnDelete { get; set; }

    /// <summary>
    /// Gets or sets the name of the navigation: <c>Get{Navigation}</c>. When <see langword="null"/>, the property's
    /// name without a trailing <c>Id</c> (<c>AuthorId</c> → <c>GetAuthor</c>), or the referenced class's name.
    /// </summary>
    public string? Navigation { get; set; }
}
