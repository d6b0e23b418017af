using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Reparam Shift Depthwise block: [1x1 expansion conv + BN + ReLU when expansion &gt; 1] -> <see cref="ShiftMix"/>
/// -> (depthwise 3x3 conv (stride s, pad 1) + BN) + (identity BatchNorm, stride 1 only) -> ReLU ->
/// <see cref="GroupedSqueezeExcite"/> -> 1x1 projection conv + BN -> + input when stride 1 and channels match.
/// The depthwise branches stay separate so the reparameterizer can fold both BatchNorms and the identity into one
/// depthwise 3x3 with bias. State-dict names: <c>expand.conv.weight</c>, <c>expand.bn.*</c>, <c>dw.weight</c>,
/// <c>dw_bn.*</c>, <c>id_bn.*</c>, <c>se.reduce.*</c>, <c>se.expand.*</c>, <c>project.conv.weight</c>,
/// <c>project.bn.*</c>.
/// </summary>
public sealed class RsdBlock : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly ConvBn? expand;
    private readonly ShiftMix shift;
    private readonly Conv2d dw;
    private readonly BatchNorm2d dw_bn;
    private readonly BatchNorm2d? id_bn;
    private readonly GroupedSqueezeExcite se;
    private readonly ConvBn project;

    /// <summary>Builds the block <paramref name="shape"/> describes, with squeeze-excite in <paramref name="seGroups"/> groups.</summary>
    public RsdBlock(BlockShape shape, int seGroups)
        : base(nameof(RsdBlock))
    {
        Shape = shape;
        int hidden = shape.HiddenChannels;
        expand = shape.HasExpansion ? new ConvBn(shape.InChannels, hidden, kernel: 1, stride: 1, relu: true) : null;
        shift = new ShiftMix(hidden);
        dw = nn.Conv2d(hidden, hidden, 3, stride: shape.Stride, padding: 1, groups: hidden, bias: false);
        dw_bn = nn.BatchNorm2d(hidden);
        id_bn = shape.HasIdentityBranch ? nn.BatchNorm2d(hidden) : null;
        se = new GroupedSqueezeExcite(hidden, shape.SeChannels, seGroups);
        project = new ConvBn(hidden, shape.OutChannels, kernel: 1, stride: 1, relu: false);
        // Absent (null) branches are skipped, so they leave no state-dict entries.
        RegisterComponents();
    }

    /// <summary>Channels, stride and sizes of the block.</summary>
    public BlockShape Shape { get; }

    /// <summary>The 1x1 expansion conv with BN and ReLU (<c>expand</c>); null when the expansion is 1.</summary>
    public ConvBn? Expand => expand;

    /// <summary>The channel-group shift (<c>shift</c>, no parameters).</summary>
    public ShiftMix Shift => shift;

    /// <summary>The depthwise 3x3 conv without bias (<c>dw</c>).</summary>
    public Conv2d Depthwise => dw;

    /// <summary>The BatchNorm of the depthwise branch (<c>dw_bn</c>).</summary>
    public BatchNorm2d DepthwiseBn => dw_bn;

    /// <summary>The BatchNorm-only identity branch (<c>id_bn</c>); null when the stride is 2.</summary>
    public BatchNorm2d? IdentityBn => id_bn;

    /// <summary>The grouped squeeze-excite (<c>se</c>).</summary>
    public GroupedSqueezeExcite SqueezeExcite => se;

    /// <summary>The 1x1 projection conv with BN, no ReLU (<c>project</c>).</summary>
    public ConvBn Project => project;

    /// <summary>Runs the block on an NCHW tensor.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor hidden = Expand != null ? Expand.forward(input) : input;
        Tensor shifted = Shift.forward(hidden);
        Tensor mixed = DepthwiseBn.forward(Depthwise.forward(shifted));
        if (IdentityBn != null)
        {
            mixed = mixed + IdentityBn.forward(shifted);
        }
        Tensor excited = SqueezeExcite.forward(nn.functional.relu(mixed));
        Tensor projected = Project.forward(excited);
        return Shape.HasResidual ? projected + input : projected;
    }
}
