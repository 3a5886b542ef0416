using System;
using System.Collections.Generic;

namespace GenOrm;

/// <summary>
/// A SQL statement as text, the counterpart of SQLAlchemy's <c>text()</c>. Values go in named parameters written
/// <c>:name</c>, <c>@name</c> or <c>$name</c>, never into the text itself.
/// </summary>
/// <example>
/// <code>
/// conn.Execute(Sql.Text("insert into my_table (x, y) values (:x, :y)"), new Params { ["x"] = 1, ["y"] = 2 });
/// </code>
/// </example>
public sealed class Sql
{
    private IReadOnlyList<SqlParameterToken>? _parameters;
    private IReadOnlyList<SqlParameterToken>? _postgresParameters;

    private Sql(string text) => CommandText = text;

    /// <summary>Gets the SQL text.</summary>
    public string CommandText { get; }

    /// <summary>
    /// Gets the names of the parameters the text uses, without prefix, each once in order of first use (<c>:x</c> and
    /// <c>@x</c> are both <c>x</c>, and take the same value).
    /// </summary>
    public IReadOnlyList<string> ParameterNames
    {
        get
        {
            var names = new List<string>();
            foreach (SqlParameterToken token in Parameters)
            {
                if (!names.Contains(token.Name))
                {
                    names.Add(token.Name);
                }
            }

            return names;
        }
    }

    internal IReadOnlyList<SqlParameterToken> Parameters => _parameters ??= SqlParameterParser.Parse(CommandText);

    /// <summary>Gets the parameter tokens as <paramref name="dialect"/> reads the text (PostgreSQL skips dollar quotes and <c>::</c> casts).</summary>
    internal IReadOnlyList<SqlParameterToken> ParametersFor(DatabaseKind dialect) =>
        dialect == DatabaseKind.Postgres ? _postgresParameters ??= SqlParameterParser.Parse(CommandText, DatabaseKind.Postgres) : Parameters;

    /// <summary>Wraps SQL text.</summary>
    /// <param name="text">The SQL text; may hold several statements separated by <c>;</c>.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is null, empty or white space.</exception>
    public static Sql Text(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new Sql(text);
    }

    /// <summary>Returns the SQL text.</summary>
    /// <returns>The SQL text.</returns>
    public override string ToString() => CommandText;
}
