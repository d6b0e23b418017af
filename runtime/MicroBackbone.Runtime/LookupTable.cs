namespace MicroBackbone.Runtime;

/// <summary>
/// Any int8 to int8 elementwise function as a 256-entry table indexed by q + 128. Hard-swish, logistic,
/// hard-sigmoid and requantize are such functions; generated code may build their table once (e.g. with
/// <see cref="HardSwish.FillTable"/>) and apply it here, which is exact by construction.
/// </summary>
public static class LookupTable
{
    /// <summary>Number of entries: one per int8 value.</summary>
    public const int Size = 256;

    /// <summary>Input length from which <see cref="HardSwish"/> and <see cref="Logistic"/> tabulate on the stack first.</summary>
    internal const int WorthwhileLength = 1024;

    /// <summary>output[i] = table[input[i] + 128].</summary>
    public static void Apply(ReadOnlySpan<sbyte> table, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(table.Length, Size, "lookup table");
        Check.Length(input.Length, output.Length, "lookup input");
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = table[input[i] + 128];
        }
    }
}
