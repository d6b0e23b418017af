using System.Text;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Turns arbitrary model and layer names into text that is safe inside generated C: identifiers made of
/// [A-Za-z0-9_] and comment text that can neither close the comment nor form trigraphs or line continuations.
/// </summary>
public static class CIdentifiers
{
    private const int MaxIdentifierLength = 40;

    /// <summary>
    /// A valid C identifier derived from <paramref name="name"/>: other characters become '_', runs of '_' collapse,
    /// leading/trailing '_' are dropped (no reserved <c>_X</c>/<c>__</c> names), a leading digit gets an 'n' prefix,
    /// the result is cut to 40 characters and falls back to <paramref name="fallback"/> when nothing is left.
    /// Callers add a unique prefix (e.g. the layer index) so different names cannot collide.
    /// </summary>
    public static string Identifier(string name, string fallback = "unnamed")
    {
        var sb = new StringBuilder();
        foreach (var ch in name)
        {
            var ok = ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
            if (ok)
            {
                sb.Append(ch);
            }
            else if (sb.Length > 0 && sb[sb.Length - 1] != '_')
            {
                sb.Append('_');
            }
        }

        var id = sb.ToString().Trim('_');
        if (id.Length > MaxIdentifierLength)
        {
            id = id.Substring(0, MaxIdentifierLength).TrimEnd('_');
        }

        if (id.Length == 0)
        {
            return fallback;
        }

        return char.IsDigit(id[0]) ? "n" + id : id;
    }

    /// <summary>
    /// Text for inside a <c>/* */</c> comment: printable ASCII letters, digits, spaces and harmless punctuation are
    /// kept; '*', '/', '\', '?', '"', control and non-ASCII characters become '_' (so no "*/", "/*", "??" trigraph
    /// or backslash-newline can appear); cut to 120 characters.
    /// </summary>
    public static string Comment(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            var ok = ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                || " _-.,:;()[]+=<>!#%&|^~@$'".IndexOf(ch) >= 0;
            sb.Append(ok ? ch : '_');
            if (sb.Length == 120)
            {
                break;
            }
        }

        return sb.ToString();
    }
}
