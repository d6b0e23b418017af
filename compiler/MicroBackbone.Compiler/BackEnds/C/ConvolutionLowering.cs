using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Conv2D (general and 1x1 fast path), DepthwiseConv2D and FullyConnected: multipliers and clamps come from the int8
/// spec's Prepare; the input zero point is folded into the bias here (bias - zp * sum of the channel's weights) so
/// the C inner loops are pure int8 dot products.
/// </summary>
internal static class ConvolutionLowering
{
    public static void Conv2D(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, w, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
        var a = op.AttributesAs<Conv2DAttributes>();
        var inS = Int8Bridge.Shape(x, op);
        var outS = Int8Bridge.Shape(y, op);
        var (kh, kw) = (w.Shape[1], w.Shape[2]);
        var window = Window2D.Of(kh, kw, a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding);
        var inQ = Int8Bridge.Quant(x, op);
        var p = Conv2DParams.Prepare(inS, outS.Channels, window, inQ, Int8Bridge.WeightScales(w, op),
            Int8Bridge.Quant(y, op), a.Activation, a.Groups);
        var sym = Symbol(index, op);
        var weights = w.ReadInt8();
        var folded = FoldedBias(Bias(g, op, outS.Channels), weights, outS.Channels, inQ.ZeroPoint, channelInnermost: false);
        var arrays = ChannelArrays(ctx, sym, op, weights, folded, outS.Channels, inQ.ZeroPoint, p.Multipliers, channelInnermost: false);
        var kPad = PaddedDepth(weights.Length / outS.Channels);
        if (a.Groups != 1)
        {
            // Grouped: its own plain-loop kernel, so the dense kernels (and their fixed-shape copies) stay as they are.
            ctx.UseKernels("conv_grouped");
            ctx.AddLayer(index, op, "mb_conv_grouped_params_t", "mb_conv_grouped_s8", new[]
            {
                F("batches", inS.Batch), F("in_h", inS.Height), F("in_w", inS.Width), F("in_c", inS.Channels),
                F("out_h", outS.Height), F("out_w", outS.Width), F("out_c", outS.Channels), F("groups", a.Groups),
                F("k_h", kh), F("k_w", kw), F("stride_h", a.StrideH), F("stride_w", a.StrideW),
                F("dil_h", a.DilationH), F("dil_w", a.DilationW), F("pad_top", a.Padding.Top), F("pad_left", a.Padding.Left),
                F("k_pad", kPad), F("in_zp", inQ.ZeroPoint), F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
            }.Concat(arrays), new[] { x.Id });
            return;
        }

        var pointwise = kh == 1 && kw == 1 && a.StrideH == 1 && a.StrideW == 1 && a.Padding.IsZero;
        if (pointwise)
        {
            var pixels = (long)inS.Batch * inS.Height * inS.Width;
            ctx.UseKernels("gemv", "matmul", "conv1x1");
            ctx.NeedPatch(Math.Max(kPad, 2L * inS.Channels)); // Xtensa widens two input rows to int16
            var function = ctx.FixedShapes.Function(pointwise: true, inS.Channels, kPad, pixels, outS.Channels, folded, p.Multipliers);
            ctx.AddLayer(index, op, "mb_conv1x1_params_t", function, new[]
            {
                F("pixels", pixels), F("in_c", inS.Channels), F("k_pad", kPad), F("out_c", outS.Channels),
                F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
            }.Concat(arrays), new[] { x.Id }, "mb_patch");
            return;
        }

        // dwparams: on Xtensa a 3x3 convolution of one input channel runs as planes of the depthwise ring kernel.
        ctx.UseKernels("gemv", "matmul", "dwparams", "conv2d");
        // SIMD hosts widen one receptive field to int16 (k_pad values); scalar cores gather several as int8 rows,
        // a multiple of twelve (the matrix multiplies' row blocks of three and four) within about 512 bytes, so that
        // each output channel's requantization constants are prepared once for many pixels.
        var depth = kh * kw * inS.Channels;
        var outPixels = (long)outS.Height * outS.Width * inS.Batch;
        var gather = (int)Math.Min(outPixels, Math.Max(12, 512 / depth / 12 * 12));
        ctx.NeedPatch(Math.Max(kPad, ((((long)gather * depth) + 1) / 2) + (2L * depth)));
        var conv = ctx.FixedShapes.Function(pointwise: false, depth, kPad, Math.Min(outPixels, gather), outS.Channels, folded, p.Multipliers);
        ctx.AddLayer(index, op, "mb_conv2d_params_t", conv, new[]
        {
            F("batches", inS.Batch), F("in_h", inS.Height), F("in_w", inS.Width), F("in_c", inS.Channels),
            F("out_h", outS.Height), F("out_w", outS.Width), F("out_c", outS.Channels),
            F("k_h", kh), F("k_w", kw), F("stride_h", a.StrideH), F("stride_w", a.StrideW),
            F("dil_h", a.DilationH), F("dil_w", a.DilationW), F("pad_top", a.Padding.Top), F("pad_left", a.Padding.Left),
            F("k_pad", kPad), F("gather", gather), F("in_zp", inQ.ZeroPoint), F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
        }.Concat(arrays), new[] { x.Id }, "mb_patch");
    }

