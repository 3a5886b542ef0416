using System;
using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>
/// One version of the schema as data: every table the generator knows, referenced tables first (the order
/// <c>Schema.CreateAll</c> creates them in). The generator emits the compiled model as <c>Schema.Current</c> and every
/// recorded version as <c>Schema.History</c>. Immutable and equal by value.
/// </summary>
/// <remarks>
/// <see cref="ToJson"/> writes the canonical text form, the content of a recorded history file such as
/// <c>schema/v2.json</c>; <see cref="FromJson"/> reads it back. The text holds SQLite's and C#'s forms only, not the
/// PostgreSQL forms the generator adds for a project that references GenOrm.Npgsql
/// (<see cref="ColumnModel.PostgresType"/>, <see cref="TableModel.PostgresCreateSql"/>): a model read back has none, so
/// it equals such a <c>Schema.Current</c> only in its text.
/// </remarks>
public sealed class SchemaModel : IEquatable<SchemaModel>
{
    private readonly TableModel[] _tables;

    /// <summary>Initializes a new instance of the <see cref="SchemaModel"/> class.</summary>
    /// <param name="version">The version this model is: its recorded version, or the newest recorded one plus 1 when it is not recorded yet.</param>
    /// <param name="tables">The tables, referenced tables first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tables"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is less than 1.</exception>
    public SchemaModel(int version, IReadOnlyList<TableModel> tables)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Version = version;
        _tables = ModelLists.Copy(tables, nameof(tables));
    }

    /// <summary>Gets the version this model is: its recorded version, or the newest recorded one plus 1 when it is not recorded yet.</summary>
    public int Version { get; }

    /// <summary>Gets the tables, referenced tables first (the order <c>Schema.CreateAll</c> creates them in).</summary>
    public IReadOnlyList<TableModel> Tables => _tables;

    /// <summary>Reads a model from its canonical text form, the one <see cref="ToJson"/> writes.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not a schema model in GenOrm's format; the message says where.</exception>
    public static SchemaModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SchemaJson.Read(json);
    }

    /// <summary>Returns the table with the given name, or <see langword="null"/> when the model has none.</summary>
    /// <param name="name">The table's name; compared as SQLite does, ignoring ASCII case.</param>
    /// <returns>The table, or <see langword="null"/>.</returns>
    public TableModel? FindTable(string name)
    {
        foreach (TableModel table in _tables)
        {
            if (string.Equals(table.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the model's canonical text form: JSON with a fixed key order, two-space indentation, <c>"\n"</c> line
    /// endings and a final line ending, so that the same model always gives the same bytes.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => SchemaJson.Write(this);

    /// <inheritdoc/>
    public bool Equals(SchemaModel? other) =>
        other is not null && Version == other.Version && ModelLists.SequenceEqual<TableModel>(_tables, other._tables);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SchemaModel);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Version, ModelLists.Hash<TableModel>(_tables));

    /// <summary>Returns the version and the table names, for example <c>v2 (authors, posts)</c>.</summary>
    /// <returns>The version and tables.</returns>
    public override string ToString()
    {
        var names = new string[_tables.Length];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = _tables[i].Name;
        }

        return "v" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (" + string.Join(", ", names) + ")";
    }
}
