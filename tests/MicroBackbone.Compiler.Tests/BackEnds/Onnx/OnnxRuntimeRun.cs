using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;
using Microsoft.ML.OnnxRuntime;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

/// <summary>
/// Exports a float graph, runs it in ONNX Runtime and compares with <see cref="FloatInterpreter"/>; rank-4 values
/// are transposed NHWC to NCHW going in and back coming out.
/// </summary>
internal static class OnnxRuntimeRun
{
    public static IReadOnlyList<float[]> Run(byte[] model, IrGraph graph, IReadOnlyList<float[]> nhwcInputs)
    {
        using var session = new InferenceSession(model);
        var inputNames = session.InputNames.ToArray();
        var outputNames = session.OutputNames.ToArray();
        var values = new List<OrtValue>();
        try
        {
            for (var i = 0; i < inputNames.Length; i++)
            {
                var shape = graph.Tensor(graph.Inputs[i]).Shape.ToArray();
                var data = shape.Length == 4 ? ToNchw(nhwcInputs[i], shape) : nhwcInputs[i];
                var dims = shape.Length == 4 ? new long[] { shape[0], shape[3], shape[1], shape[2] } : shape.Select(d => (long)d).ToArray();
                values.Add(OrtValue.CreateTensorValueFromMemory(data, dims));
            }

            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, inputNames, values, outputNames);
            var results = new List<float[]>();
            for (var i = 0; i < outputNames.Length; i++)
            {
                var shape = graph.Tensor(graph.Outputs[i]).Shape.ToArray();
                var data = outputs[i].GetTensorDataAsSpan<float>().ToArray();
                results.Add(shape.Length == 4 ? ToNhwc(data, shape) : data);
            }

            return results;
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    /// <summary>Exports, runs both engines on seeded random inputs and requires agreement within 1e-4.</summary>
    public static void AssertMatchesInterpreter(IrGraph graph, int seed = 7)
    {
        var rng = new Random(seed);
        var inputs = graph.Inputs
            .Select(id => Enumerable.Range(0, (int)graph.Tensor(id).ElementCount).Select(_ => (float)((rng.NextDouble() * 4) - 2)).ToArray())
            .ToArray();
        var expected = new FloatInterpreter(graph).Run(inputs).Select(o => o.ToArray()).ToArray();

        var actual = Run(OnnxExporter.Export(graph), graph, inputs);

        Assert.Equal(expected.Length, actual.Count);
        for (var o = 0; o < expected.Length; o++)
        {
            Assert.Equal(expected[o].Length, actual[o].Length);
            for (var i = 0; i < expected[o].Length; i++)
            {
                var tolerance = 1e-4f * Math.Max(1f, Math.Abs(expected[o][i]));
                Assert.True(
                    Math.Abs(expected[o][i] - actual[o][i]) <= tolerance,
                    $"output {o} element {i}: interpreter {expected[o][i]}, ONNX Runtime {actual[o][i]}");
            }
        }
    }

    public static float[] ToNchw(float[] nhwc, int[] s)
    {
        var result = new float[nhwc.Length];
        for (var n = 0; n < s[0]; n++)
        {
            for (var y = 0; y < s[1]; y++)
            {
                for (var x = 0; x < s[2]; x++)
                {
                    for (var c = 0; c < s[3]; c++)
                    {
                        result[(((n * s[3]) + c) * s[1] + y) * s[2] + x] = nhwc[(((n * s[1]) + y) * s[2] + x) * s[3] + c];
                    }
                }
            }
        }

        return result;
    }

    public static float[] ToNhwc(float[] nchw, int[] s)
    {
        var result = new float[nchw.Length];
        for (var n = 0; n < s[0]; n++)
        {
            for (var y = 0; y < s[1]; y++)
            {
                for (var x = 0; x < s[2]; x++)
                {
                    for (var c = 0; c < s[3]; c++)
                    {
                        result[(((n * s[1]) + y) * s[2] + x) * s[3] + c] = nchw[(((n * s[3]) + c) * s[1] + y) * s[2] + x];
                    }
                }
            }
        }

        return result;
    }
}
