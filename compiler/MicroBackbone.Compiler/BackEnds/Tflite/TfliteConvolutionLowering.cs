using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and the pools. IR padding is explicit; it becomes SAME or VALID when
/// it equals TFLite's own computation, and otherwise a PAD operator (zero point fill) followed by a VALID
/// convolution, which is exact because padded cells contribute (zp - zp) * w = 0 either way. Average pools cannot
/// take that route (a PAD cell would be averaged), so they need SAME- or VALID-compatible padding; max pools with
/// other padding get a PADV2 with the lowest value first, as TFLite's converters write them
/// (<see cref="TfliteMaxPoolPadding"/>).
/// </summary>
internal static class TfliteConvolutionLowering
{
    public static void Conv2D(TfliteExportContext c)
    {
        var a = c.Op.AttributesAs<Conv2DAttributes>();
        var w = c.Input(1);
        var (x, mode) = Padded(c, a.Padding, w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW);
        var options = new TfliteConv2DOptions(mode, a.StrideW, a.StrideH, TfliteExportContext.Activation(a.Activation), a.DilationW, a.DilationH);
        c.Emit(TfliteBuiltinOperator.Conv2D, Operands(c, x, 0, zeroBiasIfMissing: true), options);
    }

    public static void DepthwiseConv2D(TfliteExportContext c)
    {
        var a = c.Op.AttributesAs<DepthwiseConv2DAttributes>();
        var w = c.Input(1);
        var (x, mode) = Padded(c, a.Padding, w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW);
        var options = new TfliteDepthwiseConv2DOptions(mode, a.StrideW, a.StrideH, a.DepthMultiplier, TfliteExportContext.Activation(a.Activation), a.DilationW, a.DilationH);
        c.Emit(TfliteBuiltinOperator.DepthwiseConv2D, Operands(c, x, 3, zeroBiasIfMissing: true), options, a.DilationH != 1 || a.DilationW != 1);
    }

    public static void FullyConnected(TfliteExportContext c)
    {
        var a = c.Op.AttributesAs<FullyConnectedAttributes>();
        c.Emit(TfliteBuiltinOperator.FullyConnected, Operands(c, c.Model.Tensor(c.Op.Inputs[0]), 0), new TfliteFullyConnectedOptions(TfliteExportContext.Activation(a.Activation)));
    }

    public static void Pool(TfliteExportContext c, TfliteBuiltinOperator builtin)
    {
        var a = c.Op.AttributesAs<Pool2DAttributes>();
        var x = c.Input(0);
        int input = c.Model.Tensor(x.Id);
        var mode = TfliteExportContext.PaddingMode(a.Padding, x.Shape[1], x.Shape[2], a.FilterH, a.FilterW, a.StrideH, a.StrideW);
        if (mode is null && builtin == TfliteBuiltinOperator.MaxPool2D && a.Padding is { Top: >= 0, Left: >= 0, Bottom: >= 0, Right: >= 0 })
        {
            (input, mode) = (TfliteMaxPoolPadding.PadWithLowest(c, a.Padding), TflitePadding.Valid);
        }
        var options = new TflitePool2DOptions(
            mode ?? throw c.Unsupported($"padding {a.Padding} is neither SAME nor VALID for a {a.FilterH}x{a.FilterW} window with stride {a.StrideH}x{a.StrideW} on {x.Shape[1]}x{x.Shape[2]}; TFLite's AVERAGE_POOL_2D cannot take explicit padding"),
            a.StrideW, a.StrideH, a.FilterW, a.FilterH, TfliteExportContext.Activation(a.Activation));
        c.Emit(builtin, new[] { input }, options);
    }

    /// <summary>
    /// Input, weights and bias indices. An int8 bias without its own quantization gets what TFLite requires:
    /// zero points 0 and scales input_scale * weight_scale, per output channel. Convolutions without a bias get a
    /// zero one, as converters always write it: some optimized kernels do not accept a missing bias.
    /// </summary>
    private static int[] Operands(TfliteExportContext c, int x, int weightAxis, bool zeroBiasIfMissing = false)
    {
        var w = c.Input(1);
        if (c.IsInt8 && w.Quant is { IsPerChannel: true } wq && wq.Axis != weightAxis)
        {
            throw c.Unsupported($"weights {w.Describe()} are quantized per channel along axis {wq.Axis}; TFLite needs axis {weightAxis}");
        }

        var weights = c.Model.Tensor(w.Id);
        var biasQuant = c.IsInt8 && c.Input(0).Quant is { } xq && w.Quant is { } q ? BiasQuantization(xq, q) : null;
        if (c.Op.Inputs.Count < 3)
        {
            if (!zeroBiasIfMissing)
            {
                return new[] { x, weights };
            }

            var channels = w.Shape[weightAxis];
            var type = c.IsInt8 ? TfliteTensorType.Int32 : TfliteTensorType.Float32;
            var zero = c.Model.Constant($"{c.Op.Name}/bias", type, new[] { channels }, new byte[4 * channels], biasQuant is null ? null : Broadcast(biasQuant, channels));
            return new[] { x, weights, zero };
        }

        var bias = c.Input(2);
        return new[] { x, weights, c.Model.Tensor(bias.Id, bias.Quant is null ? biasQuant : null) };
    }

    internal static TfliteQuantization BiasQuantization(QuantParams input, QuantParams weights)
    {
        var scales = weights.Scales.Select(s => (float)((double)input.Scales[0] * s)).ToArray();
        return scales.Length == 1
            ? TfliteQuantization.PerTensor(scales[0], 0)
            : TfliteQuantization.PerAxis(scales, new long[scales.Length], 0);
    }

    /// <summary>Per-channel copies of a per-tensor bias quantization (a per-axis one is returned as is).</summary>
    private static TfliteQuantization Broadcast(TfliteQuantization q, int channels) =>
        q.IsPerAxis ? q : TfliteQuantization.PerAxis(Enumerable.Repeat(q.Scale[0], channels).ToArray(), new long[channels], 0);

    /// <summary>The tensor the kernel reads and its padding mode, inserting a PAD when the padding is neither SAME nor VALID.</summary>
    private static (int Tensor, TflitePadding Mode) Padded(TfliteExportContext c, Padding2D p, int kH, int kW, int sH, int sW, int dH, int dW)
    {
        var x = c.Input(0);
        if (TfliteExportContext.PaddingMode(p, x.Shape[1], x.Shape[2], kH, kW, sH, sW, dH, dW) is { } mode)
        {
            return (c.Model.Tensor(x.Id), mode);
        }

        if (p.Top < 0 || p.Left < 0 || p.Bottom < 0 || p.Right < 0)
        {
            throw c.Unsupported($"negative padding {p}");
        }

        var shape = new[] { x.Shape[0], x.Shape[1] + p.Top + p.Bottom, x.Shape[2] + p.Left + p.Right, x.Shape[3] };
        var padded = c.Model.Activation($"{c.Op.Name}/pad", TfliteModelAssembler.TypeOf(x.DataType), shape, TfliteModelAssembler.Quantization(x.Quant));
        var paddings = c.Model.ConstantInt32($"{c.Op.Name}/paddings", new[] { 4, 2 }, new[] { 0, 0, p.Top, p.Bottom, p.Left, p.Right, 0, 0 });
        c.Model.Operator(TfliteBuiltinOperator.Pad, TfliteOpVersions.For(TfliteBuiltinOperator.Pad, c.KernelType), new[] { c.Model.Tensor(x.Id), paddings }, new[] { padded }, new TflitePadOptions());
        return (padded, TflitePadding.Valid);
    }
}
