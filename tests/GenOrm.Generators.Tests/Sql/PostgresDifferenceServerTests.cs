using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Sql.Analysis;
using GenOrm.Generators.Tests.SqlChecker;
using GenOrm.Testing;

namespace GenOrm.Generators.Tests.Sql;

/// <summary>
/// The checker's PostgreSQL notes (GENORM047), proven against the servers themselves: every statement noted as one
/// PostgreSQL rejects runs on SQLite and fails on a real PostgreSQL server; LIKE, noted as matching other rows, does;
/// every statement the checker passes as portable runs on both. Each statement runs as the generated code runs it:
/// its PostgreSQL text (<see cref="PostgresQueryText"/>) through GenOrm's engine, on tables made by GenOrm's DDL.
/// </summary>
public sealed class PostgresDifferenceServerTests(PostgresDifferenceServerTests.Server server) : IClassFixture<PostgresDifferenceServerTests.Server>
{
    private const string RequireVariable = "GENORM_REQUIRE_POSTGRES";

    /// <summary>Null when the tests run; else why they are skipped (no PostgreSQL binaries, and CI did not require them).</summary>
    public static readonly string? SkipReason =
        Environment.GetEnvironmentVariable(RequireVariable) == "1" || PostgresCluster.FindBinDirectory() is not null
            ? null
            : PostgresCluster.BinariesNotFound + ": PostgreSQL tests skipped";

    private static readonly Params Values = new()
    {
        ["pattern"] = "a%", ["note"] = "n", ["skip"] = 0L, ["take"] = 1L, ["name"] = "n", ["p"] = "a%", ["ids"] = "[1, 2]",
    };

    public static TheoryData<string> RejectedByPostgres()
    {
        var data = new TheoryData<string>();
        foreach (object[] row in PostgresDifferenceTests.Differences())
        {
            if (!((string)row[0]).Contains(" like ", StringComparison.Ordinal))
            {
                data.Add((string)row[0]);
            }
        }

        return data;
    }

    [PostgresServerTheory]
    [MemberData(nameof(RejectedByPostgres))]
    public void NotedAsRejected_RunsOnSqlite_AndPostgresRejectsIt(string sql)
    {
        Assert.Single(SqlAnalyzer.Analyze(sql, server.Catalog).PostgresDifferences);

        server.RunOnSqlite(sql);
        var error = Assert.ThrowsAny<GenOrmException>(() => server.RunOnPostgres(sql));
        Assert.StartsWith("PostgreSQL rejected the statement: ", error.Message, StringComparison.Ordinal);
    }

    [PostgresServerTheory]
    [MemberData(nameof(PostgresDifferenceTests.PortableStatements), MemberType = typeof(PostgresDifferenceTests))]
    public void PassedAsPortable_RunsOnBoth(string sql)
    {
        Assert.Empty(SqlAnalyzer.Analyze(sql, server.Catalog).PostgresDifferences);

        server.RunOnSqlite(sql);
        server.RunOnPostgres(sql);
    }

    [PostgresServerFact]
    public void Like_NotedAsMatchingOtherRows_DoesSo_AndTheSuggestedFormMatchesTheSame()
    {
        const string Noted = "select count(*) from Product where Name like :pattern";
        const string Suggested = "select count(*) from Product where lower(Name) like lower(:pattern)";
        Assert.Single(SqlAnalyzer.Analyze(Noted, server.Catalog).PostgresDifferences);
        Assert.Empty(SqlAnalyzer.Analyze(Suggested, server.Catalog).PostgresDifferences);

        // 'Apple' and 'avocado': SQLite's LIKE 'a%' matches both, PostgreSQL's only the second.
        Assert.Equal(2L, server.RunOnSqlite(Noted).Scalar<long>());
        Assert.Equal(1L, server.RunOnPostgres(Noted).Scalar<long>());
        Assert.Equal(2L, server.RunOnSqlite(Suggested).Scalar<long>());
        Assert.Equal(2L, server.RunOnPostgres(Suggested).Scalar<long>());
    }

    /// <summary>A throwaway PostgreSQL server and an in-memory SQLite database, both holding the checked schema and two rows.</summary>
    public sealed class Server : IDisposable
    {
        private readonly Lazy<(PostgresCluster Cluster, Engine Engine)> _postgres;
        private readonly Engine _sqlite;
        private readonly Connection _sqliteConnection;
        private readonly IReadOnlyList<TableSpec> _tables = TestSchemas.Parse(PostgresDifferenceTests.Source);

        public Server()
        {
            Catalog = SqlCatalog.From(_tables);
            _sqlite = Engine.Create("sqlite://");
            _sqliteConnection = _sqlite.Connect();
            Create(_sqliteConnection, SqliteDialect.Instance);
            _postgres = new Lazy<(PostgresCluster, Engine)>(StartPostgres, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        internal SqlCatalog Catalog { get; }

        /// <summary>Runs the statement on SQLite, in a transaction that is rolled back.</summary>
        public Result RunOnSqlite(string sql)
        {
            try
            {
                return _sqliteConnection.Execute(global::GenOrm.Sql.Text(sql), Values);
            }
            finally
            {
                _sqliteConnection.Rollback();
            }
        }

        /// <summary>Runs the statement's PostgreSQL text on the server, in a transaction that is rolled back.</summary>
        public Result RunOnPostgres(string sql)
        {
            using Connection connection = _postgres.Value.Engine.Connect();
            try
            {
                return connection.Execute(global::GenOrm.Sql.Text(PostgresQueryText.Rewrite(sql, Catalog)), Values);
            }
            finally
            {
                connection.Rollback();
            }
        }

        public void Dispose()
        {
            _sqliteConnection.Dispose();
            _sqlite.Dispose();
            if (_postgres.IsValueCreated)
            {
                _postgres.Value.Engine.Dispose();
                _postgres.Value.Cluster.Dispose();
            }
        }

        private (PostgresCluster, Engine) StartPostgres()
        {
            if (PostgresCluster.FindBinDirectory() is null)
            {
                throw new InvalidOperationException($"{PostgresCluster.BinariesNotFound}, and {RequireVariable}=1 is set, so the PostgreSQL tests fail instead of being skipped.");
            }

            GenOrm.Npgsql.NpgsqlDriver.Register();
            PostgresCluster cluster = PostgresCluster.Start();
            try
            {
                var engine = Engine.Create(cluster.CreateDatabase().Url);
                using Connection connection = engine.Connect();
                Create(connection, PostgresDialect.Instance);
                return (cluster, engine);
            }
            catch
            {
                cluster.Dispose();
                throw;
            }
        }

        private void Create(Connection connection, ISqlDialect dialect)
        {
            foreach (TableSpec table in _tables)
            {
                connection.Execute(global::GenOrm.Sql.Text(dialect.CreateTable(table)));
            }

            connection.Execute(global::GenOrm.Sql.Text(PostgresQueryText.Rewrite(
                "insert into Product (Name, Note, Active, Price, Stock) values ('Apple', null, true, 1.5, 3), ('avocado', 'ripe', false, 2.25, 0)",
                Catalog)));
            connection.Commit();
        }
    }

    private sealed class PostgresServerFactAttribute : FactAttribute
    {
        public PostgresServerFactAttribute() => Skip = SkipReason;
    }

    private sealed class PostgresServerTheoryAttribute : TheoryAttribute
    {
        public PostgresServerTheoryAttribute() => Skip = SkipReason;
    }
}
