using System.Globalization;

namespace GenOrm;

/// <summary>Every message GenOrm puts in an exception, in one place. Messages never include column values.</summary>
internal static class ErrorMessages
{
    public static string NotSqliteConnection(string database, string connectionType) =>
        $"Connection.DbConnection is the SqliteConnection of a SQLite database, and this connection is to {database} " +
        $"(its ADO.NET connection is a {connectionType}). Use Connection.GetDbConnection(), which returns the ADO.NET connection of any database.";

    public static string UniqueViolation(string? table, string column) =>
        $"Cannot write to table '{Name(table)}': column '{column}' must be unique and another row already has this value. " +
        "Load and update the existing row instead, or use a different value.";

    public static string UniqueConstraintViolation(string? table, string constraint) =>
        $"Cannot write to table '{Name(table)}': another row already has this value under its unique constraint '{constraint}' " +
        "(whose columns could not be read from the catalog, as for a table not committed yet). Load and update the existing row instead, or use a different value.";

    public static string PrimaryKeyConstraintViolation(string? table, string constraint) =>
        $"Cannot insert into table '{Name(table)}': a row with the same primary key already exists (constraint '{constraint}', " +
        "whose columns could not be read from the catalog, as for a table not committed yet). Update the existing row instead, or use a different key.";

    public static string PrimaryKeyViolation(string? table, string columns) =>
        $"Cannot insert into table '{Name(table)}': a row with the same primary key ({columns}) already exists. " +
        "Update the existing row instead, or use a different key.";

    public static string NotNullViolation(string? table, string column) =>
        $"Column '{column}'{OfTable(table)} cannot be NULL. " +
        "Give it a value, or declare the property nullable (for example string? or long?) to allow NULL.";

    public static string MaxLengthViolation(string? table, string column, int maxLength) =>
        $"The value for column '{column}'{OfTable(table)} is longer than its maximum length of {maxLength.ToString(CultureInfo.InvariantCulture)} characters. " +
        "Shorten the value, or raise [MaxLength] on the property.";

    public static string CheckViolation(string? table, string constraint) =>
        $"A CHECK constraint{OfTable(table)} failed: {constraint}. Change the value so that the condition holds.";

    public static string ForeignKeyViolation(string? table) =>
        $"A FOREIGN KEY constraint{OfTable(table)} failed: the row refers to a row that does not exist, or is still referred to. " +
        "Insert the referenced row first, or delete the referring rows first.";

    public static string DataTypeViolation(string? table, string column, string storedType, string columnType) =>
        $"Column '{column}'{OfTable(table)} holds {columnType} values; {Article(storedType)} {storedType} value cannot be stored in it. " +
        "Pass a value of the column's type.";

    public static string SqlError(string sqliteMessage, string sql) =>
        $"SQLite rejected the statement: {sqliteMessage}. SQL: {QuotedSql(sql)}";

    public static string TableError(string table, string sqliteMessage, string sql) =>
        $"SQLite rejected a statement on table '{table}': {sqliteMessage}. SQL: {QuotedSql(sql)}";

    public static string MissingParameter(string token, string name, string sql) =>
        $"The SQL uses parameter '{token}', but no value was given for '{name}'. " +
        $"Add it, for example new Params {{ [\"{name}\"] = ... }}. SQL: {QuotedSql(sql)}";

    public static string MissingEntityParameter(string token, string name, string entityType, string sql) =>
        $"The SQL uses parameter '{token}', but the entity of table '{entityType}' has no column or property named '{name}'. " +
        $"Rename the parameter to one of its columns, or pass a Params instead. SQL: {QuotedSql(sql)}";

    public static string NullBatchItem(int index) =>
        $"Parameter set {index.ToString(CultureInfo.InvariantCulture)} of the batch is null; every item of a batch must have values.";

    public static string UnsupportedParameterType(string typeName) =>
        $"A parameter value of type '{typeName}' cannot be stored in SQLite. " +
        "Use a string, number, bool, byte[], DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid or enum value.";

    public static string Cancelled(string sql) =>
        $"The statement was cancelled; the connection is still usable. SQL: {QuotedSql(sql)}";

    public static string SeveralStatements(string sql) =>
        $"The SQL holds more than one statement, but a query runs exactly one. Split it into separate calls. SQL: {QuotedSql(sql)}";

    public static string NoStatement(string sql) =>
        $"The SQL holds no statement (only white space, comments or ';'). Give the statement to run. SQL: {QuotedSql(sql)}";

    public static string UnnamedParameter(string token, string sql) =>
        $"The SQL uses parameter '{token}', which has no name, so no value can be given for it (it would run as NULL). " +
        $"Write it as a named parameter, such as :name, and give its value in a Params. SQL: {QuotedSql(sql)}";

