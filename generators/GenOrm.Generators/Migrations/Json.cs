using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GenOrm.Generators.Migrations;

/// <summary>
/// A small JSON reader for the schema history files. The generator targets netstandard2.0 and may not
/// load System.Text.Json, and the files are small, so a hand-written one is enough; each value remembers its line
/// so that a bad file is reported where it is bad.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(int line) => Line = line;

    /// <summary>Gets the 1-based line the value starts on (0 for a value built in code).</summary>
    public int Line { get; }
}

internal sealed class JsonObject : JsonNode
{
    public JsonObject(int line, List<KeyValuePair<string, JsonNode>> members)
        : base(line) => Members = members;

    /// <summary>Gets the members in written order.</summary>
    public List<KeyValuePair<string, JsonNode>> Members { get; }

    public JsonNode? this[string key]
    {
        get
        {
            foreach (KeyValuePair<string, JsonNode> member in Members)
            {
                if (member.Key == key)
                {
                    return member.Value;
                }
            }

            return null;
        }
    }
}

internal sealed class JsonArray : JsonNode
{
    public JsonArray(int line, List<JsonNode> items)
        : base(line) => Items = items;

    public List<JsonNode> Items { get; }
}

internal sealed class JsonScalar : JsonNode
{
    public JsonScalar(int line, object? value)
        : base(line) => Value = value;

    /// <summary>Gets the value: a <see cref="string"/>, a <see cref="long"/>, a <see cref="bool"/> or <see langword="null"/>.</summary>
    public object? Value { get; }
}

/// <summary>A JSON text that cannot be read, with the line where reading stopped.</summary>
internal sealed class JsonReadException : Exception
{
    public JsonReadException(int line, string reason)
        : base(reason) => Line = line;

    public int Line { get; }
}

/// <summary>Parses JSON text (RFC 8259; numbers must be integers, which is all the history files hold).</summary>
internal sealed class JsonParser
{
    private readonly string _text;
    private int _position;
    private int _line = 1;

    private JsonParser(string text) => _text = text;

    /// <summary>Parses one JSON value that fills the whole text.</summary>
    /// <exception cref="JsonReadException">The text is not valid JSON.</exception>
    public static JsonNode Parse(string text)
    {
        var parser = new JsonParser(text);
        if (parser._text.Length > 0 && parser._text[0] == '\uFEFF')
        {
            parser._position = 1;
        }

        JsonNode value = parser.ReadValue(0);
        parser.SkipWhitespace();
        if (parser._position < parser._text.Length)
        {
            throw new JsonReadException(parser._line, "unexpected text after the end of the document");
        }

        return value;
    }

    private JsonNode ReadValue(int depth)
    {
        if (depth > 64)
        {
            throw new JsonReadException(_line, "the document is nested too deeply");
        }

        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw new JsonReadException(_line, "unexpected end of the file");
        }

        int line = _line;
        char c = _text[_position];
        switch (c)
        {
            case '{':
                return ReadObject(line, depth);
            case '[':
                return ReadArray(line, depth);
            case '"':
                return new JsonScalar(line, ReadString());
            case 't':
                Expect("true");
                return new JsonScalar(line, true);
            case 'f':
                Expect("false");
                return new JsonScalar(line, false);
            case 'n':
                Expect("null");
                return new JsonScalar(line, null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return new JsonScalar(line, ReadInteger());
                }

                throw new JsonReadException(line, $"unexpected character '{c}'");
        }
    }

    private JsonObject ReadObject(int line, int depth)
    {
        _position++;
        var members = new List<KeyValuePair<string, JsonNode>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return new JsonObject(line, members);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new JsonReadException(_line, "expected a property name in double quotes");
            }

            string key = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw new JsonReadException(_line, "expected ':' after a property name");
            }

            _position++;
            foreach (KeyValuePair<string, JsonNode> member in members)
            {
                if (member.Key == key)
                {
                    throw new JsonReadException(_line, $"property '{key}' appears twice");
                }
            }

            members.Add(new KeyValuePair<string, JsonNode>(key, ReadValue(depth + 1)));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == '}')
            {
                return new JsonObject(line, members);
            }

            if (next != ',')
            {
                _position--;
                throw new JsonReadException(_line, "expected ',' or '}'");
            }
        }
    }

    private JsonArray ReadArray(int line, int depth)
    {
        _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return new JsonArray(line, items);
        }

        while (true)
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
            char next = Peek();
            _position++;
            if (next == ']')
            {
                return new JsonArray(line, items);
            }

            if (next != ',')
            {
                _position--;
                throw new JsonReadException(_line, "expected ',' or ']'");
            }
        }
    }

    private string ReadString()
    {
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw new JsonReadException(_line, "a string is not closed");
            }

            char c = _text[_position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c < ' ')
            {
                throw new JsonReadException(_line, "a string holds a raw control character or line break");
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            char escape = _position < _text.Length ? _text[_position++] : '\0';
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw new JsonReadException(_line, "a \\u escape needs four hexadecimal digits");
                    }

                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw new JsonReadException(_line, "a string has an unknown escape");
            }
        }
    }

    private long ReadInteger()
    {
        int start = _position;
        if (Peek() == '-')
        {
            _position++;
        }

        while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
        {
            _position++;
        }

        if (_position < _text.Length && _text[_position] is '.' or 'e' or 'E')
        {
            throw new JsonReadException(_line, "numbers must be whole");
        }

        if (!long.TryParse(_text.Substring(start, _position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
        {
            throw new JsonReadException(_line, "a number is not a valid integer");
        }

        return number;
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
        {
            throw new JsonReadException(_line, $"unexpected character '{_text[_position]}'");
        }

        _position += word.Length;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _text.Length)
        {
            char c = _text[_position];
            if (c == '\n')
            {
                _line++;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return;
            }

            _position++;
        }
    }
}
