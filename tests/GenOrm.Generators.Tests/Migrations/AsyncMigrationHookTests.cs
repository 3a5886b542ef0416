using System.Reflection;
using GenOrm.Generators.Tests.Helpers;
using GenOrm.Migrations;
using GenOrm.Testing;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Postgres;
using Microsoft.CodeAnalysis;

namespace GenOrm.Generators.Tests.Migrations;

/// <summary>
/// An asynchronous <c>[Migration]</c> hook (<c>static async Task X(Connection, CancellationToken)</c>), compiled with its
/// recorded v1 for a project that references GenOrm.Npgsql, run by the generated <c>Schema.MigrateAsync</c> on a SQLite
/// file and on the throwaway PostgreSQL server: its awaited calls go on on new threads inside the step's transaction,
/// and every way it can end (filled, thrown, committed, cancelled) leaves v2 whole or v1 untouched.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AsyncMigrationHookTests(PostgresFixture fixture) : IDisposable
{
    private const string V1 = """
        using GenOrm;
        namespace Club;
        [Table("member")] public partial class Member
        {
            [PrimaryKey] public long Id { get; set; }
            public string Name { get; set; } = "";
        }
        """;

    /// <summary>v2 adds Nick; the hook fills it row by row, resuming on a new thread before every statement.</summary>
    private const string V2 = """
        using System.Threading;
        using System.Threading.Tasks;
        using GenOrm;
        namespace Club;
        [Table("member")] public partial class Member
        {
            [PrimaryKey] public long Id { get; set; }
            public string Name { get; set; } = "";
            public string? Nick { get; set; }
        }
        public static class Hooks
        {
            public static string Mode = "fill";
            public static CancellationToken SeenToken;
            public static TaskCompletionSource Waiting = new();

            [Migration(From = 1)]
            public static async Task FillNicksAsync(Connection connection, CancellationToken cancellationToken)
            {
                SeenToken = cancellationToken;
                foreach (Member member in await Member.GetAllAsync(connection, cancellationToken))
                {
                    await OtherThread.Next;
                    member.Nick = member.Name.ToLowerInvariant() + "#" + member.Id;
                    await Member.UpdateAsync(connection, member, cancellationToken);
                    if (Mode == "throw" && member.Id == 2)
                    {
                        throw new System.InvalidOperationException("the hook failed after two rows");
                    }
                }

                await OtherThread.Next;
                if (Mode == "commit")
                {
                    connection.Commit();
                }

                if (Mode == "orphan")
                {
                    // Not awaited: the call waits for a lock another session holds, and the hook returns meanwhile.
                    _ = connection.ExecuteAsync(Sql.Text("SELECT pg_advisory_xact_lock(42)"), cancellationToken);
                }

                if (Mode == "wait")
                {
                    Waiting.SetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
        }

        /// <summary>Awaiting it always goes on on a new thread, so the hook's next call never runs where the last one did.</summary>
        public sealed class OtherThread : System.Runtime.CompilerServices.INotifyCompletion
        {
            public static OtherThread Next => new();
            public OtherThread GetAwaiter() => this;
            public bool IsCompleted => false;
            public void GetResult() { }
            public void OnCompleted(System.Action continuation) => new Thread(() => continuation()) { IsBackground = true }.Start();
        }
        """;

    private const string Seeded = "[(1, 'Ann'), (2, 'Bob'), (3, 'Cé')]";

    private static readonly Lazy<Type> Schema = new(() =>
    {
        GeneratorOutput v1 = MigrationHarness.CompileForPostgres([], V1);
        return MigrationHarness.LoadSchema(MigrationHarness.CompileForPostgres([MigrationHarness.Record(v1)], V2));
    });

    private readonly TempDirectory _directory = new();

    /// <summary>SQLite, and PostgreSQL unless its tests are skipped on this machine (see <see cref="PostgresTests"/>).</summary>
    public static TheoryData<string> Databases()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (PostgresTests.SkipReason is null)
        {
            data.Add("postgresql");
        }

        return data;
    }

    public void Dispose()
    {
        SetHook("Mode", "fill");
        SetHook("Waiting", new TaskCompletionSource());
        _directory.Dispose();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task MigrateAsync_AwaitsTheHook_WhoseCallsGoOnOnOtherThreads_InsideTheStep(string database)
    {
        using Engine engine = CreateEngine(database);
        using Connection connection = engine.Connect();
        SeedV1(connection);
        using var cancellation = new CancellationTokenSource();

        await MigrateAsync(connection, cancellation.Token);

        Assert.Equal(2, Version(connection));
        Assert.Equal("[(1, 'Ann', 'ann#1'), (2, 'Bob', 'bob#2'), (3, 'Cé', 'cé#3')]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Name\", \"Nick\" FROM \"member\" ORDER BY \"Id\""));
        Assert.Equal(cancellation.Token, (CancellationToken)HookField("SeenToken").GetValue(null)!);
        Assert.False(connection.InTransaction);

        await MigrateAsync(connection, CancellationToken.None);
        Assert.Equal("[(1, 'Ann', 'ann#1'), (2, 'Bob', 'bob#2'), (3, 'Cé', 'cé#3')]", MigrationHarness.Rows(connection, "SELECT \"Id\", \"Name\", \"Nick\" FROM \"member\" ORDER BY \"Id\""));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Migrate_WithAnAsyncHookInTheSteps_RefusesBeforeItChangesAnything(string database)
    {
        using Engine engine = CreateEngine(database);
        using Connection connection = engine.Connect();
        SeedV1(connection);

        var exception = Assert.Throws<InvalidOperationException>(() => MigrationHarness.Migrate(Schema.Value, connection));

        Assert.Equal(
            "The migration step from schema v1 to v2 has the asynchronous [Migration] hook 'Club.Hooks.FillNicksAsync', which Migrate cannot await: call MigrateAsync instead. Nothing was migrated.",
            exception.Message);
        AssertStillV1(connection);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AHookThatThrowsAfterItsUpdates_RollsTheStepBackWhole(string database)
    {
        using Engine engine = CreateEngine(database);
        using Connection connection = engine.Connect();
        SeedV1(connection);
        SetHook("Mode", "throw");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrateAsync(connection, CancellationToken.None));

        Assert.Equal("the hook failed after two rows", exception.Message);
        AssertStillV1(connection);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AHookThatCommits_IsRefused_AndTheStepIsRolledBackWhole(string database)
    {
        using Engine engine = CreateEngine(database);
        using Connection connection = engine.Connect();
        SeedV1(connection);
        SetHook("Mode", "commit");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrateAsync(connection, CancellationToken.None));

        Assert.Equal(
            "Commit() was called inside a [Migration] hook of the step to schema v2. The hook runs inside the step's transaction, which the migrator commits once the whole step has run: remove the Commit() call from the hook.",
            exception.Message);
        AssertStillV1(connection);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task WhileTheHookWaits_OtherCodeIsRefusedTheConnection_AndCancellingCancelsTheHook_RollingTheStepBackWhole(string database)
    {
        using Engine engine = CreateEngine(database);
        using Connection connection = engine.Connect();
        SeedV1(connection);
        SetHook("Mode", "wait");
        using var cancellation = new CancellationTokenSource();

        Task migrate = MigrateAsync(connection, cancellation.Token);
        Task waiting = ((TaskCompletionSource)HookField("Waiting").GetValue(null)!).Task;

        // A migration that fails before the hook waits ends the test with its own error instead of hanging it.
        if (await Task.WhenAny(waiting, migrate) == migrate)
        {
            await migrate;
        }

        Assert.False(migrate.IsCompleted);

        // Lent to the hook's flow only: this thread, outside it, may not slip a statement into the step meanwhile.
        var inUse = Assert.Throws<InvalidOperationException>(() => connection.Execute(global::GenOrm.Sql.Text("SELECT 1")));
        Assert.StartsWith("The connection is being used by another thread.", inUse.Message, StringComparison.Ordinal);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migrate);
        AssertStillV1(connection);
        SetHook("Mode", "fill");
        await MigrateAsync(connection, CancellationToken.None);
        Assert.Equal(2, Version(connection));
    }

    [PostgresFact]
    public async Task AHookThatReturnsWhileItsCallStillRuns_FailsTheStep_OnlyOnceThatCallHasEnded()
    {
        using Engine engine = CreateEngine("postgresql");
        using Connection connection = engine.Connect();
        SeedV1(connection);
        SetHook("Mode", "orphan");
        using var holder = new LockHolder(engine, "SELECT pg_advisory_xact_lock(42)");

        Task migrate = MigrateAsync(connection, CancellationToken.None);

        // The hook has returned; the migration waits for the call it left running instead of rolling back over it.
        holder.WaitForWaiter("SELECT pg_advisory_xact_lock(42)", migrate);
        Assert.False(migrate.IsCompleted);
        holder.Release();
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => migrate);

        Assert.Equal(
            "The asynchronous [Migration] hook 'Club.Hooks.FillNicksAsync' of the step to schema v2 returned while a call it started on the connection was still running: await every call the hook makes. The migration waited for that call to end, then rolled the step back whole.",
            exception.Message);
        AssertStillV1(connection);
    }

    [Fact]
    public void GeneratedMigrate_IsObsoleteAsAnError_SoACallFailsTheBuildWhereItIsWritten()
    {
        GeneratorOutput v1 = MigrationHarness.Compile([], V1);
        const string caller = """
            namespace Club;
            public static class Startup
            {
                public static void Run(GenOrm.Connection connection) => GenOrm.Generated.Schema.Migrate(connection);
                public static System.Threading.Tasks.Task RunAsync(GenOrm.Connection connection) => GenOrm.Generated.Schema.MigrateAsync(connection);
            }
            """;

        GeneratorOutput output = MigrationHarness.Compile([MigrationHarness.Record(v1)], V2, caller);

        MigrationHarness.AssertNoErrors(output);
        Diagnostic error = Assert.Single(output.OutputCompilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0619", error.Id);
        Assert.Equal(
            "'Schema.Migrate(Connection)' is obsolete: 'The migration step from schema v1 to v2 has the asynchronous [Migration] hook 'Club.Hooks.FillNicksAsync', which Migrate cannot await: call MigrateAsync instead.'",
            error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("/src/File1.cs", error.Location.SourceTree!.FilePath);
        Assert.Equal(caller.IndexOf("GenOrm.Generated.Schema.Migrate(", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Equal("GenOrm.Generated.Schema.Migrate(connection)", caller.Substring(error.Location.SourceSpan.Start, error.Location.SourceSpan.Length));
        Assert.Contains(
            "new global::GenOrm.Migrations.MigrationHook[] { new global::GenOrm.Migrations.MigrationHook(\"Club.Hooks.FillNicksAsync\", global::Club.Hooks.FillNicksAsync) }",
            output.Source("GenOrm.Schema.g.cs"),
            StringComparison.Ordinal);
        Assert.True(MigrationHarness.Steps(Schema.Value)[0].Hooks.Single().IsAsync);
    }

    [Fact]
    public void WithOnlySynchronousHooks_MigrateIsNotObsolete()
    {
        GeneratorOutput v1 = MigrationHarness.Compile([], V1);
        string synchronous = V2.Replace(
            "public static async Task FillNicksAsync(Connection connection, CancellationToken cancellationToken)\n    {",
            "public static void FillNicks(Connection connection) { }\n    public static async Task Unused(Connection connection, CancellationToken cancellationToken)\n    {",
            StringComparison.Ordinal);
        Assert.NotEqual(V2, synchronous);

        GeneratorOutput output = MigrationHarness.Compile([MigrationHarness.Record(v1)], synchronous);

        MigrationHarness.AssertNoErrors(output);
        output.AssertCompilesCleanly();
        Assert.DoesNotContain("global::System.Obsolete", output.Source("GenOrm.Schema.g.cs"), StringComparison.Ordinal);
    }

    private Engine CreateEngine(string database)
    {
        return Engine.Create(database == "postgresql" ? fixture.CreateDatabase().Url : _directory.SqliteUrl("club.db"));
    }

    private static void SeedV1(Connection connection)
    {
        SchemaModel v1 = ((IReadOnlyList<SchemaModel>)Schema.Value.GetProperty("History")!.GetValue(null)!)[0];
        Migrator.Migrate(connection, v1, [v1], []);
        connection.Execute(global::GenOrm.Sql.Text("INSERT INTO \"member\" (\"Id\", \"Name\") VALUES (1, 'Ann'), (2, 'Bob'), (3, 'Cé')"));
        connection.Commit();
    }

    private static Task MigrateAsync(Connection connection, CancellationToken cancellationToken) =>
        (Task)Schema.Value.GetMethod("MigrateAsync")!.Invoke(null, [connection, cancellationToken])!;

    private static void AssertStillV1(Connection connection)
    {
        Assert.False(connection.InTransaction);
        Assert.Equal(1, Version(connection));
        Assert.Equal(Seeded, MigrationHarness.Rows(connection, "SELECT * FROM \"member\" ORDER BY \"Id\""));
    }

    private static FieldInfo HookField(string name) => Schema.Value.Assembly.GetType("Club.Hooks", throwOnError: true)!.GetField(name)!;

    private static void SetHook(string name, object value) => HookField(name).SetValue(null, value);

    private static int Version(Connection connection)
    {
        string sql = connection.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection
            ? "PRAGMA user_version"
            : "SELECT \"version\" FROM \"genorm_schema_version\"";
        int version = checked((int)connection.Execute(global::GenOrm.Sql.Text(sql)).Scalar<long>());
        connection.Rollback();
        return version;
    }
}