    public static string QueryValuesMismatch(string sql, int parameters, int values) =>
        $"GenOrm bound {values} value(s) to a typed query with {parameters} parameter(s), so it stopped instead of running it with the values of an earlier run. This is a bug in GenOrm; please report it with the SQL. SQL: {QuotedSql(sql)}";

    public static string NoRow(string sql) =>
        $"The statement returned no row, but exactly one was required. SQL: {QuotedSql(sql)}";

    public static string SeveralRows(string sql) =>
        $"The statement returned more than one row, but at most one was expected. SQL: {QuotedSql(sql)}";

    public static string SeveralRowsForLookup(string table, string sql) =>
        $"The lookup on table '{table}' matched more than one row, but at most one was expected; " +
        $"the column is not unique on its own (for example, it is only part of a composite key). SQL: {QuotedSql(sql)}";

    public static string MissingColumns(string entityType, string columns, string sql) =>
        $"The result cannot be read as '{entityType}': it has no column {columns}. " +
        $"Select every mapped column (SELECT * or the full column list). SQL: {QuotedSql(sql)}";

    public static string NoSuchColumn(string column, string available) =>
        $"The row has no column named '{column}'. Its columns are: {available}.";

    public static string ColumnIsNull(string column, string typeName) =>
        $"Column '{column}' is NULL, which cannot be read as '{typeName}'. Read it as a nullable type (for example long? or string?).";

    public static string CannotConvert(string column, string storedType, string typeName) =>
        $"Column '{column}' holds {Article(storedType)} {storedType} value, which cannot be read as '{typeName}'.";

    public static string UnsupportedReadType(string typeName) =>
        $"GenOrm cannot read a column as '{typeName}'. Read it as a string, number, bool, byte[], DateTime, DateTimeOffset, DateOnly, TimeOnly, TimeSpan, Guid or enum.";

    // The URL messages quote the URL with its passwords masked.
    public static string InvalidUrl(string url, string reason) =>
        $"The database URL '{DatabaseUrl.MaskPassword(url)}' is not valid: {reason}";

    public static string UnsupportedScheme(string url, string scheme) =>
        $"The database URL '{DatabaseUrl.MaskPassword(url)}' uses the scheme '{scheme}', which GenOrm does not support. " +
        "Use 'sqlite:///path.db', 'sqlite://' (in memory), 'postgresql://user:password@host:5432/dbname', or a connection string " +
        "such as 'Data Source=app.db' (SQLite) or 'Host=localhost;Username=app;Database=app' (PostgreSQL).";

    public static string PostgresDriverMissing(string url) =>
        $"The database URL '{DatabaseUrl.MaskPassword(url)}' names a PostgreSQL database, which GenOrm opens through the GenOrm.Npgsql package: " +
        "add it to the project (dotnet add package GenOrm.Npgsql), which registers its driver by itself in an assembly that references it, " +
        "or call GenOrm.Npgsql.NpgsqlDriver.Register() once before Engine.Create.";

    public static string PostgresError(string serverMessage, string sqlState, string sql) =>
        $"PostgreSQL rejected the statement: {serverMessage} (SQLSTATE {sqlState}). SQL: {QuotedSql(sql)}";

    public static string PostgresTableError(string table, string serverMessage, string sqlState, string sql) =>
        $"PostgreSQL rejected a statement on table '{table}': {serverMessage} (SQLSTATE {sqlState}). SQL: {QuotedSql(sql)}";

    public static string PostgresConnectionLost(string database, string reason, string sql) =>
        $"The connection to the PostgreSQL server (database '{database}') was lost while running a statement ({reason}): the server may have " +
        "restarted, or ended this session (pg_terminate_backend, idle_session_timeout). Its uncommitted work is gone and the connection is " +
        $"closed. Dispose it and open a new one with Engine.Connect(), then run the work again. SQL: {QuotedSql(sql)}";

    public static string PostgresOpenFailed(string url, string reason) =>
        $"Cannot connect to the PostgreSQL server of '{DatabaseUrl.MaskPassword(url)}': {reason}. " +
        "Check that the server runs and accepts connections at that host and port, and the user name, password and database name.";

    public static string SerializationFailure(string? table, string sqlState, string sql) =>
        $"This transaction could not go on{OnTable(table)}: PostgreSQL ended it because it conflicted with a concurrent transaction " +
        $"(SQLSTATE {sqlState}: {(sqlState == "40P01" ? "a deadlock" : "a serialization failure")}). Roll back and run the whole transaction again. SQL: {QuotedSql(sql)}";

    public static string LockTimeout(string? table, string waited, string sql) =>
        $"The database was busy{OnTable(table)}: another transaction held a lock the statement needs, and PostgreSQL gave up after waiting {waited} " +
        "(EngineOptions.BusyTimeout, the server's lock_timeout). Keep write transactions short and commit them promptly, or raise EngineOptions.BusyTimeout. " +
        $"SQL: {QuotedSql(sql)}";

