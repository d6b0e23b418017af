using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Reference;

/// <summary>The int8 interpreter's steps for the layout operators (Transpose, StridedSlice, Concatenation, PadV2).</summary>
internal static class LayoutSteps
{
    public static Action Prepare(IrGraph g, IrOperator op, Dictionary<int, sbyte[]> values)
    {
        IrTensor x = g.Tensor(op.Inputs[0]);
        IrTensor y = g.Tensor(op.Outputs[0]);
        sbyte[] output = values[y.Id];
        sbyte[] input = Values(x, values);
        switch (op.Kind)
        {
            case IrOpKind.Transpose:
                {
                    var p = Transpose.Prepare(x.Shape, op.AttributesAs<TransposeAttributes>().Permutation);
                    return () => Transpose.Eval(p, input, output);
                }

            case IrOpKind.StridedSlice:
                {
                    var a = op.AttributesAs<StridedSliceAttributes>();
                    var p = StridedSlice.Prepare(x.Shape, a.Begin, a.Size, a.Strides);
                    return () => StridedSlice.Eval(p, input, output);
                }

            case IrOpKind.Concatenation:
                {
                    var inputs = op.Inputs.Select(g.Tensor).ToList();
                    var walks = Concatenation.Prepare(inputs.Select(t => (IReadOnlyList<int>)t.Shape).ToList(),
                        op.AttributesAs<ConcatenationAttributes>().Axis, inputs.Select(Quant).ToList(), Quant(y));
                    var data = inputs.Select(t => Values(t, values)).ToList();
                    return () => Concatenation.Eval(walks, data, output);
                }

            case IrOpKind.PadV2:
                {
                    var a = op.AttributesAs<PadV2Attributes>();
                    var p = PadV2Params.Prepare(x.Shape, a.Before, a.After, g.Tensor(op.Inputs[1]).ReadInt8()[0]);
                    return () => PadV2.Eval(p, input, output);
                }

            default:
                throw new ReferenceInterpreterException($"operator '{op.Name}' ({op.Kind}) is not a layout operator");
        }
    }

    private static sbyte[] Values(IrTensor t, Dictionary<int, sbyte[]> values) => t.IsConstant ? t.ReadInt8() : values[t.Id];

    private static QuantizationParams Quant(IrTensor t) =>
        t.Quant is { } q ? new QuantizationParams(q.Scales[0], q.ZeroPoints[0]) : default;
}
