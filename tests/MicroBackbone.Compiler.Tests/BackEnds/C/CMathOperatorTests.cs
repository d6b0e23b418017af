using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Sub, Maximum, Minimum, Prelu, LeakyRelu, Tanh and the resizes through the generated C (gcc, strict warnings,
/// sanitizers; SIMD-host and scalar-core kernel forms): every output byte equals the int8 interpreter's.
/// </summary>
public class CMathOperatorTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in MathOperatorGraphs.Names)
        {
            data.Add(name, "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all");
            data.Add(name, "-O2 -DMB_SCALAR_CORE=1 -DMB_HAVE_MULH=0");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_program_matches_the_int8_reference(string model, string flags)
    {
        var graph = MathOperatorGraphs.Build(model);
        var dir = CToolchain.TempDir(model);
        try
        {
            var summary = CBackEnd.Emit(graph, CTarget.C, dir);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o model main.c model.c", dir);
            for (var seed = 1; seed <= 6; seed++)
            {
                var input = MathOperatorGraphs.Random(seed, summary.InputBytes);
                var path = Path.Combine(dir, $"input{seed}.bin");
                File.WriteAllBytes(path, input.Select(v => unchecked((byte)v)).ToArray());
                var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
                Assert.True(code == 0, $"model exited {code}: {stderr}");
                var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take((int)summary.OutputBytes).Select(int.Parse).ToArray();
                var expected = Int8GraphEvaluator.Run(graph, input).Select(v => (int)v).ToArray();
                Assert.Equal(expected, actual);
                Assert.True(expected.Distinct().Count() >= 12, $"the output of '{model}' is too uniform to prove anything: {string.Join(" ", expected.Distinct())}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
