using System.Globalization;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// What a profile program prints on the emulator's console: <c>mark &lt;id&gt; &lt;count&gt;</c> lines (the
/// instruction counter at each mark; printed by the board, or by an emulator plugin on boards without a counter)
/// and one <c>output &lt;int8 values&gt;</c> line. Other lines (emulator notices) are ignored.
/// </summary>
/// <param name="Marks">The counter at mark id i, for ids 0 .. n-1.</param>
/// <param name="Output">The model's int8 output.</param>
public sealed record ProfileRunOutput(IReadOnlyList<long> Marks, sbyte[] Output)
{
    /// <summary>Reads <paramref name="console"/>; throws when a mark of 0 .. <paramref name="markCount"/>-1 or the output line is missing.</summary>
    public static ProfileRunOutput Parse(string console, int markCount) => Parse(console, markCount, Enumerable.Range(0, markCount));

    /// <summary>
    /// Reads <paramref name="console"/>, where only the marks in <paramref name="required"/> must appear (a board
    /// whose marks an emulator plugin prints shows only the marks the program reached); a mark not printed reads as -1.
    /// </summary>
    public static ProfileRunOutput Parse(string console, int markCount, IEnumerable<int> required)
    {
        var marks = new long?[markCount];
        sbyte[]? output = null;
        foreach (string raw in console.Split('\n'))
        {
            string[] fields = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 3 && fields[0] == "mark"
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            {
                if (id < markCount)
                {
                    marks[id] = count;
                }
            }
            else if (fields.Length > 0 && fields[0] == "output")
            {
                output = fields.Skip(1).Select(v => sbyte.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();
            }
        }

        int missing = required.FirstOrDefault(id => marks[id] is null, -1);
        if (missing >= 0)
        {
            throw new MicroBackboneException($"the profile program printed no 'mark {missing}' line (console: {FirstLine(console)})");
        }

        if (output is null)
        {
            throw new MicroBackboneException($"the profile program printed no 'output' line (console: {FirstLine(console)})");
        }

        return new ProfileRunOutput(marks.Select(m => m ?? -1).ToList(), output);
    }

    /// <summary>Instructions from mark <paramref name="from"/> to mark <paramref name="to"/>.</summary>
    public long Between(int from, int to) => Marks[to] - Marks[from];

    private static string FirstLine(string console)
    {
        string line = console.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "empty";
        return line.Length > 120 ? line[..120] + "..." : line;
    }
}
