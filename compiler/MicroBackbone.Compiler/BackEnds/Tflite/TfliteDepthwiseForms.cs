using System.Runtime.InteropServices;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// The two IR operators TFLite has no builtin for, each lowered to a DEPTHWISE_CONV_2D that TFLite Micro runs.
/// <para>
/// Shift becomes one k x k depthwise convolution (k = 2 * max |offset| + 1, SAME padding, stride 1) whose kernel
/// for channel c is one-hot at (r + dy_c, r + dx_c), r = (k - 1) / 2. In int8 the weight is 1 with scale
/// output_scale / input_scale (exactly 1 because Shift keeps its quantization), the bias 0: the accumulator is
/// x - zp_in, the requantization multiplier is exactly 1.0 (2^30 with shift 1, which TFLite's fixed-point multiply
/// returns unchanged), so the output is the input value and padded cells give the zero point: bit-exact. In float
/// the products are x * 1 and 0 * neighbours, also exact. We chose it over PAD + STRIDED_SLICE per offset group +
/// CONCATENATION (equally exact) because it is one operator with one output buffer (no padded copy, no slices),
/// keeps channel order whatever the offset pattern, and the importer can recognise it and restore the Shift.
/// </para>
/// <para>
/// HardSigmoid (int8) is the 1x1 depthwise convolution that the int8 spec defines it as
/// (<see cref="HardSigmoidParams"/>): exact by construction. In float it is a 1x1 depthwise convolution
/// (weight 1, bias 3, fused RELU6) followed by MUL with 1/6, which can differ from relu6(x + 3) / 6 by one ulp.
/// </para>
/// </summary>
internal static class TfliteDepthwiseForms
{
    public static void Shift(TfliteExportContext c)
    {
        var offsets = c.Op.AttributesAs<ShiftAttributes>().Offsets;
        var x = c.Input(0);
        var channels = x.Shape[3];
        var r = offsets.Select(o => Math.Max(Math.Abs(o.Dy), Math.Abs(o.Dx))).DefaultIfEmpty(0).Max();
        var k = (2 * r) + 1;
        var hot = new int[k * k * channels];
        for (var ch = 0; ch < channels; ch++)
        {
            hot[((((r + offsets[ch].Dy) * k) + r + offsets[ch].Dx) * channels) + ch] = 1;
        }

        var shape = new[] { 1, k, k, channels };
        int weights, bias;
        if (c.IsInt8)
        {
            var (xq, yq) = (x.Quant!, c.Output.Quant!);
            if (xq.IsPerChannel || yq.IsPerChannel || xq.Scales[0] != yq.Scales[0] || xq.ZeroPoints[0] != yq.ZeroPoints[0])
            {
                throw c.Unsupported("an int8 Shift must keep its input quantization to be exported exactly");
            }

            var unit = Enumerable.Repeat(yq.Scales[0] / xq.Scales[0], channels).ToArray();
            weights = c.Model.Constant($"{c.Op.Name}/weights", TfliteTensorType.Int8, shape, hot.Select(v => (byte)v).ToArray(),
                TfliteQuantization.PerAxis(unit, new long[channels], 3));
            bias = c.Model.Constant($"{c.Op.Name}/bias", TfliteTensorType.Int32, new[] { channels }, new byte[4 * channels],
                TfliteQuantization.PerAxis(unit.Select(u => (float)((double)xq.Scales[0] * u)).ToArray(), new long[channels], 0));
        }
        else
        {
            weights = c.Model.Constant($"{c.Op.Name}/weights", TfliteTensorType.Float32, shape, Floats(hot.Select(v => (float)v).ToArray()));
            bias = c.Model.Constant($"{c.Op.Name}/bias", TfliteTensorType.Float32, new[] { channels }, new byte[4 * channels]);
        }

        c.Emit(TfliteBuiltinOperator.DepthwiseConv2D, new[] { c.Model.Tensor(x.Id), weights, bias }, new TfliteDepthwiseConv2DOptions(TflitePadding.Same, 1, 1, 1));
    }

    public static void HardSigmoid(TfliteExportContext c)
    {
        var x = c.Input(0);
        var channels = x.Shape[x.Shape.Count - 1];
        var shape = new[] { 1, 1, 1, channels };
        var depthwise = new TfliteDepthwiseConv2DOptions(TflitePadding.Valid, 1, 1, 1);
        if (x.Shape.Count != 4)
        {
            throw c.Unsupported($"input {x.Describe()} is not NHWC; the depthwise lowering needs rank 4");
        }

        if (c.IsInt8)
        {
            var xq = x.Quant!;
            c.RequireFixedOutputQuantization(HardSigmoidParams.OutputQuantization);
            var p = HardSigmoidParams.Prepare(new Ir.Int8.QuantizationParams(xq.Scales[0], xq.ZeroPoints[0]));
            var ws = Enumerable.Repeat(HardSigmoidParams.WeightScale, channels).ToArray();
            var weights = c.Model.Constant($"{c.Op.Name}/weights", TfliteTensorType.Int8, shape, Enumerable.Repeat((byte)HardSigmoidParams.Weight, channels).ToArray(),
                TfliteQuantization.PerAxis(ws, new long[channels], 3));
            var bias = c.Model.Constant($"{c.Op.Name}/bias", TfliteTensorType.Int32, new[] { channels }, Ints(Enumerable.Repeat(p.Bias, channels).ToArray()),
                TfliteQuantization.PerAxis(ws.Select(s => (float)((double)xq.Scales[0] * s)).ToArray(), new long[channels], 0));
            c.Emit(TfliteBuiltinOperator.DepthwiseConv2D, new[] { c.Model.Tensor(x.Id), weights, bias }, depthwise);
            return;
        }

        var ones = c.Model.Constant($"{c.Op.Name}/weights", TfliteTensorType.Float32, shape, Floats(Enumerable.Repeat(1f, channels).ToArray()));
        var threes = c.Model.Constant($"{c.Op.Name}/bias", TfliteTensorType.Float32, new[] { channels }, Floats(Enumerable.Repeat(3f, channels).ToArray()));
        var clipped = c.Model.Activation($"{c.Op.Name}/relu6", TfliteTensorType.Float32, x.Shape.ToArray(), null);
        c.Model.Operator(TfliteBuiltinOperator.DepthwiseConv2D, 1, new[] { c.Model.Tensor(x.Id), ones, threes }, new[] { clipped },
            depthwise with { Activation = TfliteActivation.Relu6 });
        var sixth = c.Model.Constant($"{c.Op.Name}/one_sixth", TfliteTensorType.Float32, new[] { 1, 1, 1, 1 }, Floats(new[] { 1f / 6f }));
        c.Emit(TfliteBuiltinOperator.Mul, new[] { clipped, sixth }, new TfliteMulOptions());
    }

    internal static byte[] Floats(float[] values) => LittleEndianBytes(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), 4);

    internal static byte[] Ints(int[] values) => LittleEndianBytes(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), 4);

    private static byte[] LittleEndianBytes(byte[] bytes, int size)
    {
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < bytes.Length; i += size)
            {
                Array.Reverse(bytes, i, size);
            }
        }

        return bytes;
    }
}
