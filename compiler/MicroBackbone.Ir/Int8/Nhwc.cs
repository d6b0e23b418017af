namespace MicroBackbone.Ir.Int8;

/// <summary>The shape of an NHWC activation tensor (batch, height, width, channels; channels vary fastest).</summary>
public readonly struct Nhwc : IEquatable<Nhwc>
{
    /// <summary>Creates a shape; every dimension must be positive.</summary>
    public Nhwc(int batch, int height, int width, int channels)
    {
        if (batch <= 0 || height <= 0 || width <= 0 || channels <= 0)
        {
            throw new QuantizationException($"NHWC shape [{batch}, {height}, {width}, {channels}] must have positive dimensions");
        }

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

    /// <inheritdoc/>
    public bool Equals(Nhwc other) =>
        Batch == other.Batch && Height == other.Height && Width == other.Width && Channels == other.Channels;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Nhwc other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (((Batch * 31) + Height) * 31 + Width) * 31 + Channels;

    /// <inheritdoc/>
    public override string ToString() => $"[{Batch}, {Height}, {Width}, {Channels}]";

    internal void CheckLength(int length, string what)
    {
        if (length != ElementCount)
        {
            throw new ArgumentException($"{what} has {length} elements but shape {this} needs {ElementCount}");
        }
    }
}
