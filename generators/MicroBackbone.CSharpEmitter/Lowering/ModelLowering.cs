using MicroBackbone.CSharpEmitter.Spec;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Turns a quantized <see cref="IrGraph"/> into a <see cref="ModelSpec"/>: validates it, strips its float edges,
/// plans the activation arena, and runs every operator's int8 Prepare so the generated code holds only constants.
/// </summary>
internal static class ModelLowering
{
    /// <summary>
    /// Lowers <paramref name="graph"/>. Throws <see cref="IrValidationException"/> for an invalid graph and
    /// <see cref="CSharpEmitException"/> for what the C# back end does not support.
    /// </summary>
    public static ModelSpec Lower(IrGraph graph)
    {
        GraphValidator.Validate(graph);
        var g = EdgeQuantization.Strip(graph);
        if (g.Inputs.Count == 0 || g.Outputs.Count == 0)
        {
            throw new CSharpEmitException(
                $"C# back end: graph '{graph.Name}' has {g.Inputs.Count} inputs and {g.Outputs.Count} outputs; the generated class needs at least one of each");
        }

        var plan = MemoryPlanner.Plan(g);
        var constants = new ConstantTable();
        var steps = new List<StepSpec>();
        for (var i = 0; i < g.Operators.Count; i++)
        {
            var step = new OperatorLowering(g, plan, constants, i).Lower();
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return new ModelSpec(
            graph.Name,
            new EquatableArray<KeyValuePair<string, string>>(graph.Metadata),
            graph.ClassNames,
            new EquatableArray<EdgeSpec>(g.Inputs.Select((id, i) => Edge(plan, g.Tensor(id), "input", IsFloat(graph, graph.Inputs[i]))).ToList()),
            new EquatableArray<EdgeSpec>(g.Outputs.Select((id, i) => Edge(plan, g.Tensor(id), "output", IsFloat(graph, graph.Outputs[i]))).ToList()),
            checked((int)plan.ArenaBytes),
            new EquatableArray<ConstantSpec>(constants.Constants),
            new EquatableArray<StepSpec>(steps),
            StateLayout.Length(g),
            new EquatableArray<StateFillSpec>(g.Tensors.Where(t => t.IsState && t.StateResetValue != 0)
                .Select(t => new StateFillSpec(StateLayout.Region(g, t.Id), checked((short)t.StateResetValue))).ToList()));
    }

    /// <summary>The arena slice of an activation tensor.</summary>
    internal static ArenaRegion Region(MemoryPlan plan, IrTensor tensor) =>
        new(checked((int)plan.OffsetOf(tensor.Id)), checked((int)tensor.ElementCount));

    private static EdgeSpec Edge(MemoryPlan plan, IrTensor tensor, string role, bool isFloat) =>
        new(tensor.Shape, EdgeQuant(tensor, role), Region(plan, tensor), isFloat);

    // The edge as the file declares it (EdgeQuantization.Strip keeps the edges' order).
    private static bool IsFloat(IrGraph declared, int tensorId) => declared.Tensor(tensorId).DataType == IrDataType.Float32;

    private static QuantSpec EdgeQuant(IrTensor tensor, string role)
    {
        if (tensor.DataType != IrDataType.Int8 || tensor.Quant is not { IsPerChannel: false } q)
        {
            throw new CSharpEmitException(
                $"C# back end: graph {role} {tensor.Describe()} must be int8 with per-tensor quantization (or a float32 edge through one Quantize/Dequantize)");
        }

        // Checks the parameters the way the kernels will (positive finite scale, zero point in range).
        var p = new QuantizationParams(q.Scales[0], q.ZeroPoints[0]);
        return new QuantSpec(p.Scale, p.ZeroPoint);
    }
}
