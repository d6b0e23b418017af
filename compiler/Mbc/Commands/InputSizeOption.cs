using System.CommandLine;
using MicroBackbone.Ir;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// <c>--input-size</c> in every spelling the original Python project took: <c>S</c> (height and width),
/// <c>H W</c> or <c>C H W</c>. Models take square inputs, so H and W must agree; C, where given, is the input channel
/// count and must agree with <c>--input-channels</c>.
/// </summary>
internal sealed class InputSizeOption
{
    /// <summary>The option itself: one to three integers.</summary>
    public Option<int[]?> Option { get; } = new("--input-size")
    {
        Description = "Input size in pixels: S (height = width), H W, or C H W (C: input channels).",
        Arity = new ArgumentArity(1, 3),
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary>The side in pixels and the channels the option names (null where it says nothing).</summary>
    public (int? Size, int? Channels) Read(ParseResult parse, int? inputChannels)
    {
        int[]? values = parse.GetValue(Option);
        if (values is null || values.Length == 0)
        {
            return (null, inputChannels);
        }

        (int? channels, int height, int width) = values.Length switch
        {
            1 => ((int?)null, values[0], values[0]),
            2 => (null, values[0], values[1]),
            _ => (values[0], values[1], values[2]),
        };
        if (height != width)
        {
            throw new MicroBackboneException($"--input-size: height {height} and width {width} differ; expected a square input (one size, or H W with H = W)");
        }

        if (channels is int c && inputChannels is int flag && c != flag)
        {
            throw new MicroBackboneException($"--input-size: {c} channels, but --input-channels says {flag}; expected the same count (or give one of them)");
        }

        return (height, channels ?? inputChannels);
    }
}
