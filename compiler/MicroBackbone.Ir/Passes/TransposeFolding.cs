namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Removes the layout work converters leave around their operators (PyTorch → TFLite models open with an NCHW →
/// NHWC TRANSPOSE and often pair transposes), without changing the graph's interface: the compiled model still takes
/// and returns the layouts the file declares. Every rule is exact:
/// <list type="bullet">
/// <item>a Transpose reading another Transpose that nothing else reads becomes one Transpose of the composed
/// permutation, and a Reshape (free when the planner aliases it) when that permutation is the identity; a Transpose
/// reading such an identity Reshape reads its input instead;</item>
/// <item>a Transpose that keeps the order of the dimensions larger than 1 (it only moves size-1 axes, e.g. NCHW → NHWC
/// of a one-channel image or a 1x1 map) moves no byte and becomes a Reshape.</item>
/// </list>
/// </summary>
public static class TransposeFolding
{
    /// <summary>The graph with the rules applied until none applies.</summary>
    public static IrGraph Run(IrGraph graph)
    {
        var g = graph;
        while (Step(g) is { } next)
        {
            g = next;
        }

        return ReferenceEquals(g, graph) ? graph : DeadTensorElimination.Run(g);
    }

    // One rewrite, or null when no rule applies.
    private static IrGraph? Step(IrGraph g)
    {
        var producer = new Dictionary<int, IrOperator>();
        foreach (var op in g.Operators)
        {
            foreach (var o in op.Outputs)
            {
                producer[o] = op;
            }
        }

        var outputs = new HashSet<int>(g.Outputs);
        for (var i = 0; i < g.Operators.Count; i++)
        {
            var op = g.Operators[i];
            if (op.Kind != IrOpKind.Transpose)
            {
                continue;
            }

            // A folded pair left an identity Reshape in front: read its input directly.
            if (producer.TryGetValue(op.Inputs[0], out var alias) && alias.Kind == IrOpKind.Reshape && !outputs.Contains(op.Inputs[0])
                && g.Tensor(alias.Inputs[0]).Shape == g.Tensor(op.Inputs[0]).Shape && g.Operators.Count(o => o.Inputs.Contains(op.Inputs[0])) == 1)
            {
                return Replace(g, i, op with { Inputs = alias.Inputs });
            }

            var x = g.Tensor(op.Inputs[0]);
            var perm = op.AttributesAs<TransposeAttributes>().Permutation;
            if (producer.TryGetValue(x.Id, out var first) && first.Kind == IrOpKind.Transpose && !outputs.Contains(x.Id)
                && g.Operators.Count(o => o.Inputs.Contains(x.Id)) == 1)
            {
                // out[i] = mid[perm[i]] = in[firstPerm[perm[i]]].
                var firstPerm = first.AttributesAs<TransposeAttributes>().Permutation;
                var composed = new EquatableArray<int>(perm.Select(p => firstPerm[p]));
                var merged = op with { Inputs = first.Inputs, Attributes = new TransposeAttributes(composed) };
                return Replace(g, i, ToReshapeIfFree(merged, g.Tensor(first.Inputs[0]).Shape, g.Tensor(op.Outputs[0]).Shape));
            }

            var reshaped = ToReshapeIfFree(op, x.Shape, g.Tensor(op.Outputs[0]).Shape);
            if (!ReferenceEquals(reshaped, op))
            {
                return Replace(g, i, reshaped);
            }
        }

        return null;
    }

    // A transpose that keeps the order of the dimensions larger than 1 moves no byte.
    private static IrOperator ToReshapeIfFree(IrOperator op, EquatableArray<int> inputShape, EquatableArray<int> outputShape)
    {
        var perm = op.AttributesAs<TransposeAttributes>().Permutation;
        var moved = perm.Where(p => inputShape[p] != 1).ToList();
        var inOrder = moved.Zip(moved.Skip(1), (a, b) => a < b).All(ok => ok);
        return inOrder ? op with { Kind = IrOpKind.Reshape, Attributes = new ReshapeAttributes(outputShape) } : op;
    }

    private static IrGraph Replace(IrGraph g, int index, IrOperator op)
    {
        var operators = g.Operators.ToList();
        operators[index] = op;
        return g.With(g.Tensors, operators);
    }
}
