namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The closest known spelling of a mistyped verb or option, for a "did you mean" hint: the original Python project's
/// forms (<c>compare_models</c>, <c>--input_size</c>) and plain typos (<c>--targt</c>).
/// </summary>
internal static class SpellingSuggestion
{
    /// <summary>
    /// The candidate <paramref name="token"/> most likely meant, or null when none is close: underscores read as
    /// hyphens, a candidate the token starts with (<c>compare_models</c> → <c>compare</c>), else the fewest edits, at
    /// most a third of the token's length.
    /// </summary>
    public static string? Closest(string token, IEnumerable<string> candidates)
    {
        string wanted = Normalize(token);
        if (wanted.Length == 0)
        {
            return null;
        }

        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string known = Normalize(candidate);
            if (known.Length == 0)
            {
                continue;
            }

            if (known == wanted || (wanted.StartsWith(known, StringComparison.Ordinal) && wanted[known.Length] == '-'))
            {
                return candidate;
            }

            int distance = Distance(wanted, known);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(1, wanted.Length / 3) ? best : null;
    }

    private static string Normalize(string name) => name.TrimStart('-').Replace('_', '-').ToLowerInvariant();

    /// <summary>Edit distance counting an insertion, a deletion, a substitution or a swap of neighbours as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
