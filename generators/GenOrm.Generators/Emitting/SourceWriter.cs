using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace GenOrm.Generators.Emitting;

/// <summary>
/// Writes C# source line by line with four-space indentation and <c>\n</c> line endings. A multi-line string is
/// re-indented line by line, so templates can be written as raw string literals that look like their output.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();

    /// <summary>Gets or sets the current indentation level.</summary>
    public int Indentation { get; set; }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _text.Append('\n');

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation; empty lines stay empty.</summary>
    public void WriteLine(string text)
    {
        foreach (string line in text.Split('\n'))
        {
            if (line.Length > 0)
            {
                for (int i = 0; i < Indentation; i++)
                {
                    _text.Append(IndentUnit);
                }

                _text.Append(line);
            }

            _text.Append('\n');
        }
    }

    /// <summary>Writes <paramref name="header"/> and <c>{</c>, then indents.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        Indentation++;
    }

    /// <summary>Unindents and writes <c>}</c>.</summary>
    public void CloseBlock()
    {
        Indentation--;
        WriteLine("}");
    }

    /// <summary>Gets the text written; the indentation must be back to zero.</summary>
    public SourceText ToSourceText()
    {
        if (Indentation != 0)
        {
            throw new InvalidOperationException($"The emitter left the indentation at {Indentation}; every block must be closed.");
        }

        return SourceText.From(_text.ToString(), Encoding.UTF8);
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();
}
