using System.Reflection;
using GenOrm.Generated;
using GenOrm.Testing;
using GenOrm.Tests.Orm;
using Npgsql;
using static GenOrm.Tests.Postgres.PostgresCommands;

namespace GenOrm.Tests.Postgres;

/// <summary>
/// The PostgreSQL texts the generator writes into this assembly's tables (it references GenOrm.Npgsql), run on the
/// real server through plain Npgsql and read back from pg_catalog: column types, identity, nullability, defaults,
/// keys, foreign keys with their actions, indexes; and the statements that differ from SQLite's (<c>RETURNING</c>,
/// <c>setval</c> after an explicit key, <c>IS NOT DISTINCT FROM</c>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GeneratedPostgresDdlTests(PostgresFixture fixture)
{
    private const string ColumnsSql = """
        select a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity::text,
               coalesce((select c.collname::text from pg_collation c where c.oid = a.attcollation), ''),
               coalesce(pg_get_expr(d.adbin, d.adrelid), '')
        from pg_attribute a
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = @table::regclass and a.attnum > 0 and not a.attisdropped
        order by a.attnum
        """;

    [PostgresFact]
    public void AllTypes_EveryColumnHasItsPostgresType()
    {
        PostgresDatabase database = fixture.CreateDatabase();

        Execute(database.ConnectionString, AllTypes.CreateTableSqlPostgres);

        string[] expected =
        [
            "Id integer NOT NULL", "Bool boolean NOT NULL", "SByte smallint NOT NULL", "Byte smallint NOT NULL", "Int16 smallint NOT NULL",
            "UInt16 integer NOT NULL", "Int32 integer NOT NULL", "UInt32 bigint NOT NULL", "Int64 bigint NOT NULL", "UInt64 numeric(20,0) NOT NULL",
            "Single real NOT NULL", "Double double precision NOT NULL", "Decimal numeric NOT NULL", "String text NOT NULL COLLATE C", "Bytes bytea NOT NULL",
            "DateTime timestamp without time zone NOT NULL", "DateTimeOffset timestamp with time zone NOT NULL", "DateOnly date NOT NULL",
            "TimeOnly time without time zone NOT NULL", "TimeSpan interval NOT NULL", "Guid uuid NOT NULL", "Color integer NOT NULL",
            "Tiny smallint NOT NULL", "Huge numeric(20,0) NOT NULL",
            "NBool boolean", "NSByte smallint", "NByte smallint", "NInt16 smallint", "NUInt16 integer", "NInt32 integer", "NUInt32 bigint",
            "NInt64 bigint", "NUInt64 numeric(20,0)", "NSingle real", "NDouble double precision", "NDecimal numeric", "NString text COLLATE C",
            "NBytes bytea", "NDateTime timestamp without time zone", "NDateTimeOffset timestamp with time zone", "NDateOnly date",
            "NTimeOnly time without time zone", "NTimeSpan interval", "NGuid uuid", "NColor integer", "NTiny smallint", "NHuge numeric(20,0)",
        ];
        Assert.Equal(expected, Columns(database, "\"AllTypes\""));
        Assert.Equal(["Id"], PrimaryKey(database, "\"AllTypes\""));
    }

    [PostgresFact]
    public void Author_IdentityKeyBoundedTextNullableUniqueAndDefaults()
    {
        PostgresDatabase database = fixture.CreateDatabase();

        Execute(database.ConnectionString, DdlAuthor.CreateTableSqlPostgres);

        Assert.Equal(
            [
                "Id bigint NOT NULL IDENTITY BY DEFAULT",
                "Name character varying(80) NOT NULL COLLATE C",
                "Email text COLLATE C",
                "Active boolean NOT NULL DEFAULT true",
                "Fee numeric(19,2) NOT NULL DEFAULT 9.5",
                "Break interval NOT NULL DEFAULT '01:30:00'::interval",
            ],
            Columns(database, "ddl_author"));
        Assert.Equal(["Id"], PrimaryKey(database, "ddl_author"));
        Assert.Equal(
            ["ddl_author_Email_key UNIQUE (\"Email\")", "ddl_author_pkey PRIMARY KEY (\"Id\")"],
            Rows(database, "select conname::text, pg_get_constraintdef(oid) from pg_constraint where conrelid = 'ddl_author'::regclass order by conname")
                .Select(r => $"{r[0]} {r[1]}"));
    }

    [PostgresFact]
    public void Book_ForeignKeysKeepTheirActions_IndexCreated()
    {
        PostgresDatabase database = fixture.CreateDatabase();

        Execute(database.ConnectionString, DdlAuthor.CreateTableSqlPostgres, DdlBook.CreateTableSqlPostgres);

        Assert.Equal(
            ["Id integer NOT NULL IDENTITY BY DEFAULT", "AuthorId bigint NOT NULL", "EditorId bigint", "ReviewerId bigint NOT NULL", "TranslatorId bigint", "Price numeric NOT NULL"],
            Columns(database, "ddl_book"));
        Assert.Equal(
            [
                "AuthorId ddl_author c FOREIGN KEY (\"AuthorId\") REFERENCES ddl_author(\"Id\") ON DELETE CASCADE",
                "EditorId ddl_author n FOREIGN KEY (\"EditorId\") REFERENCES ddl_author(\"Id\") ON DELETE SET NULL",
                "ReviewerId ddl_author r FOREIGN KEY (\"ReviewerId\") REFERENCES ddl_author(\"Id\") ON DELETE RESTRICT",
                "TranslatorId ddl_author a FOREIGN KEY (\"TranslatorId\") REFERENCES ddl_author(\"Id\")",
            ],
            Rows(database, """
                select a.attname::text, c.confrelid::regclass::text, c.confdeltype::text, pg_get_constraintdef(c.oid)
                from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where c.contype = 'f' and c.conrelid = 'ddl_book'::regclass
                order by a.attnum
                """).Select(r => string.Join(" ", r)));
        Assert.Equal(
            [
                "ddl_book_pkey CREATE UNIQUE INDEX ddl_book_pkey ON public.ddl_book USING btree (\"Id\")",
                "ix_ddl_book_Price CREATE INDEX \"ix_ddl_book_Price\" ON public.ddl_book USING btree (\"Price\")",
            ],
            Rows(database, "select indexname::text, indexdef from pg_indexes where tablename = 'ddl_book' order by indexname").Select(r => $"{r[0]} {r[1]}"));
    }

    [PostgresFact]
    public void SeedUser_CompositeKeyInDeclaredOrder()
    {
        PostgresDatabase database = fixture.CreateDatabase();

        Execute(database.ConnectionString, SeedUser.CreateTableSqlPostgres);

        Assert.Equal(["id", "email"], PrimaryKey(database, "\"user\""));
        Assert.Equal(
            ["id bigint NOT NULL", "name character varying(100) NOT NULL COLLATE C", "email character varying(100) NOT NULL COLLATE C", "login character varying(100) NOT NULL COLLATE C"],
            Columns(database, "\"user\""));
    }

    [PostgresFact]
    public void CreateAllSqlPostgres_EveryTableOfTheAssembly_TwiceWithoutError()
    {
        PostgresDatabase database = fixture.CreateDatabase();

        // Referenced tables first (the schema's order), and IF NOT EXISTS makes the second run a no-op.
        Execute(database.ConnectionString, Schema.CreateAllSqlPostgres);
        Execute(database.ConnectionString, Schema.CreateAllSqlPostgres);

        Assert.Equal(
            Schema.TableNames.Order(StringComparer.Ordinal),
            Rows(database, "select tablename::text from pg_tables where schemaname = 'public'").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
    }

    [PostgresFact]
    public void Insert_ReturnsTheIdentity_AndAnExplicitKeyAdvancesTheSequence()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, DdlAuthor.CreateTableSqlPostgres);
        string insert = Constant<DdlAuthor>("InsertSqlPostgres");
        string insertWithKey = Constant<DdlAuthor>("InsertWithKeySql");
        string afterExplicitKey = Constant<DdlAuthor>("AfterExplicitKeySqlPostgres");

        Assert.Equal(1L, Single(database, insert, AuthorValues("ann")));
        Assert.Equal(2L, Single(database, insert, AuthorValues("bob")));

        Assert.Empty(Rows(database, insertWithKey, [("Id", 100L), .. AuthorValues("cy")]));
        Assert.Equal(100L, Single(database, afterExplicitKey, ("Id", 100L)));
        Assert.Equal(101L, Single(database, insert, AuthorValues("di")));

        // A smaller explicit key leaves the sequence where it is: no row, and the next key is still past the largest.
        Assert.Empty(Rows(database, insertWithKey, [("Id", 50L), .. AuthorValues("ed")]));
        Assert.Empty(Rows(database, afterExplicitKey, ("Id", 50L)));
        Assert.Equal(102L, Single(database, insert, AuthorValues("flo")));

        Assert.Equal(
            ["1 ann", "2 bob", "50 ed", "100 cy", "101 di", "102 flo"],
            Rows(database, "select \"Id\", \"Name\" from ddl_author order by \"Id\"").Select(r => $"{r[0]} {r[1]}"));
    }

    [PostgresFact]
    public void InsertWithoutValues_TakesTheDefaults()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, DdlAuthor.CreateTableSqlPostgres);

        Execute(database.ConnectionString, "insert into ddl_author (\"Name\") values ('x')");

        object?[] row = Assert.Single(Rows(database, "select \"Active\", \"Fee\", \"Break\" from ddl_author"));
        Assert.Equal([true, 9.50m, TimeSpan.FromMinutes(90)], row);
    }

    [PostgresFact]
    public void NullableLookup_IsNotDistinctFrom_FindsTheNullRow_WhereSqlitesIsFails()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, DdlTicket.CreateTableSqlPostgres);
        string insert = Constant<DdlTicket>("InsertSqlPostgres");
        long withoutCode = Single(database, insert, ("Code", null), ("Seats", 1));
        long withCode = Single(database, insert, ("Code", "A"), ("Seats", 2));

        object?[] found = Assert.Single(Rows(database, Constant<DdlTicket>("SelectByCodeSqlPostgres"), ("Code", null)));
        Assert.Equal([withoutCode, null, 1], found);
        Assert.Equal([withCode, "A", 2], Assert.Single(Rows(database, Constant<DdlTicket>("SelectByCodeSqlPostgres"), ("Code", "A"))));
        Assert.Equal([withCode, "A", 2], Assert.Single(Rows(database, Constant<DdlTicket>("SelectByIdSqlPostgres"), ("Id", withCode))));

        // SQLite's "IS @Code" is not PostgreSQL: the reason the file carries a second text.
        PostgresException error = Assert.Throws<PostgresException>(() => Rows(database, Constant<DdlTicket>("SelectByCodeSql"), ("Code", "A")));
        Assert.Equal(PostgresErrorCodes.SyntaxError, error.SqlState);
    }

    [PostgresFact]
    public void Upsert_InsertsThenUpdates_DeleteByNullableKey()
    {
        PostgresDatabase database = fixture.CreateDatabase();
        Execute(database.ConnectionString, DdlTicket.CreateTableSqlPostgres);
        string upsert = Constant<DdlTicket>("UpsertSql");

        Assert.Empty(Rows(database, upsert, ("Id", 5L), ("Code", "B"), ("Seats", 3)));
        Assert.Empty(Rows(database, upsert, ("Id", 5L), ("Code", "B"), ("Seats", 4)));
        Assert.Equal(5L, Single(database, Constant<DdlTicket>("AfterExplicitKeySqlPostgres"), ("Id", 5L)));
        Assert.Equal(6L, Single(database, Constant<DdlTicket>("InsertSqlPostgres"), ("Code", "C"), ("Seats", 1)));

        Assert.Equal(["5 B 4", "6 C 1"], Rows(database, "select * from ddl_ticket order by \"Id\"").Select(r => string.Join(" ", r)));
        Assert.Equal(1, NonQuery(database, Constant<DdlTicket>("DeleteSqlPostgres"), ("Id", 5L)));
        Assert.Equal(["6 C 1"], Rows(database, "select * from ddl_ticket order by \"Id\"").Select(r => string.Join(" ", r)));
    }

    /// <summary>Gets a SQL constant of a generated table class, private ones included.</summary>
    private static string Constant<T>(string name) =>
        (string)(typeof(T).GetField(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no constant {name}."));

    private static (string Name, object? Value)[] AuthorValues(string name) =>
        [("Name", name), ("Email", name + "@example.com"), ("Active", true), ("Fee", 1.25m), ("Break", TimeSpan.FromMinutes(5))];

    /// <summary>Gets each column as <c>name type [NOT NULL] [IDENTITY ...] [COLLATE c] [DEFAULT expr]</c>.</summary>
    private static IEnumerable<string> Columns(PostgresDatabase database, string table) =>
        Rows(database, ColumnsSql, ("table", table)).Select(r =>
            (string)r[0]! + " " + (string)r[1]!
            + ((bool)r[2]! ? " NOT NULL" : string.Empty)
            + ((string)r[3]! switch { "d" => " IDENTITY BY DEFAULT", "a" => " IDENTITY ALWAYS", _ => string.Empty })
            + ((string)r[4]! is { Length: > 0 } and not "default" ? " COLLATE " + (string)r[4]! : string.Empty)
            + ((string)r[5]! is { Length: > 0 } expression ? " DEFAULT " + expression : string.Empty));

    /// <summary>Gets the primary key's columns in key order.</summary>
    private static IEnumerable<string> PrimaryKey(PostgresDatabase database, string table) =>
        Rows(database, """
            select a.attname::text
            from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
            where i.indrelid = @table::regclass and i.indisprimary
            order by k.ord
            """, ("table", table)).Select(r => (string)r[0]!);

    private static long Single(PostgresDatabase database, string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(Assert.Single(Assert.Single(Rows(database, sql, parameters))), System.Globalization.CultureInfo.InvariantCulture);

    private static List<object?[]> Rows(PostgresDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using NpgsqlCommand command = Command(connection, sql, parameters);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static int NonQuery(PostgresDatabase database, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using NpgsqlCommand command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>A command with named parameters: Npgsql rewrites the generated texts' <c>@Name</c> placeholders.</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach ((string name, object? value) in parameters)
        {
            // A null of unknown type: text, which is what the nullable columns here hold.
            command.Parameters.Add(value is null
                ? new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value }
                : new NpgsqlParameter(name, value));
        }

        return command;
    }
}
