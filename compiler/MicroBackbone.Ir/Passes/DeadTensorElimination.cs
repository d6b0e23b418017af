namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Drops operators none of whose outputs reach a graph output, and tensors no remaining operator or graph
/// interface uses. Ids are kept (they need not be dense).
/// </summary>
public static class DeadTensorElimination
{
    /// <summary>The graph without dead operators and tensors.</summary>
    public static IrGraph Run(IrGraph graph)
    {
        var needed = new HashSet<int>(graph.Outputs);
        var keep = new bool[graph.Operators.Count];
        for (var i = graph.Operators.Count - 1; i >= 0; i--)
        {
            var op = graph.Operators[i];
            if (op.Outputs.Any(needed.Contains))
            {
                keep[i] = true;
                needed.UnionWith(op.Inputs);
            }
        }

        var operators = graph.Operators.Where((_, i) => keep[i]).ToList();
        var used = new HashSet<int>(graph.Inputs.Concat(graph.Outputs));
        foreach (var op in operators)
        {
            used.UnionWith(op.Inputs);
            used.UnionWith(op.Outputs);
        }

        return graph.With(graph.Tensors.Where(t => used.Contains(t.Id)), operators);
    }
}