    public static string ValueTooLong(string? table, string? column, string serverMessage) =>
        column is null
            ? $"A string is too long for its column{OfTable(table)}: {serverMessage}. Shorten the value, or raise [MaxLength] on the property."
            : $"The value for column '{column}'{OfTable(table)} is longer than the column allows ({serverMessage}). Shorten the value, or raise [MaxLength] on the property.";

    public static string SubMicrosecond(string typeName) =>
        $"A {typeName} value has a fraction of a microsecond, which PostgreSQL cannot store (its date and time types keep whole microseconds): " +
        "it would be read back different. Round the value to whole microseconds first (for example value.AddTicks(-(value.Ticks % 10))).";

    public static string CommandInProgress(string sql) =>
        "Another command is still running on this PostgreSQL connection (one run on GetDbConnection() whose reader is still open), " +
        "and a PostgreSQL connection runs one command at a time. Dispose that reader first, or run this statement on another " +
        $"connection. SQL: {QuotedSql(sql)}";

    public static string ReadAheadFailed(string sql, string resultSql, string failure) =>
        "The statement did not run: a PostgreSQL connection runs one statement at a time, so the rest of the open result of " +
        $"'{QuotedSql(resultSql)}' was read first, and that failed: {failure} SQL: {QuotedSql(sql)}";

    public static string NoParameterSets(string sql) =>
        $"This statement runs one parameter set per execution; it cannot keep several for one batch: {sql}";

    public static string BatchKeysMissing(string table, int expected, int read) =>
        $"A batch insert into '{table}' returned {read.ToString(CultureInfo.InvariantCulture)} generated key(s) for " +
        $"{expected.ToString(CultureInfo.InvariantCulture)} row(s); the keys cannot be matched to the entities, so the batch was undone.";

    public static string NoInsertId() =>
        "PostgreSQL gives a generated key back through INSERT ... RETURNING, not as the connection's last insert id.";

    public static string SqliteOnlyTable(string table) =>
        $"The generated code of table '{table}' carries SQLite's SQL only, and this connection is to PostgreSQL: the project that holds the " +
        "[Table] class must reference GenOrm.Npgsql, so that the generator writes PostgreSQL's SQL beside SQLite's (dotnet add package GenOrm.Npgsql).";

    public static string DatabaseBusy(string? table, string waited, string sql) =>
        $"The database was busy{OnTable(table)}: another connection or process held a lock on it, and GenOrm gave up after waiting {waited} " +
        "(EngineOptions.BusyTimeout). Keep write transactions short and commit them promptly, or raise EngineOptions.BusyTimeout. " +
        $"SQL: {QuotedSql(sql)}";

    public static string DatabaseLocked(string? table, string waited, string sql) =>
        $"A table was locked{OnTable(table)} by another connection that shares this database's cache (as the connections of an in-memory engine do), " +
        $"and GenOrm gave up after waiting {waited} (EngineOptions.BusyTimeout). Commit or dispose the other connection's work first. SQL: {QuotedSql(sql)}";

    public static string SnapshotConflict(string? table, string sql) =>
        $"This transaction cannot write{OnTable(table)}: it read from the database before another connection committed a write, so writing now " +
        "would lose isolation, and waiting cannot help (SQLITE_BUSY_SNAPSHOT). Roll back and run the whole transaction again; " +
        $"a transaction that writes should begin with its first write. SQL: {QuotedSql(sql)}";

    public static string BusyTimeoutOutOfRange(string value) =>
        $"EngineOptions.BusyTimeout must be at least 1 millisecond and at most {int.MaxValue.ToString(CultureInfo.InvariantCulture)} milliseconds; it is {value}.";

    public static string NaNNotStorable(string? table, string? column) =>
        $"{ValueOf(table, column, "A double or float value")} is NaN (not a number), which SQLite cannot store: it would become NULL. " +
        "Store null in a nullable column (double?) instead, or check the value before writing it.";

    public static string LoneSurrogate(string? table, string? column, int index) =>
        $"{ValueOf(table, column, "A string value")} contains a lone UTF-16 surrogate at index {index.ToString(CultureInfo.InvariantCulture)} (half of a surrogate pair); " +
        "SQLite stores text as UTF-8, which cannot represent it, so it would be stored altered (as U+FFFD). " +
        "Fix the string, or store such data in a byte[] column.";

    public static string ConnectionInUse() =>
        "The connection is being used by another thread. A Connection is not thread-safe: use it from one thread at a time, " +
        "and give each thread its own connection from Engine.Connect() (the Engine is safe to share between threads).";

    public static string ConnectionDisposed() =>
        "The connection has been disposed. Open a new one with Engine.Connect().";

    public static string EngineDisposed() =>
        "The engine has been disposed. Create a new one with Engine.Create(...).";

