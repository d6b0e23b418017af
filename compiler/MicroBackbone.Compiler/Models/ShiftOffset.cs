namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Where one channel of a <see cref="ShiftMix"/> reads from: <c>out[c, y, x] = in[c, y + Dy, x + Dx]</c>, and 0
/// when that pixel lies outside the image. A back end turns it into an address offset plus a border test.
/// </summary>
/// <param name="Dy">Row offset of the source pixel (-1, 0 or 1).</param>
/// <param name="Dx">Column offset of the source pixel (-1, 0 or 1).</param>
public readonly record struct ShiftOffset(int Dy, int Dx)
{
    /// <summary>Whether the channel passes through unchanged.</summary>
    public bool IsIdentity => Dy == 0 && Dx == 0;
}
