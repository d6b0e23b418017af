using MicroBackbone.CSharpEmitter.Spec;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Sub, Maximum, Minimum and Prelu: two operands with size-1 broadcasting, either of which may be a constant of
/// the generated class; the integers come from the int8 spec's Prepare.
/// </summary>
internal static class BinaryMathLowering
{
    public static StepSpec Lower(IrGraph graph, MemoryPlan plan, ConstantTable constants, IrOperator op,
        Func<string, CSharpEmitException> unsupported, Func<IrTensor, QuantizationParams> quant)
    {
        var (a, b, y) = (graph.Tensor(op.Inputs[0]), graph.Tensor(op.Inputs[1]), graph.Tensor(op.Outputs[0]));
        var (qa, qb, qy) = (quant(a), quant(b), quant(y));
        var shape = Broadcast(a, b, y, unsupported);
        OperandSpec Operand(IrTensor t, string role) => t.IsConstant
            ? new OperandSpec(default, constants.Int8Tensor(t, op.Name, role))
            : new OperandSpec(ModelLowering.Region(plan, t), null);
        var (oa, ob) = (Operand(a, "Input1"), Operand(b, "Input2"));
        var first = a.IsConstant ? b.IsConstant ? throw unsupported("has two constant operands; fold it first") : ob.Region : oa.Region;
        var output = ModelLowering.Region(plan, y);
        switch (op.Kind)
        {
            case IrOpKind.Sub:
                var p = AddParams.PrepareSub(qa, qb, qy, op.FusedActivation);
                return new SubStep(op.Name, first, oa, ob, output, shape, -p.Input1Offset, -p.Input2Offset, Spec(p.Input1Multiplier),
                    Spec(p.Input2Multiplier), Spec(p.OutputMultiplier), p.OutputOffset, new ClampSpec(p.Clamp.Min, p.Clamp.Max));
            case IrOpKind.Maximum or IrOpKind.Minimum:
                return new MaximumMinimumStep(op.Name, op.Kind == IrOpKind.Maximum, first, oa, ob, output, shape);
            default:
                var r = PreluParams.Prepare(qa, qb, qy);
                return new PreluStep(op.Name, first, oa, ob, output, shape, -r.InputOffset, -r.AlphaOffset, r.OutputOffset, Spec(r.Positive), Spec(r.Negative));
        }
    }

    private static MultiplierSpec Spec(QuantizedMultiplier m) => new(m.Multiplier, m.Shift);

    /// <summary>Output dims padded to rank 4 and operand strides with 0 on broadcast dimensions.</summary>
    private static BroadcastSpec Broadcast(IrTensor a, IrTensor b, IrTensor y, Func<string, CSharpEmitException> unsupported)
    {
        if (y.Shape.Count > 4 || a.Shape.Count != y.Shape.Count || b.Shape.Count != y.Shape.Count)
        {
            throw unsupported("operands must have the output's rank (at most 4)");
        }

        var pad = 4 - y.Shape.Count;
        int[] Dims(IrTensor t) => Enumerable.Repeat(1, pad).Concat(t.Shape).ToArray();
        var dy = Dims(y);
        EquatableArray<int> Strides(IrTensor t)
        {
            var d = Dims(t);
            var s = new int[4];
            var stride = 1;
            for (var i = 3; i >= 0; i--)
            {
                s[i] = d[i] == 1 && dy[i] != 1 ? 0 : stride;
                stride *= d[i];
            }

            return new EquatableArray<int>(s);
        }

        return new BroadcastSpec(new EquatableArray<int>(dy), Strides(a), Strides(b));
    }
}
