namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Folds a Relu/Relu6 into the Conv2D, DepthwiseConv2D, FullyConnected, Add or Mul producing its input, when that
/// intermediate tensor has no other reader and is not a graph output. The producer then writes the activation's
/// output tensor directly (so in int8 it requantizes to the activation's scale and clamps), and the intermediate
/// tensor disappears.
/// </summary>
public static class ActivationFusion
{
    /// <summary>The graph with every fusible activation folded into its producer.</summary>
    public static IrGraph Run(IrGraph graph)
    {
        var producer = graph.ProducerIndex();
        var consumers = graph.ConsumerIndices();
        var outputs = new HashSet<int>(graph.Outputs);
        var replaced = new Dictionary<int, IrOperator>();
        var removedOps = new HashSet<int>();
        var removedTensors = new HashSet<int>();

        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            var activation = op.Kind switch
            {
                IrOpKind.Relu => FusedActivation.Relu,
                IrOpKind.Relu6 => FusedActivation.Relu6,
                _ => (FusedActivation?)null,
            };
            if (activation is null || op.Inputs.Count != 1 || op.Outputs.Count != 1)
            {
                continue;
            }

            var middle = op.Inputs[0];
            if (outputs.Contains(middle) || !producer.TryGetValue(middle, out var p) || consumers[middle].Count != 1)
            {
                continue;
            }

            var source = replaced.TryGetValue(p, out var already) ? already : graph.Operators[p];
            // Fused, the producer requantizes once to the activation's output; unfused, int8 rounds to the middle
            // tensor first (and RELU6 clamps there without rescaling): the same only when both share parameters.
            if (!source.Kind.CanFuseActivation() || source.FusedActivation != FusedActivation.None || source.Outputs.Count != 1
                || !Equals(graph.Tensor(middle).Quant, graph.Tensor(op.Outputs[0]).Quant))
            {
                continue;
            }

            replaced[p] = source.WithFusedActivation(activation.Value) with { Outputs = op.Outputs, InPlaceInput = null };
            removedOps.Add(i);
            removedTensors.Add(middle);
        }

        if (removedOps.Count == 0)
        {
            return graph;
        }

        var operators = graph.Operators
            .Select((op, i) => replaced.TryGetValue(i, out var r) ? r : op)
            .Where((_, i) => !removedOps.Contains(i));
        return graph.With(graph.Tensors.Where(t => !removedTensors.Contains(t.Id)), operators);
    }
}