    public static void Depthwise(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, w, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
        var a = op.AttributesAs<DepthwiseConv2DAttributes>();
        var inS = Int8Bridge.Shape(x, op);
        var outS = Int8Bridge.Shape(y, op);
        var (kh, kw) = (w.Shape[1], w.Shape[2]);
        var window = Window2D.Of(kh, kw, a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding);
        var inQ = Int8Bridge.Quant(x, op);
        var p = DepthwiseConv2DParams.Prepare(inS, window, inQ, Int8Bridge.WeightScales(w, op), Int8Bridge.Quant(y, op),
            a.Activation, a.DepthMultiplier);
        var sym = Symbol(index, op);
        var dwWeights = w.ReadInt8();
        var folded = FoldedBias(Bias(g, op, outS.Channels), dwWeights, outS.Channels, inQ.ZeroPoint, channelInnermost: true);
        var arrays = ChannelArrays(ctx, sym, op, dwWeights, folded, outS.Channels, inQ.ZeroPoint, p.Multipliers, channelInnermost: true);
        var inPlace = op.InPlaceInput == x.Id;
        ctx.UseKernels("dwparams", inPlace ? "dwconv_inplace" : "dwconv");
        if (inPlace)
        {
            ctx.NeedRows((long)(a.Padding.Top + 1) * inS.Width * inS.Channels);
        }

        // Scalar cores run 3x3 filters from a ring of three rows of one channel, int16 on Xtensa (mb_dw3x3_channel_s8).
        // Other shapes (depth multiplier > 1, dilation, other filter sizes) take the kernels' plain loops, which read
        // input channel o / depth_mult for output channel o.
        ctx.NeedRows(3L * (inS.Width + 2) * 2);

        ctx.AddLayer(index, op, "mb_dwconv_params_t", inPlace ? "mb_dwconv_inplace_s8" : "mb_dwconv_s8", new[]
        {
            F("batches", inS.Batch), F("in_h", inS.Height), F("in_w", inS.Width), F("in_c", inS.Channels),
            F("out_h", outS.Height), F("out_w", outS.Width), F("out_c", outS.Channels), F("depth_mult", a.DepthMultiplier),
            F("k_h", kh), F("k_w", kw), F("stride_h", a.StrideH), F("stride_w", a.StrideW),
            F("dil_h", a.DilationH), F("dil_w", a.DilationW), F("pad_top", a.Padding.Top), F("pad_left", a.Padding.Left),
            F("in_zp", inQ.ZeroPoint), F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
        }.Concat(arrays), inPlace ? Array.Empty<int>() : new[] { x.Id }, "mb_rows");
    }

