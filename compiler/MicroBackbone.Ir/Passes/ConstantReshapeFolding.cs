namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Replaces a Reshape of a constant by a constant of the new shape (row-major data is unchanged), so back ends
/// never see reshapes of weights.
/// </summary>
public static class ConstantReshapeFolding
{
    /// <summary>The graph with every Reshape of a constant folded away.</summary>
    public static IrGraph Run(IrGraph graph)
    {
        var tensors = graph.Tensors.ToDictionary(t => t.Id);
        var outputs = new HashSet<int>(graph.Outputs);
        var operators = new List<IrOperator>();
        var changed = false;
        foreach (var op in graph.Operators)
        {
            if (op.Kind == IrOpKind.Reshape
                && op.Inputs.Count == 1
                && op.Outputs.Count == 1
                && tensors[op.Inputs[0]] is { IsConstant: true } source
                && !outputs.Contains(op.Outputs[0]))
            {
                var target = tensors[op.Outputs[0]];
                tensors[target.Id] = target with { Data = source.Data, Quant = target.Quant ?? source.Quant };
                changed = true;
                continue;
            }

            operators.Add(op);
        }

        if (!changed)
        {
            return graph;
        }

        // The folded source may now be unused; dead tensor elimination drops it.
        return DeadTensorElimination.Run(graph.With(graph.Tensors.Select(t => tensors[t.Id]), operators));
    }
}
