using Npgsql;

namespace GenOrm.Tests.Postgres;

/// <summary>Plain Npgsql calls the PostgreSQL tests make to set up and check a database, each on its own connection.</summary>
public static class PostgresCommands
{
    /// <summary>Runs statements on a new connection (autocommit).</summary>
    public static void Execute(string connectionString, params string[] statements)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (string statement in statements)
        {
            using var command = new NpgsqlCommand(statement, connection);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs a query on a new connection and returns the first column of its first row.</summary>
    public static T Scalar<T>(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }
}
