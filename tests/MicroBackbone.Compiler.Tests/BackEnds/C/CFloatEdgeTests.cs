using System.Globalization;
using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// mb_model_invoke_float quantizes, runs and dequantizes exactly like the reference Quantize and Dequantize kernels
/// around the int8 graph (float outputs compared bit for bit).
/// </summary>
public class CFloatEdgeTests
{
    [Fact]
    public void Float_entry_point_matches_reference_quantize_run_dequantize()
    {
        var graph = CTestModels.Wide();
        var dir = CToolchain.TempDir("float");
        try
        {
            var summary = CBackEnd.Emit(graph, CTarget.C, dir);
            var rng = new Random(17);
            var input = Enumerable.Range(0, (int)summary.InputBytes).Select(_ => (float)((rng.NextDouble() * 8) - 4)).ToArray();
            var harness = new StringBuilder("#include \"model.h\"\n#include <stdio.h>\n#include <string.h>\n");
            harness.Append("static const float input[MB_INPUT_SIZE] = {\n")
                .Append(string.Join(",\n", input.Select(CLiterals.Float))).Append("\n};\n");
            harness.Append("int main(void)\n{\n    static float out[MB_OUTPUT_SIZE];\n    int i;\n")
                .Append("    if (mb_model_invoke_float(input, out) != 0) {\n        return 1;\n    }\n")
                .Append("    for (i = 0; i < MB_OUTPUT_SIZE; ++i) {\n        uint32_t bits;\n        memcpy(&bits, &out[i], sizeof bits);\n")
                .Append("        printf(\"%lu\\n\", (unsigned long)bits);\n    }\n    return 0;\n}\n");
            File.WriteAllText(Path.Combine(dir, "float_main.c"), harness.ToString());
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o float_model float_main.c model.c", dir);
            var stdout = CToolchain.Check(Path.Combine(dir, "float_model"), string.Empty, dir);
            var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(v => uint.Parse(v, CultureInfo.InvariantCulture)).ToArray();

            var quantize = graph.Operators.First(o => o.Kind == IrOpKind.Quantize);
            var dequantize = graph.Operators.Last(o => o.Kind == IrOpKind.Dequantize);
            var q8 = new sbyte[input.Length];
            Quantize.Eval(Params(graph.Tensor(quantize.Outputs[0])), input, q8);
            var out8 = Int8GraphEvaluator.Run(graph, q8);
            var expected = new float[out8.Length];
            Dequantize.Eval(Params(graph.Tensor(dequantize.Inputs[0])), out8, expected);
            Assert.Equal(expected.Select(f => BitConverter.SingleToUInt32Bits(f)).ToArray(), actual);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static QuantizationParams Params(IrTensor t) => new(t.Quant!.Scales[0], t.Quant.ZeroPoints[0]);
}
