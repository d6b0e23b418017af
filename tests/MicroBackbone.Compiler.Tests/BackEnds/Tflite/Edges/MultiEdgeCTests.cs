using System.Text;
using MicroBackbone.Cli.Commands;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Edges;

/// <summary>
/// The generated C (host gcc, ASan/UBSan) of the <see cref="MultiEdgeModels"/> against TFLite Micro's golden bytes:
/// <c>mb_model_invoke</c> with one pointer per input and output for the int8 model, <c>mb_model_invoke_float</c> for
/// the float-edged ones (float outputs compared bit for bit), and the host <c>main.c</c> with one file per input.
/// </summary>
public class MultiEdgeCTests
{
    [Theory]
    [InlineData("two_in_two_out_int8", false)]
    [InlineData("float_edges_fc", true)]
    [InlineData("two_in_two_out_float", true)]
    public void Generated_c_entry_point_matches_tflite_micro(string name, bool useFloat)
    {
        var graph = MultiEdgeTests.Import(name);
        var golden = MultiEdgeTests.Golden(name);
        var inputs = graph.Inputs.Select(graph.Tensor).ToList();
        var outputs = graph.Outputs.Select(graph.Tensor).ToList();
        Assert.All(inputs.Concat(outputs), t => Assert.Equal(useFloat ? IrDataType.Float32 : IrDataType.Int8, t.DataType));
        var dir = CToolchain.TempDir("edges");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            var single = inputs.Count == 1 && outputs.Count == 1;
            string Name(string role, int i) => single ? role : role + i;
            var type = useFloat ? "float" : "int8_t";
            var c = new StringBuilder("#include \"model.h\"\n#include <stdio.h>\n#include <string.h>\n\n");
            c.Append("static void hex(int k, const void *p, size_t n)\n{\n    const unsigned char *b = (const unsigned char *)p;\n    size_t i;\n")
                .Append("    printf(\"out %d \", k);\n    for (i = 0; i < n; ++i) {\n        printf(\"%02x\", b[i]);\n    }\n    printf(\"\\n\");\n}\n\n");
            c.Append("int main(void)\n{\n");
            for (var k = 0; k < outputs.Count; k++)
            {
                c.Append($"    static {type} {Name("output", k)}[{outputs[k].ElementCount}];\n");
            }

            foreach (var gc in golden.Cases)
            {
                c.Append("    {\n");
                for (var k = 0; k < inputs.Count; k++)
                {
                    // The golden's raw bytes, copied into a typed array so float inputs keep their exact bits.
                    c.Append($"        static const unsigned char raw{k}[{gc.Inputs[k].Length}] = {{ {string.Join(", ", gc.Inputs[k])} }};\n")
                        .Append($"        static {type} {Name("input", k)}[{inputs[k].ElementCount}];\n")
                        .Append($"        memcpy({Name("input", k)}, raw{k}, sizeof raw{k});\n");
                }

                var args = string.Join(", ", Enumerable.Range(0, inputs.Count).Select(k => Name("input", k)).Concat(Enumerable.Range(0, outputs.Count).Select(k => Name("output", k))));
                c.Append($"        if ({(useFloat ? "mb_model_invoke_float" : "mb_model_invoke")}({args}) != 0) {{\n            return 1;\n        }}\n");
                c.Append($"        printf(\"case {gc.Index}\\n\");\n");
                for (var k = 0; k < outputs.Count; k++)
                {
                    c.Append($"        hex({k}, {Name("output", k)}, sizeof {Name("output", k)});\n");
                }

                c.Append("    }\n");
            }

            c.Append("    return 0;\n}\n");
            File.WriteAllText(Path.Combine(dir, "edges_main.c"), c.ToString());
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -o edges edges_main.c model.c", dir);
            var stdout = CToolchain.Check(Path.Combine(dir, "edges"), string.Empty, dir);
            var expected = new StringBuilder();
            foreach (var gc in golden.Cases)
            {
                expected.Append($"case {gc.Index}\n");
                for (var k = 0; k < gc.Outputs.Count; k++)
                {
                    expected.Append($"out {k} {Convert.ToHexString(gc.Outputs[k]).ToLowerInvariant()}\n");
                }
            }

            Assert.Equal(expected.ToString(), stdout);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Host_main_takes_one_file_per_input_and_prints_every_output()
    {
        var graph = MultiEdgeTests.Import("two_in_two_out_int8");
        var golden = MultiEdgeTests.Golden("two_in_two_out_int8");
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
}
