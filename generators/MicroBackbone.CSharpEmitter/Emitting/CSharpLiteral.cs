using System.Globalization;

namespace MicroBackbone.CSharpEmitter.Emitting;

/// <summary>Invariant-culture C# literals for the numbers the generated code embeds.</summary>
internal static class CSharpLiteral
{
    /// <summary>An int literal.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A float literal that reads back to exactly <paramref name="value"/>: nine significant digits always
    /// round-trip a float, and unlike "R" they format the same on every runtime.
    /// </summary>
    public static string Float(float value) => value.ToString("G9", CultureInfo.InvariantCulture) + "f";

    /// <summary>Comma-separated values, <paramref name="perLine"/> per line, for an array initializer.</summary>
    public static IEnumerable<string> Rows<T>(IReadOnlyList<T> values, int perLine, Func<T, string> format)
    {
        for (var start = 0; start < values.Count; start += perLine)
        {
            var end = Math.Min(values.Count, start + perLine);
            var items = new string[end - start];
            for (var i = start; i < end; i++)
            {
                items[i - start] = format(values[i]);
            }

            yield return string.Join(", ", items) + ",";
        }
    }
}
