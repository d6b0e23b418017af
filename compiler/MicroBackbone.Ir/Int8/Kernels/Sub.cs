namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// int8 subtraction (reference/sub.h SubElementwise / BroadcastQuantSubSlow): ADD's integers
/// (<see cref="AddParams.PrepareSub"/>), the second term subtracted.
/// </summary>
public static class Sub
{
    /// <summary>out = clamp(zp_out + MBQM(term1(x1) - term2(x2), M_out)), each term MBQM((x - zp) &lt;&lt; 20, M).</summary>
    public static sbyte Element(AddParams p, sbyte x1, sbyte x2)
    {
        int scaled1 = AddParams.Term(x1, p.Input1Offset, p.Input1Multiplier);
        int scaled2 = AddParams.Term(x2, p.Input2Offset, p.Input2Multiplier);
        int raw = p.OutputMultiplier.Apply(scaled1 - scaled2) + p.OutputOffset;
        return (sbyte)p.Clamp.Clamp(raw);
    }
}
