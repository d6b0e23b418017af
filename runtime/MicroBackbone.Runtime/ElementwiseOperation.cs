using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>
/// The arithmetic of a binary int8 elementwise kernel at every width <see cref="ElementwiseVector.Apply"/> runs: the
/// result per lane before the output clamp (zero point included), and one whole element for tails and the scalar path.
/// </summary>
internal interface IElementwiseOperation
{
    /// <summary>Lower clamp of the output, zero point included.</summary>
    int ActivationMin { get; }

    /// <summary>Upper clamp of the output, zero point included.</summary>
    int ActivationMax { get; }

    /// <summary>16 lanes (AVX-512).</summary>
    Vector512<int> Lanes(Vector512<int> x1, Vector512<int> x2);

    /// <summary>8 lanes (AVX2).</summary>
    Vector256<int> Lanes(Vector256<int> x1, Vector256<int> x2);

    /// <summary>4 lanes (any 128-bit SIMD).</summary>
    Vector128<int> Lanes(Vector128<int> x1, Vector128<int> x2);

    /// <summary>One element, clamped (the scalar reference of the lanes).</summary>
    sbyte Element(sbyte x1, sbyte x2);
}
