namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// Prepared integers for <see cref="AveragePool2D"/> and <see cref="MaxPool2D"/>. Pooling never rescales: TFLite
/// requires the output quantization to equal the input's, so only shapes and the fused clamp are prepared.
/// </summary>
public sealed class Pool2DParams
{
    private Pool2DParams(Nhwc input, Nhwc output, Window2D window, ActivationRange clamp)
    {
        Input = input;
        Output = output;
        Window = window;
        Clamp = clamp;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape.</summary>
    public Nhwc Output { get; }

    /// <summary>Pool size, strides and padding (dilation must be 1).</summary>
    public Window2D Window { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>Prepares a pool; <paramref name="inputQuant"/> and <paramref name="outputQuant"/> must be identical.</summary>
    public static Pool2DParams Prepare(Nhwc input, Window2D window, QuantizationParams inputQuant, QuantizationParams outputQuant, FusedActivation activation)
    {
        if (!inputQuant.Equals(outputQuant))
        {
            throw new QuantizationException($"int8 pooling needs equal input and output quantization, got {inputQuant} and {outputQuant}");
        }

        if (window.DilationHeight != 1 || window.DilationWidth != 1)
        {
            throw new QuantizationException("int8 pooling does not support dilation");
        }

        var output = new Nhwc(input.Batch, window.OutputHeight(input.Height), window.OutputWidth(input.Width), input.Channels);
        // TFLite fails at run time when a window sees only padding; refusing it here keeps Eval total.
        if (LastWindowStart(output.Height, window.StrideHeight, window.PadTop) >= input.Height
            || LastWindowStart(output.Width, window.StrideWidth, window.PadLeft) >= input.Width
            || window.KernelHeight <= window.PadTop || window.KernelWidth <= window.PadLeft)
        {
            throw new QuantizationException($"pooling window {window.KernelHeight}x{window.KernelWidth} covers only padding at an edge of a {input.Height}x{input.Width} input");
        }

        return new Pool2DParams(input, output, window, ActivationRange.For(activation, outputQuant));
    }

    private static int LastWindowStart(int outputSize, int stride, int padBefore) => ((outputSize - 1) * stride) - padBefore;
}
