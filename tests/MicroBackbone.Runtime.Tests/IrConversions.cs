using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Runtime.Tests;

/// <summary>Turns the Ir's prepared parameters into the runtime's primitive arguments, as the generator does.</summary>
internal static class IrConversions
{
    public static int[] Multipliers(IReadOnlyList<QuantizedMultiplier> ms) => ms.Select(m => m.Multiplier).ToArray();

    public static int[] Shifts(IReadOnlyList<QuantizedMultiplier> ms) => ms.Select(m => m.Shift).ToArray();

    public static TensorShape Shape(Nhwc s) => new(s.Batch, s.Height, s.Width, s.Channels);

    public static MicroBackbone.Runtime.Window2D Window(MicroBackbone.Ir.Int8.Window2D w) =>
        new(w.KernelHeight, w.KernelWidth, w.StrideHeight, w.StrideWidth, w.DilationHeight, w.DilationWidth, w.PadTop, w.PadLeft, w.PadBottom, w.PadRight);

    public static int[] FoldFilters(int[] bias, sbyte[] weights, int outputChannels, int inputZeroPoint)
    {
        var folded = new int[outputChannels];
        BiasFolding.FoldFilters(bias, weights, outputChannels, inputZeroPoint, folded);
        return folded;
    }

    public static int[] FoldDepthwise(int[] bias, sbyte[] weights, int channels, int inputZeroPoint)
    {
        var folded = new int[channels];
        BiasFolding.FoldDepthwise(bias, weights, channels, inputZeroPoint, folded);
        return folded;
    }
}
