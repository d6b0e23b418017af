using MicroBackbone.Runtime;

namespace MicroBackbone.Runtime.Tests;

/// <summary>
/// Runs a check under each convolution engine this machine has: the packed GEMM with VNNI, the packed GEMM with
/// AVX2 int16 pairs, and the dot-product path (the only one off x86).
/// </summary>
internal static class GemmPaths
{
    public static void ForEach(Action check)
    {
        (bool Enabled, bool Vnni)[] paths = [(true, true), (true, false), (false, false)];
        try
        {
            foreach ((bool enabled, bool vnni) in paths)
            {
                PackedGemm.Enabled = enabled;
                PackedGemm.UseVnni = vnni;
                check();
            }
        }
        finally
        {
            PackedGemm.Enabled = true;
            PackedGemm.UseVnni = true;
        }
    }
}
