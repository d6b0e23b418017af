using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// The MicroSign-Edge classifier: stem (3x3 conv + BN + ReLU) -> stages of <see cref="RsdBlock"/>s -> head (1x1
/// conv + BN + ReLU, global average pool, flatten) -> linear classifier. Activations are ReLU and the squeeze-excite
/// gate is hard-sigmoid: both are clamps, exact in int8 without lookup tables. State-dict names: <c>stem.*</c>,
/// <c>stages.{i}.blocks.{j}.*</c>, <c>head.*</c>, <c>classifier.weight</c>, <c>classifier.bias</c>.
/// </summary>
public sealed class MicroSignEdge : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly ConvBn stem;
    private readonly ModuleList<BlockStage<RsdBlock>> stages;
    private readonly ConvBn head;
    private readonly Linear classifier;

    /// <summary>Builds the network <paramref name="architecture"/> describes, with freshly initialized weights.</summary>
    public MicroSignEdge(EdgeArchitecture architecture)
        : base(nameof(MicroSignEdge))
    {
        Architecture = architecture;
        stem = new ConvBn(architecture.InputChannels, architecture.StemChannels, kernel: 3,
            stride: architecture.StemStride, relu: true);
        IReadOnlyList<BlockShape> blocks = architecture.BlockShapes();
        stages = nn.ModuleList(Enumerable.Range(0, architecture.Stages.Count)
            .Select(s => new BlockStage<RsdBlock>(blocks.Where(b => b.Stage == s).Select(b => new RsdBlock(b, architecture.SeGroups))))
            .ToArray());
        head = new ConvBn(architecture.FinalChannels, architecture.HeadChannels, kernel: 1, stride: 1, relu: true);
        classifier = nn.Linear(architecture.HeadChannels, architecture.NumClasses);
        RegisterComponents();
    }

    /// <summary>The widths and input this network was built for.</summary>
    public EdgeArchitecture Architecture { get; }

    /// <summary>The 3x3 stem conv with BN and ReLU (<c>stem</c>).</summary>
    public ConvBn Stem => stem;

    /// <summary>The stages (<c>stages.0</c>, <c>stages.1</c>, ...).</summary>
    public ModuleList<BlockStage<RsdBlock>> Stages => stages;

    /// <summary>The 1x1 head conv with BN and ReLU (<c>head</c>).</summary>
    public ConvBn Head => head;

    /// <summary>The linear classifier after global average pooling (<c>classifier</c>).</summary>
    public Linear Classifier => classifier;

    /// <summary>Maps an NCHW image batch to logits of shape [N, num_classes].</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = Stem.forward(input);
        foreach (BlockStage<RsdBlock> stage in Stages)
        {
            x = stage.forward(x);
        }
        x = Head.forward(x);
        Tensor pooled = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return Classifier.forward(pooled);
    }
}
