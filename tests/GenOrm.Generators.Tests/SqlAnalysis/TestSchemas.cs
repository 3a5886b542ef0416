using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Sql.Analysis;
using GenOrm.Generators.Tests.Helpers;
using Microsoft.Data.Sqlite;

namespace GenOrm.Generators.Tests.SqlChecker;

/// <summary>
/// The two schemas the checker is tested on, declared as [Table] classes and parsed by the real generator: the seed's
/// <c>user</c> table and the Chinook music store.
/// </summary>
internal static class TestSchemas
{
    public const string UserSource = """
        using GenOrm;
        namespace Seed;

        [Table("user")]
        public partial class User
        {
            [PrimaryKey, Column("id")] public long Id { get; set; }
            [MaxLength(100), Column("name")] public required string Name { get; set; }
            [PrimaryKey, MaxLength(100), Column("email")] public required string Email { get; set; }
            [MaxLength(100), Column("login")] public required string Login { get; set; }
        }
        """;

    public const string ChinookSource = """
        using System;
        using GenOrm;
        namespace Chinook;

        [Table] public partial class Artist
        {
            [PrimaryKey, AutoIncrement] public long ArtistId { get; set; }
            public string? Name { get; set; }
        }

        [Table] public partial class Album
        {
            [PrimaryKey, AutoIncrement] public long AlbumId { get; set; }
            public required string Title { get; set; }
            [ForeignKey(typeof(Artist))] public long ArtistId { get; set; }
        }

        [Table] public partial class Genre
        {
            [PrimaryKey, AutoIncrement] public long GenreId { get; set; }
            public string? Name { get; set; }
        }

        [Table] public partial class MediaType
        {
            [PrimaryKey, AutoIncrement] public long MediaTypeId { get; set; }
            public string? Name { get; set; }
        }

        [Table] public partial class Track
        {
            [PrimaryKey, AutoIncrement] public long TrackId { get; set; }
            public required string Name { get; set; }
            [ForeignKey(typeof(Album))] public long? AlbumId { get; set; }
            [ForeignKey(typeof(MediaType))] public long MediaTypeId { get; set; }
            [ForeignKey(typeof(Genre))] public long? GenreId { get; set; }
            public string? Composer { get; set; }
            public int Milliseconds { get; set; }
            public long? Bytes { get; set; }
            public double UnitPrice { get; set; }
        }

        [Table] public partial class Playlist
        {
            [PrimaryKey, AutoIncrement] public long PlaylistId { get; set; }
            public string? Name { get; set; }
        }

        [Table] public partial class PlaylistTrack
        {
            [PrimaryKey, ForeignKey(typeof(Playlist))] public long PlaylistId { get; set; }
            [PrimaryKey, ForeignKey(typeof(Track))] public long TrackId { get; set; }
        }

        [Table] public partial class Employee
        {
            [PrimaryKey, AutoIncrement] public long EmployeeId { get; set; }
            public required string LastName { get; set; }
            public required string FirstName { get; set; }
            public string? Title { get; set; }
            [ForeignKey(typeof(Employee))] public long? ReportsTo { get; set; }
            public DateTime? BirthDate { get; set; }
            public DateTime? HireDate { get; set; }
            public string? City { get; set; }
            public string? Country { get; set; }
            public string? Email { get; set; }
        }

        [Table] public partial class Customer
        {
            [PrimaryKey, AutoIncrement] public long CustomerId { get; set; }
            public required string FirstName { get; set; }
            public required string LastName { get; set; }
            public string? Company { get; set; }
            public string? City { get; set; }
            public string? Country { get; set; }
            [Default("")] public string Phone { get; set; } = "";
            [Unique] public required string Email { get; set; }
            [ForeignKey(typeof(Employee))] public long? SupportRepId { get; set; }
        }

        [Table] public partial class Invoice
        {
            [PrimaryKey, AutoIncrement] public long InvoiceId { get; set; }
            [ForeignKey(typeof(Customer))] public long CustomerId { get; set; }
            public DateTime InvoiceDate { get; set; }
            public string? BillingCity { get; set; }
            public string? BillingCountry { get; set; }
            public decimal Total { get; set; }
        }

        [Table] public partial class InvoiceLine
        {
            [PrimaryKey, AutoIncrement] public long InvoiceLineId { get; set; }
            [ForeignKey(typeof(Invoice))] public long InvoiceId { get; set; }
            [ForeignKey(typeof(Track))] public long TrackId { get; set; }
            public double UnitPrice { get; set; }
            public int Quantity { get; set; }
        }
        """;

    private static readonly Lazy<IReadOnlyList<TableSpec>> UserTables = new(() => Parse(UserSource));
    private static readonly Lazy<IReadOnlyList<TableSpec>> ChinookTables = new(() => Parse(ChinookSource));

    /// <summary>Gets the table specs of a schema by its corpus tag: <c>user</c> or <c>chinook</c>.</summary>
    public static IReadOnlyList<TableSpec> Tables(string schema) => schema switch
    {
        "user" => UserTables.Value,
        "chinook" => ChinookTables.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(schema), schema, "Unknown schema tag."),
    };

    public static SqlCatalog Catalog(string schema) => SqlCatalog.From(Tables(schema));

    /// <summary>Opens an in-memory SQLite database with the schema, created from the generator's own DDL, DQS off.</summary>
    public static SqliteConnection Open(string schema)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        SQLitePCL.sqlite3 db = connection.Handle!;
        // SQLITE_DBCONFIG_DQS_DML (1013) and SQLITE_DBCONFIG_DQS_DDL (1014) off: "x" is always an identifier.
        Check(SQLitePCL.raw.sqlite3_db_config(db, 1013, 0, out _), db);
        Check(SQLitePCL.raw.sqlite3_db_config(db, 1014, 0, out _), db);
        foreach (TableSpec table in Tables(schema))
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = SqliteDialect.Instance.CreateTable(table);
            command.ExecuteNonQuery();
        }

        return connection;
    }

    private static void Check(int rc, SQLitePCL.sqlite3 db)
    {
        if (rc != SQLitePCL.raw.SQLITE_OK)
        {
            throw new InvalidOperationException("sqlite3_db_config failed: " + SQLitePCL.raw.sqlite3_errmsg(db).utf8_to_string());
        }
    }

    internal static IReadOnlyList<TableSpec> Parse(string source)
    {
        GeneratorOutput output = TestCompilation.Run(source);
        output.AssertNoDiagnostics();
        return output.RunResult.Results.Single().TrackedSteps[TrackingNames.Spec]
            .SelectMany(step => step.Outputs)
            .Select(o => (TableSpec)o.Value)
            .ToList();
    }
}
