using MicroBackbone.Compiler.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization;

/// <summary>
/// The inference (deploy) form of <see cref="MicroSignEdge"/>, produced by <see cref="Reparameterizer"/>: no
/// BatchNorm and one depthwise conv per block. Stem: 3x3 conv with bias + ReLU; stages of
/// <see cref="DeployRsdBlock"/>; head: 1x1 conv with bias + ReLU, global average pool; linear classifier.
/// State-dict names: <c>stem.weight</c>, <c>stem.bias</c>, <c>stages.{i}.blocks.{j}.*</c>, <c>head.weight</c>,
/// <c>head.bias</c>, <c>classifier.weight</c>, <c>classifier.bias</c>; saved with checkpoint variant
/// <c>deploy</c>.
/// </summary>
public sealed class DeployMicroSignEdge : nn.Module<Tensor, Tensor>
{
    /// <summary>The checkpoint metadata variant of this form.</summary>
    public const string CheckpointVariant = "deploy";

    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly Conv2d stem;
    private readonly ModuleList<BlockStage<DeployRsdBlock>> stages;
    private readonly Conv2d head;
    private readonly Linear classifier;

    /// <summary>Builds the deploy network <paramref name="architecture"/> describes with fresh weights (load them in).</summary>
    public DeployMicroSignEdge(EdgeArchitecture architecture)
        : base(nameof(DeployMicroSignEdge))
    {
        Architecture = architecture;
        stem = nn.Conv2d(architecture.InputChannels, architecture.StemChannels, 3, stride: architecture.StemStride,
            padding: 1, bias: true);
        IReadOnlyList<BlockShape> blocks = architecture.BlockShapes();
        stages = nn.ModuleList(Enumerable.Range(0, architecture.Stages.Count)
            .Select(s => new BlockStage<DeployRsdBlock>(blocks.Where(b => b.Stage == s).Select(b => new DeployRsdBlock(b, architecture.SeGroups))))
            .ToArray());
        head = nn.Conv2d(architecture.FinalChannels, architecture.HeadChannels, 1, bias: true);
        classifier = nn.Linear(architecture.HeadChannels, architecture.NumClasses);
        RegisterComponents();
    }

    /// <summary>The widths and input this network was built for.</summary>
    public EdgeArchitecture Architecture { get; }

    /// <summary>The 3x3 stem conv with bias, followed by ReLU (<c>stem</c>).</summary>
    public Conv2d Stem => stem;

    /// <summary>The stages (<c>stages.0</c>, <c>stages.1</c>, ...).</summary>
    public ModuleList<BlockStage<DeployRsdBlock>> Stages => stages;

    /// <summary>The 1x1 head conv with bias, followed by ReLU (<c>head</c>).</summary>
    public Conv2d Head => head;

    /// <summary>The linear classifier after global average pooling (<c>classifier</c>).</summary>
    public Linear Classifier => classifier;

    /// <summary>Maps an NCHW image batch to logits of shape [N, num_classes].</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = nn.functional.relu(Stem.forward(input));
        foreach (BlockStage<DeployRsdBlock> stage in Stages)
        {
            x = stage.forward(x);
        }
        x = nn.functional.relu(Head.forward(x));
        Tensor pooled = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return Classifier.forward(pooled);
    }
}
