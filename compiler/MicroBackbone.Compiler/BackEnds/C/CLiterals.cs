using System.Globalization;
using System.Text;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>Formats numbers, strings and array bodies as C99 source text, deterministically (invariant culture).</summary>
public static class CLiterals
{
    /// <summary>An int32 literal; <c>INT32_MIN</c> is written as an expression because <c>-2147483648</c> is not an int literal.</summary>
    public static string Int(long value) =>
        value == int.MinValue ? "(-2147483647 - 1)" : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A value for a <c>#define</c>: negative numbers are parenthesized so the macro expands safely.</summary>
    public static string Macro(long value) => value < 0 && value != int.MinValue ? "(" + Int(value) + ")" : Int(value);

    /// <summary>A float literal (suffix f) that reads back to exactly <paramref name="value"/>.</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value) || float.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "C float literals must be finite");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOf('.') < 0 && text.IndexOf('E') < 0)
        {
            text += ".0";
        }

        return text.Replace("E", "e") + "f";
    }

    /// <summary>
    /// A C string literal: printable ASCII is kept, '"', '\' and '?' (trigraphs) are escaped, every other byte of the
    /// UTF-8 encoding becomes a three-digit octal escape (octal escapes cannot swallow following characters).
    /// </summary>
    public static string String(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            switch (b)
            {
                case (byte)'"':
                    sb.Append("\\\"");
                    break;
                case (byte)'\\':
                    sb.Append("\\\\");
                    break;
                case (byte)'?':
                    sb.Append("\\?");
                    break;
                case >= 0x20 and < 0x7F:
                    sb.Append((char)b);
                    break;
                default:
                    sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Array initializer lines: <paramref name="perLine"/> comma-terminated values each, no indentation.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<long> values, int perLine = 16)
    {
        var lines = new List<string>();
        var sb = new StringBuilder();
        var count = 0;
        foreach (var v in values)
        {
            if (count > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Int(v)).Append(',');
            if (++count == perLine)
            {
                lines.Add(sb.ToString());
                sb.Clear();
                count = 0;
            }
        }

        if (count > 0)
        {
            lines.Add(sb.ToString());
        }

        return lines;
    }
}
