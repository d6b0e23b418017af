namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="FullyConnected"/>.</summary>
public sealed class FullyConnectedParams
{
    private FullyConnectedParams(int batches, int inputDepth, int outputDepth, int inputOffset, int outputOffset,
        QuantizedMultiplier[] multipliers, ActivationRange clamp)
    {
        Batches = batches;
        InputDepth = inputDepth;
        OutputDepth = outputDepth;
        InputOffset = inputOffset;
        OutputOffset = outputOffset;
        Multipliers = multipliers;
        Clamp = clamp;
    }

    /// <summary>Number of input rows.</summary>
    public int Batches { get; }

    /// <summary>Input features per row.</summary>
    public int InputDepth { get; }

    /// <summary>Output features per row.</summary>
    public int OutputDepth { get; }

    /// <summary>-input zero point.</summary>
    public int InputOffset { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>One multiplier per output feature (all equal when the weights are per-tensor).</summary>
    public QuantizedMultiplier[] Multipliers { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>
    /// Prepares a fully connected layer. With one scale per output feature each multiplier is computed in double
    /// (per-channel path); with a single per-tensor scale TFLite's GetQuantizedConvolutionMultipler is matched
    /// instead, which multiplies input_scale * weight_scale in float32 before widening to double.
    /// </summary>
    public static FullyConnectedParams Prepare(int batches, int inputDepth, int outputDepth, QuantizationParams inputQuant,
        ReadOnlySpan<float> weightScales, QuantizationParams outputQuant, FusedActivation activation)
    {
        if (batches <= 0 || inputDepth <= 0 || outputDepth <= 0)
        {
            throw new QuantizationException($"fully connected dimensions {batches}x{inputDepth}->{outputDepth} must be positive");
        }

        QuantizedMultiplier[] multipliers;
        if (weightScales.Length == 1)
        {
            double product = inputQuant.Scale * weightScales[0];
            var m = QuantizedMultiplier.FromDouble(product / outputQuant.Scale);
            multipliers = Enumerable.Repeat(m, outputDepth).ToArray();
        }
        else
        {
            multipliers = PerChannelMultipliers.Compute(inputQuant, weightScales, outputQuant, outputDepth);
        }

        return new FullyConnectedParams(batches, inputDepth, outputDepth, -inputQuant.ZeroPoint, outputQuant.ZeroPoint,
            multipliers, ActivationRange.For(activation, outputQuant));
    }
}

/// <summary>
/// int8 fully connected layer, input [batches, in], weights [out, in], int32 bias, matching TFLite's
/// reference_integer_ops::FullyConnected / FullyConnectedPerChannel (reference/integer_ops/fully_connected.h).
/// </summary>
public static class FullyConnected
{
    /// <summary>out[b,o] = clamp(zp_out + MBQM(bias[o] + sum_i w[o,i] * (in[b,i] - zp_in), M[o])).</summary>
    public static void Eval(FullyConnectedParams p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        if (input.Length != p.Batches * p.InputDepth || output.Length != p.Batches * p.OutputDepth || weights.Length != p.OutputDepth * p.InputDepth)
        {
            throw new ArgumentException($"fully connected buffers do not match {p.Batches}x{p.InputDepth} -> {p.OutputDepth}");
        }

        Conv2D.CheckBias(bias, p.OutputDepth);
        for (int b = 0; b < p.Batches; b++)
        {
            for (int o = 0; o < p.OutputDepth; o++)
            {
                int acc = 0;
                for (int i = 0; i < p.InputDepth; i++)
                {
                    acc = unchecked(acc + (weights[(o * p.InputDepth) + i] * (input[(b * p.InputDepth) + i] + p.InputOffset)));
                }

                if (bias.Length != 0)
                {
                    acc = unchecked(acc + bias[o]);
                }

                output[(b * p.OutputDepth) + o] = (sbyte)p.Clamp.Clamp(p.Multipliers[o].Apply(acc) + p.OutputOffset);
            }
        }
    }
}
