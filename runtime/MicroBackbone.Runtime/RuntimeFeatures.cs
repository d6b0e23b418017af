using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>Process-wide switches of the kernels.</summary>
public static class RuntimeFeatures
{
    /// <summary>The AppContext switch that, when set to true, starts the process with the scalar kernels.</summary>
    public const string DisableVectorizationSwitch = "MicroBackbone.Runtime.DisableVectorization";

    /// <summary>
    /// Whether kernels use SIMD paths. Defaults to true when the hardware accelerates 128-bit vectors and the
    /// <see cref="DisableVectorizationSwitch"/> AppContext switch is not set. Setting it to false forces the scalar
    /// paths, which produce identical bytes (tests run both).
    /// </summary>
    public static bool UseVectorization { get; set; } = Vector128.IsHardwareAccelerated
        && !(AppContext.TryGetSwitch(DisableVectorizationSwitch, out bool disabled) && disabled);

    /// <summary>
    /// Whether kernels may use their 16-lane AVX-512 forms where the CPU has them (else the 8-lane AVX2 ones); tests
    /// turn it off to check both forms give the same bytes.
    /// </summary>
    internal static bool UseAvx512 { get; set; } = true;
}
