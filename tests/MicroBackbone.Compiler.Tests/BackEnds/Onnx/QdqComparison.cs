using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

/// <summary>
/// Runs an int8 graph through the int8 reference interpreter and its QDQ export through ONNX Runtime on the same int8
/// input, and compares the int8 outputs. ONNX Runtime gets the input as the float values the int8 codes stand for, which
/// its QuantizeLinear maps back to the same codes, so only the operators' arithmetic can differ; its float output is
/// turned back into int8 codes with the output's scale and zero point (exact: it is (q - zp) * s).
/// </summary>
internal static class QdqComparison
{
    /// <summary>The largest |ONNX Runtime - interpreter| in int8 steps over all outputs of all <paramref name="inputs"/>.</summary>
    public static int MaxStepDifference(IrGraph int8Graph, IEnumerable<sbyte[]> inputs)
    {
        var interpreter = new Int8Interpreter(int8Graph);
        var model = OnnxQdqExporter.Export(int8Graph);
        var max = 0;
        foreach (var q in inputs)
        {
            var expected = interpreter.Run(q);
            var actual = RunOnnx(model, int8Graph, interpreter, q);
            for (var i = 0; i < expected.Length; i++)
            {
                max = Math.Max(max, Math.Abs(expected[i] - actual[i]));
            }
        }

        return max;
    }

    /// <summary>ONNX Runtime's int8 output codes for int8 input <paramref name="q"/>.</summary>
    public static sbyte[] RunOnnx(byte[] model, IrGraph int8Graph, Int8Interpreter interpreter, sbyte[] q)
    {
        var real = new float[q.Length];
        MicroBackbone.Ir.Int8.Kernels.Dequantize.Eval(interpreter.InputQuantization, q, real);
        var output = OnnxRuntimeRun.Run(model, int8Graph, new[] { real })[0];
        var outputQuant = interpreter.OutputQuantization;
        return output.Select(outputQuant.Quantize).ToArray();
    }

    /// <summary>Seeded int8 inputs for <paramref name="graph"/>: the float calibration inputs quantized with the input's parameters.</summary>
    public static IEnumerable<sbyte[]> Inputs(IrGraph graph, IReadOnlyList<float[]> floats)
    {
        var quant = new Int8Interpreter(graph).InputQuantization;
        return floats.Select(f => f.Select(quant.Quantize).ToArray());
    }
}
