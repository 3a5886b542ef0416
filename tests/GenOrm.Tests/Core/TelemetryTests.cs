using System.Diagnostics;
using System.Diagnostics.Metrics;
using GenOrm.Tests.Helpers;
using GenOrm.Tests.Orm;

namespace GenOrm.Tests.Core;

/// <summary>
/// The <c>GenOrm</c> activity source and meter, observed with a real <see cref="ActivityListener"/> and
/// <see cref="MeterListener"/>. Listeners are process-wide, so these tests run alone; each keeps only what its own
/// database file (<c>db.namespace</c>) produced.
/// </summary>
[Collection(ProcessStateCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private const string SelectByEmailSql = "SELECT \"Id\", \"Email\", \"Login\", \"Nickname\", \"Score\" FROM \"accounts\" WHERE \"Email\" = @Email";
    private readonly TempDirectory _dir = new();
    private readonly string _file;
    private readonly List<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TelemetryTests()
    {
        _file = _dir.File("telemetry.db");
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "GenOrm" or "Test.Parent",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "GenOrm" && Equals(activity.GetTagItem("db.namespace"), _file))
                {
                    lock (_spans)
                    {
                        _spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void GeneratedLookup_RecordsOneClientSpanNamedAfterOperationAndTable()
    {
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        Account.CreateTable(conn);
        Account.Insert(conn, new Account { Email = "ann@example.com", Login = "ann" });
        _spans.Clear();

        Account? found = Account.GetByEmail(conn, "ann@example.com");

        Assert.NotNull(found);
        Activity span = Assert.Single(_spans);
        Assert.Equal("SELECT accounts", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["db.system.name"] = "sqlite",
                ["db.namespace"] = _file,
                ["db.operation.name"] = "SELECT",
                ["db.collection.name"] = "accounts",
                ["db.query.text"] = SelectByEmailSql,
                ["db.response.returned_rows"] = 1L,
            },
            Tags(span));
    }

    [Fact]
    public void GeneratedInsert_RecordsAffectedRowsAndNoParameterValuesByDefault()
    {
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        Account.CreateTable(conn);
        _spans.Clear();

        Account.Insert(conn, new Account { Email = "ann@example.com", Login = "ann" });

        Activity span = Assert.Single(_spans);
        Assert.Equal("INSERT accounts", span.DisplayName);
        Assert.Equal(0L, span.GetTagItem("db.response.returned_rows"));
        Assert.Equal(1L, span.GetTagItem("genorm.affected_rows"));
        Assert.DoesNotContain(span.TagObjects, tag => tag.Key.StartsWith("db.query.parameter.", StringComparison.Ordinal));
    }

    [Fact]
    public void TraceParameterValues_OptIn_AddsEachBoundValue()
    {
        using var engine = Engine.Create("sqlite:///" + _file, new EngineOptions { TraceParameterValues = true });
        using var conn = engine.Connect();
        Account.CreateTable(conn);
        Account.Insert(conn, new Account { Email = "ann@example.com", Login = "ann" });
        _spans.Clear();

        Account.GetByEmail(conn, "ann@example.com");
        conn.Execute(Sql.Text("select :n + 1 as x"), new Params { ["n"] = 41 });

        Assert.Equal(2, _spans.Count);
        Assert.Equal("ann@example.com", _spans[0].GetTagItem("db.query.parameter.Email"));
        Assert.Equal("41", _spans[1].GetTagItem("db.query.parameter.n"));
    }

    [Fact]
    public async Task CancelledExecute_SpanHasErrorTypeCancelled_AsAGeneratedMemberHas()
    {
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        using var cancellation = new CancellationTokenSource();

        // The SQL function cancels the token from inside the running statement; only the interrupt can end it.
        conn.DbConnection.CreateFunction("cancel_now", () =>
        {
            cancellation.Cancel();
            return 1;
        });
        _spans.Clear();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => conn.ExecuteAsync(
            Sql.Text("with recursive c(x) as (select 1 union all select x + 1 from c) select cancel_now() from c"), cancellation.Token));

        Activity span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("cancelled", span.GetTagItem("error.type"));
    }

    [Fact]
    public void FailedStatement_SpanHasErrorStatusTypeAndSqliteCode()
    {
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        Account.CreateTable(conn);
        Account.Insert(conn, new Account { Email = "ann@example.com", Login = "ann" });
        _spans.Clear();

        var error = Assert.ThrowsAny<GenOrmException>(() => Account.Insert(conn, new Account { Email = "ann@example.com", Login = "other" }));

        Activity span = Assert.Single(_spans);
        Assert.Equal("INSERT accounts", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.Message, span.StatusDescription);
        Assert.Equal("SQLITE_CONSTRAINT_UNIQUE", span.GetTagItem("error.type"));
        Assert.Equal("19", span.GetTagItem("db.response.status_code"));
    }

    [Fact]
    public void TextSql_SpanNamedAfterOperation_WithRowsAndNoCollection()
    {
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        conn.Execute(Sql.Text("create table t (x integer)"));
        conn.Execute(Sql.Text("insert into t values (1), (2)"));
        conn.Execute(Sql.Text("  select x from t"));

        Assert.Equal(["CREATE", "INSERT", "SELECT"], _spans.Select(s => s.DisplayName));
        Assert.All(_spans, s => Assert.Null(s.GetTagItem("db.collection.name")));
        Assert.Equal(2L, _spans[1].GetTagItem("genorm.affected_rows"));
        Assert.Equal(2L, _spans[2].GetTagItem("db.response.returned_rows"));
        Assert.Null(_spans[2].GetTagItem("genorm.affected_rows"));
        Assert.Null(_spans[0].GetTagItem("genorm.affected_rows"));
        Assert.Equal("  select x from t", _spans[2].GetTagItem("db.query.text"));
    }

    [Fact]
    public void InsertMany_RecordsOneSpanForTheBatch()
    {
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        Account.CreateTable(conn);
        _spans.Clear();

        Account.InsertMany(conn, [new Account { Email = "a@x", Login = "a" }, new Account { Email = "b@x", Login = "b" }, new Account { Email = "c@x", Login = "c" }]);

        Activity span = Assert.Single(_spans);
        Assert.Equal("INSERT accounts", span.DisplayName);
        Assert.Equal(3, span.GetTagItem("db.operation.batch.size"));
        Assert.Equal(3L, span.GetTagItem("genorm.affected_rows"));
    }

    [Fact]
    public void Span_IsAChildOfTheCurrentActivity()
    {
        using var parentSource = new ActivitySource("Test.Parent");
        using var engine = Engine.Create("sqlite:///" + _file);
        using var conn = engine.Connect();
        Account.CreateTable(conn);
        _spans.Clear();

        using (Activity parent = parentSource.StartActivity("request")!)
        {
            Account.GetAll(conn);
            Activity span = Assert.Single(_spans);
            Assert.Equal(parent.TraceId, span.TraceId);
            Assert.Equal(parent.SpanId, span.ParentSpanId);
            Assert.Same(parent, Activity.Current);
        }
    }

    [Fact]
    public void Meter_RecordsDurationPerStatementAndConnectionCountsByState()
    {
        var durations = new List<(double Value, Dictionary<string, object?> Tags)>();
        var counts = new Dictionary<string, int>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "GenOrm")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (instrument.Name == "db.client.operation.duration" && Equals(map["db.namespace"], _file))
            {
                Assert.Equal("s", instrument.Unit);
                durations.Add((value, map));
            }
        });
        meterListener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            var map = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (instrument.Name == "db.client.connection.count" && Equals(map["db.client.connection.pool.name"], _file))
            {
                counts[(string)map["db.client.connection.state"]!] = value;
            }
        });
        meterListener.Start();

        using var engine = Engine.Create("sqlite:///" + _file);
        using (var conn = engine.Connect())
        {
            Account.CreateTable(conn);
            durations.Clear();
            Account.GetByEmail(conn, "nobody@example.com");
            meterListener.RecordObservableInstruments();
            Assert.Equal(new Dictionary<string, int> { ["idle"] = 0, ["used"] = 1 }, counts);
        }

        meterListener.RecordObservableInstruments();
        Assert.Equal(new Dictionary<string, int> { ["idle"] = 1, ["used"] = 0 }, counts);
        var (seconds, measured) = Assert.Single(durations);
        Assert.True(seconds >= 0);
        Assert.Equal(
            new Dictionary<string, object?>
            {
                ["db.system.name"] = "sqlite",
                ["db.namespace"] = _file,
                ["db.operation.name"] = "SELECT",
                ["db.collection.name"] = "accounts",
            },
            measured);
    }

    private static Dictionary<string, object?> Tags(Activity span) => span.TagObjects.ToDictionary(t => t.Key, t => t.Value);
}
