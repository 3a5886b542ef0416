namespace GenOrm.Generators.Model;

/// <summary>What a <c>[ForeignKey]</c> column refers to, and the names of its navigation helpers. Part of
/// <see cref="TableSpec"/>, so it must stay equatable.</summary>
/// <param name="TargetTypeName">The referenced class, <c>global::</c>-qualified.</param>
/// <param name="TargetTableName">The referenced table's name.</param>
/// <param name="TargetColumnName">The referenced column's name.</param>
/// <param name="TargetPropertyName">The referenced property's name.</param>
/// <param name="TargetKeyTypeName">The referenced property's type without <c>?</c>, <c>global::</c>-qualified.</param>
/// <param name="OnDelete">The <c>ON DELETE</c> action.</param>
/// <param name="NavigationMethodName">The method on the referring class that loads the referenced row: <c>GetAuthor</c>.</param>
/// <param name="ChildrenMethodName">The extension on the referenced class that loads the referring rows: <c>GetPosts</c>.</param>
/// <param name="ParentParameterName">The extension's parameter name for the referenced row: <c>author</c>.</param>
internal sealed record ForeignKeySpec(
    string TargetTypeName,
    string TargetTableName,
    string TargetColumnName,
    string TargetPropertyName,
    string TargetKeyTypeName,
    ForeignKeyAction OnDelete,
    string NavigationMethodName,
    string ChildrenMethodName,
    string ParentParameterName);

/// <summary>The <c>ON DELETE</c> actions; the values match the runtime's <c>GenOrm.OnDelete</c>.</summary>
internal enum ForeignKeyAction
{
    NoAction = 0,
    Restrict = 1,
    Cascade = 2,
    SetNull = 3,
}
