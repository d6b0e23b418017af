namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// One float array per tensor of a graph, allocated once: constants decoded from their bytes, activations zeroed.
/// Kernels grab their arrays when they are built, so a run only reads and writes existing memory.
/// </summary>
internal sealed class FloatTensorBuffers
{
    private readonly Dictionary<int, float[]> _byId = new();

    public FloatTensorBuffers(IrGraph graph)
    {
        foreach (var tensor in graph.Tensors)
        {
            if (tensor.DataType != IrDataType.Float32)
            {
                throw new ReferenceInterpreterException(
                    $"graph '{graph.Name}': tensor {tensor.Describe()} is {tensor.DataType.ToMbirName()}; the float interpreter runs float32 graphs only");
            }

            _byId[tensor.Id] = tensor.IsConstant ? tensor.ReadFloat32() : new float[tensor.ElementCount];
        }
    }

    public float[] Get(int tensorId) =>
        _byId.TryGetValue(tensorId, out var values) ? values : throw new KeyNotFoundException($"no tensor #{tensorId}");
}
