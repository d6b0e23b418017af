using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

public class AddressingKernelTests
{
    [Fact]
    public void PadFillsWithTheZeroPoint()
    {
        var q = new QuantizationParams(0.1f, -7);
        var p = PadParams.Prepare(new Nhwc(1, 1, 2, 1), new[] { 0, 1, 0, 0 }, new[] { 0, 0, 1, 1 }, q, q);
        Assert.Equal(new Nhwc(1, 2, 3, 2), p.Output);
        var output = new sbyte[12];
        Pad.Eval(p, new sbyte[] { 5, 6 }, output);
        Assert.Equal(new sbyte[] { -7, -7, -7, -7, -7, -7, 5, -7, 6, -7, -7, -7 }, output);
    }

    [Fact]
    public void ShiftMovesEachChannelAndFillsWithTheZeroPoint()
    {
        var q = new QuantizationParams(0.1f, 3);
        var shape = new Nhwc(1, 2, 2, 3);
        // channel 0 stays, channel 1 reads one pixel to the right (content moves left), channel 2 reads one row up
        // (content moves down).
        var p = ShiftParams.Prepare(shape, new[] { 0, 0, -1 }, new[] { 0, 1, 0 }, q);
        sbyte[] input = Enumerable.Range(10, 12).Select(v => (sbyte)v).ToArray();
        var output = new sbyte[12];
        Shift.Eval(p, input, output);
        // input (h,w,c): (0,0)=10,11,12 (0,1)=13,14,15 (1,0)=16,17,18 (1,1)=19,20,21
        Assert.Equal(new sbyte[] { 10, 14, 3, 13, 3, 3, 16, 20, 12, 19, 3, 15 }, output);
    }
}
