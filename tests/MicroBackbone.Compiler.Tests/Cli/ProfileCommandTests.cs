namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// <c>mbc profile</c> on the shipped edge_nano prints its per-layer table with an exact total, and <c>mbc compile</c>
/// reports the code size the cross compiler measures.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class ProfileCommandTests
{
    private static readonly string ShippedModel = Path.Combine(RepoPaths.Root, "samples", "models", "edge_nano_fashion_mnist_int8.pth");

    private static void RequireTools()
    {
        foreach (var tool in MicroBackbone.Compiler.Profiling.ProfileTarget.Esp32C3.Tools)
        {
            MicroBackbone.Tests.Shared.DebianPackages.Require(tool.Provides);
        }
    }

    [Fact]
    public void Profile_of_the_shipped_model_prints_a_layer_table_and_an_exact_total()
    {
        RequireTools();

        (int exit, string output, string error) = CliRunner.Run("profile", ShippedModel, "--target", "esp32c3", "--clock-mhz", "160");

        Assert.True(exit == 0, error);
        Assert.Contains("stages.0.blocks.0.expand", output);
        Assert.Contains("classifier", output);
        Assert.Contains("total (exact)", output);
        Assert.Contains("ms @ 160 MHz", output);
        Assert.Contains("4,059,648", output);
        Assert.Contains("equal to the int8 reference interpreter", output);
        Assert.Contains("instructions retired, not cycles", output);
    }

    [Fact]
    public void Profile_refuses_an_unknown_target_with_one_error_line()
    {
        (int exit, _, string error) = CliRunner.Run("profile", ShippedModel, "--target", "esp8266-not-yet");

        Assert.NotEqual(0, exit);
        Assert.Contains("esp32c3", error);
    }

    [Fact]
    public void Compile_reports_the_code_the_cross_compiler_measures()
    {
        RequireTools();
        string dir = Directory.CreateTempSubdirectory("mbc-code-size-").FullName;
        try
        {
            (int exit, string output, string error) = CliRunner.Run("compile", ShippedModel, "--target", "c", "--output-dir", dir);

            Assert.True(exit == 0, error);
            Assert.Contains("code (rv32imc -O2 .text of model.o)", output);
            Assert.Contains("flash (weights + code)", output);
            Assert.DoesNotContain("flash estimate", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
