namespace MicroBackbone.Ir;

/// <summary>
/// Rejects malformed graphs with an <see cref="IrValidationException"/> naming the graph, the operator (index,
/// kind, name) or tensor, and what was expected. Back ends may assume a validated graph.
/// </summary>
public static class GraphValidator
{
    /// <summary>Checks <paramref name="graph"/>; throws on the first problem found.</summary>
    public static void Validate(IrGraph graph)
    {
        try
        {
            ValidateCore(graph);
        }
        catch (IrValidationException e)
        {
            throw new IrValidationException($"graph '{graph.Name}': {e.Message}");
        }
    }

    private static void ValidateCore(IrGraph graph)
    {
        var ids = new HashSet<int>();
        foreach (var t in graph.Tensors)
        {
            if (!ids.Add(t.Id))
            {
                throw new IrValidationException($"tensor id #{t.Id} is used twice ('{graph.Tensor(t.Id).Name}' and '{t.Name}')");
            }

            TensorRules.Check(t);
        }

        var producer = new Dictionary<int, int>();
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            foreach (var o in graph.Operators[i].Outputs)
            {
                if (producer.TryGetValue(o, out var first))
                {
                    throw IrValidationException.ForOperator(i, graph.Operators[i], $"output tensor #{o} is already produced by operator #{first}");
                }

                producer[o] = i;
            }
        }

        foreach (var input in graph.Inputs)
        {
            var t = Existing(graph, input, "graph input");
            if (t.IsConstant || t.IsState || producer.ContainsKey(input))
            {
                throw new IrValidationException($"graph input {t.Describe()} must be an activation not produced by an operator");
            }
        }

        if (graph.Outputs.Count == 0)
        {
            throw new IrValidationException("the graph has no outputs");
        }

        foreach (var output in graph.Outputs)
        {
            var t = Existing(graph, output, "graph output");
            if (t.IsState || (!producer.ContainsKey(output) && !graph.Inputs.Contains(output)))
            {
                throw new IrValidationException($"graph output {t.Describe()} is not produced by any operator");
            }
        }

        var defined = new HashSet<int>(graph.Inputs);
        foreach (var t in graph.Tensors.Where(t => t.IsConstant || t.IsState))
        {
            defined.Add(t.Id);
        }

        for (var i = 0; i < graph.Operators.Count; i++)
        {
            CheckOperator(graph, i, defined, producer);
        }
    }

    private static void CheckOperator(IrGraph graph, int index, HashSet<int> defined, Dictionary<int, int> producer)
    {
        var op = graph.Operators[index];
        var inputs = new List<IrTensor>();
        foreach (var id in op.Inputs)
        {
            if (!graph.TryGetTensor(id, out var t))
            {
                throw IrValidationException.ForOperator(index, op, $"input refers to unknown tensor id #{id}");
            }

            if (!defined.Contains(id))
            {
                var why = producer.TryGetValue(id, out var p)
                    ? p == index
                        ? "which is its own output (cycle)"
                        : $"which is produced later by operator #{p} (operators are not in topological order or form a cycle)"
                    : "which no operator produces and which is neither a graph input nor a constant";
                throw IrValidationException.ForOperator(index, op, $"reads {t.Describe()} {why}");
            }

            inputs.Add(t);
        }

        var outputs = new List<IrTensor>();
        foreach (var id in op.Outputs)
        {
            if (!graph.TryGetTensor(id, out var t))
            {
                throw IrValidationException.ForOperator(index, op, $"output refers to unknown tensor id #{id}");
            }

            if (t.IsConstant || t.IsState)
            {
                throw IrValidationException.ForOperator(index, op, $"output {t.Describe()} is a {(t.IsState ? "state tensor" : "constant")}; outputs must be activations");
            }

            outputs.Add(t);
        }

        var expectedAttributes = IrAttributes.ExpectedType(op.Kind);
        if (expectedAttributes is null && op.Attributes is not null)
        {
            throw IrValidationException.ForOperator(index, op, $"expected no attributes, got {op.Attributes.GetType().Name}");
        }

        var shape = ShapeInference.InferOutputShape(op, inputs, index);
        if (outputs[0].Shape != shape)
        {
            throw IrValidationException.ForOperator(index, op, $"output {outputs[0].Describe()} should have shape {shape}");
        }

        OperatorTypeRules.Check(op, index, inputs, outputs[0]);

        if (op.InPlaceInput is int reuse && !op.Inputs.Contains(reuse))
        {
            throw IrValidationException.ForOperator(index, op, $"in-place input #{reuse} is not one of its inputs");
        }

        foreach (var id in op.Outputs)
        {
            defined.Add(id);
        }
    }

    private static IrTensor Existing(IrGraph graph, int id, string role) =>
        graph.TryGetTensor(id, out var t) ? t : throw new IrValidationException($"{role} refers to unknown tensor id #{id}");
}
