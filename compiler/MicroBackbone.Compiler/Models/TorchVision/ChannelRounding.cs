namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>Rounds channel counts the way torchvision's MobileNet/EfficientNet builders do.</summary>
internal static class ChannelRounding
{
    /// <summary>
    /// Rounds <paramref name="value"/> to the nearest multiple of <paramref name="divisor"/> (at least the divisor),
    /// stepping up once more when rounding down lost more than 10%.
    /// </summary>
    public static long MakeDivisible(double value, long divisor = 8)
    {
        var rounded = Math.Max(divisor, (long)(value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value)
        {
            rounded += divisor;
        }

        return rounded;
    }
}
