using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime.SelfCheck;

/// <summary>Which instruction sets the kernels can use here, for the log.</summary>
internal static class InstructionSets
{
    public static string Describe() => AdvSimd.IsSupported
        ? $"AdvSimd: {AdvSimd.IsSupported}, Dp: {Dp.IsSupported}"
        : $"AVX2: {Avx2.IsSupported}, AVX-512F: {Avx512F.IsSupported}";
}
