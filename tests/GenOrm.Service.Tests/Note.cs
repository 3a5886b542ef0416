using GenOrm;

namespace GenOrm.Service.Tests;

[Table("notes")]
public partial class Note
{
    [PrimaryKey, AutoIncrement]
    public long Id { get; set; }

    public string Text { get; set; } = "";
}
