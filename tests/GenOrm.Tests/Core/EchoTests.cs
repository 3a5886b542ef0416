using GenOrm.Tests.Helpers;
using Microsoft.Extensions.Logging;

namespace GenOrm.Tests.Core;

public sealed class EchoTests
{
    private static readonly string[] SeedSessionLines =
    [
        "BEGIN (implicit)",
        "select 'result'",
        "[executed in X ms]",
        "ROLLBACK",
        "BEGIN (implicit)",
        "create table my_table (x integer primary key, y integer)",
        "[executed in X ms]",
        "insert into my_table (x, y) values (:x, :y)",
        "[executed in X ms] 2 parameter sets: [{x: 1, y: 2}, {x: 3, y: 4}]",
        "COMMIT",
        "BEGIN (implicit)",
        "select * from my_table",
        "[executed in X ms]",
        "ROLLBACK",
    ];

    [Fact]
    public void SeedSession_EchoesEveryStatementAndTransactionEvent()
    {
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite+pysqlite:///:memory:", new EngineOptions { Echo = true, EchoWriter = writer }))
        {
            RunSeedSession(engine);
        }

        Assert.Equal(SeedSessionLines.Select(line => "[genorm] " + line), Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void Logger_ReceivesTheSameMessagesAtInformationLevel()
    {
        var logger = new CapturingLogger();
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, Logger = logger, EchoWriter = writer }))
        {
            RunSeedSession(engine);
        }

