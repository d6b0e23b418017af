using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

public class PrepareValidationTests
{
    private static readonly QuantizationParams Q = new(0.1f, 0);

    [Fact]
    public void PoolWindowsThatSeeOnlyPaddingAreRejected()
    {
        // A 1x1 window with padding 1 starts in the padding row.
        Assert.Throws<QuantizationException>(() =>
            Pool2DParams.Prepare(new Nhwc(1, 3, 3, 1), new Window2D(1, 1, padTop: 1), Q, Q, FusedActivation.None));
        // Stride 3 with bottom padding 2 puts the last window entirely below the input.
        Assert.Throws<QuantizationException>(() =>
            Pool2DParams.Prepare(new Nhwc(1, 4, 4, 1), new Window2D(1, 1, 3, 3, padBottom: 3), Q, Q, FusedActivation.None));
    }

    [Fact]
    public void LogisticSaturatesOutsideItsRadius()
    {
        // 0.5 * 2^27 = 0.5 * 2^27: shift 27, radius = floor(15 * 2^27 / 2^27) = 15 steps, i.e. |x| >= 7.5.
        var p = LogisticParams.Prepare(new QuantizationParams(0.5f, 0));
        Assert.Equal(15, p.InputRangeRadius);
        Assert.Equal(-128, Logistic.Element(p, (sbyte)-p.InputRangeRadius));
        Assert.Equal(127, Logistic.Element(p, (sbyte)p.InputRangeRadius));
    }

    [Fact]
    public void HardSwishRejectsAnOutputScaleFinerThanItsHiresScale() =>
        Assert.Throws<QuantizationException>(() => HardSwishParams.Prepare(new QuantizationParams(1f, 0), new QuantizationParams(1f / 1024f, 0)));

    [Fact]
    public void AddRejectsAnOutputScaleTooFineForTheLeftShift() =>
        Assert.Throws<QuantizationException>(() => AddParams.Prepare(Q, Q, new QuantizationParams(1e-8f, 0), FusedActivation.None));

    [Fact]
    public void KernelsCheckBufferSizes()
    {
        var p = MulParams.Prepare(Q, Q, Q, FusedActivation.None);
        Assert.Throws<ArgumentException>(() => Mul.Eval(p, new sbyte[3], new sbyte[2], new sbyte[3]));
        var conv = Conv2DParams.Prepare(new Nhwc(1, 2, 2, 1), 1, new Window2D(1, 1), Q, new[] { 1f }, Q, FusedActivation.None);
        Assert.Throws<ArgumentException>(() => Conv2D.Eval(conv, new sbyte[4], new sbyte[2], ReadOnlySpan<int>.Empty, new sbyte[4]));
    }
}
