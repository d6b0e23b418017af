namespace MicroBackbone.Runtime.SelfCheck;

/// <summary>
/// Fixed-seed layers for every kernel, with shapes that reach each vector path: channel counts above and below 16 and
/// 8, leftovers, padding, strides, 1x1 and 3x3 windows.
/// </summary>
internal static class KernelCases
{
    public static void Run(PathComparison compare)
    {
        var random = new Random(20261125);
        sbyte[] Int8(int n)
        {
            var values = new sbyte[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = (sbyte)random.Next(-128, 128);
            }

            return values;
        }

        int[] Ints(int n, int min, int max)
        {
            var values = new int[n];
            for (int i = 0; i < n; i++)
            {
                values[i] = random.Next(min, max);
            }

            return values;
        }

        (int H, int W, int In, int Out, int K, int Stride, int Pad)[] layers =
        [
            (8, 8, 16, 24, 1, 1, 0), (7, 9, 3, 13, 3, 2, 1), (6, 6, 37, 5, 3, 1, 1), (5, 5, 64, 64, 1, 1, 0), (4, 4, 9, 300, 3, 1, 1),
            (1, 1, 48, 12, 1, 1, 0), (6, 5, 8, 8, 3, 1, 1),
        ];
        foreach (var (h, w, cin, cout, k, stride, pad) in layers)
        {
            var inShape = new TensorShape(1, h, w, cin);
            int oh = ((h + (2 * pad) - k) / stride) + 1;
            int ow = ((w + (2 * pad) - k) / stride) + 1;
            var outShape = new TensorShape(1, oh, ow, cout);
            var window = new Window2D(k, k, stride, stride, 1, 1, pad, pad, pad, pad);
            string at = $"{h}x{w}x{cin}";
            sbyte[] x = Int8(inShape.ElementCount);
            sbyte[] y = Int8(inShape.ElementCount);
            sbyte[] weights = Int8(cout * k * k * cin);
            int[] bias = Ints(cout, -20000, 20000);
            int[] m = Ints(cout, 1 << 30, int.MaxValue);
            int[] s = Ints(cout, -12, 2);
            compare.Compare<sbyte>($"Conv2D {at} -> {cout}, {k}x{k} /{stride}", outShape.ElementCount,
                o => Conv2D.Run(inShape, outShape, window, -3, x, weights, bias, m, s, 5, -128, 127, o));
            compare.Compare<sbyte>($"FullyConnected {cin} -> {cout}", cout,
                o => FullyConnected.Run(1, cin, cout, x.AsSpan(0, cin), weights.AsSpan(0, cin * cout), bias, m, s, 5, -128, 127, o));

            var dwShape = new TensorShape(1, oh, ow, cin);
            sbyte[] dw = Int8(k * k * cin);
            int[] dwBias = Ints(cin, -20000, 20000);
            int[] dwM = Ints(cin, 1 << 30, int.MaxValue);
            int[] dwS = Ints(cin, -12, 2);
            compare.Compare<sbyte>($"DepthwiseConv2D {at}, {k}x{k} /{stride}", dwShape.ElementCount,
                o => DepthwiseConv2D.Run(inShape, dwShape, window, -3, x, dw, dwBias, dwM, dwS, 5, -128, 127, o));

            int[] dy = Ints(cin, -1, 2);
            int[] dx = Ints(cin, -1, 2);
            compare.Compare<sbyte>($"Shift {at}", inShape.ElementCount, o => Shift.Run(inShape, dy, dx, 7, x, o));
            var add = new AddParameters(3, 1 << 30, -1, -5, 1518500250, -2, 1 << 30, -10, 2, -128, 127);
            compare.Compare<sbyte>($"Add {inShape.ElementCount}", inShape.ElementCount, o => Add.Run(add, x, y, o));
            var mul = new MulParameters(3, -5, 1 << 30, -8, 2, -128, 127);
            compare.Compare<sbyte>($"Mul {inShape.ElementCount}", inShape.ElementCount, o => Mul.Run(mul, x, y, o));
            compare.Compare<sbyte>($"Mul gate {at}", inShape.ElementCount, o => Mul.RunChannelGate(mul, inShape, x, y.AsSpan(0, cin), o));
            compare.Compare<sbyte>($"Mean {at}", cin, o => Mean.Run(inShape, -3, 1 << 30, -6, 2, x, o));
            var poolWindow = new Window2D(2, 2, 2, 2, 1, 1, 0, 0, 0, 0);
            var poolShape = new TensorShape(1, Math.Max(1, h / 2), Math.Max(1, w / 2), cin);
            if (h >= 2 && w >= 2)
            {
                compare.Compare<sbyte>($"AveragePool2D {at}", poolShape.ElementCount, o => AveragePool2D.Run(inShape, poolShape, poolWindow, -128, 127, x, o));
                compare.Compare<sbyte>($"MaxPool2D {at}", poolShape.ElementCount, o => MaxPool2D.Run(inShape, poolShape, poolWindow, -128, 127, x, o));
            }

            compare.Compare<sbyte>($"Requantize {inShape.ElementCount}", inShape.ElementCount, o => Requantize.Run(3, 1 << 30, -2, -1, x, o));
            compare.Compare<sbyte>($"HardSigmoid {inShape.ElementCount}", inShape.ElementCount, o => HardSigmoid.Run(3, 1000, 1 << 30, -5, x, o));
            compare.Compare<sbyte>($"HardSwish {inShape.ElementCount}", inShape.ElementCount,
                o => HardSwish.Run(new HardSwishParameters(0, 0, 16384, 1, 16384, -1), x, o));
            compare.Compare<sbyte>($"Logistic {inShape.ElementCount}", inShape.ElementCount, o => Logistic.Run(3, 100, 1 << 30, 3, x, o));
            compare.Compare<sbyte>($"Softmax {h * w} x {cin}", inShape.ElementCount, o => Softmax.Run(cin, 1 << 30, 4, -1000, x, o));
            compare.Compare<float>($"Dequantize {inShape.ElementCount}", inShape.ElementCount, o => Dequantize.Run(0.05f, 3, x, o));
        }
    }
}
