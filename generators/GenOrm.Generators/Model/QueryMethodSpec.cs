using GenOrm.Generators.Diagnostics;

namespace GenOrm.Generators.Model;

/// <summary>
/// Everything about one <c>[Query]</c> method that the checker and the emitter need, and nothing else: no location.
/// </summary>
/// <remarks>
/// This record is the output of an incremental pipeline step and the input of the query check, so it must stay
/// immutable and structurally equatable (strings, bools, enums, such records and <see cref="EquatableArray{T}"/>
/// only), as <see cref="TableSpec"/> explains. It holds no source position either: positions live in
/// <see cref="QuerySourceMap"/>, so that an edit which only moves the method (typing in another method's body above
/// it) leaves this spec equal and re-checks no query.
/// </remarks>
/// <param name="Key">Identifies the method in the assembly: its containing type, name and overload number.</param>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="HolderName">The name of the private nested class that holds the method's SQL: <c>GenOrmQuery_{Method}</c>, with the overload number after the first.</param>
/// <param name="Namespace">The containing type's namespace, or an empty string for the global namespace.</param>
/// <param name="ContainingTypes">The method's containing types, outermost first; the last one declares the method.</param>
/// <param name="DisplayName">The name diagnostics use: <c>Reports.TopArtists</c>.</param>
/// <param name="MethodName">The method's name, <c>@</c>-escaped when a keyword.</param>
/// <param name="Modifiers">The declaration's modifiers as written (<c>public static partial</c>), repeated on the implementation.</param>
/// <param name="ReturnTypeName">The declared return type as C# source, <c>global::</c>-qualified, with nullability.</param>
/// <param name="Sql">The SQL text, the attribute argument's value.</param>
/// <param name="Verify">Whether the SQL is checked (<c>[Query(Verify = false)]</c> turns it off).</param>
/// <param name="Signature">Every declared parameter, in order, as C# source (<c>global::GenOrm.Connection conn</c>).</param>
/// <param name="ConnectionParameter">The connection parameter's name, as source.</param>
/// <param name="CancellationParameter">The <c>CancellationToken</c> parameter's name, or <see langword="null"/>.</param>
/// <param name="Parameters">The parameters the SQL can use: every parameter but the connection and the token.</param>
/// <param name="Shape">How the rows come back.</param>
/// <param name="IsTask">Whether the return type is a <c>Task</c> or <c>Task&lt;...&gt;</c> of the shape.</param>
/// <param name="Row">The type of one row, or <see langword="null"/> for <see cref="QueryReturnShape.RowsAffected"/>.</param>
internal sealed record QueryMethodSpec(
    string Key,
    string HintName,
    string HolderName,
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string DisplayName,
    string MethodName,
    string Modifiers,
    string ReturnTypeName,
    string Sql,
    bool Verify,
    EquatableArray<string> Signature,
    string ConnectionParameter,
    string? CancellationParameter,
    EquatableArray<QueryParameterSpec> Parameters,
    QueryReturnShape Shape,
    bool IsTask,
    QueryRowSpec? Row);

/// <summary>How a <c>[Query]</c> method returns its rows.</summary>
internal enum QueryReturnShape
{
    /// <summary><c>List&lt;T&gt;</c>: every row.</summary>
    List,

    /// <summary><c>T</c>: exactly one row (<c>NoResultFoundException</c> for none).</summary>
    One,

    /// <summary><c>T?</c>: zero or one row.</summary>
    OneOrDefault,

    /// <summary><c>IEnumerable&lt;T&gt;</c>: the rows, streamed.</summary>
    Enumerable,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: the rows, streamed.</summary>
    AsyncEnumerable,

    /// <summary><c>int</c> for a statement that writes: the number of rows changed.</summary>
    RowsAffected,
}

/// <summary>How one row is built.</summary>
internal enum QueryRowKind
{
    /// <summary>A single value: the first result column.</summary>
    Scalar,

    /// <summary>A value tuple: one element per result column, by position.</summary>
    Tuple,

    /// <summary>A class or record: constructor parameters and settable members, by column name.</summary>
    Object,
}

/// <summary>A parameter of a <c>[Query]</c> method that the SQL can bind.</summary>
/// <param name="Name">The parameter's name, without <c>@</c>; SQL parameters <c>:Name</c>, <c>@Name</c>, <c>$Name</c> bind to it.</param>
/// <param name="Identifier">The parameter's name as C# source (<c>@</c>-escaped when a keyword).</param>
/// <param name="Index">The parameter's position in the declaration, for its diagnostic's location.</param>
/// <param name="Value">Its type.</param>
internal sealed record QueryParameterSpec(string Name, string Identifier, int Index, QueryValueType Value);

/// <summary>A C# type that a value is bound from or read into.</summary>
/// <param name="TypeName">The type as C# source, <c>global::</c>-qualified, with <c>?</c> when nullable.</param>
/// <param name="DisplayName">The type as the user writes it (<c>int</c>, <c>string?</c>), for messages.</param>
/// <param name="Kind">Its column kind, or <see langword="null"/> when GenOrm cannot store it.</param>
/// <param name="EnumType">The enum type when <paramref name="Kind"/> is <see cref="ColumnKind.Enum"/>.</param>
/// <param name="IsNullable">Whether it admits <see langword="null"/> (a nullable value type or an annotated reference type).</param>
internal sealed record QueryValueType(string TypeName, string DisplayName, ColumnKind? Kind, EnumTypeSpec? EnumType, bool IsNullable);

