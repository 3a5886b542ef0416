namespace GenOrm.Benchmarks.Model;

/// <summary>The same row as a plain class: hand-written ADO.NET, SQLitePCL.raw, Dapper, Dapper.AOT and EF Core map onto it.</summary>
public sealed class UserRow
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Login { get; set; } = "";
}

/// <summary>The same row as sqlite-net-pcl wants it (its own attributes).</summary>
[SQLite.Table("user")]
public sealed class SqliteNetUser
{
    [SQLite.PrimaryKey, SQLite.AutoIncrement] public long Id { get; set; }
    [SQLite.MaxLength(100)] public string Name { get; set; } = "";
    [SQLite.Unique, SQLite.MaxLength(100)] public string Email { get; set; } = "";
    [SQLite.MaxLength(100)] public string Login { get; set; } = "";
}
