using System.Globalization;

namespace MicroBackbone.Compiler.Optimization.Pruning;

/// <summary>The one rule every pruning ratio follows.</summary>
internal static class PruningRatio
{
    public static void Check(double ratio)
    {
        if (!(ratio > 0 && ratio < 1))
        {
            throw new PruningException($"--pruning-ratio: expected a fraction strictly between 0 and 1, got {ratio.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
