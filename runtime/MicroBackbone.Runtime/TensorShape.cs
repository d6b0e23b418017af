namespace MicroBackbone.Runtime;

/// <summary>The shape of an NHWC int8 activation tensor (channels vary fastest).</summary>
public readonly struct TensorShape
{
    /// <summary>Creates a shape; generated code passes compile-time constants.</summary>
    public TensorShape(int batch, int height, int width, int channels)
    {
        Batch = batch;
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>N.</summary>
    public int Batch { get; }

    /// <summary>H.</summary>
    public int Height { get; }

    /// <summary>W.</summary>
    public int Width { get; }

    /// <summary>C.</summary>
    public int Channels { get; }

    /// <summary>N * H * W * C.</summary>
    public int ElementCount => Batch * Height * Width * Channels;

    /// <summary>Flat offset of element (n, h, w, c).</summary>
    public int Offset(int n, int h, int w, int c) => (((n * Height) + h) * Width + w) * Channels + c;

    internal void Check(int length, string what)
    {
        if (length != ElementCount)
        {
            throw new ArgumentException($"{what} has {length} elements but shape [{Batch}, {Height}, {Width}, {Channels}] needs {ElementCount}");
        }
    }
}