    /// <summary>Formats a wait such as 5 s, 1.5 s or 250 ms.</summary>
    public static string Duration(System.TimeSpan duration) =>
        duration.TotalMilliseconds < 1000
            ? duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms"
            : duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string OnTable(string? table) => table is null ? string.Empty : $" for table '{table}'";

    private static string ValueOf(string? table, string? column, string unnamed) =>
        column is null
            ? unnamed
            : $"The value for column '{column}'{OfTable(table)}";

    private static string Name(string? table) => table ?? "?";

    private static string OfTable(string? table) => table is null ? string.Empty : $" of table '{table}'";

    private static string Article(string word) => word.Length > 0 && "AEIOU".Contains(char.ToUpperInvariant(word[0])) ? "an" : "a";

    public static string UnreadablePostgresType(string column, string type) =>
        $"Cannot read column '{column}': GenOrm does not read PostgreSQL's {type} values. Cast the column in the SQL to a type it reads, such as {column}::text.";

    public static string UnreadableValue(string? table, string column, string clrType, string found) =>
        $"Cannot read column '{column}'{OfTable(table)} as {clrType}: the row holds {found}. "
        + "The stored data does not fit the model (a database of an older shape, or written by another tool); "
        + "fix the row, or change the property's type to one that holds such values.";

    public static string PendingRollback(string database, string cause) =>
        $"This connection's transaction was rolled back by {database} after an error ({cause}), so its uncommitted work is lost. "
        + "Call Rollback() to acknowledge it, then run the work again in a new transaction.";

    public static string BindFailed(int index, string sql, string sqliteMessage) =>
        $"Could not bind parameter {index + 1} of '{QuotedSql(sql)}': {sqliteMessage}";


    public static string DecimalTooPrecise(string table, string column, int scale) =>
        $"The value for column '{column}' of table '{table}' has more than {scale.ToString(CultureInfo.InvariantCulture)} decimal places, " +
        $"but [Column(Scale = {scale.ToString(CultureInfo.InvariantCulture)})] stores it as an exact integer count of 10^-{scale.ToString(CultureInfo.InvariantCulture)} and GenOrm never rounds. " +
        "Round the value first (decimal.Round), or raise the column's Scale.";

    public static string DecimalOutOfScaledRange(string table, string column, int scale) =>
        $"The value for column '{column}' of table '{table}' is too large for [Column(Scale = {scale.ToString(CultureInfo.InvariantCulture)})]: " +
        $"the column stores the value times 10^{scale.ToString(CultureInfo.InvariantCulture)} as a 64-bit integer, so it holds values between " +
        $"{GenOrm.Internal.DbValue.FromScaledInteger(long.MinValue, scale).ToString(CultureInfo.InvariantCulture)} and {GenOrm.Internal.DbValue.FromScaledInteger(long.MaxValue, scale).ToString(CultureInfo.InvariantCulture)}. Lower the column's Scale, or check the value before writing it.";

    public static string InvalidLikeEscape() =>
        "A LIKE escape must be one whole character: not NUL, and not half of a surrogate pair. Use a character such as '\\' or '!'.";

    /// <summary>The most characters of a statement an error message quotes.</summary>
    public const int QuotedSqlLength = 200;

    /// <summary>
    /// Gets the SQL an error message quotes: the statement itself up to <see cref="QuotedSqlLength"/> characters, or
    /// its first ones followed by "…" and the statement's length, so that a huge statement (an IN list of 100,000
    /// values) never makes a huge message.
    /// </summary>
    public static string QuotedSql(string sql)
    {
        if (sql.Length <= QuotedSqlLength)
        {
            return sql;
        }

        int cut = char.IsHighSurrogate(sql[QuotedSqlLength - 1]) ? QuotedSqlLength - 1 : QuotedSqlLength;
        return sql[..cut] + "… (" + sql.Length.ToString(CultureInfo.InvariantCulture) + " characters in all)";
    }

    public static string OpenFolderMissing(string path, string folder) =>
        $"Cannot open the database file '{path}': its folder '{folder}' does not exist. Create the folder first, or correct the path.";

    public static string OpenIsFolder(string path) =>
        $"Cannot open the database file '{path}': it is a folder, not a file. Give the path of a database file (for example a file inside that folder).";

    public static string OpenNoPermission(string path) =>
        $"Cannot open the database file '{path}': this process has no permission to open it (or to create it in its folder). " +
        "Give the process read and write access to the file and its folder, or open it read-only with '?mode=ro' (EngineOptions.ReadOnly).";

    public static string OpenMissingReadOnly(string path) =>
        $"Cannot open the database file '{path}': it does not exist, and the engine opens it read-only, so it is not created. " +
        "Correct the path, or open it without '?mode=ro' (Mode=ReadOnly, EngineOptions.ReadOnly) to create it.";

