using System.Runtime.CompilerServices;
using System.Text;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>
/// Bit-exactness against TFLite Micro itself. tflm-reference-vectors.txt was produced by a throwaway C++ harness
/// (not in this repo) that ran TFLM's reference kernels (tensorflow/lite/kernels/internal/reference/..., gemmlowp
/// fixedpoint) with the same parameters and the same LCG inputs as below, Prepare steps written as in TFLM's
/// kernels. Any difference in any line is a spec violation.
/// </summary>
public class TflmGoldenVectorTests
{
    private static readonly sbyte[] AllInt8 = Enumerable.Range(-128, 256).Select(v => (sbyte)v).ToArray();

    [Fact]
    public void KernelsReproduceTflmReferenceOutputsExactly()
    {
        string[] expected = File.ReadAllLines(GoldenPath());
        string[] actual = Produce().TrimEnd('\n').Split('\n');
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"line {i + 1} ({expected[i].Split(' ')[0]}) differs from TFLM");
        }
    }

    private static string GoldenPath([CallerFilePath] string source = "")
    {
        const string name = "tflm-reference-vectors.txt";
        string beside = Path.Combine(Path.GetDirectoryName(source) ?? ".", name);
        if (File.Exists(beside))
        {
            return beside;
        }

        // A path-mapped (CI) build hides the source path; walk up from the binaries to the repository instead.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "MicroBackbone.Ir.Tests", "Int8", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"cannot find {name} beside {source} or above {AppContext.BaseDirectory}");
    }

    private static string Produce()
    {
        var rng = new Lcg();
        var sb = new StringBuilder();
        double[] multipliers =
        {
            0.0, 0.5, 1.0, 0.75, 3.0, 0.3, 1.7, 123.456, 1e-4, 1e-9, 1e-10, 1.0 - 1.1102230246251565e-16, 0.0123456789,
            5e-10, 2.3283064365386963e-10,
        };
        foreach (double m in multipliers)
        {
            var q = QuantizedMultiplier.FromDouble(m);
            sb.Append($"QM {q.Multiplier} {q.Shift}\n");
        }

        float[] logisticScales = { 0.1f, 0.05f, 0.02f, 0.5f, 0.0123f };
        int[] logisticZeros = { 0, -30, 100, 0, 7 };
        for (int k = 0; k < logisticScales.Length; k++)
        {
            var o = new sbyte[256];
            Logistic.Eval(LogisticParams.Prepare(new QuantizationParams(logisticScales[k], logisticZeros[k])), AllInt8, o);
            Dump(sb, "LOG", o);
        }

        float[] hsIn = { 0.05f, 0.1f, 0.03f, 0.2f };
        int[] hzIn = { 0, -20, 40, -128 };
        float[] hsOut = { 0.05f, 0.08f, 0.02f, 0.1f };
        int[] hzOut = { 0, -60, -100, -128 };
        for (int k = 0; k < hsIn.Length; k++)
        {
            var o = new sbyte[256];
            HardSwish.Eval(HardSwishParams.Prepare(new QuantizationParams(hsIn[k], hzIn[k]), new QuantizationParams(hsOut[k], hzOut[k])), AllInt8, o);
            Dump(sb, "HSW", o);
        }

        AddAndMul(sb, rng);
        SoftmaxRows(sb, rng);
        ConvolutionsAndPools(sb, rng);
        FullyConnectedRequantizeAndBeta(sb, rng);
        NegativeExponentDilationAndPools(sb, rng);
        return sb.ToString();
    }

    private static void AddAndMul(StringBuilder sb, Lcg rng)
    {
        float[] s1 = { 0.05f, 0.01f, 0.1f };
        int[] z1 = { 3, -128, 0 };
        float[] s2 = { 0.02f, 0.01f, 0.003f };
        int[] z2 = { -10, -128, 50 };
        float[] so = { 0.07f, 0.02f, 0.09f };
        int[] zo = { -5, -128, 10 };
        var a = new sbyte[512];
        var b = new sbyte[512];
        for (int i = 0; i < 512; i++)
        {
            a[i] = rng.Next();
            b[i] = rng.Next();
        }

        for (int k = 0; k < 3; k++)
        {
            var q1 = new QuantizationParams(s1[k], z1[k]);
            var q2 = new QuantizationParams(s2[k], z2[k]);
            var o = new sbyte[512];
            Add.Eval(AddParams.Prepare(q1, q2, new QuantizationParams(so[k], zo[k]), FusedActivation.None), a, b, o);
            Dump(sb, "ADD", o);
            Mul.Eval(MulParams.Prepare(q1, q2, new QuantizationParams(so[k] * 0.05f, zo[k]), FusedActivation.None), a, b, o);
            Dump(sb, "MUL", o);
        }
    }

    private static void SoftmaxRows(StringBuilder sb, Lcg rng)
    {
        float[] scales = { 0.1f, 0.05f, 0.3f, 0.5f };
        int[] depths = { 10, 7, 3, 16 };
        for (int k = 0; k < scales.Length; k++)
        {
            sbyte[] input = rng.Many(depths[k] * 20);
            var o = new sbyte[input.Length];
            Softmax.Eval(SoftmaxParams.Prepare(depths[k], new QuantizationParams(scales[k], 0)), input, o);
            Dump(sb, "SMX", o);
        }
    }

    private static void ConvolutionsAndPools(StringBuilder sb, Lcg rng)
    {
        sbyte[] input = rng.Many(7 * 6 * 3);
        sbyte[] weights = rng.ManyWeights(4 * 27);
        int[] bias = { 1234, -5678, 91011, -12 };
        float[] ws = { 0.01f, 0.02f, 0.003f, 0.0456f };
        var inQ = new QuantizationParams(0.05f, 5);
        var outQ = new QuantizationParams(0.11f, -3);
        var shape = new Nhwc(1, 7, 6, 3);
        var conv = Conv2DParams.Prepare(shape, 4, new Window2D(3, 3, 2, 2, 1, 1, 1, 1, 1, 1), inQ, ws, outQ, FusedActivation.None);
        var o = new sbyte[conv.Output.ElementCount];
        Conv2D.Eval(conv, input, weights, bias, o);
        Dump(sb, "CONV", o);

        sbyte[] dwWeights = rng.ManyWeights(27);
        var dw = DepthwiseConv2DParams.Prepare(shape, new Window2D(3, 3, 1, 1, 1, 1, 1, 1, 1, 1), inQ, ws.Take(3).ToArray(), outQ, FusedActivation.None);
        o = new sbyte[dw.Output.ElementCount];
        DepthwiseConv2D.Eval(dw, input, dwWeights, bias.Take(3).ToArray(), o);
        Dump(sb, "DW", o);

        var pool = Pool2DParams.Prepare(shape, new Window2D(3, 3, 2, 2, 1, 1, 1, 1, 1, 1), inQ, inQ, FusedActivation.None);
        o = new sbyte[pool.Output.ElementCount];
        AveragePool2D.Eval(pool, input, o);
        Dump(sb, "AVG", o);

        o = new sbyte[3];
        Mean.Eval(MeanParams.Prepare(shape, inQ, new QuantizationParams(0.01f, 3)), input, o);
        Dump(sb, "MEAN", o);
    }

    private static void FullyConnectedRequantizeAndBeta(StringBuilder sb, Lcg rng)
    {
        sbyte[] input = rng.Many(48);
        sbyte[] weights = rng.ManyWeights(96);
        int[] bias = { 100, -200, 3000, -4000, 5, 0 };
        float[] ws = { 0.011f, 0.02f, 0.0031f, 0.0456f, 0.007f, 0.0123f };
        var inQ = new QuantizationParams(0.0217f, -7);
        var outQ = new QuantizationParams(0.0913f, 11);
        var o = new sbyte[18];
        FullyConnected.Eval(FullyConnectedParams.Prepare(3, 16, 6, inQ, ws, outQ, FusedActivation.None), input, weights, bias, o);
        Dump(sb, "FCPC", o);
        FullyConnected.Eval(FullyConnectedParams.Prepare(3, 16, 6, inQ, ws.Take(1).ToArray(), outQ, FusedActivation.None), input, weights, bias, o);
        Dump(sb, "FCPT", o);

        float[] rqIn = { 0.07f, 0.5f, 0.0123f };
        int[] rzIn = { 9, -128, 0 };
        float[] rqOut = { 0.05f, 0.011f, 0.3f };
        int[] rzOut = { -4, 17, -128 };
        for (int k = 0; k < 3; k++)
        {
            o = new sbyte[256];
            Requantize.Eval(RequantizeParams.Prepare(new QuantizationParams(rqIn[k], rzIn[k]), new QuantizationParams(rqOut[k], rzOut[k])), AllInt8, o);
            Dump(sb, "RQ", o);
        }

        sbyte[] logits = rng.Many(100);
        o = new sbyte[100];
        Softmax.Eval(SoftmaxParams.Prepare(10, new QuantizationParams(0.2f, 0), beta: 0.7), logits, o);
        Dump(sb, "SMXB", o);
    }

    private static void NegativeExponentDilationAndPools(StringBuilder sb, Lcg rng)
    {
        // Input scale 0.005 < 3/256 gives hard-swish a negative reluish exponent.
        var o = new sbyte[256];
        HardSwish.Eval(HardSwishParams.Prepare(new QuantizationParams(0.005f, 10), new QuantizationParams(0.004f, -20)), AllInt8, o);
        Dump(sb, "HSWN", o);

        var shape = new Nhwc(1, 9, 8, 2);
        sbyte[] input = rng.Many(shape.ElementCount);
        sbyte[] weights = rng.ManyWeights(3 * 9 * 2);
        int[] bias = { -300, 700, 0 };
        var conv = Conv2DParams.Prepare(shape, 3, new Window2D(3, 3, 1, 1, 2, 2, padTop: 2, padLeft: 1, padBottom: 2, padRight: 1),
            new QuantizationParams(0.031f, -100), new[] { 0.004f, 0.009f, 0.0021f }, new QuantizationParams(0.047f, -128), FusedActivation.Relu6);
        o = new sbyte[conv.Output.ElementCount];
        Conv2D.Eval(conv, input, weights, bias, o);
        Dump(sb, "CONVD", o);

        var q = new QuantizationParams(0.031f, -100);
        var pool = Pool2DParams.Prepare(shape, new Window2D(2, 3, 2, 3, padLeft: 1, padRight: 1), q, q, FusedActivation.None);
        o = new sbyte[pool.Output.ElementCount];
        MaxPool2D.Eval(pool, input, o);
        Dump(sb, "MAXP", o);
        AveragePool2D.Eval(pool, input, o);
        Dump(sb, "AVGP", o);
    }

    private static void Dump(StringBuilder sb, string name, sbyte[] values)
    {
        sb.Append(name);
        foreach (sbyte v in values)
        {
            sb.Append(' ').Append(v);
        }

        sb.Append('\n');
    }

    /// <summary>The harness's input generator: a 32-bit LCG, bits 16..23 minus 128.</summary>
    private sealed class Lcg
    {
        private uint state = 1;

        public sbyte Next()
        {
            state = unchecked((state * 1103515245u) + 12345u);
            return (sbyte)(((state >> 16) & 0xFF) - 128);
        }

        public sbyte[] Many(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToArray();

        /// <summary>Weights avoid -128, as the spec's weight range is [-127, 127].</summary>
        public sbyte[] ManyWeights(int count) => Enumerable.Range(0, count).Select(_ => Next()).Select(v => v == -128 ? (sbyte)-127 : v).ToArray();
    }
}
