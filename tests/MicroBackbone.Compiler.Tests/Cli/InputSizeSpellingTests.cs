namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// <c>--input-size</c> as the original project spelled it (issue 13): <c>S</c>, <c>H W</c> or <c>C H W</c>, on
/// <c>info</c> (which resolves a model from the flags exactly as compile, export, quantize and the others do).
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class InputSizeSpellingTests
{
    [Theory]
    [InlineData("edge_nano: input 1x48x48,", "48")]
    [InlineData("edge_nano: input 1x64x64,", "64", "64")]
    [InlineData("edge_nano: input 3x64x64,", "3", "64", "64")]
    [InlineData("edge_nano: input 3x32x32,", "3", "32", "32", "--input-channels", "3")]
    public void Every_spelling_sets_the_input(string expected, params string[] size)
    {
        (int exit, string output, string error) = CliRunner.Run(["info", "--arch", "edge_nano", "--input-size", .. size]);
        Assert.True(exit == 0, error);
        Assert.StartsWith(expected, output.TrimStart());
    }

    [Theory]
    [InlineData("error: --input-size: height 64 and width 32 differ; expected a square input (one size, or H W with H = W)", "64", "32")]
    [InlineData("error: --input-size: 3 channels, but --input-channels says 1; expected the same count (or give one of them)", "3", "32", "32", "--input-channels", "1")]
    public void Contradictions_are_one_error_line(string expected, params string[] size)
    {
        (int exit, string output, string error) = CliRunner.Run(["info", "--input-size", .. size]);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(expected, error.TrimEnd('\n'));
    }
}