    public static string OpenWalNeedsFolder(string path) =>
        $"Cannot open the database file '{path}': it is in WAL mode, and reading it needs its '-wal' and '-shm' files beside it, " +
        "which SQLite cannot create because the folder is read-only. Copy the database to a writable folder, or open it with '?immutable=1' " +
        "if nothing changes it while it is open (SQLite then reads only the main file and ignores a '-wal' file).";

    public static string OpenFailed(string path, string sqliteMessage) =>
        $"Cannot open the database file '{path}': {sqliteMessage}. Check that the path names a SQLite database file that this process can read and write.";

    public static string NotADatabase(string path) =>
        $"Cannot open the database file '{path}': it is not a SQLite database (its header is not SQLite's: another kind of file, an encrypted database, or a damaged one). " +
        "Check the path, or restore the file from a backup.";

    public static string OpenBusy(string path, bool switchingToWal, string waited, string sql) =>
        $"Cannot open the database file '{path}': another connection or process held a lock on it while the engine's first connection " +
        (switchingToWal ? "switched the file to write-ahead logging (EngineOptions.UseWal)" : "read the file's header") +
        $", and GenOrm gave up after waiting {waited} (EngineOptions.BusyTimeout). Keep write transactions short and commit them promptly, " +
        $"or raise EngineOptions.BusyTimeout; the engine tries again on its next Connect(). SQL: {QuotedSql(sql)}";

    public static string OpenReadOnlyFile(string path) =>
        $"Cannot open the database file '{path}' for writing: the file, its folder or its media is write-protected. " +
        "Open it read-only ('?mode=ro' in the URL, Mode=ReadOnly in a connection string, or EngineOptions.ReadOnly), or make the file and its folder writable.";

    public static string WriteReadOnlyDatabase(string? table, string path, string sql) =>
        $"Cannot write{(table is null ? string.Empty : $" to table '{table}'")}: the database file '{path}' is open read-only (the engine was created with '?mode=ro', '?immutable=1', " +
        $"Mode=ReadOnly or EngineOptions.ReadOnly, or the file or its media is write-protected). Write through an engine that opens the file for writing. SQL: {QuotedSql(sql)}";

    public static string ReadOnlyInMemory(string url) =>
        $"The database URL '{url}' names an in-memory database, which cannot be opened read-only: it starts empty. Open a database file read-only instead.";

    public static string ForeignKeyMissingParent(string table, string columns, string parentTable, string parentColumns) =>
        $"Cannot write to table '{table}': {Columns(columns)} {(columns.Contains(',', System.StringComparison.Ordinal) ? "refer" : "refers")} to table '{parentTable}' " +
        $"({Columns(parentColumns)}), which has no row with {(columns.Contains(',', System.StringComparison.Ordinal) ? "those values" : "that value")}. " +
        $"Insert the '{parentTable}' row first, or use a value that a row of '{parentTable}' has.";

    public static string ForeignKeyStillReferred(string parentTable, string parentColumns, string childTable, string childColumns, bool deleting) =>
        $"Cannot {(deleting ? "delete from" : "change")} table '{parentTable}': rows of table '{childTable}' still refer to it " +
        $"through {Columns(childColumns)} (which {(childColumns.Contains(',', System.StringComparison.Ordinal) ? "refer" : "refers")} to {Columns(parentColumns)}). " +
        $"Delete or change those '{childTable}' rows first" +
        (deleting ? ", or declare the foreign key with OnDelete = OnDelete.Cascade or OnDelete.SetNull (ON DELETE CASCADE or SET NULL)." : ".");

    private static string Columns(string columns) =>
        columns.Contains(',', System.StringComparison.Ordinal) ? $"columns '{columns}'" : $"column '{columns}'";

    // Migrations (issue 13): the schema model's text form, and the refusals of Migrator, SchemaVerifier and CreateTable.

    public static string ModelListHoldsNull(string parameter, int index) =>
        $"Item {index.ToString(CultureInfo.InvariantCulture)} of '{parameter}' is null; every item of a schema model list must be set.";

    public static string SchemaJsonInvalid(string parserMessage) =>
        $"The schema text is not valid JSON: {parserMessage} Restore the file from version control, or record the schema again.";

    public static string SchemaJsonMissingKey(string key, string where) =>
        $"The schema text has no \"{key}\" in {where}. Restore the file from version control, or record the schema again.";

    public static string SchemaJsonWrongValue(string what, string expected) =>
        $"In the schema text, {what} must be {expected}. Restore the file from version control, or record the schema again.";

    public static string SchemaMatches(int version) =>
        $"The database matches schema v{version.ToString(CultureInfo.InvariantCulture)}.";
    public static string SchemaMissingTable(string table) =>
        $"Table '{table}' is missing from the database.";

