using System.Runtime.CompilerServices;
using GenOrm.Testing;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// Whether the PostgreSQL tests run: they do where PostgreSQL's binaries are found, and always when
/// <c>GENORM_REQUIRE_POSTGRES=1</c> (CI sets it in .ci/run, so that a machine without them fails instead of skipping).
/// </summary>
public static class PostgresTests
{
    public const string RequireVariable = "GENORM_REQUIRE_POSTGRES";

    public const string SkipMessage = PostgresCluster.BinariesNotFound + ": PostgreSQL tests skipped";

    public static bool Required { get; } = Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Gets the one reason every PostgreSQL test is skipped for, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason { get; } = Required || PostgresCluster.FindBinDirectory() is not null ? null : SkipMessage;

    /// <summary>
    /// Registers GenOrm.Npgsql for the whole test process, as the generator's module initializer will in an
    /// application that references it.
    /// </summary>
    [ModuleInitializer]
    internal static void RegisterDriver() => GenOrm.Npgsql.NpgsqlDriver.Register();
}

/// <summary>A test that needs the PostgreSQL server of <see cref="PostgresFixture"/>; see <see cref="PostgresTests"/>.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresTests.SkipReason;
}

/// <summary>A theory that needs the PostgreSQL server of <see cref="PostgresFixture"/>; see <see cref="PostgresTests"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresTests.SkipReason;
}

/// <summary>
/// One PostgreSQL cluster for the whole test run, shared by every class in <see cref="PostgresCollection"/>. It starts
/// when the first test asks for it (a run whose PostgreSQL tests are all skipped starts nothing), and stops when xunit
/// disposes the collection's fixtures; a failed start fails every test that asks, with the same message.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    private readonly Lazy<PostgresCluster> _cluster = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public PostgresCluster Cluster => _cluster.Value;

    /// <summary>A fresh, empty database on the shared cluster.</summary>
    public PostgresDatabase CreateDatabase() => Cluster.CreateDatabase();

    public void Dispose()
    {
        if (_cluster.IsValueCreated)
        {
            _cluster.Value.Dispose();
        }
    }

    private static PostgresCluster Start()
    {
        if (PostgresCluster.FindBinDirectory() is null)
        {
            throw new InvalidOperationException(
                $"{PostgresCluster.BinariesNotFound}, and {PostgresTests.RequireVariable}=1 is set, so the PostgreSQL tests fail instead of being skipped. " +
                "Install PostgreSQL (Debian: apt-get install postgresql) or unset the variable.");
        }

        return PostgresCluster.Start();
    }
}

/// <summary>The collection of every PostgreSQL test class: <c>[Collection(PostgresCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
