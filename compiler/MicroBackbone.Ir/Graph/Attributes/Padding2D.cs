namespace MicroBackbone.Ir;

/// <summary>Explicit spatial padding in cells on each side of an NHWC tensor.</summary>
/// <param name="Top">Rows added above.</param>
/// <param name="Left">Columns added on the left.</param>
/// <param name="Bottom">Rows added below.</param>
/// <param name="Right">Columns added on the right.</param>
public readonly record struct Padding2D(int Top, int Left, int Bottom, int Right)
{
    /// <summary>No padding.</summary>
    public static Padding2D Zero => default;

    /// <summary>The same amount on every side.</summary>
    public static Padding2D Uniform(int amount) => new(amount, amount, amount, amount);

    /// <summary>
    /// TensorFlow "SAME" padding: output = ceil(input / stride), the odd extra cell going bottom/right.
    /// Front ends importing TFLite/ONNX "SAME_UPPER" use it to make padding explicit.
    /// </summary>
    public static Padding2D Same(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW, int dilationH = 1, int dilationW = 1)
    {
        var (top, bottom) = SameAlong(inH, kernelH, strideH, dilationH);
        var (left, right) = SameAlong(inW, kernelW, strideW, dilationW);
        return new Padding2D(top, left, bottom, right);
    }

    /// <summary>True when every side is zero.</summary>
    public bool IsZero => Top == 0 && Left == 0 && Bottom == 0 && Right == 0;

    /// <summary>Formats as <c>(top, left, bottom, right)</c>.</summary>
    public override string ToString() => $"(top {Top}, left {Left}, bottom {Bottom}, right {Right})";

    private static (int Before, int After) SameAlong(int input, int kernel, int stride, int dilation)
    {
        var output = (input + stride - 1) / stride;
        var effectiveKernel = ((kernel - 1) * dilation) + 1;
        var total = Math.Max(0, ((output - 1) * stride) + effectiveKernel - input);
        return (total / 2, total - (total / 2));
    }
}
