using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Takes the float edges off a quantized graph: a float32 input whose only reader is a Quantize to int8, and a
/// float32 output made by a Dequantize. The int8 tensors inside become the graph's input and output; the generated
/// float entry points quantize and dequantize with their parameters, so the layer calls only ever see int8.
/// </summary>
internal static class FloatEdges
{
    /// <summary>The graph without its float edge operators (the same graph when it has none).</summary>
    public static IrGraph Strip(IrGraph graph)
    {
        var readers = graph.ConsumerIndices();
        var producers = graph.ProducerIndex();
        var removed = new HashSet<int>();
        var inputs = new List<int>();
        foreach (var id in graph.Inputs)
        {
            if (graph.Tensor(id).DataType == IrDataType.Float32
                && readers.TryGetValue(id, out var r) && r.Count == 1
                && graph.Operators[r[0]].Kind == IrOpKind.Quantize
                && graph.Tensor(graph.Operators[r[0]].Outputs[0]).DataType == IrDataType.Int8)
            {
                removed.Add(r[0]);
                inputs.Add(graph.Operators[r[0]].Outputs[0]);
            }
            else
            {
                inputs.Add(id);
            }
        }

        var outputs = new List<int>();
        foreach (var id in graph.Outputs)
        {
            if (graph.Tensor(id).DataType == IrDataType.Float32
                && producers.TryGetValue(id, out var p)
                && graph.Operators[p].Kind == IrOpKind.Dequantize)
            {
                removed.Add(p);
                outputs.Add(graph.Operators[p].Inputs[0]);
            }
            else
            {
                outputs.Add(id);
            }
        }

        if (removed.Count == 0)
        {
            return graph;
        }

        var operators = graph.Operators.Where((_, i) => !removed.Contains(i)).ToList();
        var kept = new HashSet<int>(operators.SelectMany(o => o.Inputs.Concat(o.Outputs)).Concat(inputs).Concat(outputs));
        return new IrGraph(graph.Name, graph.Tensors.Where(t => kept.Contains(t.Id)), operators, inputs, outputs, graph.ClassNames, graph.Metadata);
    }
}