/// <summary>The type of one row of a <c>[Query]</c> method.</summary>
/// <param name="Kind">How it is built.</param>
/// <param name="TypeName">The type as C# source, <c>global::</c>-qualified, without a trailing <c>?</c> on a reference type.</param>
/// <param name="DisplayName">The type as the user writes it, for messages.</param>
/// <param name="Members">The values: the scalar itself, the tuple's elements, or the constructor parameters then the settable members.</param>
/// <param name="IsTable">Whether the type is a <c>[Table]</c> class (its generated <c>ReadRow</c> can read a <c>select *</c>).</param>
/// <param name="Problem">Why the type cannot hold a row (no usable constructor...), or <see langword="null"/>.</param>
internal sealed record QueryRowSpec(
    QueryRowKind Kind,
    string TypeName,
    string DisplayName,
    EquatableArray<QueryMemberSpec> Members,
    bool IsTable,
    string? Problem)
{
    /// <summary>Gets whether the row type is a struct (a value tuple included), whose <c>T?</c> is <c>Nullable&lt;T&gt;</c>.</summary>
    public bool IsValueType { get; init; }
}

/// <summary>A value of a row: a constructor parameter, a settable member, a tuple element, or the scalar itself.</summary>
/// <param name="Name">The name columns match (case-insensitive): the parameter, member or tuple element name.</param>
/// <param name="Identifier">The name as C# source (<c>@</c>-escaped), to assign a member.</param>
/// <param name="Value">Its type.</param>
/// <param name="IsConstructorParameter">Whether it is a constructor parameter (always filled) rather than a member.</param>
/// <param name="IsRequired">Whether a column must fill it: a constructor parameter without default, a <c>required</c> member, a tuple element, the scalar.</param>
internal sealed record QueryMemberSpec(string Name, string Identifier, QueryValueType Value, bool IsConstructorParameter, bool IsRequired);

/// <summary>
/// Where a <c>[Query]</c> method's parts are in source: the one thing that changes when the method only moves.
/// Diagnostics are located with it after the check, in a step that is cheap to re-run.
/// </summary>
/// <param name="Key">The <see cref="QueryMethodSpec.Key"/> of the method.</param>
/// <param name="Method">The method's identifier.</param>
/// <param name="ReturnType">The declared return type.</param>
/// <param name="Argument">The attribute's SQL argument (for SQL that is not a literal, whose characters cannot be mapped).</param>
/// <param name="Parameters">Each declared parameter's identifier, in order.</param>
/// <param name="Literal">The literal that wrote the SQL value, whose characters locate SQL problems, or <see langword="null"/> when it is not a literal.</param>
internal sealed record QuerySourceMap(
    string Key,
    LocationInfo Method,
    LocationInfo ReturnType,
    LocationInfo Argument,
    EquatableArray<LocationInfo> Parameters,
    SqlLiteralMap? Literal);

/// <summary>
/// A C# string literal that wrote a SQL value, as equatable data: enough to map offsets in the value to positions in
/// source (<c>SqlLiteralMapper.Positions</c>), which is done only when a problem is located.
/// </summary>
/// <param name="FilePath">The source file.</param>
/// <param name="Kind">How the literal is written: regular, verbatim, or raw on one or several lines.</param>
/// <param name="Start">The source position of the literal's first character.</param>
/// <param name="Text">The literal as written, quotes included.</param>
/// <param name="Value">The compiler's value of the literal: the mapping is used only when it rebuilds this value.</param>
/// <param name="FirstLine">The zero-based line number of the literal's first line.</param>
/// <param name="LineStarts">The source positions where the literal's lines start, the first line first.</param>
internal sealed record SqlLiteralMap(string FilePath, SqlLiteralKind Kind, int Start, string Text, string Value, int FirstLine, EquatableArray<int> LineStarts);

/// <summary>How a string literal is written.</summary>
internal enum SqlLiteralKind
{
    /// <summary><c>"..."</c>, with escapes.</summary>
    Regular,

    /// <summary><c>@"..."</c>, with <c>""</c> for a quote.</summary>
    Verbatim,

    /// <summary><c>"""..."""</c> on one line.</summary>
    SingleLineRaw,

    /// <summary><c>"""</c> on several lines, the closing line's indentation removed.</summary>
    MultiLineRaw,
}

/// <summary>The result of parsing one <c>[Query]</c> method. Must stay equatable (see <see cref="QueryMethodSpec"/>).</summary>
/// <param name="Spec">The method, or <see langword="null"/> when its declaration cannot be generated.</param>
/// <param name="Map">Where its parts are, or <see langword="null"/> with <paramref name="Spec"/>.</param>
/// <param name="Diagnostics">The problems found in the declaration itself.</param>
internal sealed record QueryMethodResult(QueryMethodSpec? Spec, QuerySourceMap? Map, EquatableArray<DiagnosticInfo> Diagnostics);
