using MicroBackbone.Compiler.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization;

/// <summary>One stage of <see cref="DeployRsdBlock"/>s, run in order (registered as <c>blocks.0</c>, <c>blocks.1</c>, ...).</summary>
public sealed class DeployRsdStage : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly ModuleList<DeployRsdBlock> blocks;

    /// <summary>Builds the blocks <paramref name="shapes"/> describe.</summary>
    public DeployRsdStage(IEnumerable<BlockShape> shapes, int seGroups)
        : base(nameof(DeployRsdStage))
    {
        blocks = nn.ModuleList(shapes.Select(shape => new DeployRsdBlock(shape, seGroups)).ToArray());
        RegisterComponents();
    }

    /// <summary>The blocks; the first carries the stage's stride.</summary>
    public ModuleList<DeployRsdBlock> Blocks => blocks;

    /// <summary>Runs every block in order.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (DeployRsdBlock block in Blocks)
        {
            x = block.forward(x);
        }
        return x;
    }
}