        Assert.Equal(SeedSessionLines, logger.Entries.Select(entry => Echo.Normalize(entry.Message)));
        Assert.All(logger.Entries, entry =>
        {
            Assert.Equal(LogLevel.Information, entry.Level);
            Assert.Equal(1, entry.EventId.Id);
            Assert.Equal("GenOrmStatement", entry.EventId.Name);
            Assert.Null(entry.Exception);
        });
        Assert.Equal(string.Empty, writer.ToString());
    }

    [Fact]
    public void EchoOff_WritesNothing()
    {
        var logger = new CapturingLogger();
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite://", new EngineOptions { Echo = false, Logger = logger, EchoWriter = writer }))
        {
            RunSeedSession(engine);
            engine.Begin(connection => connection.Execute(Sql.Text("select :x"), new Params { ["x"] = 1 }));
        }

        Assert.Equal(string.Empty, writer.ToString());
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void Parameters_AreEchoedByNameWithTheirStoredValues()
    {
        var writer = new StringWriter();
        using var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer });
        using (Connection connection = engine.Connect())
        {
            connection.Execute(
                Sql.Text("select :n, @s, $flag, :nothing, :real, :bytes"),
                new Params { ["n"] = 1, ["s"] = "it's", ["flag"] = true, ["nothing"] = null, ["real"] = 2.5, ["bytes"] = new byte[] { 1, 2 } });
        }

        Assert.Equal(
            new[]
            {
                "[genorm] BEGIN (implicit)",
                "[genorm] select :n, @s, $flag, :nothing, :real, :bytes",
                "[genorm] [executed in X ms] {n: 1, s: 'it\\'s', flag: 1, nothing: None, real: 2.5, bytes: <2 bytes>}",
                "[genorm] ROLLBACK",
            },
            Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void LongStringParameter_IsShortenedInTheEcho()
    {
        var writer = new StringWriter();
        using var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer });
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("select length(:s)"), new Params { ["s"] = new string('a', 250) });
        }

        Assert.Contains("[genorm] [executed in X ms] {s: '" + new string('a', 200) + "...'}", Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void BatchOfManySets_EchoesTheFirstTenAndHowManyMore()
    {
        var writer = new StringWriter();
        using var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer });
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("create table t (x integer)"));
            connection.Execute(Sql.Text("insert into t values (:x)"), Enumerable.Range(0, 12).Select(i => new Params { ["x"] = i }));
        }

        string sets = string.Join(", ", Enumerable.Range(0, 10).Select(i => "{x: " + i + "}"));
        Assert.Equal(
            new[]
            {
                "[genorm] BEGIN (implicit)",
                "[genorm] create table t (x integer)",
                "[genorm] [executed in X ms]",
                "[genorm] insert into t values (:x)",
                "[genorm] [executed in X ms] 12 parameter sets: [" + sets + ", ... 2 more]",
                "[genorm] ROLLBACK",
            },
            Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void FailedStatement_IsEchoedAsFailed()
    {
        var writer = new StringWriter();
        using var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer });
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("create table t (x integer primary key)"));
            connection.Execute(Sql.Text("insert into t values (:x)"), new Params { ["x"] = 1 });
            Assert.Throws<ConstraintViolationException>(() => connection.Execute(Sql.Text("insert into t values (:x)"), new Params { ["x"] = 1 }));
            connection.Commit();
        }

        Assert.Equal(
            new[]
            {
                "[genorm] BEGIN (implicit)",
                "[genorm] create table t (x integer primary key)",
                "[genorm] [executed in X ms]",
                "[genorm] insert into t values (:x)",
                "[genorm] [executed in X ms] {x: 1}",
                "[genorm] insert into t values (:x)",
                "[genorm] [failed after X ms] {x: 1}",
                "[genorm] COMMIT",
            },
            Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void TransactionEndedBySqlite_IsEchoedAsRollback()
    {
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer }))
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("create table t (x integer primary key); insert into t values (1)"));
            Assert.Throws<ConstraintViolationException>(() => connection.Execute(Sql.Text("insert or rollback into t values (1)")));
        }

        Assert.Equal(
            new[]
            {
                "[genorm] BEGIN (implicit)",
                "[genorm] create table t (x integer primary key); insert into t values (1)",
                "[genorm] [executed in X ms]",
                "[genorm] insert or rollback into t values (1)",
                "[genorm] [failed after X ms]",
                "[genorm] ROLLBACK (ended by SQLite after the error)",
            },
            Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void EngineBegin_EchoesBeginAndCommit()
    {
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer }))
        {
            engine.Begin(connection => connection.Execute(Sql.Text("select :x"), new Params { ["x"] = 1 }));
        }

        Assert.Equal(
            new[] { "[genorm] BEGIN IMMEDIATE", "[genorm] select :x", "[genorm] [executed in X ms] {x: 1}", "[genorm] COMMIT" },
            Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void ExplicitRollback_IsEchoed_AndDisposeAfterItEchoesNothingMore()
    {
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer }))
        using (Connection connection = engine.Connect())
        {
            connection.Commit();
            connection.Execute(Sql.Text("select 1"));
            connection.Rollback();
        }

        Assert.Equal(
            new[] { "[genorm] BEGIN (implicit)", "[genorm] select 1", "[genorm] [executed in X ms]", "[genorm] ROLLBACK" },
            Echo.Lines(writer.ToString()));
    }

    [Fact]
    public void ElapsedTime_IsInMillisecondsWithInvariantDecimals()
    {
        var writer = new StringWriter();
        using (var engine = Engine.Create("sqlite://", new EngineOptions { Echo = true, EchoWriter = writer }))
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("select 1"));
        }

        Assert.Matches(@"^\[genorm\] \[executed in \d+(\.\d{1,3})? ms\]$", writer.ToString().Split(Environment.NewLine)[2]);
    }

    internal static void RunSeedSession(Engine engine)
    {
        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("select 'result'"));
        }

        using (Connection connection = engine.Connect())
        {
            connection.Execute(Sql.Text("create table my_table (x integer primary key, y integer)"));
            connection.Execute(
                Sql.Text("insert into my_table (x, y) values (:x, :y)"),
                new[] { new Params { ["x"] = 1, ["y"] = 2 }, new Params { ["x"] = 3, ["y"] = 4 } });
            connection.Commit();
            connection.Execute(Sql.Text("select * from my_table"));
        }
    }
}

[Collection(ProcessStateCollection.Name)]
public sealed class ConsoleEchoTests
{
    [Fact]
    public void EchoTrue_WithoutWriterOrLogger_WritesToStandardOutput()
    {
        TextWriter original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            using var engine = Engine.Create("sqlite://", echo: true);
            using Connection connection = engine.Connect();
            connection.Execute(Sql.Text("select 'result'"));
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(
            new[] { "[genorm] BEGIN (implicit)", "[genorm] select 'result'", "[genorm] [executed in X ms]", "[genorm] ROLLBACK" },
            Echo.Lines(captured.ToString()));
    }
}
