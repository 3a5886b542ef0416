using System;
using System.Threading;
using System.Threading.Tasks;

namespace GenOrm.Migrations;

/// <summary>
/// One <c>[Migration]</c> method of a <see cref="MigrationStep"/>: synchronous (<c>static void Name(Connection)</c>)
/// or asynchronous (<c>static Task Name(Connection, CancellationToken)</c>). It runs after the step's statements,
/// inside the step's transaction.
/// </summary>
/// <remarks>
/// <see cref="Migrator.MigrateAsync"/> runs both kinds and awaits the asynchronous one; <see cref="Migrator.Migrate"/>
/// runs only synchronous hooks, and refuses a migration whose steps hold an asynchronous one before it changes anything.
/// </remarks>
public sealed class MigrationHook
{
    private readonly Action<Connection>? _run;
    private readonly Func<Connection, CancellationToken, Task>? _runAsync;

    /// <summary>Initializes a new instance of the <see cref="MigrationHook"/> class for a synchronous hook.</summary>
    /// <param name="name">The method as messages name it, for example <c>App.Hooks.Backfill</c>.</param>
    /// <param name="run">The method.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="run"/> is <see langword="null"/>.</exception>
    public MigrationHook(string name, Action<Connection> run)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(run);
        Name = name;
        _run = run;
    }

    /// <summary>Initializes a new instance of the <see cref="MigrationHook"/> class for an asynchronous hook.</summary>
    /// <param name="name">The method as messages name it, for example <c>App.Hooks.BackfillAsync</c>.</param>
    /// <param name="runAsync">The method; it receives the migration's cancellation token.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="runAsync"/> is <see langword="null"/>.</exception>
    public MigrationHook(string name, Func<Connection, CancellationToken, Task> runAsync)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(runAsync);
        Name = name;
        _runAsync = runAsync;
    }

    /// <summary>Gets the method as messages name it, for example <c>App.Hooks.Backfill</c>.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the hook is asynchronous, so that only <see cref="Migrator.MigrateAsync"/> can run it.</summary>
    public bool IsAsync => _runAsync is not null;

    /// <summary>Runs a synchronous hook.</summary>
    internal void Run(Connection connection) => _run!(connection);

    /// <summary>Starts an asynchronous hook.</summary>
    internal Task RunAsync(Connection connection, CancellationToken cancellationToken) =>
        _runAsync!(connection, cancellationToken) ?? throw new InvalidOperationException(ErrorMessages.HookReturnedNullTask(Name));

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The method's name.</returns>
    public override string ToString() => Name;
}
