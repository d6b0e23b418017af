namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// Concatenation as one strided copy per input into its place in the output (TFLM concatenation.cc: int8 inputs
/// must share the output's scale and zero point, and the bytes are copied unchanged).
/// </summary>
public static class Concatenation
{
    /// <summary>
    /// One walk per input. Throws when an input's quantization differs from <paramref name="outputQuant"/>: TFLite
    /// Micro refuses such a model in Prepare rather than requantize.
    /// </summary>
    public static IReadOnlyList<StridedCopyParams> Prepare(IReadOnlyList<IReadOnlyList<int>> inputShapes, int axis,
        IReadOnlyList<QuantizationParams> inputQuants, QuantizationParams outputQuant)
    {
        if (inputShapes.Count == 0 || inputQuants.Count != inputShapes.Count)
        {
            throw new QuantizationException("concatenation needs at least one input and one quantization per input");
        }

        for (int i = 0; i < inputQuants.Count; i++)
        {
            if (!inputQuants[i].Equals(outputQuant))
            {
                throw new QuantizationException(
                    $"int8 concatenation input {i} has quantization {inputQuants[i]} but the output has {outputQuant}; TFLite Micro requires them equal (no requantization)");
            }
        }

        int rank = inputShapes[0].Count;
        if (axis < 0 || axis >= rank)
        {
            throw new QuantizationException($"concatenation axis {axis} must be in 0..{rank - 1}");
        }

        var outShape = inputShapes[0].ToArray();
        outShape[axis] = inputShapes.Sum(s => s[axis]);
        var outStrides = StridedCopyParams.RowMajorStrides(outShape);
        var walks = new List<StridedCopyParams>();
        int start = 0;
        foreach (var shape in inputShapes)
        {
            if (shape.Count != rank || Enumerable.Range(0, rank).Any(d => d != axis && shape[d] != outShape[d]))
            {
                throw new QuantizationException($"concatenation input [{string.Join(", ", shape)}] does not match [{string.Join(", ", outShape)}] off axis {axis}");
            }

            walks.Add(StridedCopyParams.Create(shape, StridedCopyParams.RowMajorStrides(shape), outStrides, 0, checked(start * outStrides[axis])));
            start += shape[axis];
        }

        return walks;
    }

    /// <summary>Copies input <c>i</c> with walk <c>i</c>.</summary>
    public static void Eval(IReadOnlyList<StridedCopyParams> walks, IReadOnlyList<sbyte[]> inputs, Span<sbyte> output)
    {
        for (int i = 0; i < walks.Count; i++)
        {
            StridedCopy.Eval(walks[i], inputs[i], output);
        }
    }
}
