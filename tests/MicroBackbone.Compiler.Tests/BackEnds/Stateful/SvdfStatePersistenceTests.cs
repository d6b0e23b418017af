using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;
using MicroBackbone.CSharpEmitter;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.Stateful;

/// <summary>
/// SVDF state persists between calls and a reset restores the start: several consecutive calls without a reset give
/// the same outputs in the int8 interpreter, the generated C (mb_model_invoke / mb_model_reset; SIMD and scalar
/// builds under ASan + UBSan) and the generated C# (Invoke / Reset); the outputs depend on the earlier calls; and after
/// a reset the first input gives the first output again. (The TFLite Micro oracle resets before every case, so it
/// checks single calls only.)
/// </summary>
public class SvdfStatePersistenceTests
{
    private const int Calls = 7;

    public static TheoryData<int> Batches() => new(1, 2);

    [Theory]
    [MemberData(nameof(Batches))]
    public void Interpreter_state_carries_over_and_reset_restores_the_first_output(int batch)
    {
        var graph = SvdfTestGraphs.TwoLayers(batch);
        var interpreter = new Int8Interpreter(graph);
        Assert.True(interpreter.HasState);
        var same = SvdfTestGraphs.Inputs(graph, 1)[0];
        var outputs = Enumerable.Range(0, Calls).Select(_ => interpreter.Run(same)).ToArray();
        // The same input gives different outputs while the memory fills: the calls are not independent.
        Assert.True(outputs.Skip(1).Any(o => !o.SequenceEqual(outputs[0])), "SVDF outputs did not depend on earlier calls");
        interpreter.Reset();
        Assert.Equal(outputs[0], interpreter.Run(same));
        Assert.Equal(outputs[1], interpreter.Run(same));
    }

    [Theory]
    [MemberData(nameof(Batches))]
    public void Generated_C_and_CSharp_agree_with_the_interpreter_over_consecutive_calls_and_reset(int batch)
    {
        var graph = SvdfTestGraphs.TwoLayers(batch);
        var inputs = SvdfTestGraphs.Inputs(graph, Calls);
        var expected = Reference(graph, inputs);
        foreach (var flags in OracleBackEnds.CFlagSets)
        {
            Assert.Equal(expected, C(graph, inputs, flags));
        }

        Assert.Equal(expected, CSharp(graph, inputs));
    }

    [Fact]
    public void Stateless_models_have_no_state_and_a_reset_that_does_nothing()
    {
        var b = new IrGraphBuilder("plain");
        var x = b.Input("x", [1, 4], IrDataType.Int8, QuantParams.PerTensor(0.1f, 0));
        var graph = b.Output(b.Unary(IrOpKind.Relu, x)).Build();
        Assert.False(new Int8Interpreter(graph).HasState);
        var source = CSharpModelEmitter.Emit(graph, "Plain", "PlainModel");
        Assert.DoesNotContain("StateLength", source);
        var dir = CToolchain.TempDir("stateless");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            var header = File.ReadAllText(Path.Combine(dir, "model.h"));
            Assert.Contains("#define MB_STATE_BYTES 0", header);
            Assert.Contains("void mb_model_reset(void);", header);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Every input in turn without a reset, then reset and the first two inputs again.
    private static string[] Reference(IrGraph graph, sbyte[][] inputs)
    {
        var interpreter = new Int8Interpreter(graph);
        var lines = inputs.Select(i => Hex(interpreter.Run(i))).ToList();
        interpreter.Reset();
        lines.Add(Hex(interpreter.Run(inputs[0])));
        lines.Add(Hex(interpreter.Run(inputs[1])));
        return lines.ToArray();
    }

    private static string[] C(IrGraph graph, sbyte[][] inputs, string flags)
    {
        var dir = CToolchain.TempDir("svdf-state");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "state_main.c"), Driver(inputs.Length));
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o state state_main.c model.c", dir);
            File.WriteAllBytes(Path.Combine(dir, "inputs.bin"), inputs.SelectMany(i => i.Select(v => (byte)v)).ToArray());
            return CToolchain.Check(Path.Combine(dir, "state"), "inputs.bin", dir).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string[] CSharp(IrGraph graph, sbyte[][] inputs)
    {
        var type = OracleBackEnds.Load(CSharpModelEmitter.Emit(graph, "Stateful", "SvdfModel")).GetType("Stateful.SvdfModel")!;
        var model = Activator.CreateInstance(type)!;
        var invoke = type.GetMethod("Invoke", [typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>)])!.CreateDelegate<Int8Run>(model);
        var reset = type.GetMethod("Reset")!.CreateDelegate<Action>(model);
        var outputLength = (int)graph.Tensor(graph.Outputs[0]).ElementCount;
        string Run(sbyte[] input)
        {
            var output = new sbyte[outputLength];
            invoke(input, output);
            return Hex(output);
        }

        var lines = inputs.Select(Run).ToList();
        reset();
        lines.Add(Run(inputs[0]));
        lines.Add(Run(inputs[1]));
        return lines.ToArray();
    }

    private delegate void Int8Run(ReadOnlySpan<sbyte> input, Span<sbyte> output);

    private static string Hex(sbyte[] values) => Convert.ToHexString(values.Select(v => (byte)v).ToArray()).ToLowerInvariant();

    private static string Driver(int calls)
    {
        var sb = new StringBuilder();
        sb.Append("#include \"model.h\"\n#include <stdio.h>\n\n");
        sb.Append($"static int8_t inputs[{calls}][MB_INPUT_SIZE];\nstatic int8_t output[MB_OUTPUT_SIZE];\n\n");
        sb.Append("static int step(const int8_t *input)\n{\n    size_t i;\n    if (mb_model_invoke(input, output) != 0) {\n        return 4;\n    }\n");
        sb.Append("    for (i = 0; i < sizeof output; ++i) {\n        printf(\"%02x\", (unsigned char)output[i]);\n    }\n    printf(\"\\n\");\n    return 0;\n}\n\n");
        sb.Append("int main(int argc, char **argv)\n{\n    FILE *f;\n    int c;\n");
        sb.Append("    if (argc != 2 || (f = fopen(argv[1], \"rb\")) == NULL) {\n        return 2;\n    }\n");
        sb.Append("    if (fread(inputs, 1, sizeof inputs, f) != sizeof inputs) {\n        fclose(f);\n        return 3;\n    }\n    fclose(f);\n");
        sb.Append($"    for (c = 0; c < {calls}; ++c) {{\n        if (step(inputs[c]) != 0) {{\n            return 4;\n        }}\n    }}\n");
        sb.Append("    mb_model_reset();\n    return step(inputs[0]) || step(inputs[1]);\n}\n");
        return sb.ToString();
    }
}
