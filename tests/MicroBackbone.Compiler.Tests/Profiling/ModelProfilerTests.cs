using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.Profiling;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;
using MicroBackbone.Tests.Shared;
using Xunit.Abstractions;

namespace MicroBackbone.Compiler.Tests.Profiling;

/// <summary>
/// <c>mbc profile</c>'s engine on the rv32imc board (qemu-system-riscv32 under -icount): the target computes what the
/// int8 reference interpreter computes, the per-layer figures add up to about the exact total, and the counter the
/// figures come from counts retired instructions exactly.
/// </summary>
public class ModelProfilerTests(ITestOutputHelper output)
{
    private static readonly ProfileTarget Target = ProfileTarget.Esp32C3;

    private static void RequireTools()
    {
        foreach (ProfileTool tool in Target.Tools)
        {
            DebianPackages.Require(tool.Provides);
        }
    }

    [Theory]
    [InlineData("O2")]
    [InlineData("Os")]
    public void Backbone_on_rv32_computes_the_reference_output_and_its_layers_add_up(string optimization)
    {
        RequireTools();
        IrGraph graph = CTestModels.Backbone();
        IrGraph stripped = EdgeQuantization.Strip(graph);
        sbyte[] input = CTestModels.RandomInput(stripped.Tensor(stripped.Inputs[0]).ElementCount, seed: 4);

        ModelProfile profile = ModelProfiler.Profile(graph, input, new ProfileOptions(Target, optimization));

        Assert.Equal(new Int8Interpreter(stripped).Run(input), profile.Output);
        CBackEnd.Render(graph, CTarget.C, CEmitOptions.Default, out CEmitSummary summary);
        Assert.Equal(summary.Operators, profile.Layers.Count);
        Assert.Equal(summary.Macs, profile.Macs);
        Assert.Equal(Enumerable.Range(0, profile.Layers.Count), profile.Layers.Select(l => l.Index));
        Assert.All(profile.Layers, l => Assert.True(l.Instructions > 0, $"layer {l.Index} {l.Name}: {l.Instructions}"));
        Assert.InRange(profile.MarkInstructions, 2, 64);
        double drift = Math.Abs(profile.LayerInstructions - profile.TotalInstructions) / (double)profile.TotalInstructions;
        output.WriteLine($"-{optimization}: total {profile.TotalInstructions}, layers {profile.LayerInstructions} ({drift:P2} apart), mark {profile.MarkInstructions}, .text {profile.ModelSections.Text}");
        Assert.True(drift < 0.02, $"layers sum to {profile.LayerInstructions}, the total is {profile.TotalInstructions}");
        Assert.True(profile.ModelSections.Text > 0 && profile.ModelSections.Rodata >= summary.WeightBytes, profile.ModelSections.ToString());
        Assert.True(profile.ModelSections.Bss >= summary.ArenaBytes, profile.ModelSections.ToString());
    }

    /// <summary>
    /// The lx106 board (Xtensa, counted by the TCG plugin) runs the Xtensa kernels (two rows widened to int16 against
    /// two weight rows, no high multiply, no divide) to the reference interpreter's bytes.
    /// </summary>
    [Theory]
    [InlineData("backbone")]
    [InlineData("depthwise")]
    [InlineData("one_channel")]
    public void Models_on_lx106_compute_the_reference_output(string model)
    {
        foreach (ProfileTool tool in ProfileTarget.Esp8266.Tools)
        {
            DebianPackages.Require(tool.Provides);
        }

        IrGraph graph = model switch
        {
            "backbone" => CTestModels.Backbone(),
            "one_channel" => CTestModels.OneChannelConvolutions(),
            _ => CTestModels.DepthwiseShapes(),
        };
        IrGraph stripped = EdgeQuantization.Strip(graph);
        sbyte[] input = CTestModels.RandomInput(stripped.Tensor(stripped.Inputs[0]).ElementCount, seed: 6);

        ModelProfile profile = ModelProfiler.Profile(graph, input, new ProfileOptions(ProfileTarget.Esp8266, "O2"));

        Assert.Equal(new Int8Interpreter(stripped).Run(input), profile.Output);
        Assert.All(profile.Layers, l => Assert.True(l.Instructions > 0, $"layer {l.Index} {l.Name}: {l.Instructions}"));
        output.WriteLine($"{model} on lx106 -O2: total {profile.TotalInstructions}, {profile.TotalInstructions / (double)profile.Macs:F2} per MAC");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void Two_cycle_reads_differ_by_one_plus_the_instructions_between_them(int nops)
    {
        RequireTools();
        string dir = Directory.CreateTempSubdirectory("mbc-calibrate-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "platform.h"), CTemplates.Text("profile/platform.h"));
            foreach (string name in new[] { "platform.c", "start.S", "link.ld" })
            {
                File.WriteAllText(Path.Combine(dir, name), CTemplates.Text($"profile/{Target.BoardFolder}/{name}"));
            }

            string between = string.Concat(Enumerable.Repeat("\\n\\tnop", nops));
            File.WriteAllText(Path.Combine(dir, "calibrate.c"), $$"""
                #include "platform.h"
                int main(void)
                {
                    uint32_t a, b, d;
                    char digits[12];
                    int n = 0;
                    __asm__ volatile("rdcycle %0{{between}}\n\trdcycle %1" : "=r"(a), "=r"(b));
                    d = b - a;
                    do {
                        digits[n++] = (char)('0' + d % 10u);
                        d /= 10u;
                    } while (d != 0u);
                    while (n > 0) {
                        mb_platform_putc(digits[--n]);
                    }
                    mb_platform_putc('\n');
                    return 0;
                }
                """);
            var tools = new ProfileToolchain(Target);
            string[] flags = [.. Target.CompileFlags, "-O2", "-I."];
            foreach (string source in new[] { "calibrate.c", "platform.c", "start.S" })
            {
                tools.Run(Target.Compiler, [.. flags, "-c", source, "-o", Path.ChangeExtension(source, ".o")], dir);
            }

            tools.Run(Target.Compiler, [.. Target.LinkFlags, "-T", "link.ld", "calibrate.o", "platform.o", "start.o", "-o", "c.elf", .. Target.LinkLibraries], dir);
            string console = tools.Run(Target.Emulator, [.. Target.EmulatorArguments, "c.elf"], dir);
            Assert.Equal((nops + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), console.Trim());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_tool_is_one_line_naming_its_debian_package()
    {
        var missing = new ProfileTool("riscv32-nowhere-gcc", "gcc-riscv32-nowhere");
        ProfileTarget target = Target with { Compiler = missing.Provides, Tools = [missing, .. Target.Tools] };
        IrGraph graph = CTestModels.Tiny();
        IrGraph stripped = EdgeQuantization.Strip(graph);
        sbyte[] input = new sbyte[stripped.Tensor(stripped.Inputs[0]).ElementCount];

        var e = Assert.Throws<ProfileToolMissingException>(() => ModelProfiler.Profile(graph, input, new ProfileOptions(target)));

        Assert.Equal("riscv32-nowhere-gcc not found: install the Debian package gcc-riscv32-nowhere (apt-get install gcc-riscv32-nowhere)", e.Message);
        Assert.IsAssignableFrom<MicroBackboneException>(e);
    }

    [Fact]
    public void Every_target_tool_is_in_the_ci_package_list_with_the_same_package()
    {
        foreach (ProfileTarget target in ProfileTarget.All)
        {
            foreach (ProfileTool tool in target.Tools)
            {
                Assert.Equal(DebianPackages.PackageOf(tool.Provides), tool.DebianPackage);
            }
        }
    }
}
