using System.Globalization;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// Bytes of an object file by kind of section, summed over the per-function and per-array sections
/// <c>-ffunction-sections -fdata-sections</c> make (<c>.text.*</c>, <c>.rodata.*</c> and <c>.srodata.*</c>, ...).
/// </summary>
/// <param name="Text">Machine code.</param>
/// <param name="Rodata">Constants: weights, parameter structs, tables (flash on a microcontroller).</param>
/// <param name="Data">Initialized variables (flash and RAM).</param>
/// <param name="Bss">Zeroed variables: the arena and scratch buffers (RAM).</param>
public sealed record SectionSizes(long Text, long Rodata, long Data, long Bss)
{
    /// <summary>Reads the output of binutils <c>size -A</c> for one object file.</summary>
    public static SectionSizes Parse(string sizeOutput)
    {
        long text = 0, rodata = 0, data = 0, bss = 0;
        foreach (string line in sizeOutput.Split('\n'))
        {
            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !fields[0].StartsWith('.')
                || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long bytes))
            {
                continue;
            }

            switch (Kind(fields[0]))
            {
                case ".text": text += bytes; break;
                case ".rodata" or ".srodata": rodata += bytes; break;
                case ".data" or ".sdata": data += bytes; break;
                case ".bss" or ".sbss": bss += bytes; break;
            }
        }

        return new SectionSizes(text, rodata, data, bss);
    }

    private static string Kind(string section)
    {
        int dot = section.IndexOf('.', 1);
        return dot < 0 ? section : section[..dot];
    }
}
