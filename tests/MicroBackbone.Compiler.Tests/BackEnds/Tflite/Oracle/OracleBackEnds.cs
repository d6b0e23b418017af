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
/// Runs one imported graph on every case of a golden file through each back end and returns the raw output bytes,
/// so they compare byte for byte with TFLite Micro's. A model whose declared input and output are float32 runs
/// through the float entry points (quantize, int8 graph, dequantize); int8 ones through the int8 entry points.
/// </summary>
internal static class OracleBackEnds
{
    /// <summary>C compiler flags: the host build (SIMD kernels) and the microcontroller build (scalar kernels).</summary>
    public static readonly string[] CFlagSets =
    [
        "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all",
        "-O1 -DMB_SCALAR_CORE=1 -DMB_FIXED_SHAPES=1 -fsanitize=address,undefined -fno-sanitize-recover=all",
    ];

    public static byte[][] Interpreter(IrGraph graph, TflmGolden golden)
    {
        RequireSingleInputAndOutput(golden);
        var interpreter = new Int8Interpreter(graph);
        return golden.Cases.Select(c => IsFloat(golden)
            ? MemoryMarshal.AsBytes(interpreter.RunFloat(MemoryMarshal.Cast<byte, float>(c.Inputs[0])).AsSpan()).ToArray()
            : MemoryMarshal.AsBytes(interpreter.Run(MemoryMarshal.Cast<byte, sbyte>(c.Inputs[0])).AsSpan()).ToArray()).ToArray();
    }

    /// <summary>Compiles the generated C library with a small driver per flag set and runs every case.</summary>
    public static byte[][] C(IrGraph graph, TflmGolden golden, string flags)
    {
        RequireSingleInputAndOutput(golden);
        var dir = CToolchain.TempDir("oracle");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "oracle_main.c"), Driver(IsFloat(golden)));
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o oracle oracle_main.c model.c", dir);
            var results = new List<byte[]>();
            foreach (var c in golden.Cases)
            {
                var input = Path.Combine(dir, "input.bin");
                File.WriteAllBytes(input, c.Inputs[0]);
                var stdout = CToolchain.Check(Path.Combine(dir, "oracle"), "input.bin", dir);
                results.Add(Convert.FromHexString(stdout.Trim()));
            }

            return results.ToArray();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Emits the C# class, compiles it with Roslyn, loads it and runs every case.</summary>
    public static byte[][] CSharp(IrGraph graph, TflmGolden golden)
    {
        RequireSingleInputAndOutput(golden);
        var source = CSharpModelEmitter.Emit(graph, "Oracle", "OracleModel");
        var type = Load(source).GetType("Oracle.OracleModel")!;
        var model = Activator.CreateInstance(type)!;
        var outputBytes = golden.Cases[0].Outputs[0].Length;
        if (IsFloat(golden))
        {
            var run = type.GetMethod("InvokeFloat", [typeof(ReadOnlySpan<float>), typeof(Span<float>)])!.CreateDelegate<FloatRun>(model);
            return golden.Cases.Select(c =>
            {
                var output = new float[outputBytes / 4];
                run(MemoryMarshal.Cast<byte, float>(c.Inputs[0]), output);
                return MemoryMarshal.AsBytes(output.AsSpan()).ToArray();
            }).ToArray();
        }

        var invoke = type.GetMethod("Invoke", [typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>)])!.CreateDelegate<Int8Run>(model);
        return golden.Cases.Select(c =>
        {
            var output = new sbyte[outputBytes];
            invoke(MemoryMarshal.Cast<byte, sbyte>(c.Inputs[0]), output);
            return MemoryMarshal.AsBytes(output.AsSpan()).ToArray();
        }).ToArray();
    }

    private delegate void Int8Run(ReadOnlySpan<sbyte> input, Span<sbyte> output);

    private delegate void FloatRun(ReadOnlySpan<float> input, Span<float> output);

    private static bool IsFloat(TflmGolden golden) => golden.Inputs[0].Type == "float32";

    private static void RequireSingleInputAndOutput(TflmGolden golden)
    {
        if (golden.Inputs.Count != 1 || golden.Outputs.Count != 1)
        {
            throw new NotSupportedException($"the oracle harness runs one input and one output; this case has {golden.Inputs.Count} and {golden.Outputs.Count}");
        }

        if (golden.Inputs[0].Type != golden.Outputs[0].Type || golden.Inputs[0].Type is not ("int8" or "float32"))
        {
            throw new NotSupportedException($"the oracle harness runs int8 -> int8 or float32 -> float32 models, not {golden.Inputs[0].Type} -> {golden.Outputs[0].Type}");
        }
    }

    // Reads the input file, runs the model once, prints the output bytes in hex (one line).
    private static string Driver(bool isFloat)
    {
        var type = isFloat ? "float" : "int8_t";
        var invoke = isFloat ? "mb_model_invoke_float" : "mb_model_invoke";
        var sb = new StringBuilder();
        sb.Append("#include \"model.h\"\n#include <stdio.h>\n\n");
        sb.Append($"static {type} input[MB_INPUT_SIZE];\nstatic {type} output[MB_OUTPUT_SIZE];\n\n");
        sb.Append("int main(int argc, char **argv)\n{\n    FILE *f;\n    size_t i;\n    const unsigned char *bytes = (const unsigned char *)output;\n");
        sb.Append("    if (argc != 2 || (f = fopen(argv[1], \"rb\")) == NULL) {\n        return 2;\n    }\n");
        sb.Append("    if (fread(input, 1, sizeof input, f) != sizeof input) {\n        fclose(f);\n        return 3;\n    }\n    fclose(f);\n");
        sb.Append($"    if ({invoke}(input, output) != 0) {{\n        return 4;\n    }}\n");
        sb.Append("    for (i = 0; i < sizeof output; ++i) {\n        printf(\"%02x\", bytes[i]);\n    }\n    printf(\"\\n\");\n    return 0;\n}\n");
        return sb.ToString();
    }

    private static Assembly Load(string source)
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
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("oracle-model", isCollectible: true).LoadFromStream(stream);
    }
}
