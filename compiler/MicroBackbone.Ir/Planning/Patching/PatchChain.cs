namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>
/// The longest run of row-local operators (<see cref="RowFootprint.IsRowLocal"/>) starting at the graph's first
/// input, each reading the previous one's output as its only activation operand and being that output's only reader.
/// Any prefix of it can be run patch by patch; the output of the prefix's last operator is the split point.
/// </summary>
/// <param name="Input">The graph input the chain starts from.</param>
/// <param name="OperatorIndices">The chain's operators in order (indices into the graph's operators).</param>
public sealed record PatchChain(int Input, EquatableArray<int> OperatorIndices)
{
    /// <summary>The chain of <paramref name="graph"/> (empty when its first input is not a batch-1 int8 NHWC tensor).</summary>
    public static PatchChain Of(IrGraph graph)
    {
        var indices = new List<int>();
        if (graph.Inputs.Count == 0)
        {
            return new PatchChain(-1, new EquatableArray<int>(indices));
        }

        var consumers = graph.ConsumerIndices();
        var outputs = new HashSet<int>(graph.Outputs);
        var input = graph.Inputs[0];
        var current = input;
        while (!outputs.Contains(current) && consumers.TryGetValue(current, out var readers) && readers.Count == 1)
        {
            var index = readers[0];
            var op = graph.Operators[index];
            if (!RowFootprint.IsRowLocal(graph, op) || op.Inputs[0] != current
                || op.Inputs.Skip(1).Any(id => id == current || !graph.Tensor(id).IsConstant))
            {
                break;
            }

            indices.Add(index);
            current = op.Outputs[0];
        }

        return new PatchChain(input, new EquatableArray<int>(indices));
    }

    /// <summary>Number of operators in the chain.</summary>
    public int Length => OperatorIndices.Count;
}
