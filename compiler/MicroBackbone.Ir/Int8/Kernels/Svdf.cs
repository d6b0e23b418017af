namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Svdf"/>.</summary>
public sealed class SvdfParams
{
    private SvdfParams(int batches, int inputSize, int filters, int memory, int rank, int inputZeroPoint, int stateZeroPoint,
        int outputZeroPoint, QuantizedMultiplier featureToState, QuantizedMultiplier stateToOutput, bool int8State)
    {
        Int8State = int8State;
        Batches = batches;
        InputSize = inputSize;
        Filters = filters;
        Memory = memory;
        Rank = rank;
        InputZeroPoint = inputZeroPoint;
        StateZeroPoint = stateZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        FeatureToState = featureToState;
        StateToOutput = stateToOutput;
    }

    /// <summary>Input rows.</summary>
    public int Batches { get; }

    /// <summary>Input features per row.</summary>
    public int InputSize { get; }

    /// <summary>Filters F (rows of the feature and time weights).</summary>
    public int Filters { get; }

    /// <summary>Memory steps M each filter keeps in the state.</summary>
    public int Memory { get; }

    /// <summary>Filters summed into one output unit.</summary>
    public int Rank { get; }

    /// <summary>Output units per row: F / rank.</summary>
    public int Units => Filters / Rank;

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>True for TFLite Micro's int8 variant (int8 time weights and state): the feature projection clamps to
    /// the int8 range and the state keeps 8 bits (held in int16 slots here).</summary>
    public bool Int8State { get; }

    /// <summary>Smallest value the feature projection clamps to: -128 for an int8 state, -32768 for int16.</summary>
    public int StateMin => Int8State ? sbyte.MinValue : short.MinValue;

    /// <summary>Largest value the feature projection clamps to.</summary>
    public int StateMax => Int8State ? sbyte.MaxValue : short.MaxValue;

    /// <summary>Zero point of the state.</summary>
    public int StateZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>Feature dot product → state scale: s_in * s_feature / s_state (float32 arithmetic, as TFLite Micro).</summary>
    public QuantizedMultiplier FeatureToState { get; }

    /// <summary>Time dot products → output scale: s_state * s_time / s_out (float32 arithmetic, as TFLite Micro).</summary>
    public QuantizedMultiplier StateToOutput { get; }

    /// <summary>int16 elements of the state: batches × filters × memory.</summary>
    public int StateLength => Batches * Filters * Memory;

    /// <summary>int32 scratch <see cref="Svdf.Eval"/> needs: one value per filter and row.</summary>
    public int ScratchLength => Batches * Filters;

    /// <summary>
    /// Prepares an int8 SVDF with int16 time weights and state (TFLite Micro PrepareSvdf): the two scale ratios are
    /// formed in float32 and only then widened to double for QuantizeMultiplier.
    /// </summary>
    public static SvdfParams Prepare(int batches, int inputSize, int filters, int memory, int rank, QuantizationParams input,
        float featureScale, float timeScale, float stateScale, int stateZeroPoint, QuantizationParams output, bool int8State = false)
    {
        if (batches <= 0 || inputSize <= 0 || filters <= 0 || memory <= 0 || rank <= 0 || filters % rank != 0)
        {
            throw new QuantizationException($"SVDF dimensions batch {batches}, input {inputSize}, filters {filters}, memory {memory}, rank {rank} must be positive with rank dividing filters");
        }

        if (stateZeroPoint < (int8State ? sbyte.MinValue : short.MinValue) || stateZeroPoint > (int8State ? sbyte.MaxValue : short.MaxValue))
        {
            throw new QuantizationException($"SVDF state zero point {stateZeroPoint} must fit {(int8State ? "int8" : "int16")}");
        }

        float first = input.Scale * featureScale / stateScale;
        float second = stateScale * timeScale / output.Scale;
        return new SvdfParams(batches, inputSize, filters, memory, rank, input.ZeroPoint, stateZeroPoint, output.ZeroPoint,
            QuantizedMultiplier.FromDouble(first), QuantizedMultiplier.FromDouble(second), int8State);
    }

