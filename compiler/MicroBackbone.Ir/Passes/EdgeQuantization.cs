namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Removes the float edges of a graph: a float32 input read only by a Quantize, and a float32 output produced by a
/// Dequantize. The int8 tensors between them become the graph's input and output: back ends quantize and dequantize
/// at the edges with their parameters (C's <c>mb_model_invoke_float</c>), so the kernels never see a float.
/// </summary>
public static class EdgeQuantization
{
    /// <summary>The graph with int8 input and output (unchanged when its edges are not float Quantize/Dequantize).</summary>
    public static IrGraph Strip(IrGraph graph)
    {
        var consumers = graph.ConsumerIndices();
        var producers = graph.ProducerIndex();
        var dropped = new HashSet<int>();
        var inputs = graph.Inputs.Select(id =>
        {
            if (graph.Tensor(id).DataType == IrDataType.Float32
                && consumers.TryGetValue(id, out var readers) && readers.Count == 1
                && graph.Operators[readers[0]] is { Kind: IrOpKind.Quantize } q
                && graph.Tensor(q.Outputs[0]).DataType == IrDataType.Int8)
            {
                dropped.Add(readers[0]);
                return q.Outputs[0];
            }

            return id;
        }).ToList();
        var outputs = graph.Outputs.Select(id =>
        {
            if (graph.Tensor(id).DataType == IrDataType.Float32
                && producers.TryGetValue(id, out var index)
                && graph.Operators[index] is { Kind: IrOpKind.Dequantize } d)
            {
                dropped.Add(index);
                return d.Inputs[0];
            }

            return id;
        }).ToList();
        if (dropped.Count == 0)
        {
            return graph;
        }

        var operators = graph.Operators.Where((_, i) => !dropped.Contains(i)).ToList();
        var used = new HashSet<int>(operators.SelectMany(o => o.Inputs.Concat(o.Outputs)).Concat(inputs).Concat(outputs));
        return new IrGraph(graph.Name, graph.Tensors.Where(t => used.Contains(t.Id)), operators, inputs, outputs, graph.ClassNames, graph.Metadata);
    }
}
