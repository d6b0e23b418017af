namespace MicroBackbone.Runtime;

/// <summary>Argument checks shared by the kernels (once per call, never per element).</summary>
internal static class Check
{
    public static void Length(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{what} has {actual} elements, expected {expected}");
        }
    }

    public static void PerChannel(ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int channels)
    {
        Length(foldedBias.Length, channels, "folded bias");
        Length(multipliers.Length, channels, "multipliers");
        Length(shifts.Length, channels, "shifts");
    }
}