    /// <summary>
    /// Prepares the <see cref="IrOpKind.Svdf"/> operator <paramref name="op"/> of a validated int8 graph from its
    /// tensors (the one place every back end reads them from).
    /// </summary>
    public static SvdfParams ForOperator(IrGraph graph, IrOperator op)
    {
        IrTensor x = graph.Tensor(op.Inputs[0]), feature = graph.Tensor(op.Inputs[1]), time = graph.Tensor(op.Inputs[2]);
        IrTensor state = graph.Tensor(op.Inputs[3]), y = graph.Tensor(op.Outputs[0]);
        foreach (var t in new[] { x, feature, time, state, y })
        {
            if (t.Quant is not { IsPerChannel: false })
            {
                throw new QuantizationException($"operator '{op.Name}' (Svdf): tensor {t.Describe()} needs per-tensor quantization");
            }
        }

        return Prepare(x.Shape[0], x.Shape[1], feature.Shape[0], time.Shape[1], op.AttributesAs<SvdfAttributes>().Rank,
            new QuantizationParams(x.Quant!.Scales[0], x.Quant.ZeroPoints[0]), feature.Quant!.Scales[0], time.Quant!.Scales[0],
            state.Quant!.Scales[0], state.Quant.ZeroPoints[0], new QuantizationParams(y.Quant!.Scales[0], y.Quant.ZeroPoints[0]),
            state.DataType == IrDataType.Int8);
    }
}

/// <summary>
/// One step of an int8 SVDF with int16 (or int8) time weights and state, matching TFLite Micro's reference integer SVDF
/// (micro/kernels/svdf_common.cc, EvalIntegerSvdfReference with T = int16 or int8; int8 time weights and state are
/// passed widened to int16). The state is rewritten in place.
/// </summary>
public static class Svdf
{
    /// <summary>
    /// Shifts the state one step, writes each filter's requantized feature dot product as its newest entry, and
    /// outputs per unit the requantized sum of its filters' time dot products plus bias (no fused activation: TFLite
    /// Micro's int8 kernel clamps to the int8 range only). See docs/INT8.md, Svdf.
    /// </summary>
    public static void Eval(SvdfParams p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weightsFeature, ReadOnlySpan<short> weightsTime,
        ReadOnlySpan<int> bias, Span<short> state, Span<int> scratch, Span<sbyte> output)
    {
        int n = p.Batches, f = p.Filters, m = p.Memory, units = p.Units;
        if (input.Length != n * p.InputSize || weightsFeature.Length != f * p.InputSize || weightsTime.Length != f * m
            || state.Length != p.StateLength || scratch.Length < p.ScratchLength || output.Length != n * units
            || (bias.Length != 0 && bias.Length != units))
        {
            throw new ArgumentException($"SVDF buffers do not match batch {n}, input {p.InputSize}, filters {f}, memory {m}, units {units}");
        }

        // The whole state moves one element towards the start; each filter's newest slot is rewritten below.
        state.Slice(1).CopyTo(state);
        for (int b = 0; b < n; b++)
        {
            for (int r = 0; r < f; r++)
            {
                int dot = 0;
                for (int c = 0; c < p.InputSize; c++)
                {
                    dot = unchecked(dot + (weightsFeature[(r * p.InputSize) + c] * (input[(b * p.InputSize) + c] - p.InputZeroPoint)));
                }

                int scaled = FixedPoint.Clamp(FixedPoint.MultiplyByQuantizedMultiplier(dot, p.FeatureToState), p.StateMin, p.StateMax);
                // The reference assigns zp + v to the state's type: it keeps the low 8 or 16 bits.
                state[(((b * f) + r) * m) + m - 1] = p.Int8State ? unchecked((sbyte)(p.StateZeroPoint + scaled)) : unchecked((short)(p.StateZeroPoint + scaled));
            }
        }

        Span<int> perFilter = scratch.Slice(0, n * f);
        for (int b = 0; b < n; b++)
        {
            for (int r = 0; r < f; r++)
            {
                int acc = 0;
                for (int j = 0; j < m; j++)
                {
                    acc = unchecked(acc + (weightsTime[(r * m) + j] * (state[(((b * f) + r) * m) + j] - p.StateZeroPoint)));
                }

                perFilter[(b * f) + r] = acc;
            }
        }

        for (int b = 0; b < n; b++)
        {
            for (int u = 0; u < units; u++)
            {
                int acc = bias.Length != 0 ? bias[u] : 0;
                for (int k = 0; k < p.Rank; k++)
                {
                    acc = unchecked(acc + perFilter[(b * f) + (u * p.Rank) + k]);
                }

                int value = FixedPoint.MultiplyByQuantizedMultiplier(acc, p.StateToOutput) + p.OutputZeroPoint;
                output[(b * units) + u] = (sbyte)FixedPoint.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
            }
        }
    }

    /// <summary>Sets every element of an int16 state to its reset value.</summary>
    public static void Reset(Span<short> state, short resetValue) => state.Fill(resetValue);
}
