namespace GenOrm.Generators.Emitting;

/// <summary>
/// The doc-comment lines that many generated members share, written once here. They are database-neutral: the same
/// compiled code runs on any dialect, so a fact that is one database's own comes from <c>ISqlDialect</c> instead.
/// </summary>
internal static class DocText
{
    /// <summary>The <c>connection</c> parameter of every generated data-access method.</summary>
    public const string ConnectionParam = """<param name="connection">The connection to run the statement on; it joins the connection's transaction.</param>""";

    /// <summary>The <c>cancellationToken</c> parameter of every generated <c>...Async</c> method.</summary>
    public const string CancellationParam = """<param name="cancellationToken">Stops the statement: it throws <see cref="global::System.OperationCanceledException"/>, and the connection stays usable.</param>""";

    /// <summary>The <c>GenOrmException</c> of a generated table method.</summary>
    public static readonly string DatabaseException = DatabaseError(", such as a constraint violation; the exception names the table and column");

    /// <summary>Gets the <c>GenOrmException</c> line: the database reported an error, then <paramref name="detail"/>.</summary>
    public static string DatabaseError(string detail) =>
        $"""<exception cref="global::GenOrm.GenOrmException">The database reported an error{detail}.</exception>""";

    /// <summary>Gets the <c>ArgumentNullException</c> line for <paramref name="parameter"/>.</summary>
    public static string NullArgument(string parameter) =>
        $"""<exception cref="global::System.ArgumentNullException"><paramref name="{parameter}"/> is <see langword="null"/>.</exception>""";
}
