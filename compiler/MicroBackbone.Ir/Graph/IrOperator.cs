namespace MicroBackbone.Ir;

/// <summary>One operator of the graph. Operand order per kind is documented on <see cref="IrOpKind"/>.</summary>
/// <param name="Kind">What the operator computes.</param>
/// <param name="Name">Human-readable name (used in messages and generated code comments).</param>
/// <param name="Inputs">Tensor ids read, in operand order.</param>
/// <param name="Outputs">Tensor ids written (one for every current kind).</param>
/// <param name="Attributes">The typed attributes for <paramref name="Kind"/>, or null for kinds without any.</param>
/// <param name="InPlaceInput">
/// Set by <c>InPlaceMarking</c>: the id of an input tensor whose buffer the output may reuse; null when
/// the output needs its own buffer.
/// </param>
public sealed record IrOperator(
    IrOpKind Kind,
    string Name,
    EquatableArray<int> Inputs,
    EquatableArray<int> Outputs,
    IrAttributes? Attributes = null,
    int? InPlaceInput = null)
{
    /// <summary>The attributes as <typeparamref name="T"/>; throws when they are of another type (a validated graph never does).</summary>
    public T AttributesAs<T>()
        where T : IrAttributes =>
        Attributes as T ?? throw new InvalidOperationException($"operator '{Name}' ({Kind}) has no {typeof(T).Name}");

    /// <summary>The fused activation of ops that carry one; None for the others.</summary>
    public FusedActivation FusedActivation => Attributes switch
    {
        Conv2DAttributes a => a.Activation,
        DepthwiseConv2DAttributes a => a.Activation,
        FullyConnectedAttributes a => a.Activation,
        ElementwiseAttributes a => a.Activation,
        Pool2DAttributes a => a.Activation,
        SvdfAttributes a => a.Activation,
        TransposeConv2DAttributes a => a.Activation,
        _ => FusedActivation.None,
    };

    /// <summary>Copy with a fused activation set; throws for kinds without one.</summary>
    public IrOperator WithFusedActivation(FusedActivation activation) => this with
    {
        Attributes = Attributes switch
        {
            Conv2DAttributes a => a with { Activation = activation },
            DepthwiseConv2DAttributes a => a with { Activation = activation },
            FullyConnectedAttributes a => a with { Activation = activation },
            ElementwiseAttributes a => a with { Activation = activation },
            Pool2DAttributes a => a with { Activation = activation },
            TransposeConv2DAttributes a => a with { Activation = activation },
            _ => throw new InvalidOperationException($"operator '{Name}' ({Kind}) cannot carry a fused activation"),
        },
    };
}
