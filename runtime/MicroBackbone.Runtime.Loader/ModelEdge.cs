namespace MicroBackbone.Runtime.Loader;

/// <summary>One input or output of a loaded model: shape (NHWC for images), int8 quantization and element count.</summary>
public sealed class ModelEdge
{
    private readonly int[] _shape;

    internal ModelEdge(string name, int[] shape, float scale, int zeroPoint, int offset)
    {
        Name = name;
        _shape = shape;
        Scale = scale;
        ZeroPoint = zeroPoint;
        Offset = offset;
        Length = shape.Aggregate(1, (a, d) => a * d);
    }

    /// <summary>The tensor's name in the model file (model text: sanitize before showing it anywhere it could matter).</summary>
    public string Name { get; }

    /// <summary>The tensor's shape.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Elements (int8 values, or floats for the float entry points).</summary>
    public int Length { get; }

    /// <summary>Quantization scale: <c>real = Scale * (q - ZeroPoint)</c>.</summary>
    public float Scale { get; }

    /// <summary>Quantization zero point.</summary>
    public int ZeroPoint { get; }

    /// <summary>Where the tensor lives in the arena.</summary>
    internal int Offset { get; }

    /// <summary>This edge's slice of <paramref name="arena"/>.</summary>
    internal Span<sbyte> Of(Span<sbyte> arena) => arena.Slice(Offset, Length);
}
