namespace MicroBackbone.Ir.Int8;

/// <summary>
/// A sliding window over H and W: kernel size, strides, dilations and explicit padding (top/left/bottom/right).
/// Padded positions are skipped, which for convolutions equals reading the input zero point.
/// </summary>
public readonly struct Window2D
{
    /// <summary>The window of an IR convolution or pool: kernel, strides and dilations plus its <see cref="Padding2D"/>.</summary>
    public static Window2D Of(int kernelHeight, int kernelWidth, int strideHeight, int strideWidth, int dilationHeight, int dilationWidth, Padding2D padding) =>
        new(kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, padding.Top, padding.Left, padding.Bottom, padding.Right);

    /// <summary>Creates a window; sizes, strides and dilations must be positive, padding non-negative.</summary>
    public Window2D(int kernelHeight, int kernelWidth, int strideHeight = 1, int strideWidth = 1, int dilationHeight = 1,
        int dilationWidth = 1, int padTop = 0, int padLeft = 0, int padBottom = 0, int padRight = 0)
    {
        if (kernelHeight <= 0 || kernelWidth <= 0 || strideHeight <= 0 || strideWidth <= 0 || dilationHeight <= 0 || dilationWidth <= 0)
        {
            throw new QuantizationException("window kernel sizes, strides and dilations must be positive");
        }

        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0)
        {
            throw new QuantizationException("window padding must be non-negative");
        }

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

    /// <summary>Output height for an input of <paramref name="inputHeight"/> rows.</summary>
    public int OutputHeight(int inputHeight) =>
        OutputSize(inputHeight + PadTop + PadBottom, KernelHeight, DilationHeight, StrideHeight);

    /// <summary>Output width for an input of <paramref name="inputWidth"/> columns.</summary>
    public int OutputWidth(int inputWidth) =>
        OutputSize(inputWidth + PadLeft + PadRight, KernelWidth, DilationWidth, StrideWidth);

    private static int OutputSize(int padded, int kernel, int dilation, int stride)
    {
        int effective = (dilation * (kernel - 1)) + 1;
        if (padded < effective)
        {
            throw new QuantizationException($"window of effective size {effective} does not fit a padded input of {padded}");
        }

        return ((padded - effective) / stride) + 1;
    }
}
