using System.Globalization;
using System.Text;

namespace MicroBackbone.CSharpEmitter.Emitting;

/// <summary>
/// Turns model text (tensor and operator names, labels) into safe C#: identifiers made of ASCII letters and digits
/// only, and string literals with every quote, backslash and control or line-breaking character escaped. Nothing
/// from a model reaches generated code any other way.
/// </summary>
internal static class CSharpIdentifier
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint",
        "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>
    /// PascalCase identifier from the ASCII letter/digit runs of <paramref name="text"/> (<c>stem.conv_1</c> →
    /// <c>StemConv1</c>); <paramref name="fallback"/> when nothing usable remains; a leading digit gets an underscore.
    /// </summary>
    public static string Pascal(string text, string fallback)
    {
        var sb = new StringBuilder();
        var startOfWord = true;
        foreach (var c in text)
        {
            if (IsAsciiLetterOrDigit(c))
            {
                sb.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                startOfWord = true;
            }
        }

        if (sb.Length == 0)
        {
            return fallback;
        }

        if (char.IsDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        return sb.ToString();
    }

    /// <summary>True for a plain C# identifier: ASCII letter or underscore first, then letters, digits, underscores; no keyword.</summary>
    public static bool IsValid(string text)
    {
        if (text.Length == 0 || Keywords.Contains(text) || !(IsAsciiLetter(text[0]) || text[0] == '_'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <paramref name="identifier"/> usable in code: a keyword gets the <c>@</c> prefix (Roslyn reports
    /// <c>@class</c> as <c>class</c>).
    /// </summary>
    public static string Escape(string identifier) => Keywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>True for a dotted namespace whose every part <see cref="IsValid"/>.</summary>
    public static bool IsValidNamespace(string text) => text.Split('.').All(IsValid);

    /// <summary>A C# string literal (with the quotes) holding exactly <paramref name="text"/>.</summary>
    public static string StringLiteral(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    // Anything that is not printable ASCII is escaped: control characters, line and paragraph
                    // separators (which end a // comment) and every non-ASCII character, so output is pure ASCII.
                    if (c < ' ' || c > '~')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsAsciiLetterOrDigit(char c) => IsAsciiLetter(c) || (c >= '0' && c <= '9');
}