    public static string SchemaExtraTable(string table) =>
        $"Table '{table}' is in the database but not in the model.";

    public static string SchemaMissingColumn(string table, string column) =>
        $"Column '{column}' of table '{table}' is missing from the database.";

    public static string SchemaExtraColumn(string table, string column) =>
        $"Column '{column}' of table '{table}' is in the database but not in the model.";

    public static string SchemaTypeDiffers(string table, string column, string expected, string actual) =>
        $"Column '{column}' of table '{table}' is {TypeName(actual)} in the database; the model has {TypeName(expected)}.";

    public static string SchemaNullabilityDiffers(string table, string column, bool modelNullable) =>
        modelNullable
            ? $"Column '{column}' of table '{table}' is NOT NULL in the database; the model accepts NULL."
            : $"Column '{column}' of table '{table}' accepts NULL in the database; the model has NOT NULL.";

    public static string SchemaDefaultDiffers(string table, string column, string? expected, string? actual) =>
        $"Column '{column}' of table '{table}' has {DefaultText(actual)} in the database; the model has {DefaultText(expected)}.";

    public static string SchemaPrimaryKeyDiffers(string table, string expected, string actual) =>
        $"The primary key of table '{table}' is {(actual == "()" ? "missing" : actual)} in the database; the model has {(expected == "()" ? "none" : expected)}.";

    public static string SchemaUniqueDiffers(string table, string column, bool modelUnique) =>
        modelUnique
            ? $"Column '{column}' of table '{table}' is not UNIQUE in the database; the model declares it UNIQUE."
            : $"Column '{column}' of table '{table}' is UNIQUE in the database; the model does not declare it UNIQUE.";

    public static string SchemaMaxLengthDiffers(string table, string column, int? expected, int? actual) =>
        $"Column '{column}' of table '{table}' has {LengthText(actual)} in the database; the model has {LengthText(expected)}.";

    public static string SchemaAutoIncrementDiffers(string table, string column, bool modelAutoIncrement) =>
        modelAutoIncrement
            ? $"Column '{column}' of table '{table}' is not AUTOINCREMENT in the database; the model's is."
            : $"Column '{column}' of table '{table}' is AUTOINCREMENT in the database; the model's is not.";

    public static string SchemaMissingIndex(string table, string index, string definition) =>
        $"Index '{index}' {definition} of table '{table}' is missing from the database.";

    public static string SchemaExtraIndex(string table, string index, string definition) =>
        $"Index '{index}' {definition} of table '{table}' is in the database but not in the model.";

    public static string SchemaIndexDiffers(string table, string index, string expected, string actual) =>
        $"Index '{index}' of table '{table}' is {actual} in the database; the model has {expected}.";

    public static string SchemaMissingForeignKey(string table, string column, string target) =>
        $"Column '{column}' of table '{table}' has no foreign key in the database; the model's refers to {target}.";

    public static string SchemaExtraForeignKey(string table, string column, string target) =>
        $"Column '{column}' of table '{table}' has a foreign key in the database (to {target}) that the model does not have.";

    public static string SchemaForeignKeyDiffers(string table, string column, string expected, string actual) =>
        $"The foreign key of column '{column}' of table '{table}' refers to {actual} in the database; the model's refers to {expected}.";

    public static string SchemaStrictDiffers(string table, bool modelStrict) =>
        modelStrict
            ? $"Table '{table}' is not STRICT in the database; the model's is."
            : $"Table '{table}' is STRICT in the database; the model's is not.";

    public static string SchemaTextDiffers(string table) =>
        $"The CREATE TABLE statement of table '{table}' in the database differs from the model's (in column order, a CHECK or another clause).";

    public static string SynchronousWorkAwaited() =>
        "GenOrm internal error: work run in its synchronous form awaited asynchronous I/O. Please report it.";

    public static string MigrateInTransaction() =>
        "A transaction is in progress on this connection. Commit() or Rollback() it before Schema.Migrate: each schema version is migrated in a transaction of its own.";

    public static string MigrateHistoryOutOfOrder(int index, int version) =>
        $"Item {index.ToString(CultureInfo.InvariantCulture)} of the schema history is version {version.ToString(CultureInfo.InvariantCulture)}; the history must list v1, v2, ... in order. Pass Schema.History as the generator emits it.";

    public static string MigrateCurrentNotNewest(int version, int recorded) =>
        $"The compiled schema is v{version.ToString(CultureInfo.InvariantCulture)}, but the history records {recorded.ToString(CultureInfo.InvariantCulture)} versions; it must be the newest recorded version or the one after it. Pass Schema.Current as the generator emits it.";

