namespace MicroBackbone.Runtime;

/// <summary>int8 constant padding of an NHWC tensor with the zero point (reference pad.h).</summary>
public static class Pad
{
    /// <summary>
    /// Copies the input to offset (padN, padH, padW, padC) inside the output and fills everything else with
    /// <paramref name="fill"/> (the zero point, real 0). Trailing padding is implied by <paramref name="outputShape"/>.
    /// </summary>
    public static void Run(TensorShape inputShape, TensorShape outputShape, int padBatch, int padTop, int padLeft, int padChannels,
        sbyte fill, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        inputShape.Check(input.Length, "pad input");
        outputShape.Check(output.Length, "pad output");
        if (padBatch < 0 || padTop < 0 || padLeft < 0 || padChannels < 0
            || padBatch + inputShape.Batch > outputShape.Batch || padTop + inputShape.Height > outputShape.Height
            || padLeft + inputShape.Width > outputShape.Width || padChannels + inputShape.Channels > outputShape.Channels)
        {
            throw new ArgumentException("pad offsets place the input outside the output");
        }

        output.Fill(fill);
        int channels = inputShape.Channels;
        for (int n = 0; n < inputShape.Batch; n++)
        {
            for (int h = 0; h < inputShape.Height; h++)
            {
                if (channels == outputShape.Channels)
                {
                    // Whole rows are contiguous in both tensors.
                    input.Slice(inputShape.Offset(n, h, 0, 0), inputShape.Width * channels)
                        .CopyTo(output.Slice(outputShape.Offset(n + padBatch, h + padTop, padLeft, 0), inputShape.Width * channels));
                    continue;
                }

                for (int w = 0; w < inputShape.Width; w++)
                {
                    input.Slice(inputShape.Offset(n, h, w, 0), channels)
                        .CopyTo(output.Slice(outputShape.Offset(n + padBatch, h + padTop, w + padLeft, padChannels), channels));
                }
            }
        }
    }
}
