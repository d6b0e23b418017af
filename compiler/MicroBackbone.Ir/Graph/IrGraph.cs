namespace MicroBackbone.Ir;

/// <summary>
/// The compiler's hub: every front end lowers into it and every back end reads only it. Operators are in
/// topological order (a validated graph guarantees it); tensors are looked up by id with <see cref="Tensor"/>.
/// Immutable with value equality (passes return new graphs).
/// </summary>
public sealed class IrGraph : IEquatable<IrGraph>
{
    private readonly Dictionary<int, IrTensor> _byId = new();

    /// <summary>Creates a graph; call <see cref="GraphValidator.Validate"/> to check it.</summary>
    /// <param name="name">Model name (a C identifier is recommended: back ends derive symbol names from it).</param>
    /// <param name="tensors">All tensors, ordered as they should be written (usually by id).</param>
    /// <param name="operators">Operators in topological order.</param>
    /// <param name="inputs">Ids of the graph inputs (activations).</param>
    /// <param name="outputs">Ids of the graph outputs.</param>
    /// <param name="classNames">Labels of the classifier outputs, in index order (may be empty).</param>
    /// <param name="metadata">Free key/value facts (arch, training run...); stored sorted by key.</param>
    public IrGraph(
        string name,
        IEnumerable<IrTensor> tensors,
        IEnumerable<IrOperator> operators,
        IEnumerable<int> inputs,
        IEnumerable<int> outputs,
        IEnumerable<string>? classNames = null,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        Name = name;
        Tensors = tensors.ToArray();
        Operators = operators.ToArray();
        Inputs = new EquatableArray<int>(inputs);
        Outputs = new EquatableArray<int>(outputs);
        ClassNames = new EquatableArray<string>(classNames ?? Array.Empty<string>());
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in metadata ?? Array.Empty<KeyValuePair<string, string>>())
        {
            sorted[pair.Key] = pair.Value;
        }

        Metadata = sorted;
        foreach (var t in Tensors)
        {
            // The first wins; duplicates are reported by the validator, not here, so broken graphs can be inspected.
            if (!_byId.ContainsKey(t.Id))
            {
                _byId.Add(t.Id, t);
            }
        }
    }

    /// <summary>Model name.</summary>
    public string Name { get; }

    /// <summary>All tensors (activations and constants).</summary>
    public IReadOnlyList<IrTensor> Tensors { get; }

    /// <summary>Operators in topological order.</summary>
    public IReadOnlyList<IrOperator> Operators { get; }

    /// <summary>Ids of the graph inputs.</summary>
    public EquatableArray<int> Inputs { get; }

    /// <summary>Ids of the graph outputs.</summary>
    public EquatableArray<int> Outputs { get; }

    /// <summary>Class labels for classifier outputs, in index order.</summary>
    public EquatableArray<string> ClassNames { get; }

    /// <summary>Free key/value facts sorted by key (ordinal), e.g. <c>arch</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor with <paramref name="id"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public IrTensor Tensor(int id) =>
        _byId.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"graph '{Name}' has no tensor #{id}");

    /// <summary>True when a tensor has <paramref name="id"/>.</summary>
    public bool TryGetTensor(int id, out IrTensor tensor)
    {
        var found = _byId.TryGetValue(id, out var t);
        tensor = t!;
        return found;
    }

    /// <summary>Copy with other operators and tensors, keeping name, inputs, outputs, classes and metadata.</summary>
    public IrGraph With(IEnumerable<IrTensor> tensors, IEnumerable<IrOperator> operators) =>
        new(Name, tensors, operators, Inputs, Outputs, ClassNames, Metadata);

    /// <summary>Copy with other outputs (e.g. after a pass renames the final tensor).</summary>
    public IrGraph WithOutputs(IEnumerable<int> outputs) =>
        new(Name, Tensors, Operators, Inputs, outputs, ClassNames, Metadata);

    /// <summary>Index of the operator producing each tensor id (graph inputs and constants are absent).</summary>
    public IReadOnlyDictionary<int, int> ProducerIndex()
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < Operators.Count; i++)
        {
            foreach (var o in Operators[i].Outputs)
            {
                map[o] = i;
            }
        }

        return map;
    }

    /// <summary>For each tensor id, the indices of operators reading it, ascending (once per operator).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<int>> ConsumerIndices()
    {
        var map = new Dictionary<int, List<int>>();
        for (var i = 0; i < Operators.Count; i++)
        {
            foreach (var t in Operators[i].Inputs.Distinct())
            {
                if (!map.TryGetValue(t, out var list))
                {
                    map[t] = list = new List<int>();
                }

                list.Add(i);
            }
        }

        return map.ToDictionary(p => p.Key, p => (IReadOnlyList<int>)p.Value);
    }

    /// <inheritdoc />
    public bool Equals(IrGraph? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Name == other.Name
                && Tensors.SequenceEqual(other.Tensors)
                && Operators.SequenceEqual(other.Operators)
                && Inputs == other.Inputs
                && Outputs == other.Outputs
                && ClassNames == other.ClassNames
                && Metadata.SequenceEqual(other.Metadata)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IrGraph);

    /// <inheritdoc />
    public override int GetHashCode() =>
        unchecked((((Name.GetHashCode() * 31) + Tensors.Count) * 31) + Operators.Count);

    /// <summary>Short description: name and counts.</summary>
    public override string ToString() => $"IrGraph '{Name}' ({Tensors.Count} tensors, {Operators.Count} operators)";
}