    public static void FullyConnected(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, w, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
        var a = op.AttributesAs<FullyConnectedAttributes>();
        var batches = x.Shape[0];
        var inN = (int)(x.ElementCount / batches);
        var outN = w.Shape[0];
        var inQ = Int8Bridge.Quant(x, op);
        var p = FullyConnectedParams.Prepare(batches, inN, outN, inQ, Int8Bridge.WeightScales(w, op), Int8Bridge.Quant(y, op),
            a.Activation);
        var sym = Symbol(index, op);
        var fcWeights = w.ReadInt8();
        var folded = FoldedBias(Bias(g, op, outN), fcWeights, outN, inQ.ZeroPoint, channelInnermost: false);
        var arrays = ChannelArrays(ctx, sym, op, fcWeights, folded, outN, inQ.ZeroPoint, p.Multipliers, channelInnermost: false);
        ctx.UseKernels("gemv", "matmul", "fc");
        var kPad = PaddedDepth(inN);
        ctx.NeedPatch(Math.Max(kPad, 2L * inN));
        ctx.AddLayer(index, op, "mb_fc_params_t", "mb_fc_s8", new[]
        {
            F("batches", batches), F("in_n", inN), F("k_pad", kPad), F("out_n", outN),
            F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
        }.Concat(arrays), new[] { x.Id }, "mb_patch");
    }

    /// <summary>Dot product length rounded up to a multiple of 8 so vectorized loops need no remainder.</summary>
    internal static int PaddedDepth(int depth) => (depth + 7) / 8 * 8;

    private static List<long> PadRows(sbyte[] weights, int rows, int depth)
    {
        var padded = PaddedDepth(depth);
        var result = new List<long>(rows * padded);
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < padded; i++)
            {
                result.Add(i < depth ? weights[(r * depth) + i] : 0);
            }
        }

        return result;
    }

    private static int[] Bias(IrGraph g, IrOperator op, int channels)
    {
        if (op.Inputs.Count < 3)
        {
            return new int[channels];
        }

        var b = g.Tensor(op.Inputs[2]);
        if (b.DataType != IrDataType.Int32 || !b.IsConstant)
        {
            throw Int8Bridge.Unsupported(op, $"bias {b.Describe()} must be an int32 constant");
        }

        return b.ReadInt32();
    }

    /// <summary>The bias with the input zero point folded in: bias - zp * (the channel's sum of weights).</summary>
    private static int[] FoldedBias(int[] bias, sbyte[] weights, int channels, int inputZeroPoint, bool channelInnermost)
    {
        var sums = new long[channels];
        var perChannel = weights.Length / channels;
        for (var i = 0; i < weights.Length; i++)
        {
            sums[channelInnermost ? i % channels : i / perChannel] += weights[i];
        }

        // The reference adds bias + sum w * (x - zp) with wrapping int32 arithmetic; bias - zp * sum(w) + sum w * x is
        // the same value modulo 2^32, so the fold is exact.
        var folded = new int[channels];
        for (var c = 0; c < channels; c++)
        {
            folded[c] = unchecked((int)(bias[c] - (inputZeroPoint * sums[c])));
        }

        return folded;
    }

    /// <summary>Emits weights, folded bias, multipliers and shifts; returns the four pointer fields.</summary>
    private static CField[] ChannelArrays(CLowering ctx, string sym, IrOperator op, sbyte[] weights, int[] folded, int channels,
        int inputZeroPoint, QuantizedMultiplier[] multipliers, bool channelInnermost)
    {
        var perChannel = weights.Length / channels;
        var name = CIdentifiers.Comment(op.Name);
        var stored = channelInnermost ? weights.Select(v => (long)v).ToList() : PadRows(weights, channels, perChannel);
        var layout = channelInnermost ? "1HWO" : $"OHWI, rows of {perChannel} padded with zeros to {PaddedDepth(perChannel)}";
        return new[]
        {
            E("weights", ctx.AddArray(sym, "w", "int8_t", stored, $"'{name}' weights ({layout})")),
            E("bias", ctx.AddArray(sym, "bias", "int32_t", folded.Select(v => (long)v).ToList(), $"'{name}' bias with the input zero point {inputZeroPoint} folded in")),
            E("mult", ctx.AddArray(sym, "mult", "int32_t", multipliers.Select(m => (long)m.Multiplier).ToList(), $"'{name}' requantization multipliers (Q0.31)")),
            E("shift", ctx.AddArray(sym, "shift", "int8_t", multipliers.Select(m => (long)m.Shift).ToList(), $"'{name}' requantization shifts")),
        };
    }
}
