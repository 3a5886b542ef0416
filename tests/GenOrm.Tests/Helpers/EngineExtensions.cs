namespace GenOrm.Tests.Helpers;

/// <summary>Reads that tests make through a fresh connection, so they see only committed data.</summary>
public static class EngineExtensions
{
    /// <summary>Runs a query on a new connection and returns its rows printed like Python, <c>[(1, 2)]</c>.</summary>
    public static string Rows(this Engine engine, string sql)
    {
        using Connection connection = engine.Connect();
        return connection.Execute(Sql.Text(sql)).ToString();
    }

    /// <summary>Counts the rows of a table on a new connection.</summary>
    public static long Count(this Engine engine, string table)
    {
        using Connection connection = engine.Connect();
        return connection.Execute(Sql.Text("select count(*) from " + table)).Scalar<long>();
    }

    /// <summary>Runs statements on a new connection and commits them.</summary>
    public static void Run(this Engine engine, params string[] statements)
    {
        using Connection connection = engine.Connect();
        foreach (string statement in statements)
        {
            connection.Execute(Sql.Text(statement));
        }

        connection.Commit();
    }
}
