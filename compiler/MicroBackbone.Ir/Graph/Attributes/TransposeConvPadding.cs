namespace MicroBackbone.Ir;

/// <summary>
/// The top/left cut of a transposed convolution from TensorFlow's SAME/VALID padding, computed as TFLite's
/// ComputePaddingHeightWidth does with the OUTPUT size in the role of the image (dilation 1): the windowed size
/// of the output, then the padding that windowing would need, floor-halved.
/// </summary>
public static class TransposeConvPadding
{
    /// <summary>The before-padding along one axis of output size <paramref name="output"/> (0 when VALID or none is needed).</summary>
    public static int Before(bool same, int output, int kernel, int stride)
    {
        if (output < 0 || kernel <= 0 || stride <= 0)
        {
            return 0;
        }

        long windowed = same
            ? ((long)output + stride - 1) / stride
            : ((long)output + stride - kernel) / stride;
        if (windowed < 0)
        {
            // TFLite's checked size computation fails here and its padding falls back to zero.
            return 0;
        }

        long total = ((windowed - 1) * stride) + kernel - output;
        return (int)(Math.Max(0, total) / 2);
    }
}
