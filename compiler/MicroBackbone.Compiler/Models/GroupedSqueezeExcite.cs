using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Channel attention: global average pool, grouped 1x1 reduce conv (with bias), ReLU, grouped 1x1 expand conv (with
/// bias), hard-sigmoid gate (<c>clamp(x + 3, 0, 6) / 6</c>, a clamp in int8, no lookup table), multiply the input.
/// Grouping the 1x1 convs divides their weights and MACs by the group count. State-dict names:
/// <c>reduce.weight</c>, <c>reduce.bias</c>, <c>expand.weight</c>, <c>expand.bias</c>.
/// </summary>
public sealed class GroupedSqueezeExcite : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly Conv2d reduce;
    private readonly Conv2d expand;

    /// <summary>Creates the block for <paramref name="channels"/> channels squeezed to <paramref name="squeezeChannels"/>.</summary>
    /// <exception cref="ArgumentException">A channel count is not divisible by <paramref name="groups"/>.</exception>
    public GroupedSqueezeExcite(int channels, int squeezeChannels, int groups)
        : base(nameof(GroupedSqueezeExcite))
    {
        if (groups < 1 || channels % groups != 0 || squeezeChannels % groups != 0)
        {
            throw new ArgumentException(
                $"squeeze-excite: {channels} and {squeezeChannels} channels must both divide into {groups} groups");
        }
        Channels = channels;
        SqueezeChannels = squeezeChannels;
        Groups = groups;
        reduce = nn.Conv2d(channels, squeezeChannels, 1, groups: groups, bias: true);
        expand = nn.Conv2d(squeezeChannels, channels, 1, groups: groups, bias: true);
        RegisterComponents();
    }

    /// <summary>Channels of the input and output.</summary>
    public int Channels { get; }

    /// <summary>Channels between the reduce and expand convs.</summary>
    public int SqueezeChannels { get; }

    /// <summary>Groups of both 1x1 convs.</summary>
    public int Groups { get; }

    /// <summary>The grouped 1x1 reduce conv (registered as <c>reduce</c>).</summary>
    public Conv2d Reduce => reduce;

    /// <summary>The grouped 1x1 expand conv (registered as <c>expand</c>).</summary>
    public Conv2d Expand => expand;

    /// <summary>Scales every channel of <paramref name="input"/> by its gate in [0, 1].</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor pooled = nn.functional.adaptive_avg_pool2d(input, 1);
        Tensor squeezed = nn.functional.relu(Reduce.forward(pooled));
        Tensor gate = nn.functional.hardsigmoid(Expand.forward(squeezed));
        return input * gate;
    }
}
