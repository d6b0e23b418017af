using System.Text;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Turns model names into unique ONNX identifiers (<c>[A-Za-z_][A-Za-z0-9_]*</c>): other characters become
/// <c>_</c>, a leading digit gets a <c>_</c> prefix, and a name already taken gets <c>_2</c>, <c>_3</c>...
/// Names are handed out in the exporter's fixed walk order, so the result is deterministic.
/// </summary>
internal sealed class OnnxNameTable
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public string Claim(string hint)
    {
        var name = Sanitize(hint);
        if (_taken.Add(name))
        {
            return name;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = $"{name}_{suffix}";
            if (_taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    public static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var ch in name)
        {
            text.Append(ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? ch : '_');
        }

        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
