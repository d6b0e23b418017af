namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// One operator bound to its preallocated input and output arrays; <see cref="Run"/> computes the output in place.
/// Subclasses resolve shapes and attributes in their constructor so the loop does no lookups or allocations.
/// </summary>
internal abstract class FloatKernel
{
    protected FloatKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
    {
        Output = graph.Tensor(op.Outputs[0]);
        OutputValues = buffers.Get(Output.Id);
    }

    /// <summary>The tensor this kernel writes.</summary>
    public IrTensor Output { get; }

    /// <summary>The array behind <see cref="Output"/>.</summary>
    public float[] OutputValues { get; }

    public abstract void Run();
}
