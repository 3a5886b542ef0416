using System;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace GenOrm;

/// <summary>What the migrator needs beyond the public statement path: a pragma that only works outside a transaction.</summary>
public sealed partial class Connection
{
    private int _migrationHookVersion;

    /// <summary>
    /// Marks the connection as running a <c>[Migration]</c> hook of the step to <paramref name="toVersion"/> until the
    /// scope is disposed: <see cref="Commit"/> and <see cref="Rollback"/> then throw, so a hook cannot commit half a step.
    /// </summary>
    internal MigrationHookScope EnterMigrationHook(int toVersion)
    {
        _migrationHookVersion = toVersion;
        return new MigrationHookScope(this);
    }

    private void ThrowIfInMigrationHook(string method)
    {
        if (_migrationHookVersion != 0)
        {
            throw new InvalidOperationException(ErrorMessages.HookEndsTransaction(method, _migrationHookVersion));
        }
    }

    /// <summary>The scope of one <see cref="EnterMigrationHook"/>.</summary>
    internal readonly struct MigrationHookScope(Connection connection) : IDisposable
    {
        public void Dispose() => connection._migrationHookVersion = 0;
    }

    /// <summary>
    /// Runs a statement that SQLite ignores inside a transaction (<c>PRAGMA foreign_keys = OFF</c>), with no
    /// transaction open and without beginning one, echoed like every other statement.
    /// </summary>
    /// <exception cref="InvalidOperationException">A transaction is in progress.</exception>
    /// <exception cref="GenOrmException">SQLite reported an error.</exception>
    internal void ExecuteOutsideTransaction(string sql)
    {
        using UseScope use = Enter();
        ThrowIfDisposed();
        ThrowIfRolledBackBySqlite();
        if (_inTransaction)
        {
            throw new InvalidOperationException(ErrorMessages.MigrateInTransaction());
        }

        long start = _echo is null ? 0 : Stopwatch.GetTimestamp();
        try
        {
            RunControl(sql);
        }
        catch (SqliteException e)
        {
            _echo?.Statement(sql, Stopwatch.GetElapsedTime(start), string.Empty, failed: true);
            throw SqliteErrorTranslator.Translate(e, sql, null, _busyTimeout, _connection.DataSource);
        }

        _echo?.Statement(sql, Stopwatch.GetElapsedTime(start), string.Empty);
    }
}
