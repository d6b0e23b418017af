namespace MicroBackbone.Ir;

/// <summary>Spatial offset of one channel of a <see cref="IrOpKind.Shift"/>: out[y, x] = in[y + Dy, x + Dx].</summary>
/// <param name="Dy">Row offset (may be negative).</param>
/// <param name="Dx">Column offset (may be negative).</param>
public readonly record struct ShiftOffset(int Dy, int Dx);
