using System.Text;

namespace MicroBackbone.CSharpEmitter.Emitting;

/// <summary>Indented C# text with <c>\n</c> line ends (the same bytes on every platform).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents.</summary>
    public SourceWriter Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Outdents and writes a closing brace (with an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>Runs <paramref name="body"/> one level deeper.</summary>
    public SourceWriter Indented(Action body)
    {
        _indent++;
        body();
        _indent--;
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
