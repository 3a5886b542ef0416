using GenOrm.Generators.Tests.Helpers;

namespace GenOrm.Generators.Tests.Queries;

/// <summary>
/// The generated body of <c>[Query]</c> methods, compared with snapshots: the generator reports nothing, the snapshot
/// matches, and the output compiles against the runtime with no error or warning.
/// </summary>
public sealed class QueryMethodSnapshotTests
{
    internal const string Music = """
        using GenOrm;

        namespace Music;

        [Table]
        public partial class Artist
        {
            [PrimaryKey, AutoIncrement] public long ArtistId { get; set; }
            public string Name { get; set; } = "";
        }

        [Table]
        public partial class Album
        {
            [PrimaryKey, AutoIncrement] public long AlbumId { get; set; }
            public string Title { get; set; } = "";
            public long ArtistId { get; set; }
        }

        [Table]
        public partial class Track
        {
            [PrimaryKey, AutoIncrement] public long TrackId { get; set; }
            public string Name { get; set; } = "";
            public long AlbumId { get; set; }
            public string? Composer { get; set; }
            public int Milliseconds { get; set; }
        }
        """;

    [Fact]
    public void ReportIntoRecord_JoinGroupByLimit()
    {
        GeneratorOutput output = TestCompilation.Run(Music, """"
            using System.Collections.Generic;
            using GenOrm;

            namespace Music;

            public static partial class Reports
            {
                [Query("""
                    select ar.Name as Artist, count(*) as Albums, max(al.Title) as LastTitle
                    from Artist ar join Album al on al.ArtistId = ar.ArtistId
                    where ar.Name like :prefix
                    group by ar.Name order by Albums desc limit :top
                    """)]
                public static partial List<ArtistAlbums> TopArtists(Connection connection, string prefix, int top);
            }

            public sealed record ArtistAlbums(string Artist, long Albums, string? LastTitle);
            """");

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Music.Reports.TopArtists.Query.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void EveryShape_SyncAndAsync()
    {
        GeneratorOutput output = TestCompilation.Run(Music, """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using GenOrm;

            namespace Music;

            public static partial class Shapes
            {
                [Query("select * from Track where AlbumId = :albumId order by TrackId")]
                public static partial IEnumerable<Track> TracksOf(Connection connection, long albumId);

                [Query("select * from Track where AlbumId = @albumId order by TrackId")]
                public static partial IAsyncEnumerable<Track> TracksOfAsync(Connection connection, long albumId, CancellationToken cancellationToken);

                [Query("select Name, Milliseconds from Track where TrackId = $id")]
                public static partial (string Name, int Milliseconds)? Find(Connection connection, long id);

                [Query("select count(*) from Track")]
                public static partial Task<long> CountAsync(Connection connection, CancellationToken cancellationToken = default);

                [Query("update Track set Composer = :composer where TrackId = :id")]
                public static partial int SetComposer(Connection connection, long id, string? composer);

                [Query("select Name from Artist where ArtistId = :id")]
                public static partial Task<string?> NameAsync(Connection connection, long id, CancellationToken cancellationToken);
            }
            """);

        output.AssertNoDiagnostics();
        foreach (string method in new[] { "TracksOf", "TracksOfAsync", "Find", "CountAsync", "SetComposer", "NameAsync" })
        {
            Snapshot.Verify(output.Source($"Music.Shapes.{method}.Query.g.cs"), testName: nameof(EveryShape_SyncAndAsync) + "_" + method);
        }

        output.AssertCompilesCleanly();
    }

    [Fact]
    public void VerifyFalse_MapsColumnsByNameAtRunTime()
    {
        GeneratorOutput output = TestCompilation.Run(Music, """
            using System.Collections.Generic;
            using GenOrm;

            namespace Music;

            public static partial class Unchecked
            {
                [Query("select Name, TrackId as Id from Track where Name match :term", Verify = false)]
                public static partial List<Hit> Search(Connection connection, string term);
            }

            public sealed class Hit
            {
                public long Id { get; init; }
                public required string Name { get; init; }
            }
            """);

        output.AssertNoDiagnostics();
        Snapshot.Verify(output.Source("Music.Unchecked.Search.Query.g.cs"));
        output.AssertCompilesCleanly();
    }

    [Fact]
    public void GeneratorBenchmarkQueryShape_ChecksClean()
    {
        // The [Query] of benchmarks/GenOrm.Generators.Benchmarks/SyntheticAssembly.cs, whose setup requires no diagnostics.
        const string tables = """
            using System;
            using GenOrm;
            namespace App.Module0;
            [Table("entity000")]
            public partial class Entity000
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [MaxLength(100)] public string Name { get; set; } = "";
                [Unique, MaxLength(200)] public string Email { get; set; } = "";
                [Index] public int Rank { get; set; }
                public decimal Balance { get; set; }
                public bool IsActive { get; set; }
            }
            [Table("entity001")]
            public partial class Entity001
            {
                [PrimaryKey, AutoIncrement] public long Id { get; set; }
                [Index] public int Rank { get; set; }
                public decimal Balance { get; set; }
            }
            """;
        GeneratorOutput output = TestCompilation.Run(tables, """"
            using System.Collections.Generic;
            using GenOrm;
            namespace App.Module0;
            public static partial class Queries000
            {
                [Query("""
                    select e.Name, e.Email, count(*) as Total, max(f.Balance) as TopBalance
                    from entity000 e join entity001 f on f.Rank = e.Rank
                    where e.IsActive = :active and e.Name like :prefix
                    group by e.Name, e.Email
                    order by Total desc
                    limit :top
                    """)]
                public static partial List<Queries000Row> Top(Connection connection, bool active, string prefix, int top);
            }
            public sealed record Queries000Row(string Name, string Email, long Total, decimal? TopBalance);
            """");

        output.AssertNoDiagnostics();
        output.AssertCompilesCleanly();
    }
}
