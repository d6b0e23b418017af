using MicroBackbone.Compiler.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Models;

public class ShiftMixTests
{
    private const int Height = 4;
    private const int Width = 5;

    [Fact]
    public void EachGroupMovesExactlyOnePixelWithZeroFill()
    {
        const int channels = 20; // g = 2: groups [0,2) up, [2,4) left, [4,6) down, [6,8) right, [8,20) unchanged
        using var shift = new ShiftMix(channels);
        using var scope = torch.NewDisposeScope();
        // Every value distinct and non-zero, so a wrong source pixel or a missing zero cannot go unnoticed.
        Tensor input = arange(1, 1 + channels * Height * Width, dtype: ScalarType.Float32)
            .reshape(1, channels, Height, Width);

        float[] output = shift.forward(input).data<float>().ToArray();

        Assert.Equal(2, shift.GroupSize);
        for (int c = 0; c < channels; c++)
        {
            (int dy, int dx) = c switch
            {
                < 2 => (1, 0),
                < 4 => (0, 1),
                < 6 => (-1, 0),
                < 8 => (0, -1),
                _ => (0, 0),
            };
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    int sy = y + dy;
                    int sx = x + dx;
                    float expected = sy is >= 0 and < Height && sx is >= 0 and < Width
                        ? 1 + (c * Height + sy) * Width + sx
                        : 0f;
                    Assert.Equal(expected, output[(c * Height + y) * Width + x]);
                }
            }
        }
    }

    [Fact]
    public void TheOffsetTableDescribesTheSameMoves()
    {
        IReadOnlyList<ShiftOffset> offsets = ShiftMix.Offsets(20);

        Assert.Equal(20, offsets.Count);
        Assert.Equal(new ShiftOffset(1, 0), offsets[0]);
        Assert.Equal(new ShiftOffset(1, 0), offsets[1]);
        Assert.Equal(new ShiftOffset(0, 1), offsets[2]);
        Assert.Equal(new ShiftOffset(-1, 0), offsets[5]);
        Assert.Equal(new ShiftOffset(0, -1), offsets[7]);
        Assert.All(offsets.Skip(8), o => Assert.True(o.IsIdentity));
    }

    [Fact]
    public void FewerThanEightChannelsPassUnchanged()
    {
        using var shift = new ShiftMix(7);
        using var scope = torch.NewDisposeScope();
        Tensor input = randn(2, 7, 3, 3);

        Tensor output = shift.forward(input);

        Assert.Equal(input.data<float>().ToArray(), output.data<float>().ToArray());
        Assert.All(ShiftMix.Offsets(7), o => Assert.True(o.IsIdentity));
    }

    [Fact]
    public void OnAOnePixelMapTheMovingGroupsBecomeZero()
    {
        using var shift = new ShiftMix(8);
        using var scope = torch.NewDisposeScope();
        Tensor input = ones(1, 8, 1, 1);

        float[] output = shift.forward(input).data<float>().ToArray();

        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, 1, 1 }, output);
    }

    [Fact]
    public void ItHasNoParametersOrBuffersAndPassesGradients()
    {
        using var shift = new ShiftMix(16);
        using var scope = torch.NewDisposeScope();
        Tensor input = randn(1, 16, 3, 3, requires_grad: true);

        shift.forward(input).sum().backward();

        Assert.Empty(shift.parameters());
        Assert.Empty(shift.state_dict());
        Assert.NotNull(input.grad);
    }
}
