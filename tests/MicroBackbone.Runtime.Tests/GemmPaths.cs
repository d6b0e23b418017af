using MicroBackbone.Runtime;

namespace MicroBackbone.Runtime.Tests;

/// <summary>
/// Runs a check under each convolution engine this machine has: the packed GEMM with VNNI, the packed GEMM with
/// AVX2 int16 pairs, each with 16- and 8-lane requantization, and the dot-product path (the only one off x86); each
/// with the filters packed per call and ahead of time (the check gets true when it should pass <see cref="PackedFilters"/>).
/// </summary>
internal static class GemmPaths
{
    public static void ForEach(Action<bool> check)
    {
        (bool Enabled, bool Vnni, bool Wide)[] paths = [(true, true, true), (true, true, false), (true, false, true), (true, false, false), (false, false, true)];
        try
        {
            foreach ((bool enabled, bool vnni, bool wide) in paths)
            {
                PackedGemm.Enabled = enabled;
                PackedGemm.UseVnni = vnni;
                RuntimeFeatures.UseAvx512 = wide;
                check(false);
                check(true);
            }
        }
        finally
        {
            PackedGemm.Enabled = true;
            PackedGemm.UseVnni = true;
            RuntimeFeatures.UseAvx512 = true;
        }
    }
}
