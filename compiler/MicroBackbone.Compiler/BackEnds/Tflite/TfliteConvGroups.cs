namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// The channel groups of a CONV_2D: TFLite marks a grouped convolution only by a filter shallower than its input
/// (filter input depth I &lt; input depth C, groups = C / I; TFLite Micro's reference ConvPerChannel supports it).
/// </summary>
internal static class TfliteConvGroups
{
    /// <summary>C / I for the operator's NHWC input and OHWI filter <paramref name="w"/>; a clear error when it is not whole.</summary>
    public static int Of(TfliteImportContext c, IReadOnlyList<int> w)
    {
        var x = c.InputShape(0);
        var (inputDepth, filterDepth, filters) = (x[3], w[3], w[0]);
        if (filterDepth < 1 || inputDepth % filterDepth != 0)
        {
            throw c.Fail($"has filter input depth {filterDepth} for {inputDepth} input channels; expected a divisor (groups = input depth / filter depth)");
        }

        var groups = inputDepth / filterDepth;
        if (filters % groups != 0)
        {
            throw c.Fail($"has {filters} filters for {groups} groups ({inputDepth} input channels, filter depth {filterDepth}); expected a multiple");
        }

        return groups;
    }
}
