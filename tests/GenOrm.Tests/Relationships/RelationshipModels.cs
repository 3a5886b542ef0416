using GenOrm;

namespace GenOrm.Tests.Relationships;

[Table("authors")]
public partial class Author
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [Unique]
    public string Name { get; set; } = "";
}

/// <summary>Deleting an author deletes their posts; a post may have an editor, who can be removed.</summary>
[Table("posts")]
public partial class Post
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    [ForeignKey(typeof(Author), OnDelete = OnDelete.Cascade)]
    public long AuthorId { get; set; }

    [ForeignKey(typeof(Author), OnDelete = OnDelete.SetNull)]
    public long? EditorId { get; set; }

    public string Title { get; set; } = "";
}

/// <summary>Refers to a post by a unique non-key column, with the default NO ACTION.</summary>
[Table("comments")]
public partial class Comment
{
    [PrimaryKey]
    public int Id { get; set; }

    [ForeignKey(typeof(Author), Column = nameof(Author.Name), Navigation = "Writer")]
    public string WriterName { get; set; } = "";

    public string Text { get; set; } = "";
}
