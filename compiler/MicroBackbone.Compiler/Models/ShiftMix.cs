using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Parameter-free, zero-FLOP spatial mixing: moves groups of channels by one pixel so the following depthwise conv
/// sees a wider neighbourhood at no cost. With group size <c>g = channels / 8</c> (integer division; when g is 0
/// nothing moves):
/// <list type="bullet">
/// <item>channels [0, g) move up: <c>out[y, x] = in[y + 1, x]</c>, the bottom row becomes 0;</item>
/// <item>channels [g, 2g) move left: <c>out[y, x] = in[y, x + 1]</c>, the rightmost column becomes 0;</item>
/// <item>channels [2g, 3g) move down: <c>out[y, x] = in[y - 1, x]</c>, the top row becomes 0;</item>
/// <item>channels [3g, 4g) move right: <c>out[y, x] = in[y, x - 1]</c>, the leftmost column becomes 0;</item>
/// <item>channels [4g, channels) pass unchanged.</item>
/// </list>
/// Implemented with slicing and zero padding (no convolution), so it is exact in float and in int8.
/// <see cref="Offsets"/> gives the same rule per channel for back ends.
/// </summary>
public sealed class ShiftMix : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the shift for <paramref name="channels"/> input (and output) channels.</summary>
    public ShiftMix(int channels)
        : base(nameof(ShiftMix))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        Channels = channels;
    }

    /// <summary>Channels the module expects.</summary>
    public int Channels { get; }

    /// <summary>Channels in each of the four moving groups (<c>channels / 8</c>).</summary>
    public int GroupSize => GroupSizeFor(Channels);

    /// <summary>The source offset of every channel, index = channel.</summary>
    public IReadOnlyList<ShiftOffset> ChannelOffsets => Offsets(Channels);

    /// <summary>Group size of a shift over <paramref name="channels"/> channels.</summary>
    public static int GroupSizeFor(int channels) => channels / 8;

    /// <summary>
    /// The per-channel source offsets of a shift over <paramref name="channels"/> channels:
    /// <c>out[c, y, x] = in[c, y + Dy, x + Dx]</c> (0 outside the image).
    /// </summary>
    public static IReadOnlyList<ShiftOffset> Offsets(int channels)
    {
        int g = GroupSizeFor(channels);
        ShiftOffset[] groupOffsets = [new(1, 0), new(0, 1), new(-1, 0), new(0, -1)];
        var offsets = new ShiftOffset[channels];
        for (int c = 0; c < channels; c++)
        {
            offsets[c] = g > 0 && c < 4 * g ? groupOffsets[c / g] : new ShiftOffset(0, 0);
        }
        return offsets;
    }

    /// <summary>Shifts an NCHW tensor with <see cref="Channels"/> channels.</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != Channels)
        {
            throw new ArgumentException(
                $"ShiftMix expects an NCHW tensor with {Channels} channels, got [{string.Join(", ", input.shape)}]");
        }
        long g = GroupSize;
        if (g == 0)
        {
            return input.alias();
        }
        long height = input.shape[2];
        long width = input.shape[3];
        Tensor up = Move(input.narrow(1, 0, g), dim: 2, start: 1, length: height - 1, pad: [0, 0, 0, 1]);
        Tensor left = Move(input.narrow(1, g, g), dim: 3, start: 1, length: width - 1, pad: [0, 1, 0, 0]);
        Tensor down = Move(input.narrow(1, 2 * g, g), dim: 2, start: 0, length: height - 1, pad: [0, 0, 1, 0]);
        Tensor right = Move(input.narrow(1, 3 * g, g), dim: 3, start: 0, length: width - 1, pad: [1, 0, 0, 0]);
        Tensor rest = input.narrow(1, 4 * g, Channels - 4 * g);
        return cat([up, left, down, right, rest], 1);
    }

    // Keeps `length` rows/columns starting at `start` and zero-pads the one that fell off (pad: left, right, top, bottom).
    private static Tensor Move(Tensor group, int dim, long start, long length, long[] pad)
    {
        if (length == 0)
        {
            // A 1-pixel-high (or -wide) map moves entirely out of the image.
            return zeros_like(group);
        }
        return nn.functional.pad(group.narrow(dim, start, length), pad, PaddingModes.Constant, 0);
    }
}
