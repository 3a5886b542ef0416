using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using GenOrm.Generators.Diagnostics;
using GenOrm.Generators.Model;

namespace GenOrm.Generators.Migrations;

/// <summary>
/// Compares consecutive schema versions and writes the SQL of each step: additive changes as <c>ALTER TABLE</c>
/// and <c>CREATE INDEX</c>, everything else as SQLite's documented table rebuild (create <c>new_x</c>, copy, drop,
/// rename, recreate indexes). Beside each step's SQLite statements it writes PostgreSQL's, whose <c>ALTER TABLE</c>
/// changes a table in place (<see cref="PostgresStatements"/>). Also lists the drift between the newest recorded
/// version and the model. Pure data in, data out: it runs in a pipeline step, so it never throws on user input.
/// </summary>
internal static class MigrationPlanner
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>Builds the plan.</summary>
    public static MigrationPlan Plan(
        EquatableArray<SchemaEntry> entries,
        ImmutableArray<HistoryFile> files,
        ImmutableArray<DropIntent> drops,
        ImmutableArray<HookSpec> hooks)
    {
        var problems = new List<MigrationProblem>();
        List<SchemaShape> history = ReadHistory(files, problems);
        var intents = new Intents(entries.Select(e => e.Intent).ToList(), drops);
        var postgres = new PostgresShapes(entries);
        EquatableArray<TableShape> tables = entries.Select(e => e.Shape).ToEquatableArray();
        SchemaShape? newest = history.Count == 0 ? null : history[history.Count - 1];
        bool isRecorded = newest is not null && newest.Tables == tables;
        var current = new SchemaShape(newest is null ? 1 : isRecorded ? newest.Version : newest.Version + 1, tables);

        var targets = new List<SchemaShape>(history.Skip(1));
        if (newest is not null && !isRecorded)
        {
            targets.Add(current);
        }

        var steps = new List<StepSpec>();
        SchemaShape? from = history.FirstOrDefault();
        foreach (SchemaShape to in targets)
        {
            bool isCurrent = ReferenceEquals(to, current);
            int problemsBefore = problems.Count;
            Diff diff = Compare(from!, to, intents, postgres, problems, files);
            if (isCurrent && (diff.Changes.Count > 0 || problems.Count == problemsBefore))
            {
                AddDrift(diff, from!, current.Version, problems, files);
            }

            steps.Add(new StepSpec(
                to.Version,
                diff.Statements.ToEquatableArray(),
                diff.RebuildsTables,
                hooks.Where(h => h.From == from!.Version).OrderBy(h => h.Method, StringComparer.Ordinal).ToEquatableArray())
            {
                PostgresStatements = diff.PostgresUnknown ? null : diff.Postgres.ToEquatableArray(),
            });
            from = to;
        }

        foreach (HookSpec hook in hooks)
        {
            if (hook.From < 1 || hook.From >= current.Version)
            {
                string range = current.Version < 2
                    ? "there is no step yet (record schema v1 and change the model first)"
                    : current.Version == 2 ? "the only step starts from v1 (From = 1)" : $"the steps start from v1 to v{current.Version - 1} (From = 1 to {current.Version - 1})";
                problems.Add(new MigrationProblem(ProblemKind.HookStepUnknown, hook.DisplayName, null, Args(hook.From.ToString(CultureInfo.InvariantCulture), hook.DisplayName, range), null));
            }
        }

        return new MigrationPlan(current, isRecorded, history.ToEquatableArray(), steps.ToEquatableArray(), problems.ToEquatableArray())
        {
            PostgresVersions = (isRecorded ? history : history.Append(current)).Select(postgres.Version).ToEquatableArray(),
        };
    }

    /// <summary>Gets the readable, gap-free history v1, v2, ...; reports a gap, a duplicate or a file whose version differs from its name.</summary>
    private static List<SchemaShape> ReadHistory(ImmutableArray<HistoryFile> files, List<MigrationProblem> problems)
    {
        var history = new List<SchemaShape>();
        bool stopped = false;
        foreach (HistoryFile file in files.OrderBy(f => f.FileVersion).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            string? reason =
                file.FileVersion == history.Count ? "records the same version as another file"
                : file.FileVersion != history.Count + 1 && !stopped ? $"follows v{history.Count}.json, but there is no v{history.Count + 1}.json"
                : file.Shape is { } shape && shape.Version != file.FileVersion ? $"records version {shape.Version}, not {file.FileVersion}"
                : null;
            if (reason is not null && !stopped)
            {
                problems.Add(new MigrationProblem(ProblemKind.HistoryInvalid, string.Empty, null, Args(Parsing.HistoryParser.DisplayPath(file.Path), reason), file.FileLocation));
            }

            if (stopped || reason is not null || file.Shape is null)
            {
                // The history ends before the first file that cannot be used; its own error is already reported.
                stopped = true;
                continue;
            }

            history.Add(file.Shape);
        }

        return history;
    }

    private static Diff Compare(SchemaShape from, SchemaShape to, Intents intents, PostgresShapes postgres, List<MigrationProblem> problems, ImmutableArray<HistoryFile> files)
    {
        var diff = new Diff();
        var matchedOld = new HashSet<TableShape>();
        var pairs = new List<(TableShape? Old, TableShape New)>();
        foreach (TableShape table in to.Tables)
        {
            TableShape? old = from.Tables.FirstOrDefault(t => Names.Equals(t.Name, table.Name))
                ?? from.Tables.FirstOrDefault(t => !to.Tables.Any(n => Names.Equals(n.Name, t.Name)) && intents.SameTable(t.Name, table.Name));
            if (old is not null)
            {
                matchedOld.Add(old);
            }

            pairs.Add((old, table));
        }

        // Renames first, so that every later statement uses the new names.
        var tableRenames = new Dictionary<string, string>(Names);
        foreach ((TableShape? old, TableShape table) in pairs)
        {
            if (old is not null && !Names.Equals(old.Name, table.Name))
            {
                tableRenames[old.Name] = table.Name;
                diff.Statements.Add($"ALTER TABLE {Q(old.Name)} RENAME TO {Q(table.Name)}");
                diff.Postgres.Add($"ALTER TABLE {Q(old.Name)} RENAME TO {Q(table.Name)}");
                diff.Changes.Add(new Change(table.Name, null, $"table '{old.Name}' was renamed to '{table.Name}'"));
            }
        }

        foreach ((TableShape? old, TableShape table) in pairs)
        {
            if (old is null)
            {
                diff.Statements.Add(table.CreateSql);
                diff.Statements.AddRange(table.Indexes.Select(i => CreateIndex(table.Name, i)));
                diff.AddPostgres(postgres.Table(table).CreateSql);
                diff.Postgres.AddRange(table.Indexes.Select(i => CreateIndex(table.Name, i)));
                diff.Changes.Add(new Change(table.Name, null, $"table '{table.Name}' is new"));
            }
            else
            {
                CompareTable(old, table, from.Version, to.Version, intents, postgres, tableRenames, diff, problems);
            }
        }

        foreach (TableShape old in from.Tables.Where(t => !matchedOld.Contains(t)))
        {
            LocationInfo? where = TableLocation(files, from.Version, old.Name);
            if (intents.IsDropped(old.Name, null))
            {
                diff.Statements.Add($"DROP TABLE {Q(old.Name)}");
                diff.Postgres.Add($"DROP TABLE {Q(old.Name)}");
                diff.RebuildsTables = true; // foreign keys off: dropping a referenced table must not delete or refuse rows
                diff.Changes.Add(new Change(old.Name, null, $"table '{old.Name}' was dropped") { FileLocation = where });
            }
            else
            {
                problems.Add(new MigrationProblem(ProblemKind.TableDropped, old.Name, null, Args(old.Name, from.Version.ToString(CultureInfo.InvariantCulture)), where));
            }
        }

        return diff;
    }

    private static void CompareTable(
        TableShape old,
        TableShape table,
        int fromVersion,
        int toVersion,
        Intents intents,
        PostgresShapes postgres,
        Dictionary<string, string> tableRenames,
        Diff diff,
        List<MigrationProblem> problems)
    {
        string name = table.Name;
        var renames = new Dictionary<string, string>(Names);
        var matched = new List<(ColumnShape Old, ColumnShape New)>();
        var added = new List<ColumnShape>();
        foreach (ColumnShape column in table.Columns)
        {
            ColumnShape? was = old.Columns.FirstOrDefault(c => Names.Equals(c.Name, column.Name))
                ?? old.Columns.FirstOrDefault(c => !table.Columns.Any(n => Names.Equals(n.Name, c.Name)) && intents.SameColumn(name, c.Name, column.Name));
            if (was is null)
            {
                added.Add(column);
                continue;
            }

            matched.Add((was, column));
            if (!Names.Equals(was.Name, column.Name))
            {
                renames[was.Name] = column.Name;
                diff.Statements.Add($"ALTER TABLE {Q(name)} RENAME COLUMN {Q(was.Name)} TO {Q(column.Name)}");
                diff.Postgres.Add($"ALTER TABLE {Q(name)} RENAME COLUMN {Q(was.Name)} TO {Q(column.Name)}");
                diff.Changes.Add(new Change(name, column.Name, $"column '{was.Name}' of table '{name}' was renamed to '{column.Name}'"));
            }
        }

        var dropped = old.Columns.Where(c => !matched.Any(m => ReferenceEquals(m.Old, c))).ToList();
        foreach (ColumnShape column in dropped)
        {
            if (intents.IsDropped(old.Name, column.Name) || intents.IsDropped(name, column.Name))
            {
                diff.Changes.Add(new Change(name, null, $"table '{name}' lost column '{column.Name}'"));
            }
            else
            {
                problems.Add(new MigrationProblem(ProblemKind.ColumnDropped, name, column.Name, Args(column.Name, name, fromVersion.ToString(CultureInfo.InvariantCulture)), null));
            }
        }

        string Renamed(string column) => renames.TryGetValue(column, out string? renamed) ? renamed : column;
        var oldKey = old.PrimaryKey.Select(Renamed).ToList();
        // SQLite's RENAME TO rewrites the foreign keys that refer to a renamed table: they need no rebuild.
        var oldForeignKeys = old.ForeignKeys
            .Select(f => f with { Column = Renamed(f.Column), TargetTable = tableRenames.TryGetValue(f.TargetTable, out string? target) ? target : f.TargetTable })
            .ToList();
        var oldIndexes = old.Indexes.Select(i => i with { Columns = i.Columns.Select(Renamed).ToEquatableArray() }).ToList();

        foreach ((ColumnShape was, ColumnShape column) in matched)
        {
            foreach (string change in ColumnChanges(was, column))
            {
                diff.Changes.Add(new Change(name, column.Name, $"column '{column.Name}' of table '{name}' changed its {change}"));
            }
        }

        foreach (ColumnShape column in added)
        {
            diff.Changes.Add(new Change(name, column.Name, $"table '{name}' gained column '{column.Name}'"));
        }

        bool keyChanged = !oldKey.SequenceEqual(table.PrimaryKey, Names);
        if (keyChanged)
        {
            diff.Changes.Add(new Change(name, null, $"table '{name}' changed its primary key from ({string.Join(", ", oldKey)}) to ({string.Join(", ", table.PrimaryKey)})"));
        }

        foreach (ForeignKeyShape key in oldForeignKeys.Where(f => !table.ForeignKeys.Contains(f)))
        {
            diff.Changes.Add(new Change(name, table.Columns.Any(c => Names.Equals(c.Name, key.Column)) ? key.Column : null, $"column '{key.Column}' of table '{name}' lost its foreign key to '{key.TargetTable}'"));
        }

        foreach (ForeignKeyShape key in table.ForeignKeys.Where(f => !oldForeignKeys.Contains(f)))
        {
            diff.Changes.Add(new Change(name, key.Column, $"column '{key.Column}' of table '{name}' gained a foreign key to '{key.TargetTable}' ('{key.TargetColumn}', ON DELETE {key.OnDelete})"));
        }

        diff.AddPostgres(PostgresStatements.AlterTable(
            postgres.Spec(old),
            postgres.Spec(table),
            new PostgresStatements.Changes(matched.Select(m => (m.Old.Name, m.New.Name)).ToList(), added.Select(c => c.Name).ToList(), dropped.Select(c => c.Name).ToList(), keyChanged, oldForeignKeys, oldIndexes),
            table));

        bool rebuild = dropped.Count > 0
            || keyChanged
            || !oldForeignKeys.SequenceEqual(table.ForeignKeys)
            || matched.Any(m => !SameStorage(m.Old, m.New))
            || added.Any(c => !CanAdd(c, table));
        if (!rebuild)
        {
            foreach (ColumnShape column in added)
            {
                diff.Statements.Add($"ALTER TABLE {Q(name)} ADD COLUMN {ColumnDefinition(column)}");
            }

            foreach (IndexShape index in oldIndexes.Where(i => !table.Indexes.Contains(i)))
            {
                diff.Statements.Add($"DROP INDEX {Q(index.Name)}");
            }

            foreach (IndexShape index in table.Indexes.Where(i => !oldIndexes.Contains(i)))
            {
                diff.Statements.Add(CreateIndex(name, index));
            }
        }
        else
        {
            foreach (ColumnShape column in added.Where(c => !c.IsNullable && c.DefaultSql is null && !c.IsAutoIncrement))
            {
                problems.Add(new MigrationProblem(ProblemKind.NoValueForNewColumn, name, column.Name, Args(column.Name, name, toVersion.ToString(CultureInfo.InvariantCulture)), null));
            }

            // SQLite's 12-step rebuild (https://sqlite.org/lang_altertable.html#otheralter), steps 4 to 8; the runtime
            // owns the transaction, foreign_keys and foreign_key_check around it.
            string temporary = "new_" + name;
            diff.Statements.Add("CREATE TABLE " + Q(temporary) + table.CreateSql.Substring(("CREATE TABLE " + Q(name)).Length));
            if (matched.Count > 0)
            {
                diff.Statements.Add(
                    $"INSERT INTO {Q(temporary)} ({string.Join(", ", matched.Select(m => Q(m.New.Name)))}) "
                    + $"SELECT {string.Join(", ", matched.Select(m => Convert(m.Old, m.New)))} FROM {Q(name)}");
            }

            diff.Statements.Add($"DROP TABLE {Q(name)}");
            diff.Statements.Add($"ALTER TABLE {Q(temporary)} RENAME TO {Q(name)}");
            diff.Statements.AddRange(table.Indexes.Select(i => CreateIndex(name, i)));
            diff.RebuildsTables = true;
        }

        foreach (IndexShape index in oldIndexes.Where(i => !table.Indexes.Any(n => Names.Equals(n.Name, i.Name))))
        {
            diff.Changes.Add(new Change(name, null, $"table '{name}' lost index '{index.Name}'"));
        }

        foreach (IndexShape index in table.Indexes)
        {
            IndexShape? was = oldIndexes.FirstOrDefault(i => Names.Equals(i.Name, index.Name));
            if (was is null)
            {
                diff.Changes.Add(new Change(name, index.Columns.Count == 1 ? index.Columns[0] : null, $"table '{name}' gained index '{index.Name}'"));
            }
            else if (was != index)
            {
                diff.Changes.Add(new Change(name, null, $"index '{index.Name}' of table '{name}' changed"));
            }
        }

        if (!diff.Changes.Any(c => Names.Equals(c.Table, name)) && !problems.Any(p => Names.Equals(p.Table, name)) && old != table)
        {
            diff.Changes.Add(new Change(name, null, $"the definition of table '{name}' changed"));
        }
    }

    /// <summary>Lists what differs between two versions of a column, one phrase per difference.</summary>
    private static IEnumerable<string> ColumnChanges(ColumnShape was, ColumnShape column)
    {
        if (was.SqlType != column.SqlType)
        {
            yield return $"type from {was.SqlType} to {column.SqlType}";
        }
        else if (was.ClrType != column.ClrType)
        {
            yield return $"C# type from '{was.ClrType}' to '{column.ClrType}'";
        }

        if (was.IsNullable != column.IsNullable)
        {
            yield return was.IsNullable ? "nullability from NULL to NOT NULL" : "nullability from NOT NULL to NULL";
        }

        if (was.DefaultSql != column.DefaultSql)
        {
            yield return $"default from {was.DefaultSql ?? "none"} to {column.DefaultSql ?? "none"}";
        }

        if (was.IsUnique != column.IsUnique)
        {
            yield return column.IsUnique ? "uniqueness: it is now UNIQUE" : "uniqueness: it is no longer UNIQUE";
        }

        if (was.MaxLength != column.MaxLength)
        {
            yield return $"maximum length from {Length(was.MaxLength)} to {Length(column.MaxLength)}";
        }

        if (was.IsAutoIncrement != column.IsAutoIncrement)
        {
            yield return column.IsAutoIncrement ? "key generation: it is now AUTOINCREMENT" : "key generation: it is no longer AUTOINCREMENT";
        }
    }

    private static string Length(int? length) => length is { } n ? n.ToString(CultureInfo.InvariantCulture) : "none";

    /// <summary>Gets whether two versions of a column are stored alike (only the C# type may differ).</summary>
    private static bool SameStorage(ColumnShape was, ColumnShape column) =>
        was with { Name = column.Name, ClrType = column.ClrType } == column;

    /// <summary>Gets whether <c>ALTER TABLE ADD COLUMN</c> can add the column (https://sqlite.org/lang_altertable.html#altertabaddcol).</summary>
    private static bool CanAdd(ColumnShape column, TableShape table) =>
        !column.IsUnique
        && !column.IsAutoIncrement
        && !table.PrimaryKey.Contains(column.Name, Names)
        && !table.ForeignKeys.Any(f => Names.Equals(f.Column, column.Name))
        && (column.IsNullable || (column.DefaultSql is { } value && !string.Equals(value, "NULL", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The column's definition, as the dialect writes it in <c>CREATE TABLE</c>.</summary>
    private static string ColumnDefinition(ColumnShape column) =>
        Q(column.Name) + " " + column.SqlType
        + (column.IsNullable ? string.Empty : " NOT NULL")
        + (column.IsUnique ? " UNIQUE" : string.Empty)
        + (column.DefaultSql is { } value ? " DEFAULT " + value : string.Empty)
        + (column.MaxLength is { } length ? $" CHECK (length({Q(column.Name)}) <= {length.ToString(CultureInfo.InvariantCulture)})" : string.Empty);

    /// <summary>
    /// The value a rebuild copies into a column: converted to its new type, NULLs replaced by its default when it
    /// became NOT NULL. The column is read by its new name: a rename ran before the rebuild.
    /// </summary>
    private static string Convert(ColumnShape was, ColumnShape column)
    {
        string value = Q(column.Name);
        if (was.SqlType != column.SqlType && column.SqlType != "ANY")
        {
            value = $"CAST({value} AS {column.SqlType})";
        }

        if (was.IsNullable && !column.IsNullable && column.DefaultSql is { } fallback)
        {
            value = $"COALESCE({value}, {fallback})";
        }

        return value;
    }

    private static string CreateIndex(string table, IndexShape index) =>
        (index.IsUnique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") + Q(index.Name) + " ON " + Q(table)
        + " (" + string.Join(", ", index.Columns.Select(Q)) + ")";

    private static void AddDrift(Diff diff, SchemaShape recorded, int version, List<MigrationProblem> problems, ImmutableArray<HistoryFile> files)
    {
        string record = version.ToString(CultureInfo.InvariantCulture);
        foreach (Change change in diff.Changes)
        {
            problems.Add(new MigrationProblem(
                change.Column is null ? ProblemKind.DriftAtTable : ProblemKind.DriftAtColumn,
                change.Table,
                change.Column,
                Args(change.Text, record),
                change.FileLocation));
        }

        if (diff.Changes.Count == 0)
        {
            // Only the order of the tables changed (a new foreign key can do that): still a new version.
            problems.Add(new MigrationProblem(ProblemKind.DriftAtTable, string.Empty, null, Args("the order in which the tables are created changed", record), FileLocationOf(files, recorded.Version)));
        }
    }

    private static LocationInfo? TableLocation(ImmutableArray<HistoryFile> files, int version, string table) =>
        files.FirstOrDefault(f => f.FileVersion == version)?.Tables.FirstOrDefault(t => t.Name == table)?.Location;

    private static LocationInfo? FileLocationOf(ImmutableArray<HistoryFile> files, int version) =>
        files.FirstOrDefault(f => f.FileVersion == version)?.FileLocation;

    private static string Q(string name) => SchemaJson.QuoteSql(name);

    private static EquatableArray<string> Args(params string[] args) => args.ToEquatableArray();

    private sealed class Diff
    {
        public List<string> Statements { get; } = new();

        public List<string> Postgres { get; } = new();

        public List<Change> Changes { get; } = new();

        public bool RebuildsTables { get; set; }

        /// <summary>Gets whether a PostgreSQL statement of the step could not be derived, so that the step has no PostgreSQL form.</summary>
        public bool PostgresUnknown { get; private set; }

        /// <summary>Adds a PostgreSQL statement, or marks the step as having none when the statement could not be derived.</summary>
        public void AddPostgres(string? statement)
        {
            if (statement is null)
            {
                PostgresUnknown = true;
            }
            else
            {
                Postgres.Add(statement);
            }
        }

        /// <summary>Adds PostgreSQL statements, or marks the step as having none when they could not be derived.</summary>
        public void AddPostgres(IReadOnlyList<string>? statements)
        {
            if (statements is null)
            {
                PostgresUnknown = true;
            }
            else
            {
                Postgres.AddRange(statements);
            }
        }
    }

    private sealed record Change(string Table, string? Column, string Text)
    {
        public LocationInfo? FileLocation { get; init; }
    }

    /// <summary>The declared renames and drops, looked up by name (case-insensitive, as SQLite compares names).</summary>
    private sealed class Intents
    {
        private readonly List<TableIntent> _tables;
        private readonly ImmutableArray<DropIntent> _drops;

        public Intents(List<TableIntent> tables, ImmutableArray<DropIntent> drops)
        {
            _tables = tables;
            _drops = drops;
        }

        public bool SameTable(string oldName, string newName) =>
            _tables.Any(t => Chain(t.TableName, t.RenamedFrom).Contains(oldName) && Chain(t.TableName, t.RenamedFrom).Contains(newName));

        public bool SameColumn(string table, string oldName, string newName) =>
            _tables.Where(t => Chain(t.TableName, t.RenamedFrom).Contains(table))
                .SelectMany(t => t.Columns)
                .Any(c => Chain(c.ColumnName, c.RenamedFrom).Contains(oldName) && Chain(c.ColumnName, c.RenamedFrom).Contains(newName));

        public bool IsDropped(string table, string? column) =>
            _drops.Any(d => Names.Equals(d.Table, table) && (column is null ? d.Column is null : d.Column is not null && Names.Equals(d.Column, column)));

        private static HashSet<string> Chain(string name, EquatableArray<string> earlier) =>
            new(earlier.Append(name), Names);
    }
}
