using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.CSharpEmitter;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// Runs one imported graph on every case of a golden file through each back end and returns, per case, the raw bytes
/// of every output one after the other, so they compare byte for byte with TFLite Micro's. Any number of inputs and
/// outputs, each in the type the file declares: the C and C# run through their declared-type entry points
/// (<c>mb_model_invoke_declared</c>, <c>InvokeDeclared</c>: the float ones where every edge is float32, the int8 ones
/// where every edge is int8, their own quantize/dequantize per edge where the file mixes float32 and int8).
/// Like the TFLite Micro runner, every case starts from the reset state: the interpreter is reset before each case,
/// the C program calls <c>mb_model_reset()</c> before each case and the C# adapter makes a new model instance per case.
/// </summary>
internal static class OracleBackEnds
{
    /// <summary>C compiler flags: the host build (SIMD kernels) and the microcontroller build (scalar kernels).</summary>
    public static readonly string[] CFlagSets =
    [
        "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all",
        "-O1 -DMB_SCALAR_CORE=1 -DMB_FIXED_SHAPES=1 -fsanitize=address,undefined -fno-sanitize-recover=all",
    ];

    /// <summary>Every output of one case, one after the other (what the back ends return per case).</summary>
    public static byte[] Joined(IEnumerable<byte[]> outputs) => outputs.SelectMany(o => o).ToArray();

    public static byte[][] Interpreter(IrGraph graph, TflmGolden golden)
    {
        var interpreter = new Int8Interpreter(graph);
        return golden.Cases.Select(c =>
        {
            interpreter.Reset();
            var inputs = c.Inputs.Select((raw, i) => golden.Inputs[i].Type == "float32"
                ? (Array)MemoryMarshal.Cast<byte, float>(raw).ToArray()
                : MemoryMarshal.Cast<byte, sbyte>(raw).ToArray()).ToArray();
            return Joined(interpreter.RunDeclared(inputs).Select(o => o is float[] f
                ? MemoryMarshal.AsBytes(f.AsSpan()).ToArray()
                : MemoryMarshal.AsBytes(((sbyte[])o).AsSpan()).ToArray()));
        }).ToArray();
    }

