using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// Transpose, StridedSlice, Concatenation and PadV2 over floats: the same strided walks as the int8 spec
/// (<see cref="StridedCopyParams"/>), since they only move values; PadV2 first fills with its value.
/// </summary>
internal sealed class LayoutKernel : FloatKernel
{
    private readonly List<(float[] Input, StridedCopyParams Walk)> _walks = new();
    private readonly float? _fill;

    public LayoutKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        var x = graph.Tensor(op.Inputs[0]);
        var input = buffers.Get(x.Id);
        switch (op.Attributes)
        {
            case TransposeAttributes a:
                _walks.Add((input, Transpose.Prepare(x.Shape, a.Permutation)));
                break;
            case StridedSliceAttributes a:
                _walks.Add((input, StridedSlice.Prepare(x.Shape, a.Begin, a.Size, a.Strides)));
                break;
            case ConcatenationAttributes a:
                var inputs = op.Inputs.Select(graph.Tensor).ToList();
                var walks = Concatenation.Prepare(inputs.Select(t => (IReadOnlyList<int>)t.Shape).ToList(), a.Axis,
                    inputs.Select(_ => default(Int8.QuantizationParams)).ToList(), default);
                _walks.AddRange(inputs.Select((t, i) => (buffers.Get(t.Id), walks[i])));
                break;
            case PadV2Attributes a:
                var p = PadV2Params.Prepare(x.Shape, a.Before, a.After, 0);
                _walks.Add((input, p.Copy));
                _fill = buffers.Get(op.Inputs[1])[0];
                break;
            default:
                throw new ReferenceInterpreterException($"operator '{op.Name}' ({op.Kind}) is not a layout operator");
        }
    }

    public override void Run()
    {
        if (_fill is { } fill)
        {
            OutputValues.AsSpan().Fill(fill);
        }

        foreach (var (input, walk) in _walks)
        {
            StridedCopy.Eval(walk, input, OutputValues);
        }
    }
}
