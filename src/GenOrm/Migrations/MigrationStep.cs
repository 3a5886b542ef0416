using System;
using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>
/// One step from schema version <see cref="FromVersion"/> to <see cref="ToVersion"/>: the SQL statements the
/// generator wrote, in order, and the user's <c>[Migration]</c> hooks. <see cref="Migrator"/> runs a step in its own
/// transaction.
/// </summary>
/// <remarks>
/// The statements never contain <c>BEGIN</c>, <c>COMMIT</c> or <c>PRAGMA foreign_keys</c>: the migrator owns those.
/// It runs the statements first, then the hooks, in order, inside the step's transaction.
/// </remarks>
public sealed class MigrationStep
{
    private readonly string[] _statements;
    private readonly MigrationHook[] _hooks;
    private readonly string[]? _postgresStatements;

    /// <summary>Initializes a new instance of the <see cref="MigrationStep"/> class.</summary>
    /// <param name="toVersion">The version the step migrates to; it migrates from the one before.</param>
    /// <param name="statements">The SQL statements, in order, each one statement without a terminating semicolon requirement.</param>
    /// <param name="rebuildsTables">
    /// Whether the step rebuilds a table (create new, copy, drop, rename): the migrator then turns
    /// <c>PRAGMA foreign_keys</c> off around the step's transaction and runs <c>PRAGMA foreign_key_check</c> before it commits.
    /// </param>
    /// <param name="hooks">The data moves to run after the statements, inside the step's transaction, in order.</param>
    /// <param name="postgresStatements">
    /// The same step's statements for PostgreSQL (its <c>ALTER TABLE</c> changes columns, types and constraints in
    /// place, so no table is copied), or <see langword="null"/> when the step has no PostgreSQL form (its assembly does
    /// not reference GenOrm.Npgsql).
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="statements"/> or <paramref name="hooks"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="toVersion"/> is less than 2.</exception>
    public MigrationStep(int toVersion, IReadOnlyList<string> statements, bool rebuildsTables, IReadOnlyList<MigrationHook> hooks, IReadOnlyList<string>? postgresStatements = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(toVersion, 2);
        ToVersion = toVersion;
        _statements = ModelLists.Copy(statements, nameof(statements));
        RebuildsTables = rebuildsTables;
        _hooks = ModelLists.Copy(hooks, nameof(hooks));
        _postgresStatements = postgresStatements is null ? null : ModelLists.Copy(postgresStatements, nameof(postgresStatements));
    }

    /// <summary>Gets the version the step migrates from: <see cref="ToVersion"/> minus 1.</summary>
    public int FromVersion => ToVersion - 1;

    /// <summary>Gets the version the step migrates to.</summary>
    public int ToVersion { get; }

    /// <summary>Gets the SQL statements, in the order they run.</summary>
    public IReadOnlyList<string> Statements => _statements;

    /// <summary>Gets the PostgreSQL statements, in the order they run, or <see langword="null"/> when the step has no PostgreSQL form.</summary>
    public IReadOnlyList<string>? PostgresStatements => _postgresStatements;

    /// <summary>Gets a value indicating whether the step rebuilds a table, so runs with foreign keys off and checks them before it commits.</summary>
    public bool RebuildsTables { get; }

    /// <summary>Gets the data moves that run after the statements, inside the step's transaction.</summary>
    public IReadOnlyList<MigrationHook> Hooks => _hooks;

    /// <summary>Returns the versions the step joins, for example <c>v2 -&gt; v3</c>.</summary>
    /// <returns>The versions.</returns>
    public override string ToString() =>
        "v" + FromVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + " -> v" + ToVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
