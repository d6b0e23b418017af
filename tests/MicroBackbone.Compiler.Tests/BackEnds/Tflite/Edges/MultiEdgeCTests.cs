using MicroBackbone.Cli.Commands;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Edges;

/// <summary>
/// The generated C API and host <c>main.c</c> of a model with two inputs and two outputs (the entry points themselves
/// are compared with TFLite Micro by the oracle cases): one pointer and one <c>MB_INPUTk_*</c> block per edge, one
/// file per input, every output printed as <c>mbc run</c> prints it, TFLite Micro's bytes.
/// </summary>
public class MultiEdgeCTests
{
    [Fact]
    public void Host_main_takes_one_file_per_input_and_prints_every_output()
    {
        var graph = MultiEdgeTests.Import("edges_two_in_two_out_int8");
        var golden = MultiEdgeTests.Golden("edges_two_in_two_out_int8");
        var dir = CToolchain.TempDir("edges-main");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            var header = File.ReadAllText(Path.Combine(dir, "model.h"));
            Assert.Contains("int mb_model_invoke(const int8_t *input0, const int8_t *input1, int8_t *output0, int8_t *output1);", header);
            Assert.Contains("#define MB_OUTPUT1_SIZE 45", header);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o model main.c model.c", dir);
            var exe = Path.Combine(dir, "model");
            foreach (var gc in golden.Cases.Take(5))
            {
                File.WriteAllBytes(Path.Combine(dir, "in0.bin"), gc.Inputs[0]);
                File.WriteAllBytes(Path.Combine(dir, "in1.bin"), gc.Inputs[1]);
                var expected = ModelOutputText.Format(gc.Outputs.Select(o => (Array)o.Select(v => (sbyte)v).ToArray()).ToList(), []);
                Assert.Equal(expected, CToolchain.Check(exe, "in0.bin in1.bin", dir));
            }

            var (code, _, err) = CToolchain.Run(exe, "in0.bin", dir);
            Assert.Equal(2, code);
            Assert.Contains("usage:", err);
            File.WriteAllBytes(Path.Combine(dir, "short.bin"), new byte[44]);
            (code, _, err) = CToolchain.Run(exe, "in0.bin short.bin", dir);
            Assert.Equal(1, code);
            Assert.Contains("error: input file 'short.bin' has 44 bytes, the model needs exactly 45", err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Float_text_of_mbc_run_is_what_c_printf_prints()
    {
        float[] values = [0f, -0f, 1e-5f, -2.5f, 0.0078125f, 123456789f, 1234567890f, 3.4e38f, 1.17549435e-38f, 0.1f, -1f / 3];
        var dir = CToolchain.TempDir("printf");
        try
        {
            var bits = string.Join(", ", values.Select(v => BitConverter.SingleToUInt32Bits(v) + "u"));
            File.WriteAllText(Path.Combine(dir, "p.c"), "#include <stdio.h>\n#include <string.h>\n#include <stdint.h>\n"
                + $"static const uint32_t bits[] = {{ {bits} }};\n"
                + "int main(void)\n{\n    size_t i;\n    for (i = 0; i < sizeof bits / sizeof bits[0]; ++i) {\n        float f;\n"
                + "        memcpy(&f, &bits[i], sizeof f);\n        printf(\"%.9g\\n\", f);\n    }\n    return 0;\n}\n");
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -o p p.c", dir);
            Assert.Equal(string.Concat(values.Select(v => ModelOutputText.Float(v) + "\n")), CToolchain.Check(Path.Combine(dir, "p"), string.Empty, dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