    public static string MigrateStepCount(int count, int version) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} migration steps were given for schema v{version.ToString(CultureInfo.InvariantCulture)}; it needs {(version - 1).ToString(CultureInfo.InvariantCulture)}, one per version after v1. Pass Schema.Migrations as the generator emits it.";

    public static string MigrateStepOutOfOrder(int index, int toVersion) =>
        $"Migration step {index.ToString(CultureInfo.InvariantCulture)} goes to v{toVersion.ToString(CultureInfo.InvariantCulture)}; step i must go to v(i + 2). Pass Schema.Migrations as the generator emits it.";

    public static string DatabaseNewerThanCode(int version, int known) =>
        $"The database is at schema v{version.ToString(CultureInfo.InvariantCulture)}; this code knows up to v{known.ToString(CultureInfo.InvariantCulture)}. " +
        "Run the newer version of the application that migrated it, or restore a backup made by this one; nothing was changed.";

    public static string DatabaseShapeDiffers(int version, string versionSource, System.Collections.Generic.IReadOnlyList<Migrations.SchemaDifference> differences) =>
        $"The database says it is at schema v{version.ToString(CultureInfo.InvariantCulture)} ({versionSource}), but its shape differs from v{version.ToString(CultureInfo.InvariantCulture)}: {DifferenceList(differences)} " +
        $"Nothing was migrated. Bring the database back to the shape of v{version.ToString(CultureInfo.InvariantCulture)} (Schema.Verify lists every difference), or restore a backup.";

    public static string DatabaseMatchesNoVersion(int closest, string versionSource, System.Collections.Generic.IReadOnlyList<Migrations.SchemaDifference> differences) =>
        $"The database has tables but no schema version ({versionSource} is 0), and its shape matches no recorded version; the closest, v{closest.ToString(CultureInfo.InvariantCulture)}, differs: {DifferenceList(differences)} " +
        $"Nothing was changed. Bring the database to the shape of a recorded version, then run Schema.Migrate again.";

    public static string StepLeftOtherShape(int from, int to, System.Collections.Generic.IReadOnlyList<Migrations.SchemaDifference> differences) =>
        $"The migration step from schema v{from.ToString(CultureInfo.InvariantCulture)} to v{to.ToString(CultureInfo.InvariantCulture)} left a shape that differs from v{to.ToString(CultureInfo.InvariantCulture)}: {DifferenceList(differences)} " +
        $"The step was rolled back whole; the database is still at v{from.ToString(CultureInfo.InvariantCulture)}. Check the step's [Migration] hooks, or report the generated step as a bug.";

    public static string HookEndedTransaction(int to) =>
        $"A [Migration] hook of the step to schema v{to.ToString(CultureInfo.InvariantCulture)} committed or rolled back the migration's transaction. Hooks run inside it: remove the Commit() or Rollback() call from the hook.";

    public static string AsyncHookNeedsMigrateAsync(string hook, int from, int to) =>
        $"The migration step from schema v{from.ToString(CultureInfo.InvariantCulture)} to v{to.ToString(CultureInfo.InvariantCulture)} has the asynchronous [Migration] hook '{hook}', which Migrate cannot await: call MigrateAsync instead. Nothing was migrated.";

    public static string HookReturnedNullTask(string hook) =>
        $"The asynchronous [Migration] hook '{hook}' returned null instead of a Task. The step was rolled back whole.";

    public static string HookLeftCallRunning(string hook, int to) =>
        $"The asynchronous [Migration] hook '{hook}' of the step to schema v{to.ToString(CultureInfo.InvariantCulture)} returned while a call it started on the connection was still running: await every call the hook makes. The migration waited for that call to end, then rolled the step back whole.";

    public static string MigrationConstraintFailed(int from, int to, string? table, string? column, ConstraintKind kind) =>
        $"Cannot migrate the database from schema v{from.ToString(CultureInfo.InvariantCulture)} to v{to.ToString(CultureInfo.InvariantCulture)}: the existing rows of table '{Name(table)}' break {ConstraintText(kind, column)}. " +
        $"The step was rolled back whole; the database is still at v{from.ToString(CultureInfo.InvariantCulture)}. " +
        $"Fix those rows first (by hand, or in a [Migration(From = {from.ToString(CultureInfo.InvariantCulture)})] hook), then run Schema.Migrate again.";

    public static string MigrationForeignKeyFailed(int from, int to, string table, string column, string parent) =>
        $"Cannot migrate the database from schema v{from.ToString(CultureInfo.InvariantCulture)} to v{to.ToString(CultureInfo.InvariantCulture)}: rows of table '{table}' break the FOREIGN KEY constraint of column '{column}' " +
        $"(they refer to rows of table '{parent}' that do not exist; PRAGMA foreign_key_check lists them). The step was rolled back whole; the database is still at v{from.ToString(CultureInfo.InvariantCulture)}. " +
        $"Delete or fix those rows first (by hand, or in a [Migration(From = {from.ToString(CultureInfo.InvariantCulture)})] hook), then run Schema.Migrate again.";

    public static string MigrationValueFailed(int from, int to, string sql, string sqlState) =>
        $"Cannot migrate the database from schema v{from.ToString(CultureInfo.InvariantCulture)} to v{to.ToString(CultureInfo.InvariantCulture)}: existing rows hold a value that the statement {sql} cannot convert or store (SQLSTATE {sqlState}). " +
        $"The step was rolled back whole; the database is still at v{from.ToString(CultureInfo.InvariantCulture)}. " +
        "Fix those rows first (by hand, or in a hook of an earlier release), then run Schema.Migrate again.";

    public static string MigrationStatementFailed(int from, int to, string cause) =>
        $"Cannot migrate the database from schema v{from.ToString(CultureInfo.InvariantCulture)} to v{to.ToString(CultureInfo.InvariantCulture)}: {cause} " +
        $"The step was rolled back whole; the database is still at v{from.ToString(CultureInfo.InvariantCulture)}.";

    public static string ModelHasNoPostgresForm(string what) =>
        $"{what} has no PostgreSQL form. Either the project that declares the tables does not reference GenOrm.Npgsql (reference it, so that " +
        "its generated Schema carries PostgreSQL's types and statements), or the generator could not derive the PostgreSQL type of a recorded " +
        "version's column from the history: a [Column(Scale = n)] decimal whose scale no current column records, or an enum type the code no longer has. Migrate such a database past " +
        "that version on SQLite, or recreate it on PostgreSQL with Schema.Migrate from the current version.";

    public static string TableExistsWithOtherShape(string table, System.Collections.Generic.IReadOnlyList<Migrations.SchemaDifference> differences) =>
        $"Table '{table}' already exists with another shape: {DifferenceList(differences)} CreateTable never changes an existing table; run Schema.Migrate to bring it to the model's shape.";

    private static string DifferenceList(System.Collections.Generic.IReadOnlyList<Migrations.SchemaDifference> differences)
    {
        const int Shown = 10;
        var parts = new System.Collections.Generic.List<string>(System.Math.Min(differences.Count, Shown) + 1);
        for (int i = 0; i < differences.Count && i < Shown; i++)
        {
            parts.Add(differences[i].Message);
        }

        if (differences.Count > Shown)
        {
            parts.Add($"({(differences.Count - Shown).ToString(CultureInfo.InvariantCulture)} more differences.)");
        }

        return string.Join(" ", parts);
    }

    private static string ConstraintText(ConstraintKind kind, string? column) => kind switch
    {
        ConstraintKind.Unique => $"the UNIQUE constraint of column '{Name(column)}' (two rows have the same value)",
        ConstraintKind.PrimaryKey => $"the PRIMARY KEY constraint of columns '{Name(column)}' (two rows have the same key)",
        ConstraintKind.NotNull => $"the NOT NULL constraint of column '{Name(column)}' (rows hold NULL there; give the column a DEFAULT or fill it in a hook)",
        ConstraintKind.MaxLength => $"the maximum length (CHECK) of column '{Name(column)}' (rows hold longer values)",
        ConstraintKind.Check => $"a CHECK constraint{(column is null ? string.Empty : $" of column '{column}'")}",
        ConstraintKind.ForeignKey => $"a FOREIGN KEY constraint{(column is null ? string.Empty : $" of column '{column}'")}",
        _ => $"the type of column '{Name(column)}' (rows hold values of another type)",
    };

    private static string TypeName(string type) => type.Length == 0 ? "untyped" : type;

    private static string DefaultText(string? sql) => sql is null ? "no DEFAULT" : "DEFAULT " + sql;

    private static string LengthText(int? length) =>
        length is int n ? $"a maximum length of {n.ToString(CultureInfo.InvariantCulture)}" : "no maximum length";
    public static string ColumnDefinitionDiffers(string table, string column, string expected, string actual) =>
        $"Column '{column}' of table '{table}' is defined as {actual} in the database; the model defines it as {expected}.";

    public static string TableConstraintMissing(string table, string constraint) =>
        $"The model's constraint {constraint} of table '{table}' is missing from the database.";

    public static string TableConstraintExtra(string table, string constraint) =>
        $"Table '{table}' has the constraint {constraint} in the database, which the model does not have.";
    public static string HookEndsTransaction(string method, int to) =>
        $"{method}() was called inside a [Migration] hook of the step to schema v{to.ToString(CultureInfo.InvariantCulture)}. The hook runs inside the step's transaction, which the migrator commits once the whole step has run: remove the {method}() call from the hook.";
    public static string QueryColumnMissing(string method, string column, string available, string sql) =>
        $"The result of [Query] method '{method}' has no column named '{column}', which a member of its result type needs. " +
        $"Its columns are: {available}. Select the column (or alias an expression AS {column}), or remove the member. SQL: {QuotedSql(sql)}";
}
