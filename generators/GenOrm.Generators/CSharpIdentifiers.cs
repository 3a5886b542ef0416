using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace GenOrm.Generators;

/// <summary>Turns names into valid C# identifiers.</summary>
internal static class CSharpIdentifiers
{
    /// <summary>Prefixes <c>@</c> when <paramref name="name"/> is a reserved C# keyword, such as <c>class</c>.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// Gets the camelCase form of a property name, as System.Text.Json's camelCase policy writes it:
    /// <c>Email</c> → <c>email</c>, <c>URL</c> → <c>url</c>, <c>IOStream</c> → <c>ioStream</c>.
    /// </summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var chars = new StringBuilder(name);
        for (int i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            bool nextIsLower = i + 1 < chars.Length && !char.IsUpper(chars[i + 1]);
            if (i > 0 && nextIsLower)
            {
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return chars.ToString();
    }

    /// <summary>
    /// Gets a method parameter name for a property: camelCase, not one of <paramref name="taken"/> (a number is
    /// appended when needed), and <c>@</c>-escaped when it is a keyword. Adds the chosen name to <paramref name="taken"/>.
    /// </summary>
    public static string ParameterName(string propertyName, HashSet<string> taken)
    {
        string baseName = ToCamelCase(propertyName);
        string name = baseName;
        for (int suffix = 2; !taken.Add(name); suffix++)
        {
            name = baseName + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Escape(name);
    }
}
