using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Runtime.Tests.Kernels;

public class ShiftTests
{
    [Theory]
    // n, h, w, c, largest offset (1: at most 9 directions, the vector path; 2: up to 25, the scalar path)
    [InlineData(1, 6, 5, 37, 1)]
    [InlineData(2, 4, 7, 48, 1)]
    [InlineData(1, 5, 5, 12, 1)]
    [InlineData(1, 5, 6, 64, 2)]
    public void ShiftMatchesReference(int n, int h, int w, int c, int reach)
    {
        var rnd = new RandomData(900 + c + reach);
        var shape = new Nhwc(n, h, w, c);
        int[] dy = new int[c];
        int[] dx = new int[c];
        for (int i = 0; i < c; i++)
        {
            // Runs of equal offsets, like the shift segments of edge blocks, with some single channels between.
            int segment = i % 5 == 4 ? i : i / 4;
            dy[i] = (segment * 7 % ((2 * reach) + 1)) - reach;
            dx[i] = (segment * 3 % ((2 * reach) + 1)) - reach;
        }

        QuantizationParams q = rnd.Quant();
        var p = IrK.ShiftParams.Prepare(shape, dy, dx, q);
        sbyte[] input = rnd.Int8(shape.ElementCount);
        var expected = new sbyte[shape.ElementCount];
        IrK.Shift.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, expected.Length, output => Shift.Run(IrConversions.Shape(shape), dy, dx, p.Fill, input, output));
    }
}
