using MicroBackbone.Compiler.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization;

/// <summary>
/// The inference form of an <see cref="RsdBlock"/> after <see cref="Reparameterizer"/>: [1x1 expansion conv with bias
/// + ReLU] -> <see cref="ShiftMix"/> -> one depthwise 3x3 conv with bias (both BatchNorms and the identity branch
/// folded in) -> ReLU -> <see cref="GroupedSqueezeExcite"/> -> 1x1 projection conv with bias -> + input when the
/// block has a residual. State-dict names: <c>expand.weight</c>, <c>expand.bias</c>, <c>dw.weight</c>,
/// <c>dw.bias</c>, <c>se.reduce.*</c>, <c>se.expand.*</c>, <c>project.weight</c>, <c>project.bias</c>.
/// </summary>
public sealed class DeployRsdBlock : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly Conv2d? expand;
    private readonly ShiftMix shift;
    private readonly Conv2d dw;
    private readonly GroupedSqueezeExcite se;
    private readonly Conv2d project;

    /// <summary>Builds the block <paramref name="shape"/> describes with fresh weights (load or copy them in).</summary>
    public DeployRsdBlock(BlockShape shape, int seGroups)
        : base(nameof(DeployRsdBlock))
    {
        Shape = shape;
        int hidden = shape.HiddenChannels;
        expand = shape.HasExpansion ? nn.Conv2d(shape.InChannels, hidden, 1, bias: true) : null;
        shift = new ShiftMix(hidden);
        dw = nn.Conv2d(hidden, hidden, 3, stride: shape.Stride, padding: 1, groups: hidden, bias: true);
        se = new GroupedSqueezeExcite(hidden, shape.SeChannels, seGroups);
        project = nn.Conv2d(hidden, shape.OutChannels, 1, bias: true);
        RegisterComponents();
    }

    /// <summary>Channels, stride and sizes of the block.</summary>
    public BlockShape Shape { get; }

    /// <summary>The 1x1 expansion conv with bias, followed by ReLU (<c>expand</c>); null when the expansion is 1.</summary>
    public Conv2d? Expand => expand;

    /// <summary>The channel-group shift (<c>shift</c>, no parameters).</summary>
    public ShiftMix Shift => shift;

    /// <summary>The merged depthwise 3x3 conv with bias, followed by ReLU (<c>dw</c>).</summary>
    public Conv2d Depthwise => dw;

    /// <summary>The grouped squeeze-excite (<c>se</c>), unchanged by reparameterization.</summary>
    public GroupedSqueezeExcite SqueezeExcite => se;

    /// <summary>The 1x1 projection conv with bias, no activation (<c>project</c>).</summary>
    public Conv2d Project => project;

    /// <summary>Runs the block on an NCHW tensor.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor hidden = Expand != null ? nn.functional.relu(Expand.forward(input)) : input;
        Tensor mixed = nn.functional.relu(Depthwise.forward(Shift.forward(hidden)));
        Tensor projected = Project.forward(SqueezeExcite.forward(mixed));
        return Shape.HasResidual ? projected + input : projected;
    }
}
