using System;

namespace GenOrm;

/// <summary>What the migrator needs beyond the public statement path: hooks that may not end the migrator's transaction.</summary>
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
}
