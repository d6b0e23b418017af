using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;
using IrWindow = MicroBackbone.Ir.Int8.Window2D;

namespace MicroBackbone.Runtime.Tests;

public class AllocationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void KernelsDoNotAllocate(bool vectorized)
    {
        var rnd = new RandomData(1500);
        var inShape = new TensorShape(1, 8, 8, 32);
        var outShape = new TensorShape(1, 8, 8, 32);
        var window = new Window2D(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] other = rnd.Int8(inShape.ElementCount);
        sbyte[] convWeights = rnd.Weights(32 * 9 * 32);
        sbyte[] dwWeights = rnd.Weights(9 * 32);
        int[] bias = rnd.Bias(32);
        int[] m = Enumerable.Repeat(1 << 30, 32).ToArray();
        int[] s = Enumerable.Range(0, 32).Select(i => -(i % 12)).ToArray();
        int[] offsets = Enumerable.Range(0, 32).Select(i => (i % 3) - 1).ToArray();
        sbyte[] output = new sbyte[outShape.ElementCount];
        sbyte[] padded = new sbyte[10 * 10 * 32];
        sbyte[] small = new sbyte[32];
        sbyte[] table = new sbyte[LookupTable.Size];
        float[] floats = new float[input.Length];
        var add = new AddParameters(3, 1 << 30, -1, -5, 1 << 30, -2, 1 << 30, -10, 2, -128, 127);
        var mul = new MulParameters(3, -5, 1 << 30, -8, 2, -128, 127);
        var hardSwish = new HardSwishParameters(0, 0, 16384, 1, 16384, -1);
        bool saved = RuntimeFeatures.UseVectorization;
        RuntimeFeatures.UseVectorization = vectorized;
        try
        {
            // Packed once, like the generated classes' static fields; the calls that take it allocate nothing.
            PackedFilters packed = PackedFilters.Create(convWeights, 32, bias, m, s);
            void RunAll()
            {
                Conv2D.Run(inShape, outShape, window, 3, input, convWeights, bias, m, s, -2, -128, 127, output);
                Conv2D.Run(inShape, outShape, window, 3, input, convWeights, bias, m, s, -2, -128, 127, output, packed);
                PointwiseConv2D.Run(64, 32, 32, input, convWeights.AsSpan(0, 32 * 32), bias, m, s, -2, -128, 127, output);
                DepthwiseConv2D.Run(inShape, outShape, window, 3, input, dwWeights, bias, m, s, -2, -128, 127, output);
                FullyConnected.Run(2, 32, 32, input.AsSpan(0, 64), convWeights.AsSpan(0, 32 * 32), bias, m, s, 0, -128, 127, output.AsSpan(0, 64));
                Add.Run(add, input, other, output);
                Mul.Run(mul, input, other, output);
                Mul.RunChannelGate(mul, inShape, input, other.AsSpan(0, 32), output);
                Mean.Run(inShape, 3, 1 << 30, -6, 0, input, small);
                AveragePool2D.Run(inShape, outShape, window, -128, 127, input, output);
                MaxPool2D.Run(inShape, outShape, window, -128, 127, input, output);
                Pad.Run(inShape, new TensorShape(1, 10, 10, 32), 0, 1, 1, 0, 3, input, padded);
                Shift.Run(inShape, offsets, offsets, 3, input, output);
                HardSigmoid.Run(3, 1000, 1 << 30, -5, input, output);
                HardSwish.Run(hardSwish, input, output);
                Logistic.Run(3, 100, 1 << 30, 3, input, output);
                Softmax.Run(32, 1 << 30, 4, -1000, input, output);
                Requantize.Run(3, 1 << 30, 0, -1, input, output);
                LookupTable.Apply(table, input, output);
                Dequantize.Run(0.1f, 3, input, floats);
                Quantize.Run(0.1f, 3, floats, output);
            }

            RunAll();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++)
            {
                RunAll();
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        finally
        {
            RuntimeFeatures.UseVectorization = saved;
        }
    }
}
