using GenOrm.Generators.Model;
using GenOrm.Generators.Sql;
using GenOrm.Generators.Sql.Analysis;
using GenOrm.Generators.Tests.SqlChecker;
using GenOrm.Tests.Postgres;

namespace GenOrm.Generators.Tests.Sql;

/// <summary>
/// The checker's PostgreSQL notes (GENORM047), proven against the servers themselves: every statement noted as one
/// PostgreSQL rejects runs on SQLite and fails on a real PostgreSQL server; LIKE, noted as matching other rows, does;
/// every statement the checker passes as portable runs on both. Each statement runs as the generated code runs it:
/// its PostgreSQL text (<see cref="PostgresQueryText"/>) through GenOrm's engine, on tables made by GenOrm's DDL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDifferenceServerTests : IClassFixture<PostgresDifferenceServerTests.Databases>
{
    private readonly Databases _databases;
    private readonly PostgresFixture _postgres;

    public PostgresDifferenceServerTests(Databases databases, PostgresFixture postgres)
    {
        _databases = databases;
        _postgres = postgres;
    }

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

    [PostgresTheory]
    [MemberData(nameof(RejectedByPostgres))]
    public void NotedAsRejected_RunsOnSqlite_AndPostgresRejectsIt(string sql)
    {
        Assert.Single(SqlAnalyzer.Analyze(sql, Databases.Catalog).PostgresDifferences);

        _databases.RunOnSqlite(sql);
        var error = Assert.ThrowsAny<GenOrmException>(() => _databases.RunOnPostgres(_postgres, sql));
        Assert.StartsWith("PostgreSQL rejected the statement: ", error.Message, StringComparison.Ordinal);
    }

    [PostgresTheory]
    [MemberData(nameof(PostgresDifferenceTests.PortableStatements), MemberType = typeof(PostgresDifferenceTests))]
    public void PassedAsPortable_RunsOnBoth(string sql)
    {
        Assert.Empty(SqlAnalyzer.Analyze(sql, Databases.Catalog).PostgresDifferences);

        _databases.RunOnSqlite(sql);
        _databases.RunOnPostgres(_postgres, sql);
    }

    [PostgresFact]
    public void Like_NotedAsMatchingOtherRows_DoesSo_AndTheSuggestedFormMatchesTheSame()
    {
        const string Noted = "select count(*) from Product where Name like :pattern";
        const string Suggested = "select count(*) from Product where lower(Name) like lower(:pattern)";
        Assert.Single(SqlAnalyzer.Analyze(Noted, Databases.Catalog).PostgresDifferences);
        Assert.Empty(SqlAnalyzer.Analyze(Suggested, Databases.Catalog).PostgresDifferences);

        // 'Apple' and 'avocado': SQLite's LIKE 'a%' matches both, PostgreSQL's only the second.
        Assert.Equal(2L, _databases.RunOnSqlite(Noted).Scalar<long>());
        Assert.Equal(1L, _databases.RunOnPostgres(_postgres, Noted).Scalar<long>());
        Assert.Equal(2L, _databases.RunOnSqlite(Suggested).Scalar<long>());
        Assert.Equal(2L, _databases.RunOnPostgres(_postgres, Suggested).Scalar<long>());
    }

    /// <summary>The checked schema, with two rows, on an in-memory SQLite database and in a database of the shared PostgreSQL server.</summary>
    public sealed class Databases : IDisposable
    {
        private static readonly IReadOnlyList<TableSpec> Tables = TestSchemas.Parse(PostgresDifferenceTests.Source);
        private readonly Engine _sqlite;
        private readonly Connection _sqliteConnection;
        private Engine? _postgres;

        public Databases()
        {
            _sqlite = Engine.Create("sqlite://");
            _sqliteConnection = _sqlite.Connect();
            Create(_sqliteConnection, SqliteDialect.Instance);
        }

        internal static SqlCatalog Catalog { get; } = SqlCatalog.From(Tables);

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
        public Result RunOnPostgres(PostgresFixture fixture, string sql)
        {
            _postgres ??= CreatePostgres(fixture);
            using Connection connection = _postgres.Connect();
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
            _postgres?.Dispose();
        }

        private static Engine CreatePostgres(PostgresFixture fixture)
        {
            var engine = Engine.Create(fixture.CreateDatabase().Url);
            using Connection connection = engine.Connect();
            Create(connection, PostgresDialect.Instance);
            return engine;
        }

        private static void Create(Connection connection, ISqlDialect dialect)
        {
            foreach (TableSpec table in Tables)
            {
                connection.Execute(global::GenOrm.Sql.Text(dialect.CreateTable(table)));
            }

            connection.Execute(global::GenOrm.Sql.Text(PostgresQueryText.Rewrite(
                "insert into Product (Name, Note, Active, Price, Stock) values ('Apple', null, true, 1.5, 3), ('avocado', 'ripe', false, 2.25, 0)",
                Catalog)));
            connection.Commit();
        }
    }
}
