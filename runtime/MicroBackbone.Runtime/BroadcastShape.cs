namespace MicroBackbone.Runtime;

/// <summary>
/// The walk of a two-operand elementwise operator with size-1 broadcasting: the output's dimensions (rank padded to
/// 4 with leading 1s) and each operand's element strides, 0 along a broadcast dimension.
/// </summary>
public readonly struct BroadcastShape
{
    /// <summary>Creates the walk; generated code passes compile-time constants.</summary>
    public BroadcastShape(int d0, int d1, int d2, int d3, int a0, int a1, int a2, int a3, int b0, int b1, int b2, int b3)
    {
        D0 = d0;
        D1 = d1;
        D2 = d2;
        D3 = d3;
        A0 = a0;
        A1 = a1;
        A2 = a2;
        A3 = a3;
        B0 = b0;
        B1 = b1;
        B2 = b2;
        B3 = b3;
    }

    /// <summary>Output dimension 0 (outermost).</summary>
    public int D0 { get; }

    /// <summary>Output dimension 1.</summary>
    public int D1 { get; }

    /// <summary>Output dimension 2.</summary>
    public int D2 { get; }

    /// <summary>Output dimension 3 (innermost).</summary>
    public int D3 { get; }

    /// <summary>First operand's stride along dimension 0.</summary>
    public int A0 { get; }

    /// <summary>First operand's stride along dimension 1.</summary>
    public int A1 { get; }

    /// <summary>First operand's stride along dimension 2.</summary>
    public int A2 { get; }

    /// <summary>First operand's stride along dimension 3.</summary>
    public int A3 { get; }

    /// <summary>Second operand's stride along dimension 0.</summary>
    public int B0 { get; }

    /// <summary>Second operand's stride along dimension 1.</summary>
    public int B1 { get; }

    /// <summary>Second operand's stride along dimension 2.</summary>
    public int B2 { get; }

    /// <summary>Second operand's stride along dimension 3.</summary>
    public int B3 { get; }

    /// <summary>Number of output elements.</summary>
    public int ElementCount => D0 * D1 * D2 * D3;

    internal void Check(int a, int b, int output, string what)
    {
        if (output != ElementCount)
        {
            throw new ArgumentException($"{what} output has {output} elements but the broadcast walk writes {ElementCount}");
        }

        if (Reach(a, A0, A1, A2, A3) || Reach(b, B0, B1, B2, B3))
        {
            throw new ArgumentException($"{what} operands ({a}, {b} elements) are shorter than the broadcast walk reads");
        }
    }

    private bool Reach(int length, int s0, int s1, int s2, int s3) =>
        ((D0 - 1) * s0) + ((D1 - 1) * s1) + ((D2 - 1) * s2) + ((D3 - 1) * s3) >= length;
}
