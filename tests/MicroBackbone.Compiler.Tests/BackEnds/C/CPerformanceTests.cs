using MicroBackbone.Compiler.BackEnds.C;
using Xunit.Abstractions;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Host cost of the generated C: instructions per multiply-accumulate at -O2 on the backbone model, counted with
/// valgrind's callgrind (deterministic, unlike wall time) as the difference between 3 inferences and none.
/// </summary>
public class CPerformanceTests(ITestOutputHelper output)
{
    private const string Driver = """
        #include "model.h"
        #include <stdio.h>
        static int run(int runs)
        {
            static int8_t in[MB_INPUT_SIZE], out[MB_OUTPUT_SIZE];
            int i, r;
            for (i = 0; i < MB_INPUT_SIZE; ++i) {
                in[i] = (int8_t)(i * 37);
            }
            for (r = 0; r < runs; ++r) {
                mb_model_invoke(in, out);
            }
            printf("%d\n", out[0]);
            return 0;
        }
        int main(int argc, char **argv)
        {
            (void)argv;
            return run(argc > 1 ? 3 : 0);
        }
        """;

    [Fact]
    public void Backbone_costs_at_most_2_5_instructions_per_mac_at_O2()
    {
        var dir = CToolchain.TempDir("perf");
        try
        {
            var summary = CBackEnd.Emit(CTestModels.Backbone(), CTarget.C, dir);
            File.WriteAllText(Path.Combine(dir, "bench.c"), Driver.Replace("\r\n", "\n") + "\n");
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O2 -o bench bench.c model.c", dir);
            var idle = Instructions(dir, string.Empty);
            var busy = Instructions(dir, "run");
            var perMac = (busy - idle) / 3.0 / summary.Macs;
            output.WriteLine($"backbone: {summary.Macs} MACs, {(busy - idle) / 3} instructions per inference, {perMac:F2} per MAC");
            Assert.True(perMac <= 2.5, $"{perMac:F2} instructions per MAC");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static long Instructions(string dir, string args)
    {
        var (code, _, stderr) = CToolchain.Run("valgrind", $"--tool=callgrind --callgrind-out-file=/dev/null ./bench {args}".Trim(), dir);
        Assert.True(code == 0, stderr);
        var line = stderr.Split('\n').Single(l => l.Contains("refs:", StringComparison.Ordinal));
        return long.Parse(line.Substring(line.IndexOf("refs:", StringComparison.Ordinal) + 5).Replace(",", string.Empty).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
