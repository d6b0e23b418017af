using MicroBackbone.CSharpEmitter.Spec;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Transpose, StridedSlice, Concatenation and PadV2 as <see cref="StridedCopyStep"/>s: the walks the int8 spec
/// prepares (<see cref="StridedCopyParams"/>), one per concatenated input; a constant input is embedded.
/// </summary>
internal static class StridedCopyLowering
{
    /// <summary>The step of <paramref name="op"/>; <paramref name="quant"/> checks a tensor is per-tensor int8.</summary>
    public static StepSpec Lower(IrGraph graph, MemoryPlan plan, ConstantTable constants, IrOperator op, Func<IrTensor, QuantizationParams> quant)
    {
        var x = graph.Tensor(op.Inputs[0]);
        var y = graph.Tensor(op.Outputs[0]);
        var outQ = quant(y);
        var walks = new List<(int Operand, StridedCopyParams Walk)>();
        sbyte? fill = null;
        switch (op.Kind)
        {
            case IrOpKind.Transpose:
                walks.Add((0, Transpose.Prepare(x.Shape, op.AttributesAs<TransposeAttributes>().Permutation)));
                break;
            case IrOpKind.StridedSlice:
                var s = op.AttributesAs<StridedSliceAttributes>();
                walks.Add((0, StridedSlice.Prepare(x.Shape, s.Begin, s.Size, s.Strides)));
                break;
            case IrOpKind.Concatenation:
                var inputs = op.Inputs.Select(graph.Tensor).ToList();
                var all = Concatenation.Prepare(inputs.Select(t => (IReadOnlyList<int>)t.Shape).ToList(),
                    op.AttributesAs<ConcatenationAttributes>().Axis, inputs.Select(quant).ToList(), outQ);
                walks.AddRange(all.Select((w, i) => (i, w)));
                break;
            case IrOpKind.PadV2:
                var a = op.AttributesAs<PadV2Attributes>();
                var p = PadV2Params.Prepare(x.Shape, a.Before, a.After, graph.Tensor(op.Inputs[1]).ReadInt8()[0]);
                walks.Add((0, p.Copy));
                fill = p.Fill;
                break;
            default:
                throw new InvalidOperationException($"{op.Kind} is not a layout operator");
        }

        var parts = walks.Select(w =>
        {
            var t = graph.Tensor(op.Inputs[w.Operand]);
            quant(t);
            var role = op.Kind == IrOpKind.Concatenation ? "Input" + w.Operand : string.Empty;
            var constant = t.IsConstant ? constants.Int8Tensor(t, op.Name, role + "Values") : null;
            var walk = constants.Int32Values(w.Walk.Dims.Concat(w.Walk.InputStrides).Concat(w.Walk.OutputStrides), op.Name, role + "Walk",
                $"box dims, input strides and output strides of '{op.Name}'{(role.Length > 0 ? " " + role : string.Empty)}");
            var source = t.IsConstant ? new ArenaRegion(0, 0) : ModelLowering.Region(plan, t);
            return new StridedCopyPart(source, constant, walk, w.Walk.InputOffset, w.Walk.OutputOffset);
        }).ToList();
        return new StridedCopyStep(op.Kind.ToString(), op.Name, parts[0].Source, ModelLowering.Region(plan, y), new EquatableArray<StridedCopyPart>(parts), fill);
    }
}
