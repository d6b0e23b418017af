using System.Globalization;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// TFLite Micro as the oracle for the <see cref="ConvolutionVariantModels"/>: each case's <c>.tflite</c> (written by our
/// writer, checked in under <c>ConvolutionVariants/</c>) beside the <c>.golden.txt</c> TFLite Micro's reference
/// kernels produced for 20 seeded inputs (the oracle runner lives outside the repo). The int8 interpreter and the
/// generated C (host gcc) must give its output bytes exactly.
/// </summary>
public class ConvolutionVariantOracleTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "MicroBackbone.Compiler.Tests", "BackEnds", "Tflite", "ConvolutionVariants");

    public static TheoryData<string> Cases() => ConvolutionVariantTests.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_file_is_what_the_builder_writes(string name)
    {
        // MB_WRITE_CASES=1 rewrites the files (then regenerate the goldens with the oracle runner).
        var bytes = TfliteWriter.Write(ConvolutionVariantModels.Case(name));
        var path = Path.Combine(Folder, name + ".tflite");
        if (Environment.GetEnvironmentVariable("MB_WRITE_CASES") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(path, bytes);
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Interpreter_and_generated_c_give_tflite_micros_bytes(string name)
    {
        var golden = Golden.Read(Path.Combine(Folder, name + ".golden.txt"));
        Assert.Equal(20, golden.Count);
        var graph = TfliteImporter.Import(File.ReadAllBytes(Path.Combine(Folder, name + ".tflite")), name + ".tflite");
        var dir = CToolchain.TempDir("convoracle");
        try
        {
            CBackEnd.Emit(graph, CTarget.C, dir);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O2 -o model main.c model.c", dir);
            foreach (var (index, input, expected) in golden)
            {
                var interpreted = Int8GraphEvaluator.Run(graph, input.Select(b => unchecked((sbyte)b)).ToArray());
                Assert.True(expected.SequenceEqual(interpreted.Select(v => unchecked((byte)v))), $"{name} case {index}: interpreter differs from TFLite Micro");
                var path = Path.Combine(dir, "input.bin");
                File.WriteAllBytes(path, input);
                var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
                Assert.True(code == 0, stderr);
                var c = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(expected.Length).Select(s => unchecked((byte)int.Parse(s, CultureInfo.InvariantCulture)));
                Assert.True(expected.SequenceEqual(c), $"{name} case {index}: generated C differs from TFLite Micro");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The one-input, one-output cases of a golden file: (case, input bytes, output bytes).</summary>
    private static class Golden
    {
        public static List<(int Case, byte[] Input, byte[] Output)> Read(string path)
        {
            var cases = new List<(int, byte[], byte[])>();
            int current = -1;
            byte[]? input = null;
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                switch (parts.FirstOrDefault())
                {
                    case "case":
                        current = int.Parse(parts[1], CultureInfo.InvariantCulture);
                        break;
                    case "in" when parts[1] == "0":
                        input = Convert.FromHexString(parts[2]);
                        break;
                    case "out" when parts[1] == "0":
                        cases.Add((current, input ?? throw new InvalidDataException($"{path}: 'out' before 'in' in case {current}"), Convert.FromHexString(parts[2])));
                        input = null;
                        break;
                }
            }

            return cases;
        }
    }
}
