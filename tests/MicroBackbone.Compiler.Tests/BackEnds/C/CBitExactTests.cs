using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Compiles the generated C with gcc (strict warnings, ASan + UBSan) and requires the program's int8 outputs to be
/// bit-identical to the C# int8 reference kernels on several random inputs.
/// </summary>
public class CBitExactTests
{
    [Theory]
    [InlineData("tiny", "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("wide", "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("wide", "-O2 -DMB_GENERIC_KERNELS")]
    [InlineData("tiny", "-O1 -DMB_SCALAR_CORE=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("wide", "-O1 -DMB_SCALAR_CORE=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("wide", "-O2 -DMB_SCALAR_CORE=1 -DMB_HAVE_MULH=0")]
    [InlineData("tiny", "-O1 -DMB_SCALAR_CORE=1 -DMB_FIXED_SHAPES=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("wide", "-O1 -DMB_SCALAR_CORE=1 -DMB_FIXED_SHAPES=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("wide", "-Os -DMB_SCALAR_CORE=1")]
    [InlineData("depthwise", "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("depthwise", "-O1 -DMB_SCALAR_CORE=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    public void Generated_program_matches_the_int8_reference(string model, string flags)
    {
        var graph = model switch
        {
            "tiny" => CTestModels.Tiny(),
            "depthwise" => CTestModels.DepthwiseShapes(),
            _ => CTestModels.Wide(),
        };
        var dir = CToolchain.TempDir(model);
        try
        {
            var summary = CBackEnd.Emit(graph, CTarget.C, dir);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o model main.c model.c", dir);
            for (var seed = 1; seed <= 4; seed++)
            {
                var input = CTestModels.RandomInput(summary.InputBytes, seed);
                var path = Path.Combine(dir, $"input{seed}.bin");
                File.WriteAllBytes(path, input.Select(v => unchecked((byte)v)).ToArray());
                var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
                Assert.True(code == 0, $"model exited {code}: {stderr}");
                var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var actual = lines.Take((int)summary.OutputBytes).Select(int.Parse).ToArray();
                var expected = Int8GraphEvaluator.Run(graph, input).Select(v => (int)v).ToArray();
                Assert.Equal(expected, actual);
                var top = Array.IndexOf(expected, expected.Max());
                Assert.StartsWith($"top_class {top}", lines[(int)summary.OutputBytes]);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Host_program_rejects_an_input_file_of_the_wrong_size()
    {
        var dir = CToolchain.TempDir("size");
        try
        {
            var summary = CBackEnd.Emit(CTestModels.Tiny(), CTarget.C, dir);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O1 -o model main.c model.c", dir);
            foreach (var size in new[] { summary.InputBytes - 1, summary.InputBytes + 1, 0 })
            {
                var path = Path.Combine(dir, "bad.bin");
                File.WriteAllBytes(path, new byte[size]);
                var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
                Assert.Equal(1, code);
                Assert.Empty(stdout);
                Assert.Contains($"the model needs exactly {summary.InputBytes}", stderr);
            }

            var missing = CToolchain.Run(Path.Combine(dir, "model"), Path.Combine(dir, "missing.bin"), dir);
            Assert.Equal(1, missing.Code);
            Assert.Contains("cannot open input file", missing.Err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
