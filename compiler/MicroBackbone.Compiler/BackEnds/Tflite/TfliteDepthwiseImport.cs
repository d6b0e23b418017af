using System.Buffers.Binary;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// DEPTHWISE_CONV_2D import. The two depthwise forms <see cref="TfliteDepthwiseForms"/> writes are turned back into
/// the IR operators they stand for (Shift, int8 HardSigmoid) when every weight, scale and bias matches exactly;
/// any other depthwise convolution (any depth multiplier, dilation) imports as DepthwiseConv2D.
/// </summary>
internal static class TfliteDepthwiseImport
{
    public static void Import(TfliteImportContext c)
    {
        var o = c.Options<TfliteDepthwiseConv2DOptions>();
        var x = c.InputShape(0);
        var w = c.InputShape(1);
        if (x.Count != 4 || w.Count != 4 || w[0] != 1)
        {
            throw c.Fail($"has input shape {x} and filter shape {w}; expected NHWC and 1HWO");
        }

        if (x[3] < 1 || w[3] % x[3] != 0)
        {
            throw c.Fail($"has {w[3]} output channels for {x[3]} input channels; expected a whole depth multiplier");
        }

        // TFLite Micro's kernel loops over the option's multiplier, so a file whose option disagrees with its shapes
        // has no meaning to reproduce.
        var multiplier = w[3] / x[3];
        if (o.DepthMultiplier != multiplier)
        {
            throw c.Fail($"has option depth_multiplier {o.DepthMultiplier}, but its shapes ({x[3]} input, {w[3]} output channels) give {multiplier}");
        }

        if (multiplier != 1)
        {
            var general = c.Padding(o.Padding, w[1], w[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW);
            c.Add(IrOpKind.DepthwiseConv2D, c.WeightOperands(), new DepthwiseConv2DAttributes(o.StrideH, o.StrideW, general, multiplier, o.DilationH, o.DilationW, c.Activation(o.Activation)));
            return;
        }

        if (c.State.RestorePatterns && AsShift(c, o) is { } offsets)
        {
            c.Add(IrOpKind.Shift, new[] { c.In(0) }, new ShiftAttributes(new EquatableArray<ShiftOffset>(offsets)));
            return;
        }

        if (c.State.RestorePatterns && IsHardSigmoid(c, o))
        {
            c.Add(IrOpKind.HardSigmoid, new[] { c.In(0) });
            return;
        }

        if (c.State.RestorePatterns && FloatHardSigmoidMul(c, o) is { } mul)
        {
            c.State.Absorbed.Add(c.Index + 1);
            c.Add(IrOpKind.HardSigmoid, new[] { c.In(0) }, mul.Outputs[0]);
            return;
        }

        var padding = c.Padding(o.Padding, w[1], w[2], o.StrideH, o.StrideW, o.DilationH, o.DilationW);
        c.Add(IrOpKind.DepthwiseConv2D, c.WeightOperands(), new DepthwiseConv2DAttributes(o.StrideH, o.StrideW, padding, 1, o.DilationH, o.DilationW, c.Activation(o.Activation)));
    }

    /// <summary>The per-channel offsets when the operator is a one-hot k x k depthwise shift; null otherwise.</summary>
    private static ShiftOffset[]? AsShift(TfliteImportContext c, TfliteDepthwiseConv2DOptions o)
    {
        var w = c.InputShape(1);
        var (k, channels) = (w[1], w[3]);
        if (w[2] != k || k % 2 == 0 || o.StrideH != 1 || o.StrideW != 1 || o.DilationH != 1 || o.DilationW != 1
            || o.Activation != TfliteActivation.None || (o.Padding != TflitePadding.Same && k > 1) || !ZeroBias(c))
        {
            return null;
        }

        var weights = Weights(c);
        if (weights is null)
        {
            return null;
        }

        var xq = c.State.Quant(c.Op.Inputs[0]);
        var yq = c.State.Quant(c.Op.Outputs[0]);
        var wq = c.State.Quant(c.Op.Inputs[1]);
        if (xq is not null || yq is not null)
        {
            // int8: identical activation quantization and weight scales of exactly 1 make the requantization the identity.
            if (xq is null || yq is null || xq != yq || wq is null || wq.Scales.Any(s => s != 1f) || wq.ZeroPoints.Any(z => z != 0))
            {
                return null;
            }
        }

        var r = (k - 1) / 2;
        var offsets = new ShiftOffset[channels];
        for (var ch = 0; ch < channels; ch++)
        {
            var hot = -1;
            for (var cell = 0; cell < k * k; cell++)
            {
                var v = weights[(cell * channels) + ch];
                if (v == 0)
                {
                    continue;
                }

                if (v != 1 || hot >= 0)
                {
                    return null;
                }

                hot = cell;
            }

            if (hot < 0)
            {
                return null;
            }

            offsets[ch] = new ShiftOffset((hot / k) - r, (hot % k) - r);
        }

        return offsets;
    }

    /// <summary>True when the operator is the spec's int8 hard-sigmoid depthwise convolution.</summary>
    private static bool IsHardSigmoid(TfliteImportContext c, TfliteDepthwiseConv2DOptions o)
    {
        var w = c.InputShape(1);
        var xq = c.State.Quant(c.Op.Inputs[0]);
        var yq = c.State.Quant(c.Op.Outputs[0]);
        var wq = c.State.Quant(c.Op.Inputs[1]);
        var fixedOut = HardSigmoidParams.OutputQuantization;
        if (w[1] != 1 || w[2] != 1 || o.StrideH != 1 || o.StrideW != 1 || o.Activation != TfliteActivation.None
            || c.Op.Inputs.Count < 3 || c.Op.Inputs[2] < 0
            || xq is not { IsPerChannel: false } || yq is not { IsPerChannel: false } || wq is null
            || yq.Scales[0] != fixedOut.Scale || yq.ZeroPoints[0] != fixedOut.ZeroPoint
            || wq.Scales.Any(s => s != HardSigmoidParams.WeightScale))
        {
            return false;
        }

        var weights = Weights(c);
        var expected = HardSigmoidParams.Prepare(new Ir.Int8.QuantizationParams(xq.Scales[0], xq.ZeroPoints[0])).Bias;
        var bias = c.State.Data(c.Op.Inputs[2]);
        return weights is not null && weights.All(v => v == HardSigmoidParams.Weight)
            && c.State.Subgraph.Tensors[c.Op.Inputs[2]].Type == TfliteTensorType.Int32
            && bias.Length == 4 * w[3]
            && Enumerable.Range(0, w[3]).All(i => BinaryPrimitives.ReadInt32LittleEndian(bias.AsSpan(4 * i)) == expected);
    }

    /// <summary>
    /// The MUL of the exporter's float hard-sigmoid (1x1 depthwise, weights 1, bias 3, RELU6, then MUL by a constant
    /// 1/6 read by nothing else) when this operator starts one; null otherwise.
    /// </summary>
    private static TfliteOperator? FloatHardSigmoidMul(TfliteImportContext c, TfliteDepthwiseConv2DOptions o)
    {
        var s = c.State;
        var w = c.InputShape(1);
        if (s.Subgraph.Tensors[c.Op.Inputs[0]].Type != TfliteTensorType.Float32 || w[1] != 1 || w[2] != 1
            || o.Activation != TfliteActivation.Relu6 || o.StrideH != 1 || o.StrideW != 1
            || c.Op.Inputs.Count < 3 || c.Op.Inputs[2] < 0 || c.Index + 1 >= s.Subgraph.Operators.Count)
        {
            return null;
        }

        var next = s.Subgraph.Operators[c.Index + 1];
        var mid = c.Op.Outputs[0];
        if (s.Model.OperatorCodes[next.OpcodeIndex].BuiltinCode != TfliteBuiltinOperator.Mul || next.Inputs.Count != 2 || next.Inputs[0] != mid
            || next.Options is not TfliteMulOptions { Activation: TfliteActivation.None } || s.Readers(mid) != 1
            || s.Subgraph.Tensors[next.Inputs[1]].Shape.Any(d => d != 1))
        {
            return null;
        }

        var weights = Weights(c);
        var bias = Floats(s.Data(c.Op.Inputs[2]));
        var sixth = Floats(s.Data(next.Inputs[1]));
        return weights is not null && weights.All(v => v == 1) && bias.Length == w[3] && bias.All(v => v == 3f)
            && sixth.Length == 1 && sixth[0] == 1f / 6f ? next : null;
    }

    private static float[] Floats(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i))).ToArray();

    /// <summary>Constant weights as numbers (int8 values or float32 values), or null when not constant.</summary>
    private static double[]? Weights(TfliteImportContext c)
    {
        var t = c.State.Subgraph.Tensors[c.Op.Inputs[1]];
        var bytes = c.State.Data(c.Op.Inputs[1]);
        return t.Type switch
        {
            TfliteTensorType.Int8 when bytes.Length > 0 => bytes.Select(b => (double)(sbyte)b).ToArray(),
            TfliteTensorType.Float32 when bytes.Length > 0 => Enumerable.Range(0, bytes.Length / 4)
                .Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i))).ToArray(),
            _ => null,
        };
    }

    /// <summary>True when the bias is absent or a constant of zero bytes.</summary>
    private static bool ZeroBias(TfliteImportContext c)
    {
        if (c.Op.Inputs.Count < 3 || c.Op.Inputs[2] < 0)
        {
            return true;
        }

        var bytes = c.State.Data(c.Op.Inputs[2]);
        return bytes.Length > 0 && bytes.All(b => b == 0);
    }
}
