using System;
using System.Collections.Generic;
using System.Threading;

namespace GenOrm.Migrations;

/// <summary>The work behind <see cref="Migrator"/>.</summary>
internal static class MigrationRunner
{
    public static void Run(Connection connection, SchemaModel current, IReadOnlyList<SchemaModel> history, IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(steps);
        cancellationToken.ThrowIfCancellationRequested();
        throw new NotSupportedException("Migrator.Migrate is not implemented yet.");
    }
}
