namespace GenOrm.Tests.Postgres;

/// <summary>
/// The typed API's values on both databases: each type whose stored form differs between SQLite and PostgreSQL
/// (<c>bool</c>, <c>Guid</c>, <c>decimal</c>, a scaled decimal, <c>ulong</c> to its last bit, enums, dates and times,
/// bytes) is written by the generated members, found by the typed query builder (equality, ranges, <c>IN</c>, paging,
/// <c>Update</c>), bound from an entity by <c>Execute</c>, and stored in the database's own form: never SQLite's form on
/// PostgreSQL (a scaled integer in a <c>numeric</c>, a <c>ulong</c>'s signed bits), which compares silently wrong.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TypedValueContractTests(PostgresFixture fixture)
{
    private static readonly TypedValue A = new()
    {
        Flag = true,
        Key = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        Amount = 10.5m,
        Price = 12.34m,
        MaybePrice = null,
        Big = ulong.MaxValue,
        MaybeBig = 1UL << 63,
        Shade = Shade.Green,
        Huge = Huge.Top,
        At = new DateTime(2024, 2, 29, 13, 45, 10, 123).AddTicks(4560),
        Stamp = new DateTimeOffset(2024, 2, 29, 13, 45, 10, TimeSpan.FromHours(2)),
        Day = new DateOnly(2024, 2, 29),
        Time = new TimeOnly(13, 45, 10, 500),
        Span = new TimeSpan(1, 2, 3, 4),
        Blob = [1, 2, 3],
        Small = -7,
    };

    private static readonly TypedValue B = new()
    {
        Flag = false,
        Key = new Guid("00000000-0000-0000-0000-000000000002"),
        Amount = 9.75m,
        Price = 0.50m,
        MaybePrice = 3.10m,
        Big = 5,
        MaybeBig = null,
        Shade = Shade.Red,
        Huge = Huge.Small,
        At = new DateTime(2023, 1, 1),
        Stamp = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Day = new DateOnly(2023, 1, 1),
        Time = new TimeOnly(8, 0),
        Span = TimeSpan.FromMinutes(30),
        Blob = [9],
        Small = 7,
    };

    /// <summary>Gets the databases to run on: SQLite always, PostgreSQL unless its binaries are missing (and not required).</summary>
    public static TheoryData<string> Databases() => GeneratedCrudContractTests.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public void WrittenByTheGeneratedInsert_ReadBackExactly(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out long a, out long b);

        Assert.Equal(Describe(A), Describe(TypedValue.GetById(connection, a)!));
        Assert.Equal(Describe(B), Describe(TypedValue.GetById(connection, b)!));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void EqualityOnEveryType_FindsTheRowThatHoldsTheValue(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out long a, out long b);

        Assert.Equal([a], Ids(connection, TypedValue.Columns.Flag == true));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.Flag == false));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Key == A.Key));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Amount == 10.5m));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Price == 12.34m));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.Price == 0.5m));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.MaybePrice == 3.1m));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.MaybePrice == null));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Big == ulong.MaxValue));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.MaybeBig == 1UL << 63));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.MaybeBig == null));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Shade == Shade.Green));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Huge == Huge.Top));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.At == A.At));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Stamp == A.Stamp));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Day == A.Day));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Time == A.Time));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Span == A.Span));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Blob == new byte[] { 1, 2, 3 }));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Small == -7));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.Big != ulong.MaxValue));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void RangesAndOrder_OnTheOrderedTypes(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out long a, out long b);

        Assert.Equal([a], Ids(connection, TypedValue.Columns.Price > 0.5m));
        Assert.Equal([a, b], Ids(connection, TypedValue.Columns.Price.Between(0.50m, 12.34m)));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.At < new DateTime(2024, 1, 1)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Stamp > new DateTimeOffset(2024, 2, 29, 11, 45, 9, TimeSpan.Zero)));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.Day <= new DateOnly(2023, 12, 31)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Time >= new TimeOnly(12, 0)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Span > TimeSpan.FromHours(1)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Small < 0));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Shade > Shade.Red));
        Assert.Equal(
            [a, b],
            TypedValue.Query(connection).OrderByDescending(TypedValue.Columns.Price).All().Select(row => row.Id));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void InLists_OfEveryType(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out long a, out long b);

        Assert.Equal([a], Ids(connection, TypedValue.Columns.Key.In(A.Key, Guid.Empty)));
        Assert.Equal([a, b], Ids(connection, TypedValue.Columns.Big.In(ulong.MaxValue, 5UL)));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.Flag.In(false)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Price.In(12.34m, 1m)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Huge.In(Huge.Top)));
        Assert.Equal([a], Ids(connection, TypedValue.Columns.Blob.In(new byte[] { 1, 2, 3 }, new byte[] { 4 })));
        Assert.Equal([b], Ids(connection, TypedValue.Columns.At.In(B.At)));
        Assert.Equal([a, b], Ids(connection, TypedValue.Columns.MaybeBig.In(1UL << 63, null)));
        Assert.Empty(Ids(connection, TypedValue.Columns.Key.In(Array.Empty<Guid>())));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void OffsetWithoutLimit_AndCountOfAPage(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out _, out long b);

        Query<TypedValue> byId = TypedValue.Query(connection).OrderBy(TypedValue.Columns.Id);
        Assert.Equal([b], byId.Offset(1).All().Select(row => row.Id));
        Assert.Equal([b], byId.Limit(1).Offset(1).All().Select(row => row.Id));
        Assert.Equal(1L, byId.Offset(1).Count());
        Assert.Equal(2L, byId.Limit(5).Count());
        Assert.True(byId.Offset(1).Exists());
        Assert.False(byId.Offset(2).Exists());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void StoredForm_IsEachDatabasesOwn(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out long a, out _);

        // SQLite: the scaled integer and the 64 bits as a signed integer. PostgreSQL: the numbers themselves, so that
        // SQL run on the server (a SUM, a report, another tool) sees the values the application wrote.
        string sql = database == "sqlite"
            ? "select \"Price\", \"Big\", \"Huge\", \"Flag\" from typed_values where \"Id\" = :id"
            : "select \"Price\"::text, \"Big\"::text, \"Huge\"::text, \"Flag\"::text from typed_values where \"Id\" = :id";
        string expected = database == "sqlite"
            ? "[(1234, -1, -1, 1)]"
            : "[('12.34', '18446744073709551615', '18446744073709551615', 'true')]";

        Assert.Equal(expected, connection.Execute(Sql.Text(sql), new Params { ["id"] = a }).ToString());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void ExecuteWithAnEntity_BindsItsValuesInTheDatabasesForm(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out _, out _);

        Result found = connection.Execute(
            Sql.Text("select count(*) from typed_values where \"Key\" = :Key and \"Price\" = :Price and \"Big\" = :Big and \"Flag\" = :Flag and \"Huge\" = :Huge and \"Day\" = :Day and \"Stamp\" = :Stamp"),
            A);

        Assert.Equal(1L, found.Scalar<long>());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void TypedUpdate_SetsTheValues(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out _, out long b);

        int changed = TypedValue.Query(connection)
            .Where(TypedValue.Columns.Key == B.Key)
            .Update(TypedValue.Columns.Price.Set(99.99m), TypedValue.Columns.Big.Set(ulong.MaxValue - 1), TypedValue.Columns.Flag.Set(true), TypedValue.Columns.Huge.Set(Huge.Top));

        TypedValue updated = TypedValue.GetById(connection, b)!;
        Assert.Equal(1, changed);
        Assert.Equal((99.99m, ulong.MaxValue - 1, true, Huge.Top), (updated.Price, updated.Big, updated.Flag, updated.Huge));
        Assert.Equal("99.99", updated.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void ScaledDecimalWithTooManyPlaces_IsRefused_NeverRounded(string database)
    {
        using Engine engine = Open(database);
        using Connection connection = Seeded(engine, out _, out _);

        var filter = Assert.Throws<ArgumentException>(() => TypedValue.Query(connection).Where(TypedValue.Columns.Price == 1.234m).All());
        var insert = Assert.Throws<ArgumentException>(() => TypedValue.Insert(connection, new TypedValue { Price = 0.001m }));

        const string Expected = "The value for column 'Price' of table 'typed_values' has more than 2 decimal places";
        Assert.StartsWith(Expected, filter.Message, StringComparison.Ordinal);
        Assert.StartsWith(Expected, insert.Message, StringComparison.Ordinal);
        Assert.Equal(2L, TypedValue.Query(connection).Count());
    }

    private Engine Open(string database) =>
        Engine.Create(database == "sqlite" ? "sqlite://" : fixture.CreateDatabase().Url);

    private static Connection Seeded(Engine engine, out long a, out long b)
    {
        Connection connection = engine.Connect();
        TypedValue.CreateTable(connection);
        TypedValue first = Copy(A), second = Copy(B);
        TypedValue.Insert(connection, first);
        TypedValue.Insert(connection, second);
        connection.Commit();
        (a, b) = (first.Id, second.Id);
        return connection;
    }

    private static TypedValue Copy(TypedValue row) => new()
    {
        Flag = row.Flag, Key = row.Key, Amount = row.Amount, Price = row.Price, MaybePrice = row.MaybePrice, Big = row.Big,
        MaybeBig = row.MaybeBig, Shade = row.Shade, Huge = row.Huge, At = row.At, Stamp = row.Stamp, Day = row.Day,
        Time = row.Time, Span = row.Span, Blob = row.Blob, Small = row.Small,
    };

    private static long[] Ids(Connection connection, Condition<TypedValue> condition) =>
        TypedValue.Query(connection).Where(condition).OrderBy(TypedValue.Columns.Id).All().Select(row => row.Id).ToArray();

    private static string Describe(TypedValue row) => string.Join(
        " | ",
        row.Flag,
        row.Key,
        row.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.Price.ToString(System.Globalization.CultureInfo.InvariantCulture),
        row.MaybePrice?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null",
        row.Big,
        row.MaybeBig?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null",
        row.Shade,
        row.Huge,
        row.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        row.Stamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        row.Day.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        row.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        row.Span,
        Convert.ToHexString(row.Blob),
        row.Small);
}
