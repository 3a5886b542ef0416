using GenOrm.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GenOrm.Service.Tests;

public sealed class RegistrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddGenOrm_EngineIsOneSingleton_ConnectionIsOnePerScope()
    {
        var services = new ServiceCollection().AddGenOrm("sqlite:///" + _dir.File("app.db"));
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        Engine engine = provider.GetRequiredService<Engine>();
        Assert.Same(engine, provider.GetRequiredService<Engine>());
        Assert.Equal("sqlite:///" + _dir.File("app.db"), engine.Url);
        using IServiceScope first = provider.CreateScope();
        using IServiceScope second = provider.CreateScope();
        Connection a = first.ServiceProvider.GetRequiredService<Connection>();
        Assert.Same(a, first.ServiceProvider.GetRequiredService<Connection>());
        Assert.NotSame(a, second.ServiceProvider.GetRequiredService<Connection>());
        Assert.Same(engine, second.ServiceProvider.GetRequiredService<Engine>());
    }

    [Fact]
    public void EndOfScope_DisposesTheConnection_RollingBackWhatWasNotCommitted()
    {
        using ServiceProvider provider = new ServiceCollection().AddGenOrm("sqlite:///" + _dir.File("app.db")).BuildServiceProvider();
        using (IServiceScope scope = provider.CreateScope())
        {
            Connection conn = scope.ServiceProvider.GetRequiredService<Connection>();
            Note.CreateTable(conn);
            Note.Insert(conn, new Note { Text = "committed" });
            conn.Commit();
        }

        Connection leaked;
        using (IServiceScope scope = provider.CreateScope())
        {
            leaked = scope.ServiceProvider.GetRequiredService<Connection>();
            Note.Insert(leaked, new Note { Text = "never committed" });
            Assert.True(leaked.InTransaction);
        }

        Assert.Throws<ObjectDisposedException>(() => Note.GetAll(leaked));
        using (IServiceScope scope = provider.CreateScope())
        {
            Assert.Equal(["committed"], Note.GetAll(scope.ServiceProvider.GetRequiredService<Connection>()).Select(n => n.Text));
        }
    }

    [Fact]
    public async Task EndOfAsyncScope_DisposesTheConnection()
    {
        await using ServiceProvider provider = new ServiceCollection().AddGenOrm("sqlite://").BuildServiceProvider();
        Connection conn;
        await using (AsyncServiceScope scope = provider.CreateAsyncScope())
        {
            conn = scope.ServiceProvider.GetRequiredService<Connection>();
            conn.Execute(Sql.Text("select 1"));
        }

        Assert.Throws<ObjectDisposedException>(() => conn.Execute(Sql.Text("select 1")));
    }

    [Fact]
    public void Echo_GoesToTheAppsLoggerFactory_UnderCategoryGenOrm()
    {
        var factory = new CapturingLoggerFactory();
        using ServiceProvider provider = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(factory)
            .AddGenOrm("sqlite://", options => options.Echo = true)
            .BuildServiceProvider();
        using (IServiceScope scope = provider.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<Connection>().Execute(Sql.Text("select 'x'"));
        }

        Assert.Equal(
            ["GenOrm: BEGIN (implicit)", "GenOrm: select 'x'", "GenOrm: [executed in X ms]", "GenOrm: ROLLBACK"],
            factory.Lines.Select(line => System.Text.RegularExpressions.Regex.Replace(line, @"\[executed in [0-9.]+ ms\]", "[executed in X ms]")));
        Assert.Equal(GenOrmServiceCollectionExtensions.LoggerCategory, "GenOrm");
    }

    [Fact]
    public void Configure_SetsTheEngineOptions()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddGenOrm("sqlite:///" + _dir.File("app.db"), options => options.BusyTimeout = TimeSpan.FromMilliseconds(250))
            .BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMilliseconds(250), provider.GetRequiredService<Engine>().BusyTimeout);
    }

    [Fact]
    public void AddGenOrm_Twice_KeepsTheFirstEngine()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddGenOrm("sqlite:///" + _dir.File("first.db"))
            .AddGenOrm("sqlite:///" + _dir.File("second.db"))
            .BuildServiceProvider();

        Assert.Equal("sqlite:///" + _dir.File("first.db"), provider.GetRequiredService<Engine>().Url);
    }

    [Fact]
    public void AddGenOrm_EmptyUrl_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddGenOrm(""));
        Assert.Equal("url", error.ParamName);
    }

    [Fact]
    public void DisposingTheProvider_DisposesTheEngine()
    {
        ServiceProvider provider = new ServiceCollection().AddGenOrm("sqlite://").BuildServiceProvider();
        Engine engine = provider.GetRequiredService<Engine>();
        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => engine.Connect());
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        public List<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                Assert.Equal(LogLevel.Information, logLevel);
                owner.Lines.Add(category + ": " + formatter(state, exception));
            }
        }
    }
}
