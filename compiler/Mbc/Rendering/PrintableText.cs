using System.Text;

namespace MicroBackbone.Cli.Rendering;

/// <summary>
/// Text from a model file made safe to print on one line: control characters (newlines, ANSI escapes, C1 codes)
/// become <c>?</c>, so a class name can neither fake an extra output line nor drive the terminal.
/// </summary>
internal static class PrintableText
{
    public static string Of(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            safe.Append(char.IsControl(c) ? '?' : c);
        }
        return safe.ToString();
    }
}