    /// <summary>Compiles the generated C library with a small driver per flag set and runs every case in one process,
    /// resetting the model before each (the arena keeps the previous case's bytes, which a kernel must not read).</summary>
    public static byte[][] C(IrGraph graph, TflmGolden golden, string flags)
    {
        var floats = FloatEdges(golden);
        var dir = CToolchain.TempDir("oracle");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "oracle_main.c"), Driver(floats, golden.Inputs.Count, golden.Outputs.Count));
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o oracle oracle_main.c model.c", dir);
            // One process runs every case (ASan start-up per case was most of this test's time).
            var files = new List<string>();
            for (var c = 0; c < golden.Cases.Count; c++)
            {
                for (var i = 0; i < golden.Cases[c].Inputs.Length; i++)
                {
                    files.Add($"case{c}_input{i}.bin");
                    File.WriteAllBytes(Path.Combine(dir, files[^1]), golden.Cases[c].Inputs[i]);
                }
            }

            var lines = CToolchain.Check(Path.Combine(dir, "oracle"), string.Join(' ', files), dir)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(golden.Cases.Count, lines.Length);
            var results = lines.Select(line => Convert.FromHexString(line.Trim())).ToList();
            return results.ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Emits the C# class, compiles it with Roslyn beside a small adapter that calls its declared-type entry
    /// point (one span per input and output), loads it and runs every case.</summary>
    public static byte[][] CSharp(IrGraph graph, TflmGolden golden)
    {
        var floats = FloatEdges(golden);
        var source = CSharpModelEmitter.Emit(graph, "Oracle", "OracleModel");
        var run = Load(source, Adapter(floats, golden)).GetType("Oracle.OracleAdapter")!.GetMethod("Run")!;
        return golden.Cases.Select(c => Joined((byte[][])run.Invoke(null, [c.Inputs])!)).ToArray();
    }

    // Per edge, inputs then outputs: true where the file declares float32, false where int8.
    private static bool[] FloatEdges(TflmGolden golden)
    {
        var types = golden.Inputs.Concat(golden.Outputs).Select(t => t.Type).ToList();
        if (types.Any(t => t is not ("int8" or "float32")))
        {
            throw new NotSupportedException($"the C and C# oracle runs take int8 and float32 edges, not {string.Join(", ", types)}");
        }

        return types.Select(t => t == "float32").ToArray();
    }

    // For each case (its input files, one per input, one case after another on the command line): resets the model,
    // runs it once and prints the bytes of every output in hex, one line per case.
    private static string Driver(bool[] floats, int inputs, int outputs)
    {
        string Type(int edge) => floats[edge] ? "float" : "int8_t";
        const string invoke = "mb_model_invoke_declared";
        var single = inputs == 1 && outputs == 1;
        string In(int i) => single ? "input" : "input" + i;
        string Out(int i) => single ? "output" : "output" + i;
        string Size(string role, int i) => single ? $"MB_{role}_SIZE" : $"MB_{role}{i}_SIZE";
        var sb = new StringBuilder();
        sb.Append("#include \"model.h\"\n#include <stdio.h>\n\n");
        for (var i = 0; i < inputs; i++)
        {
            sb.Append($"static {Type(i)} {In(i)}[{Size("INPUT", i)}];\n");
        }

        for (var i = 0; i < outputs; i++)
        {
            sb.Append($"static {Type(inputs + i)} {Out(i)}[{Size("OUTPUT", i)}];\n");
        }

        sb.Append("\nstatic int load(const char *path, void *buffer, size_t size)\n{\n    FILE *f = fopen(path, \"rb\");\n    size_t got;\n")
            .Append("    if (f == NULL) {\n        return 1;\n    }\n    got = fread(buffer, 1, size, f);\n    fclose(f);\n    return got != size;\n}\n\n")
            .Append("static void hex(const void *buffer, size_t size)\n{\n    const unsigned char *bytes = (const unsigned char *)buffer;\n    size_t i;\n")
            .Append("    for (i = 0; i < size; ++i) {\n        printf(\"%02x\", bytes[i]);\n    }\n}\n\n");
        sb.Append($"int main(int argc, char **argv)\n{{\n    int a;\n    if (argc < 2 || (argc - 1) % {inputs} != 0) {{\n        return 2;\n    }}\n");
        sb.Append($"    for (a = 1; a < argc; a += {inputs}) {{\n        mb_model_reset();\n");
        for (var i = 0; i < inputs; i++)
        {
            sb.Append($"        if (load(argv[a + {i}], {In(i)}, sizeof {In(i)}) != 0) {{\n            return 3;\n        }}\n");
        }

        var args = string.Join(", ", Enumerable.Range(0, inputs).Select(In).Concat(Enumerable.Range(0, outputs).Select(Out)));
        sb.Append($"        if ({invoke}({args}) != 0) {{\n            return 4;\n        }}\n");
        for (var i = 0; i < outputs; i++)
        {
            sb.Append($"        hex({Out(i)}, sizeof {Out(i)});\n");
        }

        sb.Append("        printf(\"\\n\");\n    }\n    return 0;\n}\n");
        return sb.ToString();
    }

    // Oracle.OracleAdapter.Run(byte[][] inputs) -> byte[][] outputs: calls the model's InvokeDeclared with one span
    // per input and output (spans cannot go through reflection).
    private static string Adapter(bool[] floats, TflmGolden golden)
    {
        string Type(int edge) => floats[edge] ? "float" : "sbyte";
        const string invoke = "InvokeDeclared";
        var inputs = golden.Inputs.Count;
        var sb = new StringBuilder("namespace Oracle;\n\npublic static class OracleAdapter\n{\n    public static byte[][] Run(byte[][] inputs)\n    {\n");
        for (var i = 0; i < golden.Outputs.Count; i++)
        {
            var length = golden.Outputs[i].Shape.Aggregate(1, (p, d) => p * d);
            sb.Append($"        var output{i} = new {Type(inputs + i)}[{length}];\n");
        }

        var args = Enumerable.Range(0, golden.Inputs.Count).Select(i => $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<byte, {Type(i)}>(inputs[{i}])")
            .Concat(Enumerable.Range(0, golden.Outputs.Count).Select(i => $"output{i}"));
        sb.Append($"        new OracleModel().{invoke}({string.Join(", ", args)});\n");
        var results = Enumerable.Range(0, golden.Outputs.Count).Select(i => $"global::System.Runtime.InteropServices.MemoryMarshal.AsBytes<{Type(inputs + i)}>(output{i}).ToArray()");
        sb.Append($"        return new[] {{ {string.Join(", ", results)} }};\n    }}\n}}\n");
        return sb.ToString();
    }

    internal static Assembly Load(params string[] sources)
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == runtimeDir)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(MicroBackbone.Runtime.Conv2D).Assembly.Location))
            .ToImmutableArray();
        var compilation = CSharpCompilation.Create(
            "OracleModel",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("oracle-model", isCollectible: true).LoadFromStream(stream);
    }
}
