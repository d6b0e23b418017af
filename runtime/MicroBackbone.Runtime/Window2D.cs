namespace MicroBackbone.Runtime;

/// <summary>
/// A sliding window over H and W: kernel size, strides, dilations and explicit padding. Only the leading pads
/// (top, left) affect addressing; the trailing ones are implied by the output shape and kept for documentation.
/// </summary>
public readonly struct Window2D
{
    /// <summary>Creates a window; generated code passes compile-time constants.</summary>
    public Window2D(int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1, int dilationHeight = 1,
        int dilationWidth = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0)
    {
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        DilationHeight = dilationHeight;
        DilationWidth = dilationWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        PadBottom = padBottom;
        PadRight = padRight;
    }

    /// <summary>Kernel height.</summary>
    public int KernelHeight { get; }

    /// <summary>Kernel width.</summary>
    public int KernelWidth { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>Vertical dilation.</summary>
    public int DilationHeight { get; }

    /// <summary>Horizontal dilation.</summary>
    public int DilationWidth { get; }

    /// <summary>Rows of padding above the input.</summary>
    public int PadTop { get; }

    /// <summary>Columns of padding left of the input.</summary>
    public int PadLeft { get; }

    /// <summary>Rows of padding below the input.</summary>
    public int PadBottom { get; }

    /// <summary>Columns of padding right of the input.</summary>
    public int PadRight { get; }
}
