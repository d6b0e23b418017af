namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>Rows [<paramref name="Start"/>, <paramref name="End"/>) of an NHWC tensor (half-open).</summary>
/// <param name="Start">First row.</param>
/// <param name="End">One past the last row.</param>
public readonly record struct RowSpan(int Start, int End)
{
    /// <summary>Number of rows (0 when empty).</summary>
    public int Count => Math.Max(0, End - Start);

    /// <summary>Formats as <c>[start, end)</c>.</summary>
    public override string ToString() => $"[{Start}, {End})";
}
