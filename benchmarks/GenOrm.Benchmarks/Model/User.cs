using GenOrm;

namespace GenOrm.Benchmarks.Model;

/// <summary>The seed's user table as a GenOrm entity: the generator writes GetAll, GetByEmail, InsertMany...</summary>
[Table("user")]
public partial class User
{
    [PrimaryKey, AutoIncrement] public long Id { get; set; }
    [MaxLength(100)] public required string Name { get; set; }
    [Unique, MaxLength(100)] public required string Email { get; set; }
    [MaxLength(100)] public required string Login { get; set; }
}
