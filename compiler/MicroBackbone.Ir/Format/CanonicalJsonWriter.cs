using System.Globalization;
using System.Text;

namespace MicroBackbone.Ir.Format;

/// <summary>
/// A tiny JSON text writer with one fixed layout (2-space indent, "\n" line ends, number arrays on one line,
/// invariant formatting, non-ASCII escaped), so the same graph always gives the same bytes on every runtime.
/// </summary>
internal sealed class CanonicalJsonWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();
    private bool _afterName;

    public void BeginObject() => Open('{');

    public void EndObject() => Close('}');

    public void BeginArray() => Open('[');

    public void EndArray() => Close(']');

    public void Name(string name)
    {
        NextItem();
        WriteString(name);
        _text.Append(": ");
        _afterName = true;
    }

    public void String(string value)
    {
        NextItem();
        WriteString(value);
    }

    public void Int(long value)
    {
        NextItem();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
    }

    public void Float(float value)
    {
        NextItem();
        _text.Append(FormatFloat(value));
    }

    public void Bool(bool value)
    {
        NextItem();
        _text.Append(value ? "true" : "false");
    }

    public void InlineInts(IEnumerable<int> values) =>
        Inline(values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    public void InlineFloats(IEnumerable<float> values) => Inline(values.Select(FormatFloat));

    public void InlineStrings(IEnumerable<string> values) => Inline(values.Select(Quote));

    public override string ToString() => _text.ToString() + "\n";

    /// <summary>Shortest text that parses back to the same float ("R" can be one digit short on old runtimes).</summary>
    internal static string FormatFloat(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON cannot hold NaN or infinity");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (float.Parse(text, CultureInfo.InvariantCulture) != value)
        {
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        }

        return text;
    }

    private static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch < 0x20 || ch > 0x7e)
                    {
                        sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private void WriteString(string value) => _text.Append(Quote(value));

    private void Inline(IEnumerable<string> items)
    {
        NextItem();
        _text.Append('[').Append(string.Join(", ", items)).Append(']');
    }

    private void Open(char bracket)
    {
        NextItem();
        _text.Append(bracket);
        _hasItems.Push(false);
    }

    private void Close(char bracket)
    {
        var hadItems = _hasItems.Pop();
        if (hadItems)
        {
            NewLine();
        }

        _text.Append(bracket);
    }

    private void NextItem()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasItems.Count == 0)
        {
            return;
        }

        if (_hasItems.Peek())
        {
            _text.Append(',');
        }
        else
        {
            _hasItems.Pop();
            _hasItems.Push(true);
        }

        NewLine();
    }

    private void NewLine() => _text.Append('\n').Append(' ', 2 * _hasItems.Count);
}
